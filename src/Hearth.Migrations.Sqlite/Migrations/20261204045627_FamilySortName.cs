using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hearth.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FamilySortName : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "sort_name",
                table: "families",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_families_sort_name",
                table: "families",
                column: "sort_name");

            // Families saved before the column existed: their first current member's family name, as the save hook keeps it.
            migrationBuilder.Sql("UPDATE families SET sort_name = (SELECT MIN(p.family_name) FROM people p WHERE p.family_id = families.id AND p.merged_into_id IS NULL);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_families_sort_name",
                table: "families");

            migrationBuilder.DropColumn(
                name: "sort_name",
                table: "families");
        }
    }
}
