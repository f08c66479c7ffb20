using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hearth.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CensusRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "child_in_need_records",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    referral_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    family_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    primary_need_code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    assessment_factors = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_child_in_need_records", x => x.id);
                    table.ForeignKey(
                        name: "fk_child_in_need_records_families_family_id",
                        column: x => x.family_id,
                        principalTable: "families",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_child_in_need_records_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_child_in_need_records_referrals_referral_id",
                        column: x => x.referral_id,
                        principalTable: "referrals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_child_in_need_records_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "cin_plan_periods",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    record_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    started_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ended_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cin_plan_periods", x => x.id);
                    table.ForeignKey(
                        name: "fk_cin_plan_periods_child_in_need_records_record_id",
                        column: x => x.record_id,
                        principalTable: "child_in_need_records",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_cin_plan_periods_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "protection_plans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    record_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    started_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ended_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    initial_category = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    latest_category = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    previous_plans = table.Column<int>(type: "INTEGER", nullable: false),
                    review_dates = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_protection_plans", x => x.id);
                    table.ForeignKey(
                        name: "fk_protection_plans_child_in_need_records_record_id",
                        column: x => x.record_id,
                        principalTable: "child_in_need_records",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_protection_plans_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "section47_enquiries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    record_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    started_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    conference_target_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    conference_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    conference_not_required = table.Column<bool>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_section47_enquiries", x => x.id);
                    table.ForeignKey(
                        name: "fk_section47_enquiries_child_in_need_records_record_id",
                        column: x => x.record_id,
                        principalTable: "child_in_need_records",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_section47_enquiries_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_child_in_need_records_family_id",
                table: "child_in_need_records",
                column: "family_id");

            migrationBuilder.CreateIndex(
                name: "ix_child_in_need_records_person_id",
                table: "child_in_need_records",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_child_in_need_records_referral_id_person_id",
                table: "child_in_need_records",
                columns: new[] { "referral_id", "person_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_child_in_need_records_team_id",
                table: "child_in_need_records",
                column: "team_id");

            migrationBuilder.CreateIndex(
                name: "ix_cin_plan_periods_person_id",
                table: "cin_plan_periods",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_cin_plan_periods_record_id",
                table: "cin_plan_periods",
                column: "record_id");

            migrationBuilder.CreateIndex(
                name: "ix_cin_plan_periods_team_id",
                table: "cin_plan_periods",
                column: "team_id");

            migrationBuilder.CreateIndex(
                name: "ix_protection_plans_person_id",
                table: "protection_plans",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_protection_plans_record_id",
                table: "protection_plans",
                column: "record_id");

            migrationBuilder.CreateIndex(
                name: "ix_protection_plans_team_id",
                table: "protection_plans",
                column: "team_id");

            migrationBuilder.CreateIndex(
                name: "ix_section47_enquiries_person_id",
                table: "section47_enquiries",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_section47_enquiries_record_id",
                table: "section47_enquiries",
                column: "record_id");

            migrationBuilder.CreateIndex(
                name: "ix_section47_enquiries_team_id",
                table: "section47_enquiries",
                column: "team_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cin_plan_periods");

            migrationBuilder.DropTable(
                name: "protection_plans");

            migrationBuilder.DropTable(
                name: "section47_enquiries");

            migrationBuilder.DropTable(
                name: "child_in_need_records");
        }
    }
}
