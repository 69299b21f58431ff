using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PeiTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class IndicatorFormulas : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "formula",
                table: "indicators",
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                defaultValue: "V");

            migrationBuilder.CreateTable(
                name: "indicator_variables",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    indicator_id = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    source = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    unit = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    sort_order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_indicator_variables", x => x.id);
                    table.ForeignKey(
                        name: "fk_indicator_variables_indicators_indicator_id",
                        column: x => x.indicator_id,
                        principalTable: "indicators",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "value_variables",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    value_id = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    figure = table.Column<decimal>(type: "numeric(18,6)", precision: 18, scale: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_value_variables", x => x.id);
                    table.ForeignKey(
                        name: "fk_value_variables_values_value_id",
                        column: x => x.value_id,
                        principalTable: "indicator_values",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_indicator_variables_indicator_id_code",
                table: "indicator_variables",
                columns: new[] { "indicator_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_value_variables_value_id_code",
                table: "value_variables",
                columns: new[] { "value_id", "code" },
                unique: true);

            // Every indicator starts with a formula (issue 20): a percentage is numerador over denominador, marked
            // inferred (flag 16) for the planning office to review; any other indicator, the value itself.
            migrationBuilder.Sql("""
                UPDATE indicators SET formula = 'A / B × 100', inferred = inferred | 16 WHERE unit = 'Porcentaje';
                INSERT INTO indicator_variables (indicator_id, code, name, sort_order)
                SELECT id, 'A', 'Numerador', 1 FROM indicators WHERE unit = 'Porcentaje'
                UNION ALL SELECT id, 'B', 'Denominador', 2 FROM indicators WHERE unit = 'Porcentaje'
                UNION ALL SELECT id, 'V', 'Valor del indicador', 1 FROM indicators WHERE unit <> 'Porcentaje';
                """);

            // A variable's definition is part of the indicator's sheet: it moves its plan's data version (ADR 0007).
            migrationBuilder.Sql("""
                CREATE TRIGGER indicator_variables_bump_insert AFTER INSERT ON indicator_variables REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pei_bump_plans_by_indicator();
                CREATE TRIGGER indicator_variables_bump_update AFTER UPDATE ON indicator_variables REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pei_bump_plans_by_indicator();
                CREATE TRIGGER indicator_variables_bump_delete AFTER DELETE ON indicator_variables REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pei_bump_plans_by_indicator();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "indicator_variables");

            migrationBuilder.DropTable(
                name: "value_variables");

            migrationBuilder.DropColumn(
                name: "formula",
                table: "indicators");
        }
    }
}
