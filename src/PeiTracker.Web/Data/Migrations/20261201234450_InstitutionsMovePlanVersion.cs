using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PeiTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class InstitutionsMovePlanVersion : Migration
    {
        /// <summary>
        /// An entity's name, sector, level or pliego code is shown on its dashboard and in the national roll-up, whose
        /// rendered bodies are cached per plan data version (ADR 0007): renaming an institution moves its plans' versions.
        /// </summary>
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION pei_bump_plans_of_institutions() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE plans SET data_version = data_version + 1 WHERE institution_id IN (SELECT id FROM changed);
                    RETURN NULL;
                END $$;

                CREATE TRIGGER institutions_bump_update AFTER UPDATE ON institutions REFERENCING NEW TABLE AS changed
                    FOR EACH STATEMENT EXECUTE FUNCTION pei_bump_plans_of_institutions();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER institutions_bump_update ON institutions;
                DROP FUNCTION pei_bump_plans_of_institutions();
                """);
        }
    }
}
