using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hearth.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SignOffsAndHandover : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "end_note",
                table: "allocations",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "end_reason",
                table: "allocations",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            // Allocations that closure ended before end reasons existed (docs/decisions/0004-allocation-end-reasons.md).
            migrationBuilder.Sql("""
                UPDATE allocations SET end_reason = 'EpisodeClosed' WHERE "to" IS NOT NULL AND end_reason IS NULL AND EXISTS (SELECT 1 FROM episodes e WHERE e.id = allocations.episode_id AND e.closed_on = allocations."to")
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "end_note",
                table: "allocations");

            migrationBuilder.DropColumn(
                name: "end_reason",
                table: "allocations");
        }
    }
}
