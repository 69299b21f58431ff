using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PeiTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class UserInstitutions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "institution_id",
                table: "audit_entries",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "institution_id",
                table: "AspNetUsers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Accounts made before institutions were told apart are the ministry's: pliego 008, whose plans the app
            // was built for, or the institution that owns the plans; it is created when users exist and no institution does.
            migrationBuilder.Sql("""
                INSERT INTO institutions (pliego_code, name, sector, government_level)
                SELECT '008', 'Ministerio de Relaciones Exteriores', 'Relaciones Exteriores', 'Nacional'
                WHERE EXISTS (SELECT 1 FROM "AspNetUsers") AND NOT EXISTS (SELECT 1 FROM institutions);

                UPDATE "AspNetUsers" SET institution_id = COALESCE(
                    (SELECT id FROM institutions WHERE pliego_code = '008'),
                    (SELECT institution_id FROM plans ORDER BY id LIMIT 1),
                    (SELECT id FROM institutions ORDER BY id LIMIT 1));
                """);

            // The account rows already in the trail (no plan) get the same institution, so its administrators keep
            // seeing their history. Only the new column is filled: what was recorded does not change, so the
            // append-only trigger is set aside for this one statement, by the owner, inside the migration's transaction.
            migrationBuilder.Sql("""
                ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_update_delete;
                UPDATE audit_entries SET institution_id = COALESCE(
                    (SELECT id FROM institutions WHERE pliego_code = '008'),
                    (SELECT institution_id FROM plans ORDER BY id LIMIT 1),
                    (SELECT id FROM institutions ORDER BY id LIMIT 1))
                WHERE plan_id IS NULL;
                ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_update_delete;
                """);

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_institution_id",
                table: "audit_entries",
                column: "institution_id");

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_users_institution_id",
                table: "AspNetUsers",
                column: "institution_id");

            migrationBuilder.AddForeignKey(
                name: "fk_asp_net_users_institutions_institution_id",
                table: "AspNetUsers",
                column: "institution_id",
                principalTable: "institutions",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_audit_entries_institutions_institution_id",
                table: "audit_entries",
                column: "institution_id",
                principalTable: "institutions",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_asp_net_users_institutions_institution_id",
                table: "AspNetUsers");

            migrationBuilder.DropForeignKey(
                name: "fk_audit_entries_institutions_institution_id",
                table: "audit_entries");

            migrationBuilder.DropIndex(
                name: "ix_audit_entries_institution_id",
                table: "audit_entries");

            migrationBuilder.DropIndex(
                name: "ix_asp_net_users_institution_id",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "institution_id",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "institution_id",
                table: "AspNetUsers");
        }
    }
}
