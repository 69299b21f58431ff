using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PeiTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class PlanSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing plans get CEPLAN practice as their settings.
            migrationBuilder.AddColumn<decimal>(
                name: "cap",
                table: "plans",
                type: "numeric(18,6)",
                precision: 18,
                scale: 6,
                nullable: false,
                defaultValue: 100m);

            migrationBuilder.AddColumn<bool>(
                name: "cap_enabled",
                table: "plans",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<string>(
                name: "dashboard_avance",
                table: "plans",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "TipoI");

            migrationBuilder.AddColumn<decimal>(
                name: "green_threshold",
                table: "plans",
                type: "numeric(18,6)",
                precision: 18,
                scale: 6,
                nullable: false,
                defaultValue: 95m);

            migrationBuilder.AddColumn<bool>(
                name: "only_validated",
                table: "plans",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<bool>(
                name: "semester_follow_up",
                table: "plans",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<string>(
                name: "weighting",
                table: "plans",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "PorRelevancia");

            migrationBuilder.AddColumn<decimal>(
                name: "yellow_threshold",
                table: "plans",
                type: "numeric(18,6)",
                precision: 18,
                scale: 6,
                nullable: false,
                defaultValue: 75m);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "cap",
                table: "plans");

            migrationBuilder.DropColumn(
                name: "cap_enabled",
                table: "plans");

            migrationBuilder.DropColumn(
                name: "dashboard_avance",
                table: "plans");

            migrationBuilder.DropColumn(
                name: "green_threshold",
                table: "plans");

            migrationBuilder.DropColumn(
                name: "only_validated",
                table: "plans");

            migrationBuilder.DropColumn(
                name: "semester_follow_up",
                table: "plans");

            migrationBuilder.DropColumn(
                name: "weighting",
                table: "plans");

            migrationBuilder.DropColumn(
                name: "yellow_threshold",
                table: "plans");
        }
    }
}
