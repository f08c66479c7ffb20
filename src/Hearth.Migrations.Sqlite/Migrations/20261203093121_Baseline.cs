using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hearth.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Baseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    occurred_at = table.Column<long>(type: "INTEGER", nullable: false),
                    actor_user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    actor_name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    entity_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    entity_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    changes = table.Column<string>(type: "TEXT", nullable: true),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "claim_windows",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    framework_code = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    opens_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    closes_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_claim_windows", x => x.id);
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
                name: "evidence_import_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    imported_at = table.Column<long>(type: "INTEGER", nullable: false),
                    imported_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    rows = table.Column<int>(type: "INTEGER", nullable: false),
                    facts_created = table.Column<int>(type: "INTEGER", nullable: false),
                    facts_unchanged = table.Column<int>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evidence_import_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "framework_versions",
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
                    table.PrimaryKey("pk_framework_versions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "population_figures",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    characteristic = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    count = table.Column<long>(type: "INTEGER", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_population_figures", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "programme_drafts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    based_on_number = table.Column<int>(type: "INTEGER", nullable: false),
                    definition_json = table.Column<string>(type: "TEXT", nullable: false),
                    started_at = table.Column<long>(type: "INTEGER", nullable: false),
                    started_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_programme_drafts", x => x.id);
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
                name: "services",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    description = table.Column<string>(type: "TEXT", nullable: true),
                    programme_code = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    closed_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_services", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "claim_batchs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    window_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    framework_code = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    as_of = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    checked_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    checked_at = table.Column<long>(type: "INTEGER", nullable: true),
                    submitted_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    submitted_at = table.Column<long>(type: "INTEGER", nullable: true),
                    paid_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    paid_at = table.Column<long>(type: "INTEGER", nullable: true),
                    rejected_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    rejected_at = table.Column<long>(type: "INTEGER", nullable: true),
                    rejection_reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    audit_share_percent = table.Column<int>(type: "INTEGER", nullable: false),
                    audit_seed = table.Column<int>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_claim_batchs", x => x.id);
                    table.ForeignKey(
                        name: "fk_claim_batchs_claim_window_window_id",
                        column: x => x.window_id,
                        principalTable: "claim_windows",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "grant_profile_years",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    service_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    framework_code = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    financial_year = table.Column<int>(type: "INTEGER", nullable: false),
                    expected_families = table.Column<int>(type: "INTEGER", nullable: false),
                    expected_attachment_fees = table.Column<double>(type: "REAL", nullable: false),
                    expected_results = table.Column<double>(type: "REAL", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_grant_profile_years", x => x.id);
                    table.ForeignKey(
                        name: "fk_grant_profile_years_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "report_gaps",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    service_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    figure = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    to = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_report_gaps", x => x.id);
                    table.ForeignKey(
                        name: "fk_report_gaps_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "service_budgets",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    service_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    financial_year = table.Column<int>(type: "INTEGER", nullable: false),
                    gross_expenditure = table.Column<double>(type: "REAL", precision: 12, scale: 2, nullable: false),
                    income = table.Column<double>(type: "REAL", precision: 12, scale: 2, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_budgets", x => x.id);
                    table.ForeignKey(
                        name: "fk_service_budgets_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "teams",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    service_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    patch = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    @base = table.Column<string>(name: "base", type: "TEXT", maxLength: 200, nullable: true),
                    closed_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_teams", x => x.id);
                    table.ForeignKey(
                        name: "fk_teams_services_service_id",
                        column: x => x.service_id,
                        principalTable: "services",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "families",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    patch = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_families", x => x.id);
                    table.ForeignKey(
                        name: "fk_families_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "workers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    job_title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    fte = table.Column<double>(type: "REAL", precision: 4, scale: 2, nullable: false),
                    max_intensive_cases = table.Column<int>(type: "INTEGER", nullable: false),
                    specialisms = table.Column<string>(type: "TEXT", nullable: false),
                    patch = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    start_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    leaving_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workers", x => x.id);
                    table.ForeignKey(
                        name: "fk_workers_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "attachments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    family_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    framework_code = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    framework_version = table.Column<int>(type: "INTEGER", nullable: false),
                    attached_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    attached_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    criteria_met = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_attachments", x => x.id);
                    table.ForeignKey(
                        name: "fk_attachments_families_family_id",
                        column: x => x.family_id,
                        principalTable: "families",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
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
                name: "people",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    family_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    given_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    family_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    known_as = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    date_of_birth = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    expected_date_of_birth = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    sex = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    gender_identity = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ethnicity_code = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    disability_codes = table.Column<string>(type: "TEXT", nullable: false),
                    first_language = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    council_child_id = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    upn = table.Column<string>(type: "TEXT", maxLength: 13, nullable: true),
                    former_upn = table.Column<string>(type: "TEXT", maxLength: 13, nullable: true),
                    nhs_number = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    postcode = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    date_of_death = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    merged_into_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_people", x => x.id);
                    table.ForeignKey(
                        name: "fk_people_families_family_id",
                        column: x => x.family_id,
                        principalTable: "families",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_people_people_merged_into_id",
                        column: x => x.merged_into_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    display_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    worker_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    external_subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", nullable: true),
                    security_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    concurrency_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    lockout_end = table.Column<long>(type: "INTEGER", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    access_failed_count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users", x => x.id);
                    table.ForeignKey(
                        name: "fk_users_workers_worker_id",
                        column: x => x.worker_id,
                        principalTable: "workers",
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
                name: "claim_lines",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    batch_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    attachment_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    family_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    result_key = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    framework_version = table.Column<int>(type: "INTEGER", nullable: false),
                    amount = table.Column<double>(type: "REAL", nullable: false),
                    achieved_since = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    claimable_from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    computation = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    claim_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    in_audit_sample = table.Column<bool>(type: "INTEGER", nullable: false),
                    evidence_seen = table.Column<bool>(type: "INTEGER", nullable: true),
                    eligibility_confirmed = table.Column<bool>(type: "INTEGER", nullable: true),
                    result_confirmed = table.Column<bool>(type: "INTEGER", nullable: true),
                    audit_note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    audited_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    audited_at = table.Column<long>(type: "INTEGER", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_claim_lines", x => x.id);
                    table.ForeignKey(
                        name: "fk_claim_lines_attachments_attachment_id",
                        column: x => x.attachment_id,
                        principalTable: "attachments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_claim_lines_claim_batchs_batch_id",
                        column: x => x.batch_id,
                        principalTable: "claim_batchs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_claim_lines_families_family_id",
                        column: x => x.family_id,
                        principalTable: "families",
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
                    end_reason = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    end_note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
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
                    result = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
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
                name: "evidence_subjects",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    council_child_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    upn = table.Column<string>(type: "TEXT", maxLength: 13, nullable: true),
                    nhs_number = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    household_ref = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    date_of_birth = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evidence_subjects", x => x.id);
                    table.ForeignKey(
                        name: "fk_evidence_subjects_people_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

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
                name: "measure_administrations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    episode_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    family_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    instrument_id = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    instrument_version = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    time_point = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    time_point_number = table.Column<int>(type: "INTEGER", nullable: true),
                    respondent = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    completed_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    age_years = table.Column<int>(type: "INTEGER", nullable: true),
                    responses_json = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    primary_score = table.Column<double>(type: "REAL", precision: 9, scale: 4, nullable: true),
                    is_complete = table.Column<bool>(type: "INTEGER", nullable: false),
                    is_viable = table.Column<bool>(type: "INTEGER", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_measure_administrations", x => x.id);
                    table.ForeignKey(
                        name: "fk_measure_administrations_episodes_episode_id",
                        column: x => x.episode_id,
                        principalTable: "episodes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_measure_administrations_family_family_id",
                        column: x => x.family_id,
                        principalTable: "families",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_measure_administrations_person_person_id",
                        column: x => x.person_id,
                        principalTable: "people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_measure_administrations_team_team_id",
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
                name: "api_tokens",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    prefix = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: true),
                    revoked_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_api_tokens_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "user_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    claim_type = table.Column<string>(type: "TEXT", nullable: true),
                    claim_value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_user_claims_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_logins",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    provider_key = table.Column<string>(type: "TEXT", nullable: false),
                    provider_display_name = table.Column<string>(type: "TEXT", nullable: true),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "fk_user_logins_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_teams",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_teams", x => new { x.user_id, x.team_id });
                    table.ForeignKey(
                        name: "fk_user_teams_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_user_teams_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_tokens",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "fk_user_tokens_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
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

            migrationBuilder.CreateTable(
                name: "evidence_facts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    subject_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    source_ref = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    import_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    to = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    sessions_possible = table.Column<int>(type: "INTEGER", nullable: true),
                    authorised_absences = table.Column<int>(type: "INTEGER", nullable: true),
                    unauthorised_absences = table.Column<int>(type: "INTEGER", nullable: true),
                    hours_per_week = table.Column<double>(type: "REAL", nullable: true),
                    code = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    entered_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evidence_facts", x => x.id);
                    table.ForeignKey(
                        name: "fk_evidence_facts_evidence_import_run_import_id",
                        column: x => x.import_id,
                        principalTable: "evidence_import_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_evidence_facts_evidence_subject_subject_id",
                        column: x => x.subject_id,
                        principalTable: "evidence_subjects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "measure_scores",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    administration_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    key = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    value = table.Column<double>(type: "REAL", precision: 9, scale: 4, nullable: true),
                    band = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_measure_scores", x => x.id);
                    table.ForeignKey(
                        name: "fk_measure_scores_measure_administrations_administration_id",
                        column: x => x.administration_id,
                        principalTable: "measure_administrations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
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
                name: "ix_allocations_episode_id",
                table: "allocations",
                column: "episode_id");

            migrationBuilder.CreateIndex(
                name: "ix_allocations_worker_id_to",
                table: "allocations",
                columns: new[] { "worker_id", "to" });

            migrationBuilder.CreateIndex(
                name: "ix_api_tokens_token_hash",
                table: "api_tokens",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_api_tokens_user_id",
                table: "api_tokens",
                column: "user_id");

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
                name: "ix_attachments_family_id_framework_code",
                table: "attachments",
                columns: new[] { "family_id", "framework_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_attachments_framework_code_attached_on",
                table: "attachments",
                columns: new[] { "framework_code", "attached_on" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_actor_user_id",
                table: "audit_events",
                column: "actor_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_entity_type_entity_id",
                table: "audit_events",
                columns: new[] { "entity_type", "entity_id" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_occurred_at",
                table: "audit_events",
                column: "occurred_at");

            migrationBuilder.CreateIndex(
                name: "ix_booster_approvals_episode_id",
                table: "booster_approvals",
                column: "episode_id");

            migrationBuilder.CreateIndex(
                name: "ix_booster_approvals_team_id",
                table: "booster_approvals",
                column: "team_id");

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
                name: "ix_claim_batchs_window_id",
                table: "claim_batchs",
                column: "window_id");

            migrationBuilder.CreateIndex(
                name: "ix_claim_lines_attachment_id",
                table: "claim_lines",
                column: "attachment_id");

            migrationBuilder.CreateIndex(
                name: "ix_claim_lines_batch_id",
                table: "claim_lines",
                column: "batch_id");

            migrationBuilder.CreateIndex(
                name: "ix_claim_lines_claim_key",
                table: "claim_lines",
                column: "claim_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_claim_lines_family_id",
                table: "claim_lines",
                column: "family_id");

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
                name: "ix_evidence_facts_import_id",
                table: "evidence_facts",
                column: "import_id");

            migrationBuilder.CreateIndex(
                name: "ix_evidence_facts_kind_from",
                table: "evidence_facts",
                columns: new[] { "kind", "from" });

            migrationBuilder.CreateIndex(
                name: "ix_evidence_facts_source_source_ref",
                table: "evidence_facts",
                columns: new[] { "source", "source_ref" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_evidence_facts_subject_id_kind_from",
                table: "evidence_facts",
                columns: new[] { "subject_id", "kind", "from" });

            migrationBuilder.CreateIndex(
                name: "ix_evidence_subjects_council_child_id",
                table: "evidence_subjects",
                column: "council_child_id");

            migrationBuilder.CreateIndex(
                name: "ix_evidence_subjects_household_ref",
                table: "evidence_subjects",
                column: "household_ref");

            migrationBuilder.CreateIndex(
                name: "ix_evidence_subjects_nhs_number",
                table: "evidence_subjects",
                column: "nhs_number");

            migrationBuilder.CreateIndex(
                name: "ix_evidence_subjects_person_id",
                table: "evidence_subjects",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_evidence_subjects_upn",
                table: "evidence_subjects",
                column: "upn");

            migrationBuilder.CreateIndex(
                name: "ix_families_reference",
                table: "families",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_families_team_id",
                table: "families",
                column: "team_id");

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
                name: "ix_framework_versions_code_number",
                table: "framework_versions",
                columns: new[] { "code", "number" },
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
                name: "ix_grant_profile_years_service_id_framework_code_financial_year",
                table: "grant_profile_years",
                columns: new[] { "service_id", "framework_code", "financial_year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_measure_administrations_episode_id_person_id_instrument_id",
                table: "measure_administrations",
                columns: new[] { "episode_id", "person_id", "instrument_id" });

            migrationBuilder.CreateIndex(
                name: "ix_measure_administrations_family_id",
                table: "measure_administrations",
                column: "family_id");

            migrationBuilder.CreateIndex(
                name: "ix_measure_administrations_person_id",
                table: "measure_administrations",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_measure_administrations_team_id_instrument_id_completed_on",
                table: "measure_administrations",
                columns: new[] { "team_id", "instrument_id", "completed_on" });

            migrationBuilder.CreateIndex(
                name: "ix_measure_scores_administration_id_key",
                table: "measure_scores",
                columns: new[] { "administration_id", "key" },
                unique: true);

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
                name: "ix_people_council_child_id",
                table: "people",
                column: "council_child_id");

            migrationBuilder.CreateIndex(
                name: "ix_people_date_of_birth",
                table: "people",
                column: "date_of_birth");

            migrationBuilder.CreateIndex(
                name: "ix_people_family_id",
                table: "people",
                column: "family_id");

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
                name: "ix_person_addresses_person_id_from",
                table: "person_addresses",
                columns: new[] { "person_id", "from" });

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
                name: "ix_population_figures_year_characteristic_category",
                table: "population_figures",
                columns: new[] { "year", "characteristic", "category" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_professionals_episode_id",
                table: "professionals",
                column: "episode_id");

            migrationBuilder.CreateIndex(
                name: "ix_professionals_team_id",
                table: "professionals",
                column: "team_id");

            migrationBuilder.CreateIndex(
                name: "ix_programme_drafts_code",
                table: "programme_drafts",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_programme_versions_code_number",
                table: "programme_versions",
                columns: new[] { "code", "number" },
                unique: true);

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
                name: "ix_report_gaps_service_id_figure",
                table: "report_gaps",
                columns: new[] { "service_id", "figure" });

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

            migrationBuilder.CreateIndex(
                name: "ix_service_budgets_service_id_financial_year",
                table: "service_budgets",
                columns: new[] { "service_id", "financial_year" },
                unique: true);

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
                name: "ix_services_code",
                table: "services",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sessions_episode_id_date",
                table: "sessions",
                columns: new[] { "episode_id", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_sessions_team_id",
                table: "sessions",
                column: "team_id");

            migrationBuilder.CreateIndex(
                name: "ix_teams_code",
                table: "teams",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_teams_service_id",
                table: "teams",
                column: "service_id");

            migrationBuilder.CreateIndex(
                name: "ix_user_claims_user_id",
                table: "user_claims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_user_logins_user_id",
                table: "user_logins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_user_teams_team_id",
                table: "user_teams",
                column: "team_id");

            migrationBuilder.CreateIndex(
                name: "email_index",
                table: "users",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "ix_users_external_subject",
                table: "users",
                column: "external_subject",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_users_worker_id",
                table: "users",
                column: "worker_id");

            migrationBuilder.CreateIndex(
                name: "user_name_index",
                table: "users",
                column: "normalized_user_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_waiting_list_entries_referral_id",
                table: "waiting_list_entries",
                column: "referral_id");

            migrationBuilder.CreateIndex(
                name: "ix_waiting_list_entries_team_id_removed_on",
                table: "waiting_list_entries",
                columns: new[] { "team_id", "removed_on" });

            migrationBuilder.CreateIndex(
                name: "ix_worker_times_team_id",
                table: "worker_times",
                column: "team_id");

            migrationBuilder.CreateIndex(
                name: "ix_worker_times_worker_id_date",
                table: "worker_times",
                columns: new[] { "worker_id", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_workers_team_id",
                table: "workers",
                column: "team_id");

            // The audit trail is append-only: the database itself refuses updates and deletes (docs/decisions/0002).
            migrationBuilder.Sql("CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "allocations");

            migrationBuilder.DropTable(
                name: "api_tokens");

            migrationBuilder.DropTable(
                name: "assessment_members");

            migrationBuilder.DropTable(
                name: "audit_events");

            migrationBuilder.DropTable(
                name: "booster_approvals");

            migrationBuilder.DropTable(
                name: "cin_plan_periods");

            migrationBuilder.DropTable(
                name: "claim_lines");

            migrationBuilder.DropTable(
                name: "drafts");

            migrationBuilder.DropTable(
                name: "episode_phases");

            migrationBuilder.DropTable(
                name: "evidence_facts");

            migrationBuilder.DropTable(
                name: "family_memberships");

            migrationBuilder.DropTable(
                name: "follow_ups");

            migrationBuilder.DropTable(
                name: "framework_versions");

            migrationBuilder.DropTable(
                name: "goal_ratings");

            migrationBuilder.DropTable(
                name: "grant_profile_years");

            migrationBuilder.DropTable(
                name: "measure_scores");

            migrationBuilder.DropTable(
                name: "outcome_events");

            migrationBuilder.DropTable(
                name: "person_addresses");

            migrationBuilder.DropTable(
                name: "plan_agreements");

            migrationBuilder.DropTable(
                name: "plan_versions");

            migrationBuilder.DropTable(
                name: "population_figures");

            migrationBuilder.DropTable(
                name: "professionals");

            migrationBuilder.DropTable(
                name: "programme_drafts");

            migrationBuilder.DropTable(
                name: "protection_plans");

            migrationBuilder.DropTable(
                name: "referral_childs");

            migrationBuilder.DropTable(
                name: "report_gaps");

            migrationBuilder.DropTable(
                name: "section47_enquiries");

            migrationBuilder.DropTable(
                name: "service_budgets");

            migrationBuilder.DropTable(
                name: "service_referral_status_changes");

            migrationBuilder.DropTable(
                name: "sessions");

            migrationBuilder.DropTable(
                name: "user_claims");

            migrationBuilder.DropTable(
                name: "user_logins");

            migrationBuilder.DropTable(
                name: "user_teams");

            migrationBuilder.DropTable(
                name: "user_tokens");

            migrationBuilder.DropTable(
                name: "waiting_list_entries");

            migrationBuilder.DropTable(
                name: "worker_times");

            migrationBuilder.DropTable(
                name: "assessments");

            migrationBuilder.DropTable(
                name: "attachments");

            migrationBuilder.DropTable(
                name: "claim_batchs");

            migrationBuilder.DropTable(
                name: "evidence_import_runs");

            migrationBuilder.DropTable(
                name: "evidence_subjects");

            migrationBuilder.DropTable(
                name: "goals");

            migrationBuilder.DropTable(
                name: "reviews");

            migrationBuilder.DropTable(
                name: "measure_administrations");

            migrationBuilder.DropTable(
                name: "child_in_need_records");

            migrationBuilder.DropTable(
                name: "service_referrals");

            migrationBuilder.DropTable(
                name: "users");

            migrationBuilder.DropTable(
                name: "claim_windows");

            migrationBuilder.DropTable(
                name: "plans");

            migrationBuilder.DropTable(
                name: "referrals");

            migrationBuilder.DropTable(
                name: "directory_services");

            migrationBuilder.DropTable(
                name: "people");

            migrationBuilder.DropTable(
                name: "workers");

            migrationBuilder.DropTable(
                name: "episodes");

            migrationBuilder.DropTable(
                name: "families");

            migrationBuilder.DropTable(
                name: "programme_versions");

            migrationBuilder.DropTable(
                name: "teams");

            migrationBuilder.DropTable(
                name: "services");
        }
    }
}
