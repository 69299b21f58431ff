using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PeiTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class InstitutionExecutingUnit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "executing_unit",
                table: "institutions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            // Institution.DefaultExecutingUnit: the administrator replaces it on Administración › Reglas de avance.
            migrationBuilder.Sql("UPDATE institutions SET executing_unit = left('001 - ' || name, 200);");

            // Npgsql maps xmin to PostgreSQL's system column and emits no DDL for it.
            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "institutions",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "executing_unit",
                table: "institutions");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "institutions");
        }
    }
}
