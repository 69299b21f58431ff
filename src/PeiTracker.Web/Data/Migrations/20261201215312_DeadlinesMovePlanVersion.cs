using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PeiTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class DeadlinesMovePlanVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The dashboard shows the period's deadline from the cached progress view (ADR 0007).
            migrationBuilder.Sql("""
                CREATE TRIGGER period_deadlines_bump_insert AFTER INSERT ON period_deadlines REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pei_bump_plans_by_plan();
                CREATE TRIGGER period_deadlines_bump_update AFTER UPDATE ON period_deadlines REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pei_bump_plans_by_plan();
                CREATE TRIGGER period_deadlines_bump_delete AFTER DELETE ON period_deadlines REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pei_bump_plans_by_plan();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER period_deadlines_bump_insert ON period_deadlines;
                DROP TRIGGER period_deadlines_bump_update ON period_deadlines;
                DROP TRIGGER period_deadlines_bump_delete ON period_deadlines;
                """);
        }
    }
}
