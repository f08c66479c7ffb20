using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Hearth.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AuditEventsNoTruncate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // SQLite has no TRUNCATE (DELETE without WHERE is refused by the Baseline's audit_events_no_delete trigger);
            // this migration adds the PostgreSQL statement trigger and keeps the two providers' histories alike.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
