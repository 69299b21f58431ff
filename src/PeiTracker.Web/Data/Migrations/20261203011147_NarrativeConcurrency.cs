using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PeiTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class NarrativeConcurrency : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "evaluation_narratives",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "xmin",
                table: "evaluation_narratives");
        }
    }
}
