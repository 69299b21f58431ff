using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PeiTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ValueConversations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "thread_message_id",
                table: "evidence",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "value_threads",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    value_id = table.Column<int>(type: "integer", nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    opened_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolved_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_value_threads", x => x.id);
                    table.ForeignKey(
                        name: "fk_value_threads_values_value_id",
                        column: x => x.value_id,
                        principalTable: "indicator_values",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "value_thread_messages",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    thread_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    side = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    author = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    author_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_value_thread_messages", x => x.id);
                    table.CheckConstraint("ck_value_thread_messages_text", "length(text) BETWEEN 1 AND 2000");
                    table.ForeignKey(
                        name: "fk_value_thread_messages_value_threads_thread_id",
                        column: x => x.thread_id,
                        principalTable: "value_threads",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_evidence_thread_message_id",
                table: "evidence",
                column: "thread_message_id");

            migrationBuilder.CreateIndex(
                name: "ix_value_thread_messages_thread_id",
                table: "value_thread_messages",
                column: "thread_id");

            migrationBuilder.CreateIndex(
                name: "ix_value_threads_one_open",
                table: "value_threads",
                column: "value_id",
                unique: true,
                filter: "resolved_at IS NULL");

            migrationBuilder.AddForeignKey(
                name: "fk_evidence_thread_messages_thread_message_id",
                table: "evidence",
                column: "thread_message_id",
                principalTable: "value_thread_messages",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_evidence_thread_messages_thread_message_id",
                table: "evidence");

            migrationBuilder.DropTable(
                name: "value_thread_messages");

            migrationBuilder.DropTable(
                name: "value_threads");

            migrationBuilder.DropIndex(
                name: "ix_evidence_thread_message_id",
                table: "evidence");

            migrationBuilder.DropColumn(
                name: "thread_message_id",
                table: "evidence");
        }
    }
}
