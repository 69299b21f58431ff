using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PeiTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Articulation : Migration
    {
        /// <summary>The articulation's tables that hang directly from a plan (the catalogues below them are written with their parent).</summary>
        private static readonly string[] VersionedTables = ["sectoral_plans", "sectoral_links", "national_policies", "policy_links"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "articulation_notes",
                table: "objectives",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "pgg_eje",
                table: "objectives",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "pgg_lineamiento",
                table: "objectives",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "pgg_status",
                table: "objectives",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "SinDato");

            migrationBuilder.AddColumn<bool>(
                name: "baseline_provisional",
                table: "indicators",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "articulation_notes",
                table: "actions",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "pgg_eje",
                table: "actions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "pgg_lineamiento",
                table: "actions",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "pgg_status",
                table: "actions",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "SinDato");

            migrationBuilder.AddColumn<string>(
                name: "responsible_unit_as_printed",
                table: "actions",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "national_policies",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    plan_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false),
                    notes = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_national_policies", x => x.id);
                    table.ForeignKey(
                        name: "fk_national_policies_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sectoral_plans",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    plan_id = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    resolution = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    first_year = table.Column<int>(type: "integer", nullable: false),
                    last_year = table.Column<int>(type: "integer", nullable: false),
                    notes = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sectoral_plans", x => x.id);
                    table.CheckConstraint("ck_sectoral_plans_years", "first_year <= last_year");
                    table.ForeignKey(
                        name: "fk_sectoral_plans_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "policy_objectives",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    national_policy_id = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    statement = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    notes = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_policy_objectives", x => x.id);
                    table.ForeignKey(
                        name: "fk_policy_objectives_national_policies_national_policy_id",
                        column: x => x.national_policy_id,
                        principalTable: "national_policies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sectoral_objectives",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    sectoral_plan_id = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    statement = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    indicators = table.Column<List<string>>(type: "text[]", nullable: false),
                    notes = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sectoral_objectives", x => x.id);
                    table.ForeignKey(
                        name: "fk_sectoral_objectives_sectoral_plans_sectoral_plan_id",
                        column: x => x.sectoral_plan_id,
                        principalTable: "sectoral_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "policy_guidelines",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    policy_objective_id = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    statement = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    notes = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_policy_guidelines", x => x.id);
                    table.ForeignKey(
                        name: "fk_policy_guidelines_policy_objectives_policy_objective_id",
                        column: x => x.policy_objective_id,
                        principalTable: "policy_objectives",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sectoral_actions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    sectoral_objective_id = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    statement = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    indicators = table.Column<List<string>>(type: "text[]", nullable: false),
                    notes = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sectoral_actions", x => x.id);
                    table.ForeignKey(
                        name: "fk_sectoral_actions_sectoral_objectives_sectoral_objective_id",
                        column: x => x.sectoral_objective_id,
                        principalTable: "sectoral_objectives",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "policy_services",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    policy_guideline_id = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    statement = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    indicators = table.Column<List<string>>(type: "text[]", nullable: false),
                    notes = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_policy_services", x => x.id);
                    table.ForeignKey(
                        name: "fk_policy_services_policy_guidelines_policy_guideline_id",
                        column: x => x.policy_guideline_id,
                        principalTable: "policy_guidelines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sectoral_links",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    plan_id = table.Column<int>(type: "integer", nullable: false),
                    objective_id = table.Column<int>(type: "integer", nullable: false),
                    sectoral_plan_id = table.Column<int>(type: "integer", nullable: false),
                    sectoral_objective_id = table.Column<int>(type: "integer", nullable: true),
                    sectoral_action_id = table.Column<int>(type: "integer", nullable: true),
                    covers_all_actions = table.Column<bool>(type: "boolean", nullable: false),
                    causal_explanation = table.Column<string>(type: "text", nullable: true),
                    notes = table.Column<string>(type: "text", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sectoral_links", x => x.id);
                    table.CheckConstraint("ck_sectoral_links_causal_length", "char_length(causal_explanation) <= 4000");
                    table.CheckConstraint("ck_sectoral_links_one_target", "(CASE WHEN sectoral_action_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN sectoral_objective_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN covers_all_actions THEN 1 ELSE 0 END) = 1");
                    table.ForeignKey(
                        name: "fk_sectoral_links_objectives_objective_id",
                        column: x => x.objective_id,
                        principalTable: "objectives",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_sectoral_links_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_sectoral_links_sectoral_actions_sectoral_action_id",
                        column: x => x.sectoral_action_id,
                        principalTable: "sectoral_actions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_sectoral_links_sectoral_objectives_sectoral_objective_id",
                        column: x => x.sectoral_objective_id,
                        principalTable: "sectoral_objectives",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_sectoral_links_sectoral_plans_sectoral_plan_id",
                        column: x => x.sectoral_plan_id,
                        principalTable: "sectoral_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "policy_links",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    plan_id = table.Column<int>(type: "integer", nullable: false),
                    action_id = table.Column<int>(type: "integer", nullable: false),
                    indicator_id = table.Column<int>(type: "integer", nullable: true),
                    policy_service_id = table.Column<int>(type: "integer", nullable: true),
                    sort_order = table.Column<int>(type: "integer", nullable: false),
                    notes = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_policy_links", x => x.id);
                    table.ForeignKey(
                        name: "fk_policy_links_actions_action_id",
                        column: x => x.action_id,
                        principalTable: "actions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_policy_links_indicators_indicator_id",
                        column: x => x.indicator_id,
                        principalTable: "indicators",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_policy_links_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_policy_links_policy_services_policy_service_id",
                        column: x => x.policy_service_id,
                        principalTable: "policy_services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "ix_national_policies_plan_id_name",
                table: "national_policies",
                columns: new[] { "plan_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_policy_guidelines_policy_objective_id",
                table: "policy_guidelines",
                column: "policy_objective_id");

            migrationBuilder.CreateIndex(
                name: "ix_policy_links_action_id",
                table: "policy_links",
                column: "action_id");

            migrationBuilder.CreateIndex(
                name: "ix_policy_links_indicator_id",
                table: "policy_links",
                column: "indicator_id");

            migrationBuilder.CreateIndex(
                name: "ix_policy_links_plan_id",
                table: "policy_links",
                column: "plan_id");

            migrationBuilder.CreateIndex(
                name: "ix_policy_links_policy_service_id",
                table: "policy_links",
                column: "policy_service_id");

            migrationBuilder.CreateIndex(
                name: "ix_policy_objectives_national_policy_id",
                table: "policy_objectives",
                column: "national_policy_id");

            migrationBuilder.CreateIndex(
                name: "ix_policy_services_policy_guideline_id",
                table: "policy_services",
                column: "policy_guideline_id");

            migrationBuilder.CreateIndex(
                name: "ix_sectoral_actions_sectoral_objective_id_code",
                table: "sectoral_actions",
                columns: new[] { "sectoral_objective_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sectoral_links_objective_id_sectoral_objective_id_sectoral_",
                table: "sectoral_links",
                columns: new[] { "objective_id", "sectoral_objective_id", "sectoral_action_id", "covers_all_actions" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "ix_sectoral_links_plan_id",
                table: "sectoral_links",
                column: "plan_id");

            migrationBuilder.CreateIndex(
                name: "ix_sectoral_links_sectoral_action_id",
                table: "sectoral_links",
                column: "sectoral_action_id");

            migrationBuilder.CreateIndex(
                name: "ix_sectoral_links_sectoral_objective_id",
                table: "sectoral_links",
                column: "sectoral_objective_id");

            migrationBuilder.CreateIndex(
                name: "ix_sectoral_links_sectoral_plan_id",
                table: "sectoral_links",
                column: "sectoral_plan_id");

            migrationBuilder.CreateIndex(
                name: "ix_sectoral_objectives_sectoral_plan_id_code",
                table: "sectoral_objectives",
                columns: new[] { "sectoral_plan_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sectoral_plans_plan_id_code",
                table: "sectoral_plans",
                columns: new[] { "plan_id", "code" },
                unique: true);

            // The articulation belongs to the plan: its rows move the plan's data version like the rest of its tree.
            foreach (var table in VersionedTables)
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_bump_insert AFTER INSERT ON {table} REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pei_bump_plans_by_plan();
                    CREATE TRIGGER {table}_bump_update AFTER UPDATE ON {table} REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pei_bump_plans_by_plan();
                    CREATE TRIGGER {table}_bump_delete AFTER DELETE ON {table} REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION pei_bump_plans_by_plan();
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "policy_links");

            migrationBuilder.DropTable(
                name: "sectoral_links");

            migrationBuilder.DropTable(
                name: "policy_services");

            migrationBuilder.DropTable(
                name: "sectoral_actions");

            migrationBuilder.DropTable(
                name: "policy_guidelines");

            migrationBuilder.DropTable(
                name: "sectoral_objectives");

            migrationBuilder.DropTable(
                name: "policy_objectives");

            migrationBuilder.DropTable(
                name: "sectoral_plans");

            migrationBuilder.DropTable(
                name: "national_policies");

            migrationBuilder.DropColumn(
                name: "articulation_notes",
                table: "objectives");

            migrationBuilder.DropColumn(
                name: "pgg_eje",
                table: "objectives");

            migrationBuilder.DropColumn(
                name: "pgg_lineamiento",
                table: "objectives");

            migrationBuilder.DropColumn(
                name: "pgg_status",
                table: "objectives");

            migrationBuilder.DropColumn(
                name: "baseline_provisional",
                table: "indicators");

            migrationBuilder.DropColumn(
                name: "articulation_notes",
                table: "actions");

            migrationBuilder.DropColumn(
                name: "pgg_eje",
                table: "actions");

            migrationBuilder.DropColumn(
                name: "pgg_lineamiento",
                table: "actions");

            migrationBuilder.DropColumn(
                name: "pgg_status",
                table: "actions");

            migrationBuilder.DropColumn(
                name: "responsible_unit_as_printed",
                table: "actions");
        }
    }
}
