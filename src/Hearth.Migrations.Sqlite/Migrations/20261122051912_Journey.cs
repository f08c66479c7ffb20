using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hearth.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Journey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "programme_code",
                table: "services",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "council_child_id",
                table: "people",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "disability_codes",
                table: "people",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "ethnicity_code",
                table: "people",
                type: "TEXT",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "expected_date_of_birth",
                table: "people",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "first_language",
                table: "people",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "former_upn",
                table: "people",
                type: "TEXT",
                maxLength: 13,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "gender_identity",
                table: "people",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "known_as",
                table: "people",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "merged_into_id",
                table: "people",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "nhs_number",
                table: "people",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "postcode",
                table: "people",
                type: "TEXT",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "sex",
                table: "people",
                type: "TEXT",
                maxLength: 10,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "upn",
                table: "people",
                type: "TEXT",
                maxLength: 13,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "patch",
                table: "families",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "family_memberships",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    family_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    relationship = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    to = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_family_memberships", x => x.id);
                    table.ForeignKey(
                        name: "fk_family_memberships_families_family_id",
                        column: x => x.family_id,
                        principalTable: "families",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_family_memberships_person_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "programme_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    effective_from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    definition_json = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_programme_versions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "episodes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    service_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    family_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    programme_version_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    referral_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    mode = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    opened_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    current_phase = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    current_phase_started_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    current_phase_due_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    is_intensive = table.Column<bool>(type: "INTEGER", nullable: false),
                    assessment_decision = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    assessment_decided_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    booster_sessions = table.Column<int>(type: "INTEGER", nullable: false),
                    closed_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    closure_reason = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    closure_destination = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    unmet_need = table.Column<bool>(type: "INTEGER", nullable: false),
                    dfe_reason_for_closure = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    reopen_count = table.Column<int>(type: "INTEGER", nullable: false),
                    reopened_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_episodes", x => x.id);
                    table.ForeignKey(
                        name: "fk_episodes_family_family_id",
                        column: x => x.family_id,
                        principalTable: "families",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_episodes_programme_version_programme_version_id",
                        column: x => x.programme_version_id,
                        principalTable: "programme_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_episodes_service_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_episodes_team_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "allocations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    episode_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    worker_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    to = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    is_lead = table.Column<bool>(type: "INTEGER", nullable: false),
                    override_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_allocations", x => x.id);
                    table.ForeignKey(
                        name: "fk_allocations_episode_episode_id",
                        column: x => x.episode_id,
                        principalTable: "episodes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_allocations_worker_worker_id",
                        column: x => x.worker_id,
                        principalTable: "workers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "episode_phases",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    episode_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    phase_key = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    started_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    started_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ended_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ended_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    completed = table.Column<bool>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_episode_phases", x => x.id);
                    table.ForeignKey(
                        name: "fk_episode_phases_episodes_episode_id",
                        column: x => x.episode_id,
                        principalTable: "episodes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "follow_ups",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    episode_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    months_after_closure = table.Column<int>(type: "INTEGER", nullable: false),
                    due_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    completed_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    completed_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_follow_ups", x => x.id);
                    table.ForeignKey(
                        name: "fk_follow_ups_episodes_episode_id",
                        column: x => x.episode_id,
                        principalTable: "episodes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_follow_ups_team_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "outcome_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    episode_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    occurred_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outcome_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_outcome_events_episodes_episode_id",
                        column: x => x.episode_id,
                        principalTable: "episodes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_outcome_events_person_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_outcome_events_team_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "referrals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    service_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    family_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    received_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    received_at = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    referrer_agency = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    referrer_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    referrer_contact = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    presenting_needs = table.Column<string>(type: "TEXT", nullable: false),
                    consent_to_share = table.Column<bool>(type: "INTEGER", nullable: false),
                    sharing_basis = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    eligibility_answers_json = table.Column<string>(type: "TEXT", nullable: true),
                    is_re_referral = table.Column<bool>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    decided_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    decided_by_user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    decision_reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    referred_on_to = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    episode_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_referrals", x => x.id);
                    table.ForeignKey(
                        name: "fk_referrals_episodes_episode_id",
                        column: x => x.episode_id,
                        principalTable: "episodes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_referrals_families_family_id",
                        column: x => x.family_id,
                        principalTable: "families",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_referrals_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_referrals_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "referral_childs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    referral_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_referral_childs", x => x.id);
                    table.ForeignKey(
                        name: "fk_referral_childs_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_referral_childs_referrals_referral_id",
                        column: x => x.referral_id,
                        principalTable: "referrals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "waiting_list_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    referral_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    since = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    priority = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    removed_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    outcome_note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_waiting_list_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_waiting_list_entries_referrals_referral_id",
                        column: x => x.referral_id,
                        principalTable: "referrals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_waiting_list_entries_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_people_council_child_id",
                table: "people",
                column: "council_child_id");

            migrationBuilder.CreateIndex(
                name: "ix_people_date_of_birth",
                table: "people",
                column: "date_of_birth");

            migrationBuilder.CreateIndex(
                name: "ix_people_merged_into_id",
                table: "people",
                column: "merged_into_id");

            migrationBuilder.CreateIndex(
                name: "ix_people_nhs_number",
                table: "people",
                column: "nhs_number");

            migrationBuilder.CreateIndex(
                name: "ix_people_upn",
                table: "people",
                column: "upn");

            migrationBuilder.CreateIndex(
                name: "ix_allocations_episode_id",
                table: "allocations",
                column: "episode_id");

            migrationBuilder.CreateIndex(
                name: "ix_allocations_worker_id_to",
                table: "allocations",
                columns: new[] { "worker_id", "to" });

            migrationBuilder.CreateIndex(
                name: "ix_episode_phases_episode_id_phase_key",
                table: "episode_phases",
                columns: new[] { "episode_id", "phase_key" });

            migrationBuilder.CreateIndex(
                name: "ix_episodes_family_id_service_id",
                table: "episodes",
                columns: new[] { "family_id", "service_id" });

            migrationBuilder.CreateIndex(
                name: "ix_episodes_programme_version_id",
                table: "episodes",
                column: "programme_version_id");

            migrationBuilder.CreateIndex(
                name: "ix_episodes_service_id",
                table: "episodes",
                column: "service_id");

            migrationBuilder.CreateIndex(
                name: "ix_episodes_team_id_closed_on",
                table: "episodes",
                columns: new[] { "team_id", "closed_on" });

            migrationBuilder.CreateIndex(
                name: "ix_family_memberships_family_id_person_id",
                table: "family_memberships",
                columns: new[] { "family_id", "person_id" });

            migrationBuilder.CreateIndex(
                name: "ix_family_memberships_person_id",
                table: "family_memberships",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_follow_ups_episode_id",
                table: "follow_ups",
                column: "episode_id");

            migrationBuilder.CreateIndex(
                name: "ix_follow_ups_team_id_due_on",
                table: "follow_ups",
                columns: new[] { "team_id", "due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_outcome_events_episode_id",
                table: "outcome_events",
                column: "episode_id");

            migrationBuilder.CreateIndex(
                name: "ix_outcome_events_person_id",
                table: "outcome_events",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_outcome_events_team_id",
                table: "outcome_events",
                column: "team_id");

            migrationBuilder.CreateIndex(
                name: "ix_programme_versions_code_number",
                table: "programme_versions",
                columns: new[] { "code", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_referral_childs_person_id_referral_id",
                table: "referral_childs",
                columns: new[] { "person_id", "referral_id" });

            migrationBuilder.CreateIndex(
                name: "ix_referral_childs_referral_id",
                table: "referral_childs",
                column: "referral_id");

            migrationBuilder.CreateIndex(
                name: "ix_referrals_episode_id",
                table: "referrals",
                column: "episode_id");

            migrationBuilder.CreateIndex(
                name: "ix_referrals_family_id",
                table: "referrals",
                column: "family_id");

            migrationBuilder.CreateIndex(
                name: "ix_referrals_service_id_reference",
                table: "referrals",
                columns: new[] { "service_id", "reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_referrals_team_id_status",
                table: "referrals",
                columns: new[] { "team_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_waiting_list_entries_referral_id",
                table: "waiting_list_entries",
                column: "referral_id");

            migrationBuilder.CreateIndex(
                name: "ix_waiting_list_entries_team_id_removed_on",
                table: "waiting_list_entries",
                columns: new[] { "team_id", "removed_on" });

            migrationBuilder.AddForeignKey(
                name: "fk_people_people_merged_into_id",
                table: "people",
                column: "merged_into_id",
                principalTable: "people",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_people_people_merged_into_id",
                table: "people");

            migrationBuilder.DropTable(
                name: "allocations");

            migrationBuilder.DropTable(
                name: "episode_phases");

            migrationBuilder.DropTable(
                name: "family_memberships");

            migrationBuilder.DropTable(
                name: "follow_ups");

            migrationBuilder.DropTable(
                name: "outcome_events");

            migrationBuilder.DropTable(
                name: "referral_childs");

            migrationBuilder.DropTable(
                name: "waiting_list_entries");

            migrationBuilder.DropTable(
                name: "referrals");

            migrationBuilder.DropTable(
                name: "episodes");

            migrationBuilder.DropTable(
                name: "programme_versions");

            migrationBuilder.DropIndex(
                name: "ix_people_council_child_id",
                table: "people");

            migrationBuilder.DropIndex(
                name: "ix_people_date_of_birth",
                table: "people");

            migrationBuilder.DropIndex(
                name: "ix_people_merged_into_id",
                table: "people");

            migrationBuilder.DropIndex(
                name: "ix_people_nhs_number",
                table: "people");

            migrationBuilder.DropIndex(
                name: "ix_people_upn",
                table: "people");

            migrationBuilder.DropColumn(
                name: "programme_code",
                table: "services");

            migrationBuilder.DropColumn(
                name: "council_child_id",
                table: "people");

            migrationBuilder.DropColumn(
                name: "disability_codes",
                table: "people");

            migrationBuilder.DropColumn(
                name: "ethnicity_code",
                table: "people");

            migrationBuilder.DropColumn(
                name: "expected_date_of_birth",
                table: "people");

            migrationBuilder.DropColumn(
                name: "first_language",
                table: "people");

            migrationBuilder.DropColumn(
                name: "former_upn",
                table: "people");

            migrationBuilder.DropColumn(
                name: "gender_identity",
                table: "people");

            migrationBuilder.DropColumn(
                name: "known_as",
                table: "people");

            migrationBuilder.DropColumn(
                name: "merged_into_id",
                table: "people");

            migrationBuilder.DropColumn(
                name: "nhs_number",
                table: "people");

            migrationBuilder.DropColumn(
                name: "postcode",
                table: "people");

            migrationBuilder.DropColumn(
                name: "sex",
                table: "people");

            migrationBuilder.DropColumn(
                name: "upn",
                table: "people");

            migrationBuilder.DropColumn(
                name: "patch",
                table: "families");
        }
    }
}
