using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hearth.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PersonDetails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "date_of_death",
                table: "people",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "person_addresses",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    lines = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    postcode = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    to = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person_addresses", x => x.id);
                    table.ForeignKey(
                        name: "fk_person_addresses_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_person_addresses_person_id_from",
                table: "person_addresses",
                columns: new[] { "person_id", "from" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "person_addresses");

            migrationBuilder.DropColumn(
                name: "date_of_death",
                table: "people");
        }
    }
}
