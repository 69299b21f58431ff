using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PeiTracker.Web.Data.Migrations
{
    /// <summary>
    /// The PESEM's objectives and actions have no plan column: their changes now move the data version of the plan
    /// whose sectoral plan they belong to, like the rest of the articulation, so a cache keyed by the version (the
    /// dashboard's articulation map) never shows an old statement.
    /// </summary>
    public partial class SectoralRowsMovePlanVersion : Migration
    {
        private static readonly (string Table, string Function)[] VersionedTables =
        [
            ("sectoral_objectives", "pei_bump_plans_by_sectoral_plan"),
            ("sectoral_actions", "pei_bump_plans_by_sectoral_objective"),
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION pei_bump_plans_by_sectoral_plan() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE plans SET data_version = data_version + 1
                    WHERE id IN (SELECT s.plan_id FROM sectoral_plans s WHERE s.id IN (SELECT sectoral_plan_id FROM changed));
                    RETURN NULL;
                END $$;

                CREATE FUNCTION pei_bump_plans_by_sectoral_objective() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE plans SET data_version = data_version + 1
                    WHERE id IN (SELECT s.plan_id FROM sectoral_plans s JOIN sectoral_objectives o ON o.sectoral_plan_id = s.id
                                 WHERE o.id IN (SELECT sectoral_objective_id FROM changed));
                    RETURN NULL;
                END $$;
                """);

            foreach (var (table, function) in VersionedTables)
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_bump_insert AFTER INSERT ON {table} REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION {function}();
                    CREATE TRIGGER {table}_bump_update AFTER UPDATE ON {table} REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION {function}();
                    CREATE TRIGGER {table}_bump_delete AFTER DELETE ON {table} REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION {function}();
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, _) in VersionedTables)
            {
                migrationBuilder.Sql($"""
                    DROP TRIGGER {table}_bump_insert ON {table};
                    DROP TRIGGER {table}_bump_update ON {table};
                    DROP TRIGGER {table}_bump_delete ON {table};
                    """);
            }

            migrationBuilder.Sql("""
                DROP FUNCTION pei_bump_plans_by_sectoral_objective();
                DROP FUNCTION pei_bump_plans_by_sectoral_plan();
                """);
        }
    }
}
