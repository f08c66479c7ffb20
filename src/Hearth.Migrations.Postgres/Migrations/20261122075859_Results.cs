using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hearth.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Results : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "attachments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    family_id = table.Column<Guid>(type: "uuid", nullable: false),
                    framework_code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    framework_version = table.Column<int>(type: "integer", nullable: false),
                    attached_on = table.Column<DateOnly>(type: "date", nullable: false),
                    attached_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    criteria_met = table.Column<List<string>>(type: "text[]", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
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
                name: "claim_windows",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    framework_code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    opens_on = table.Column<DateOnly>(type: "date", nullable: false),
                    closes_on = table.Column<DateOnly>(type: "date", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_claim_windows", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "evidence_import_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_name = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    imported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    imported_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    rows = table.Column<int>(type: "integer", nullable: false),
                    facts_created = table.Column<int>(type: "integer", nullable: false),
                    facts_unchanged = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evidence_import_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "evidence_subjects",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: true),
                    council_child_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    upn = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: true),
                    nhs_number = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    household_ref = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    date_of_birth = table.Column<DateOnly>(type: "date", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
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
                name: "framework_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    effective_from = table.Column<DateOnly>(type: "date", nullable: false),
                    definition_json = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_framework_versions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "grant_profile_years",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    service_id = table.Column<Guid>(type: "uuid", nullable: false),
                    framework_code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    financial_year = table.Column<int>(type: "integer", nullable: false),
                    expected_families = table.Column<int>(type: "integer", nullable: false),
                    expected_attachment_fees = table.Column<decimal>(type: "numeric", nullable: false),
                    expected_results = table.Column<decimal>(type: "numeric", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
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
                name: "claim_batchs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    window_id = table.Column<Guid>(type: "uuid", nullable: false),
                    framework_code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    as_of = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    checked_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    checked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    submitted_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    paid_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    paid_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    rejected_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    rejected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    rejection_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    audit_share_percent = table.Column<int>(type: "integer", nullable: false),
                    audit_seed = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
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
                name: "evidence_facts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    subject_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    source = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    source_ref = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    import_id = table.Column<Guid>(type: "uuid", nullable: true),
                    from = table.Column<DateOnly>(type: "date", nullable: false),
                    to = table.Column<DateOnly>(type: "date", nullable: true),
                    sessions_possible = table.Column<int>(type: "integer", nullable: true),
                    authorised_absences = table.Column<int>(type: "integer", nullable: true),
                    unauthorised_absences = table.Column<int>(type: "integer", nullable: true),
                    hours_per_week = table.Column<decimal>(type: "numeric", nullable: true),
                    code = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    entered_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
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
                name: "claim_lines",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false),
                    attachment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    family_id = table.Column<Guid>(type: "uuid", nullable: false),
                    result_key = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    framework_version = table.Column<int>(type: "integer", nullable: false),
                    amount = table.Column<decimal>(type: "numeric", nullable: false),
                    achieved_since = table.Column<DateOnly>(type: "date", nullable: false),
                    claimable_from = table.Column<DateOnly>(type: "date", nullable: false),
                    computation = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    claim_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    in_audit_sample = table.Column<bool>(type: "boolean", nullable: false),
                    evidence_seen = table.Column<bool>(type: "boolean", nullable: true),
                    eligibility_confirmed = table.Column<bool>(type: "boolean", nullable: true),
                    result_confirmed = table.Column<bool>(type: "boolean", nullable: true),
                    audit_note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    audited_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    audited_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
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
                name: "ix_framework_versions_code_number",
                table: "framework_versions",
                columns: new[] { "code", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_grant_profile_years_service_id_framework_code_financial_year",
                table: "grant_profile_years",
                columns: new[] { "service_id", "framework_code", "financial_year" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "claim_lines");

            migrationBuilder.DropTable(
                name: "evidence_facts");

            migrationBuilder.DropTable(
                name: "framework_versions");

            migrationBuilder.DropTable(
                name: "grant_profile_years");

            migrationBuilder.DropTable(
                name: "attachments");

            migrationBuilder.DropTable(
                name: "claim_batchs");

            migrationBuilder.DropTable(
                name: "evidence_import_runs");

            migrationBuilder.DropTable(
                name: "evidence_subjects");

            migrationBuilder.DropTable(
                name: "claim_windows");
        }
    }
}
