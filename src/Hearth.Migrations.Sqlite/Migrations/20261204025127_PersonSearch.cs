using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hearth.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PersonSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "family_name_key",
                table: "people",
                type: "TEXT",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "given_name_key",
                table: "people",
                type: "TEXT",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "search_family_name",
                table: "people",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "search_given_name",
                table: "people",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_people_family_name_key_given_name_key",
                table: "people",
                columns: new[] { "family_name_key", "given_name_key" });

            migrationBuilder.CreateIndex(
                name: "ix_people_family_name_key_search_given_name",
                table: "people",
                columns: new[] { "family_name_key", "search_given_name" });

            migrationBuilder.CreateIndex(
                name: "ix_people_given_name_key",
                table: "people",
                column: "given_name_key");

            migrationBuilder.CreateIndex(
                name: "ix_people_postcode",
                table: "people",
                column: "postcode");

            migrationBuilder.CreateIndex(
                name: "ix_people_search_family_name",
                table: "people",
                column: "search_family_name");

            migrationBuilder.CreateIndex(
                name: "ix_people_search_given_name",
                table: "people",
                column: "search_given_name");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_people_family_name_key_given_name_key",
                table: "people");

            migrationBuilder.DropIndex(
                name: "ix_people_family_name_key_search_given_name",
                table: "people");

            migrationBuilder.DropIndex(
                name: "ix_people_given_name_key",
                table: "people");

            migrationBuilder.DropIndex(
                name: "ix_people_postcode",
                table: "people");

            migrationBuilder.DropIndex(
                name: "ix_people_search_family_name",
                table: "people");

            migrationBuilder.DropIndex(
                name: "ix_people_search_given_name",
                table: "people");

            migrationBuilder.DropColumn(
                name: "family_name_key",
                table: "people");

            migrationBuilder.DropColumn(
                name: "given_name_key",
                table: "people");

            migrationBuilder.DropColumn(
                name: "search_family_name",
                table: "people");

            migrationBuilder.DropColumn(
                name: "search_given_name",
                table: "people");
        }
    }
}
