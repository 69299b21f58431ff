using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PeiTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class PeriodSnapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "period_snapshots",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    plan_id = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    period = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    taken_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    taken_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_period_snapshots", x => x.id);
                    table.ForeignKey(
                        name: "fk_period_snapshots_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "snapshot_figures",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    snapshot_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    code = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    target = table.Column<decimal>(type: "numeric(18,6)", precision: 18, scale: 6, nullable: true),
                    value = table.Column<decimal>(type: "numeric(18,6)", precision: 18, scale: 6, nullable: true),
                    avance = table.Column<decimal>(type: "numeric(18,6)", precision: 18, scale: 6, nullable: true),
                    status = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    coverage = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    comment = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_snapshot_figures", x => x.id);
                    table.ForeignKey(
                        name: "fk_snapshot_figures_period_snapshots_snapshot_id",
                        column: x => x.snapshot_id,
                        principalTable: "period_snapshots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "snapshot_files",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    snapshot_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_snapshot_files", x => x.id);
                    table.ForeignKey(
                        name: "fk_snapshot_files_period_snapshots_snapshot_id",
                        column: x => x.snapshot_id,
                        principalTable: "period_snapshots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_period_snapshots_plan_id_year_period_version",
                table: "period_snapshots",
                columns: new[] { "plan_id", "year", "period", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_snapshot_figures_snapshot_id",
                table: "snapshot_figures",
                column: "snapshot_id");

            migrationBuilder.CreateIndex(
                name: "ix_snapshot_files_snapshot_id",
                table: "snapshot_files",
                column: "snapshot_id");

            // What a closed period reported is kept as it was: the database itself refuses to change or delete it.
            migrationBuilder.Sql(@"
CREATE FUNCTION period_snapshots_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: a reported period is never edited', TG_TABLE_NAME;
END $$;
CREATE TRIGGER period_snapshots_no_update_delete BEFORE UPDATE OR DELETE ON period_snapshots FOR EACH ROW EXECUTE FUNCTION period_snapshots_append_only();
CREATE TRIGGER snapshot_figures_no_update_delete BEFORE UPDATE OR DELETE ON snapshot_figures FOR EACH ROW EXECUTE FUNCTION period_snapshots_append_only();
CREATE TRIGGER snapshot_files_no_update_delete BEFORE UPDATE OR DELETE ON snapshot_files FOR EACH ROW EXECUTE FUNCTION period_snapshots_append_only();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS period_snapshots_no_update_delete ON period_snapshots; DROP TRIGGER IF EXISTS snapshot_figures_no_update_delete ON snapshot_figures; " +
                "DROP TRIGGER IF EXISTS snapshot_files_no_update_delete ON snapshot_files; DROP FUNCTION IF EXISTS period_snapshots_append_only();");

            migrationBuilder.DropTable(
                name: "snapshot_figures");

            migrationBuilder.DropTable(
                name: "snapshot_files");

            migrationBuilder.DropTable(
                name: "period_snapshots");
        }
    }
}
