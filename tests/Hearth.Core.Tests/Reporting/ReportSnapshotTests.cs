using Hearth.Core.Data;
using Hearth.Core.Reporting;
using Hearth.Core.Security;
using Hearth.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Core.Tests.Reporting;

/// <summary>How a report's statements run: on PostgreSQL in one repeatable-read snapshot without JIT compilation.</summary>
public sealed class ReportSnapshotTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _services = _db.CreateServices(new FixedTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero)));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task A_report_reads_one_snapshot_without_jit_on_postgres_and_leaves_the_connection_as_it_was()
    {
        using var scope = _services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
        var probe = new SettingsProbe();
        var reports = new ReportService(db, [probe]);

        await reports.RunAsync(ActorContext.System("test"), "probe", new ReportFilter(new ReportPeriod(new DateOnly(2025, 4, 1), new DateOnly(2026, 3, 31))));

        if (db.Database.IsNpgsql())
        {
            Assert.Equal(["repeatable read", "off"], probe.Seen);
            // SET LOCAL ended with the report's transaction.
            Assert.Equal("on", await Setting(db, "jit"));
            Assert.Null(db.Database.CurrentTransaction);
        }
        else
        {
            // SQLite: no transaction, which would hold a lock against writers while the report runs.
            Assert.Equal(["none"], probe.Seen);
        }
    }

    private static async Task<string> Setting(HearthDbContext db, string name) =>
        (await db.Database.SqlQuery<string>($"SELECT current_setting({name}) AS \"Value\"").ToListAsync()).Single();

    /// <summary>A report that records the settings its statements run under.</summary>
    private sealed class SettingsProbe : ReportDefinition
    {
        public List<string> Seen { get; } = [];
        public override string Name => "probe";
        public override string Title => "Probe";
        public override string Description => "Records the settings a report runs under.";

        public override async Task<IReadOnlyList<ReportTable>> QueryAsync(ReportScope scope, ReportFilter filter, CancellationToken ct)
        {
            if (scope.Db.Database.IsNpgsql())
            {
                Seen.Add(await Setting(scope.Db, "transaction_isolation"));
                Seen.Add(await Setting(scope.Db, "jit"));
            }
            else
            {
                Seen.Add(scope.Db.Database.CurrentTransaction is null ? "none" : "transaction");
            }
            return [];
        }
    }
}
