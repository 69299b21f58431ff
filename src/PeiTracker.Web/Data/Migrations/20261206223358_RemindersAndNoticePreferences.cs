using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PeiTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class RemindersAndNoticePreferences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "escalation_days_late",
                table: "plans",
                type: "integer",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<List<int>>(
                name: "reminder_days_before",
                table: "plans",
                type: "integer[]",
                nullable: false,
                defaultValueSql: "'{7,1}'::integer[]");

            migrationBuilder.AddColumn<long>(
                name: "digest_id",
                table: "outbox_notices",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "heads_unit",
                table: "AspNetUsers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "notice_preferences",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    delivery = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notice_preferences", x => new { x.user_id, x.kind });
                    table.ForeignKey(
                        name: "fk_notice_preferences_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_outbox_notices_waiting_for_digest",
                table: "outbox_notices",
                column: "recipient_user_id",
                filter: "status = 4");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "notice_preferences");

            migrationBuilder.DropIndex(
                name: "ix_outbox_notices_waiting_for_digest",
                table: "outbox_notices");

            migrationBuilder.DropColumn(
                name: "escalation_days_late",
                table: "plans");

            migrationBuilder.DropColumn(
                name: "reminder_days_before",
                table: "plans");

            migrationBuilder.DropColumn(
                name: "digest_id",
                table: "outbox_notices");

            migrationBuilder.DropColumn(
                name: "heads_unit",
                table: "AspNetUsers");
        }
    }
}
