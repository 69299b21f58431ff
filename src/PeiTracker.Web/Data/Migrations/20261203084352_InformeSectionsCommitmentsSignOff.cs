using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PeiTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class InformeSectionsCommitmentsSignOff : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_evaluation_narratives_plan_id_objective_id_year_period",
                table: "evaluation_narratives");

            migrationBuilder.AlterColumn<int>(
                name: "objective_id",
                table: "evaluation_narratives",
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AddColumn<string>(
                name: "section",
                table: "evaluation_narratives",
                type: "character varying(30)",
                maxLength: 30,
                nullable: false,
                defaultValue: "AnalisisOei");

            migrationBuilder.AddColumn<int>(
                name: "action_id",
                table: "commitments",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "completed_on",
                table: "commitments",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "recommendation",
                table: "commitments",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "commitments",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.AddColumn<bool>(
                name: "heads_planning_office",
                table: "AspNetUsers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "commitment_notes",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    commitment_id = table.Column<int>(type: "integer", nullable: false),
                    plan_id = table.Column<int>(type: "integer", nullable: false),
                    text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    written_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    written_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commitment_notes", x => x.id);
                    table.ForeignKey(
                        name: "fk_commitment_notes_commitments_commitment_id",
                        column: x => x.commitment_id,
                        principalTable: "commitments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_commitment_notes_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "informe_approvals",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    plan_id = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    period = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    approved_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    approver_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    approving_office = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reopened_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    reopened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reopen_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_informe_approvals", x => x.id);
                    table.ForeignKey(
                        name: "fk_informe_approvals_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "informe_publications",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    snapshot_id = table.Column<int>(type: "integer", nullable: false),
                    plan_id = table.Column<int>(type: "integer", nullable: false),
                    approval_id = table.Column<int>(type: "integer", nullable: false),
                    approving_office = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_informe_publications", x => x.id);
                    table.ForeignKey(
                        name: "fk_informe_publications_informe_approvals_approval_id",
                        column: x => x.approval_id,
                        principalTable: "informe_approvals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_informe_publications_period_snapshots_snapshot_id",
                        column: x => x.snapshot_id,
                        principalTable: "period_snapshots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_informe_publications_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_evaluation_narratives_plan_id_year_period_section_objective",
                table: "evaluation_narratives",
                columns: new[] { "plan_id", "year", "period", "section", "objective_id" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "ix_commitments_action_id",
                table: "commitments",
                column: "action_id");

            migrationBuilder.CreateIndex(
                name: "ix_commitment_notes_commitment_id",
                table: "commitment_notes",
                column: "commitment_id");

            migrationBuilder.CreateIndex(
                name: "ix_commitment_notes_plan_id",
                table: "commitment_notes",
                column: "plan_id");

            migrationBuilder.CreateIndex(
                name: "ix_informe_approvals_plan_id_year_period",
                table: "informe_approvals",
                columns: new[] { "plan_id", "year", "period" },
                unique: true,
                filter: "reopened_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_informe_publications_approval_id",
                table: "informe_publications",
                column: "approval_id");

            migrationBuilder.CreateIndex(
                name: "ix_informe_publications_plan_id",
                table: "informe_publications",
                column: "plan_id");

            migrationBuilder.CreateIndex(
                name: "ix_informe_publications_snapshot_id",
                table: "informe_publications",
                column: "snapshot_id",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_commitments_actions_action_id",
                table: "commitments",
                column: "action_id",
                principalTable: "actions",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_commitments_actions_action_id",
                table: "commitments");

            migrationBuilder.DropTable(
                name: "commitment_notes");

            migrationBuilder.DropTable(
                name: "informe_publications");

            migrationBuilder.DropTable(
                name: "informe_approvals");

            migrationBuilder.DropIndex(
                name: "ix_evaluation_narratives_plan_id_year_period_section_objective",
                table: "evaluation_narratives");

            migrationBuilder.DropIndex(
                name: "ix_commitments_action_id",
                table: "commitments");

            migrationBuilder.DropColumn(
                name: "section",
                table: "evaluation_narratives");

            migrationBuilder.DropColumn(
                name: "action_id",
                table: "commitments");

            migrationBuilder.DropColumn(
                name: "completed_on",
                table: "commitments");

            migrationBuilder.DropColumn(
                name: "recommendation",
                table: "commitments");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "commitments");

            migrationBuilder.DropColumn(
                name: "heads_planning_office",
                table: "AspNetUsers");

            migrationBuilder.AlterColumn<int>(
                name: "objective_id",
                table: "evaluation_narratives",
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_evaluation_narratives_plan_id_objective_id_year_period",
                table: "evaluation_narratives",
                columns: new[] { "plan_id", "objective_id", "year", "period" },
                unique: true);
        }
    }
}
