using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PeiTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReportingPoints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "collected_by_point",
                table: "indicators",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "reporting_points",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    institution_id = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    unit_id = table.Column<int>(type: "integer", nullable: false),
                    continent = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    country = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    department = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    is_active = table.Column<bool>(type: "boolean", nullable: false, defaultValue: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reporting_points", x => x.id);
                    table.ForeignKey(
                        name: "fk_reporting_points_institutions_institution_id",
                        column: x => x.institution_id,
                        principalTable: "institutions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_reporting_points_organizational_units_unit_id",
                        column: x => x.unit_id,
                        principalTable: "organizational_units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "point_submissions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    point_id = table.Column<int>(type: "integer", nullable: false),
                    indicator_id = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    period = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    review_note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    created_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reviewed_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    reviewed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_point_submissions", x => x.id);
                    table.ForeignKey(
                        name: "fk_point_submissions_indicators_indicator_id",
                        column: x => x.indicator_id,
                        principalTable: "indicators",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_point_submissions_reporting_points_point_id",
                        column: x => x.point_id,
                        principalTable: "reporting_points",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "user_reporting_points",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "text", nullable: false),
                    point_id = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_reporting_points", x => new { x.user_id, x.point_id });
                    table.ForeignKey(
                        name: "fk_user_reporting_points_reporting_points_point_id",
                        column: x => x.point_id,
                        principalTable: "reporting_points",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_user_reporting_points_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "point_submission_figures",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    submission_id = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    figure = table.Column<decimal>(type: "numeric(18,6)", precision: 18, scale: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_point_submission_figures", x => x.id);
                    table.ForeignKey(
                        name: "fk_point_submission_figures_point_submissions_submission_id",
                        column: x => x.submission_id,
                        principalTable: "point_submissions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_point_submission_figures_submission_id_code",
                table: "point_submission_figures",
                columns: new[] { "submission_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_point_submissions_indicator_id_year_period_point_id",
                table: "point_submissions",
                columns: new[] { "indicator_id", "year", "period", "point_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_point_submissions_point_id",
                table: "point_submissions",
                column: "point_id");

            migrationBuilder.CreateIndex(
                name: "ix_reporting_points_institution_id_code",
                table: "reporting_points",
                columns: new[] { "institution_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reporting_points_unit_id",
                table: "reporting_points",
                column: "unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_user_reporting_points_point_id",
                table: "user_reporting_points",
                column: "point_id");

            // A point's figures feed the indicator's breakdown and (once accepted) its value: they move the plan's
            // data version (ADR 0007). A figure row is written only with its submission row (the writer touches it),
            // so the submission's triggers cover the figures. A point's name or region moves its institution's plans.
            migrationBuilder.Sql("""
                CREATE TRIGGER point_submissions_bump_insert AFTER INSERT ON point_submissions REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pei_bump_plans_by_indicator();
                CREATE TRIGGER point_submissions_bump_update AFTER UPDATE ON point_submissions REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pei_bump_plans_by_indicator();
                CREATE TRIGGER point_submissions_bump_delete AFTER DELETE ON point_submissions REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pei_bump_plans_by_indicator();
                CREATE TRIGGER reporting_points_bump_insert AFTER INSERT ON reporting_points REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pei_bump_plans_by_institution();
                CREATE TRIGGER reporting_points_bump_update AFTER UPDATE ON reporting_points REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pei_bump_plans_by_institution();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "point_submission_figures");

            migrationBuilder.DropTable(
                name: "user_reporting_points");

            migrationBuilder.DropTable(
                name: "point_submissions");

            migrationBuilder.DropTable(
                name: "reporting_points");

            migrationBuilder.DropColumn(
                name: "collected_by_point",
                table: "indicators");
        }
    }
}
