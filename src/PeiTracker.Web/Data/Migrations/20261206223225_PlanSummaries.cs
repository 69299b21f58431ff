using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PeiTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class PlanSummaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "plan_summaries",
                columns: table => new
                {
                    plan_id = table.Column<int>(type: "integer", nullable: false),
                    include_pending = table.Column<bool>(type: "boolean", nullable: false),
                    data_version = table.Column<long>(type: "bigint", nullable: false),
                    engine = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    periods = table.Column<string>(type: "jsonb", nullable: false),
                    computed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_summaries", x => new { x.plan_id, x.include_pending });
                    table.ForeignKey(
                        name: "fk_plan_summaries_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "plan_summaries");
        }
    }
}
