using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PeiTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class PlanDataVersion : Migration
    {
        /// <summary>Tables whose rows feed a plan's computed progress, and how a row finds its plan.</summary>
        private static readonly (string Table, string Function)[] VersionedTables =
        [
            ("indicator_values", "pei_bump_plans_by_indicator"),
            ("targets", "pei_bump_plans_by_indicator"),
            ("indicator_responsible_units", "pei_bump_plans_by_indicator"),
            ("indicators", "pei_bump_plans_by_plan"),
            ("objectives", "pei_bump_plans_by_plan"),
            ("actions", "pei_bump_plans_by_plan"),
            ("organizational_units", "pei_bump_plans_by_institution"),
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "data_version",
                table: "plans",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // One statement-level trigger per table and event (transition tables, so a COPY or a bulk
            // update bumps each plan once, not once per row). Every write path, the app's, an import's
            // or a hand-written UPDATE, moves the version in its own transaction.
            migrationBuilder.Sql("""
                CREATE FUNCTION pei_bump_plans_by_indicator() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE plans SET data_version = data_version + 1
                    WHERE id IN (SELECT i.plan_id FROM indicators i WHERE i.id IN (SELECT indicator_id FROM changed));
                    RETURN NULL;
                END $$;

                CREATE FUNCTION pei_bump_plans_by_plan() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE plans SET data_version = data_version + 1 WHERE id IN (SELECT plan_id FROM changed);
                    RETURN NULL;
                END $$;

                CREATE FUNCTION pei_bump_plans_by_institution() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE plans SET data_version = data_version + 1 WHERE institution_id IN (SELECT institution_id FROM changed);
                    RETURN NULL;
                END $$;

                -- A change to the plan row itself (settings, years, status) bumps it too; a bump by a child
                -- table already moved the version and is left alone.
                CREATE FUNCTION pei_bump_plan_row() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.data_version = OLD.data_version THEN
                        NEW.data_version := OLD.data_version + 1;
                    END IF;
                    RETURN NEW;
                END $$;

                CREATE TRIGGER plans_bump_version BEFORE UPDATE ON plans FOR EACH ROW EXECUTE FUNCTION pei_bump_plan_row();
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
                DROP TRIGGER plans_bump_version ON plans;
                DROP FUNCTION pei_bump_plan_row();
                DROP FUNCTION pei_bump_plans_by_institution();
                DROP FUNCTION pei_bump_plans_by_plan();
                DROP FUNCTION pei_bump_plans_by_indicator();
                """);

            migrationBuilder.DropColumn(
                name: "data_version",
                table: "plans");
        }
    }
}
