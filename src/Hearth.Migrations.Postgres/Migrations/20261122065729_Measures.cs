using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hearth.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Measures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "measure_administrations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    episode_id = table.Column<Guid>(type: "uuid", nullable: false),
                    team_id = table.Column<Guid>(type: "uuid", nullable: false),
                    family_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    instrument_id = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    instrument_version = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    time_point = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    time_point_number = table.Column<int>(type: "integer", nullable: true),
                    respondent = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    completed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    age_years = table.Column<int>(type: "integer", nullable: true),
                    responses_json = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    weights_json = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    primary_score = table.Column<decimal>(type: "numeric(9,4)", precision: 9, scale: 4, nullable: true),
                    is_complete = table.Column<bool>(type: "boolean", nullable: false),
                    is_viable = table.Column<bool>(type: "boolean", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
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
                name: "measure_scores",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    administration_id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    value = table.Column<decimal>(type: "numeric(9,4)", precision: 9, scale: 4, nullable: true),
                    band = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "measure_scores");

            migrationBuilder.DropTable(
                name: "measure_administrations");
        }
    }
}
