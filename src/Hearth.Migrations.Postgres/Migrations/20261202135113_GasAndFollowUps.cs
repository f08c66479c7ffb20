using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hearth.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class GasAndFollowUps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "result",
                table: "follow_ups",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            // Hand-written data migration (docs/decisions/0006-gas-and-follow-ups.md): follow-ups get their result, and
            // separate GAS forms move into review goal ratings, before the GAS weights column goes.
            foreach (var statement in Hearth.Core.Data.GasAndFollowUpsData.Postgres)
            {
                migrationBuilder.Sql(statement);
            }

            migrationBuilder.DropColumn(
                name: "weights_json",
                table: "measure_administrations");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "result",
                table: "follow_ups");

            migrationBuilder.AddColumn<string>(
                name: "weights_json",
                table: "measure_administrations",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);
        }
    }
}
