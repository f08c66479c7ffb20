using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hearth.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Casework : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "assessments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    episode_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    assessment_type = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    started_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    completed_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    authorised_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    authorised_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    worries = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    working_well = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    needs_to_happen = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    safety_scale = table.Column<int>(type: "INTEGER", nullable: true),
                    answers_json = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assessments", x => x.id);
                    table.ForeignKey(
                        name: "fk_assessments_episode_episode_id",
                        column: x => x.episode_id,
                        principalTable: "episodes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_assessments_team_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "booster_approvals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    episode_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    approved_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    approved_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_booster_approvals", x => x.id);
                    table.ForeignKey(
                        name: "fk_booster_approvals_episode_episode_id",
                        column: x => x.episode_id,
                        principalTable: "episodes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_booster_approvals_team_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "directory_services",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    contact = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_directory_services", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "drafts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    form = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    record_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    fields_json = table.Column<string>(type: "TEXT", nullable: false),
                    saved_at = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_drafts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "plans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    episode_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    current_version = table.Column<int>(type: "INTEGER", nullable: false),
                    content = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    review_by = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plans", x => x.id);
                    table.ForeignKey(
                        name: "fk_plans_episode_episode_id",
                        column: x => x.episode_id,
                        principalTable: "episodes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_plans_team_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "professionals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    episode_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    agency = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    contact = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    consent_to_share = table.Column<bool>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_professionals", x => x.id);
                    table.ForeignKey(
                        name: "fk_professionals_episode_episode_id",
                        column: x => x.episode_id,
                        principalTable: "episodes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_professionals_team_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "reviews",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    episode_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    phase_key = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    due_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    held_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    attendees = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    progress = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    plan_changes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    decision = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reviews", x => x.id);
                    table.ForeignKey(
                        name: "fk_reviews_episode_episode_id",
                        column: x => x.episode_id,
                        principalTable: "episodes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_reviews_team_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sessions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    episode_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    phase_key = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    start = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    emergency = table.Column<bool>(type: "INTEGER", nullable: false),
                    person_ids = table.Column<string>(type: "TEXT", nullable: false),
                    worker_ids = table.Column<string>(type: "TEXT", nullable: false),
                    other_professionals = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    place = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sessions", x => x.id);
                    table.ForeignKey(
                        name: "fk_sessions_episode_episode_id",
                        column: x => x.episode_id,
                        principalTable: "episodes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_sessions_team_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "worker_times",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    worker_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    activity = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_worker_times", x => x.id);
                    table.ForeignKey(
                        name: "fk_worker_times_team_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_worker_times_worker_worker_id",
                        column: x => x.worker_id,
                        principalTable: "workers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "assessment_members",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    assessment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    needs = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    strengths = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    risks = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assessment_members", x => x.id);
                    table.ForeignKey(
                        name: "fk_assessment_members_assessments_assessment_id",
                        column: x => x.assessment_id,
                        principalTable: "assessments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_assessment_members_person_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "service_referrals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    episode_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    directory_service_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    referred_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    status_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    started_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_referrals", x => x.id);
                    table.ForeignKey(
                        name: "fk_service_referrals_directory_services_directory_service_id",
                        column: x => x.directory_service_id,
                        principalTable: "directory_services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_service_referrals_episode_episode_id",
                        column: x => x.episode_id,
                        principalTable: "episodes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_service_referrals_person_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_service_referrals_team_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "goals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    episode_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    plan_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    target_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    level_minus2 = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    level_minus1 = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    level0 = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    level_plus1 = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    level_plus2 = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    levels_set_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    need_ids = table.Column<string>(type: "TEXT", nullable: false),
                    created_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_goals", x => x.id);
                    table.ForeignKey(
                        name: "fk_goals_episode_episode_id",
                        column: x => x.episode_id,
                        principalTable: "episodes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_goals_person_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_goals_plan_plan_id",
                        column: x => x.plan_id,
                        principalTable: "plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_goals_team_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "plan_agreements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    plan_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    plan_version_number = table.Column<int>(type: "INTEGER", nullable: false),
                    agreed_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    format = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_agreements", x => x.id);
                    table.ForeignKey(
                        name: "fk_plan_agreements_person_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_plan_agreements_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "plan_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    plan_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<int>(type: "INTEGER", nullable: false),
                    content = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    review_by = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    written_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    written_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    review_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    change_summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_plan_versions_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "service_referral_status_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    service_referral_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_referral_status_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_service_referral_status_changes_service_referrals_service_referral_id",
                        column: x => x.service_referral_id,
                        principalTable: "service_referrals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "goal_ratings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    review_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    goal_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    level = table.Column<int>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_goal_ratings", x => x.id);
                    table.ForeignKey(
                        name: "fk_goal_ratings_goals_goal_id",
                        column: x => x.goal_id,
                        principalTable: "goals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_goal_ratings_review_review_id",
                        column: x => x.review_id,
                        principalTable: "reviews",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_assessment_members_assessment_id_person_id",
                table: "assessment_members",
                columns: new[] { "assessment_id", "person_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_assessment_members_person_id",
                table: "assessment_members",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_assessments_episode_id",
                table: "assessments",
                column: "episode_id");

            migrationBuilder.CreateIndex(
                name: "ix_assessments_team_id",
                table: "assessments",
                column: "team_id");

            migrationBuilder.CreateIndex(
                name: "ix_booster_approvals_episode_id",
                table: "booster_approvals",
                column: "episode_id");

            migrationBuilder.CreateIndex(
                name: "ix_booster_approvals_team_id",
                table: "booster_approvals",
                column: "team_id");

            migrationBuilder.CreateIndex(
                name: "ix_directory_services_name",
                table: "directory_services",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_drafts_user_id_form_record_key",
                table: "drafts",
                columns: new[] { "user_id", "form", "record_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_goal_ratings_goal_id",
                table: "goal_ratings",
                column: "goal_id");

            migrationBuilder.CreateIndex(
                name: "ix_goal_ratings_review_id_goal_id",
                table: "goal_ratings",
                columns: new[] { "review_id", "goal_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_goals_episode_id",
                table: "goals",
                column: "episode_id");

            migrationBuilder.CreateIndex(
                name: "ix_goals_person_id",
                table: "goals",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_goals_plan_id",
                table: "goals",
                column: "plan_id");

            migrationBuilder.CreateIndex(
                name: "ix_goals_team_id",
                table: "goals",
                column: "team_id");

            migrationBuilder.CreateIndex(
                name: "ix_plan_agreements_person_id",
                table: "plan_agreements",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_plan_agreements_plan_id",
                table: "plan_agreements",
                column: "plan_id");

            migrationBuilder.CreateIndex(
                name: "ix_plan_versions_plan_id_number",
                table: "plan_versions",
                columns: new[] { "plan_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_plans_episode_id_kind",
                table: "plans",
                columns: new[] { "episode_id", "kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_plans_team_id",
                table: "plans",
                column: "team_id");

            migrationBuilder.CreateIndex(
                name: "ix_professionals_episode_id",
                table: "professionals",
                column: "episode_id");

            migrationBuilder.CreateIndex(
                name: "ix_professionals_team_id",
                table: "professionals",
                column: "team_id");

            migrationBuilder.CreateIndex(
                name: "ix_reviews_episode_id_phase_key_due_on",
                table: "reviews",
                columns: new[] { "episode_id", "phase_key", "due_on" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reviews_team_id_due_on",
                table: "reviews",
                columns: new[] { "team_id", "due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_service_referral_status_changes_service_referral_id",
                table: "service_referral_status_changes",
                column: "service_referral_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_referrals_directory_service_id",
                table: "service_referrals",
                column: "directory_service_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_referrals_episode_id",
                table: "service_referrals",
                column: "episode_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_referrals_person_id",
                table: "service_referrals",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_referrals_team_id",
                table: "service_referrals",
                column: "team_id");

            migrationBuilder.CreateIndex(
                name: "ix_sessions_episode_id_date",
                table: "sessions",
                columns: new[] { "episode_id", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_sessions_team_id",
                table: "sessions",
                column: "team_id");

            migrationBuilder.CreateIndex(
                name: "ix_worker_times_team_id",
                table: "worker_times",
                column: "team_id");

            migrationBuilder.CreateIndex(
                name: "ix_worker_times_worker_id_date",
                table: "worker_times",
                columns: new[] { "worker_id", "date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "assessment_members");

            migrationBuilder.DropTable(
                name: "booster_approvals");

            migrationBuilder.DropTable(
                name: "drafts");

            migrationBuilder.DropTable(
                name: "goal_ratings");

            migrationBuilder.DropTable(
                name: "plan_agreements");

            migrationBuilder.DropTable(
                name: "plan_versions");

            migrationBuilder.DropTable(
                name: "professionals");

            migrationBuilder.DropTable(
                name: "service_referral_status_changes");

            migrationBuilder.DropTable(
                name: "sessions");

            migrationBuilder.DropTable(
                name: "worker_times");

            migrationBuilder.DropTable(
                name: "assessments");

            migrationBuilder.DropTable(
                name: "goals");

            migrationBuilder.DropTable(
                name: "reviews");

            migrationBuilder.DropTable(
                name: "service_referrals");

            migrationBuilder.DropTable(
                name: "plans");

            migrationBuilder.DropTable(
                name: "directory_services");
        }
    }
}
