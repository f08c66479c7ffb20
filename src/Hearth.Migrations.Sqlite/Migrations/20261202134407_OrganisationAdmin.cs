using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hearth.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OrganisationAdmin : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Written by hand: the scaffold took the rename of Amount for Income. The budget entered so far is the
            // gross expenditure (the cost report divides it); income starts at 0.
            migrationBuilder.RenameColumn(
                name: "amount",
                table: "service_budgets",
                newName: "gross_expenditure");

            migrationBuilder.AddColumn<DateOnly>(
                name: "leaving_date",
                table: "workers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "start_date",
                table: "workers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "base",
                table: "teams",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "closed_on",
                table: "teams",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "closed_on",
                table: "services",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "income",
                table: "service_budgets",
                type: "REAL",
                precision: 12,
                scale: 2,
                nullable: false,
                defaultValue: 0.0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "leaving_date",
                table: "workers");

            migrationBuilder.DropColumn(
                name: "start_date",
                table: "workers");

            migrationBuilder.DropColumn(
                name: "base",
                table: "teams");

            migrationBuilder.DropColumn(
                name: "closed_on",
                table: "teams");

            migrationBuilder.DropColumn(
                name: "closed_on",
                table: "services");

            migrationBuilder.DropColumn(
                name: "income",
                table: "service_budgets");

            migrationBuilder.RenameColumn(
                name: "gross_expenditure",
                table: "service_budgets",
                newName: "amount");
        }
    }
}
