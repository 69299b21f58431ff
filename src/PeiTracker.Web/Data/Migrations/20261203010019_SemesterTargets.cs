using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PeiTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SemesterTargets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "semester_expectation",
                table: "plans",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "PorAgregacion");

            migrationBuilder.CreateTable(
                name: "semester_targets",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    indicator_id = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    period = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    value = table.Column<decimal>(type: "numeric(18,6)", precision: 18, scale: 6, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_semester_targets", x => x.id);
                    table.CheckConstraint("ck_semester_targets_period", "period IN ('PrimerSemestre', 'SegundoSemestre')");
                    table.CheckConstraint("ck_semester_targets_year", "year BETWEEN 2000 AND 2100");
                    table.ForeignKey(
                        name: "fk_semester_targets_indicators_indicator_id",
                        column: x => x.indicator_id,
                        principalTable: "indicators",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_semester_targets_indicator_id_year_period",
                table: "semester_targets",
                columns: new[] { "indicator_id", "year", "period" },
                unique: true);

            // A semester's logro esperado feeds the computed progress like an annual one (ADR 0007).
            migrationBuilder.Sql("""
                CREATE TRIGGER semester_targets_bump_insert AFTER INSERT ON semester_targets REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pei_bump_plans_by_indicator();
                CREATE TRIGGER semester_targets_bump_update AFTER UPDATE ON semester_targets REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pei_bump_plans_by_indicator();
                CREATE TRIGGER semester_targets_bump_delete AFTER DELETE ON semester_targets REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pei_bump_plans_by_indicator();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "semester_targets");

            migrationBuilder.DropColumn(
                name: "semester_expectation",
                table: "plans");
        }
    }
}
