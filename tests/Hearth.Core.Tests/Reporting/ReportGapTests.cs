using Hearth.Core.Auditing;
using Hearth.Core.Data;
using Hearth.Core.Organisation;
using Hearth.Core.Programmes;
using Hearth.Core.Reporting;
using Hearth.Core.Security;
using Hearth.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Core.Tests.Reporting;

/// <summary>Recording, listing and removing the figures a service did not record (report gaps), and what the funnel makes of them.</summary>
public sealed class ReportGapTests : IAsyncLifetime
{
    private static readonly ActorContext System = ActorContext.System("test");
    private static readonly ActorContext Performance = ActorContext.ForUser(Guid.NewGuid(), "Pat Performance", Role.Performance, []);
    private static readonly DateOnly April2019 = new(2019, 4, 1), March2020 = new(2020, 3, 31);
    private TestDatabase _db = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _services = _db.CreateServices(new FixedTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero)));
        using var scope = _services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ProgrammeService>().EnsureShippedAsync(System);
        var org = scope.ServiceProvider.GetRequiredService<OrganisationService>();
        await org.CreateServiceAsync(System, new NewService("IFIT", "ifit", null, ShippedProgrammes.Ifit));
        await org.CreateTeamAsync(System, new NewTeam("ifit", "IFIT team", "ifit-team", null));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _db.DisposeAsync();
    }

    private async Task<T> With<T>(Func<IServiceProvider, Task<T>> action)
    {
        using var scope = _services.CreateScope();
        return await action(scope.ServiceProvider);
    }

    private Task<ReportGap> RecordAsync(string? service = "ifit", string? figure = FunnelReport.AcceptedGap, DateOnly? from = null, DateOnly? to = null, string? note = "Not recorded before Hearth") =>
        With(s => s.GetRequiredService<ReportService>().RecordGapAsync(Performance, service, figure, from ?? April2019, to ?? March2020, note));

    private Task<object?> AcceptedAsync() => With(async s =>
        (await s.GetRequiredService<ReportService>().RunAsync(System, "funnel", new ReportFilter(ReportPeriod.FinancialYear(2019)))).Tables[0].Rows.Single()[8]);

    private Task<int> GapCountAsync() => With(s => s.GetRequiredService<HearthDbContext>().Set<ReportGap>().CountAsync());

    [Fact]
    public async Task Bad_input_names_each_field_and_records_nothing()
    {
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            With(s => s.GetRequiredService<ReportService>().RecordGapAsync(Performance, "", "", null, null, " ")));
        Assert.Equal(["Service", "Figure", "From", "To", "Note"], refused.Errors.Select(e => e.Field));

        var wrong = await Assert.ThrowsAsync<ValidationFailedException>(() => RecordAsync(service: "nowhere", figure: "funnel.referrals", from: March2020, to: April2019));
        Assert.Equal([("Service", "There is no service with code nowhere"), ("Figure", "\"funnel.referrals\" is not a figure a report can show as not recorded: funnel.accepted"),
            ("To", "The last day must be the same as or after the first day")], wrong.Errors.Select(e => (e.Field, e.Message)));
        Assert.Equal(0, await GapCountAsync());
    }

    [Fact]
    public async Task A_period_overlapping_one_already_recorded_is_refused()
    {
        await RecordAsync();
        var overlap = await Assert.ThrowsAsync<ValidationFailedException>(() => RecordAsync(from: new DateOnly(2020, 1, 1), to: new DateOnly(2020, 12, 31)));
        Assert.Equal("From", overlap.Errors.Single().Field);
        Assert.Contains("from 1 April 2019 to 31 March 2020", overlap.Errors.Single().Message);
        await RecordAsync(from: new DateOnly(2020, 4, 1), to: new DateOnly(2021, 3, 31));
        Assert.Equal(2, await GapCountAsync());
    }

    [Fact]
    public async Task Only_a_role_with_import_data_records_lists_or_removes_a_gap()
    {
        var admin = ActorContext.ForUser(Guid.NewGuid(), "Ada Admin", Role.Admin, []);
        var gap = await RecordAsync();
        await Assert.ThrowsAsync<AccessDeniedException>(() => With(s => s.GetRequiredService<ReportService>().RecordGapAsync(admin, "ifit", FunnelReport.AcceptedGap, April2019, March2020, "x")));
        await Assert.ThrowsAsync<AccessDeniedException>(() => With(s => s.GetRequiredService<ReportService>().GapsAsync(admin)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => With(async s => { await s.GetRequiredService<ReportService>().RemoveGapAsync(admin, gap.Id, gap.Version); return 0; }));
        Assert.Equal(1, await GapCountAsync());
    }

    [Fact]
    public async Task Removing_a_gap_checks_the_version_read_writes_its_audit_and_the_funnel_counts_the_figure_again()
    {
        Assert.Equal(0L, await AcceptedAsync());
        var gap = await RecordAsync();
        Assert.Null(await AcceptedAsync());
        var listed = Assert.Single(await With(s => s.GetRequiredService<ReportService>().GapsAsync(Performance)));
        Assert.Equal(("ifit", "IFIT", "Referral funnel: accepted to the intensive phase", April2019, March2020, "Not recorded before Hearth"),
            (listed.ServiceCode, listed.Service, listed.FigureLabel, listed.From, listed.To, listed.Note));

        // A stale version (someone else's edit since the read) is refused and removes nothing.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => With(async s => { await s.GetRequiredService<ReportService>().RemoveGapAsync(Performance, gap.Id, listed.Version + 1); return 0; }));
        Assert.Equal(1, await GapCountAsync());

        await With(async s => { await s.GetRequiredService<ReportService>().RemoveGapAsync(Performance, gap.Id, listed.Version); return 0; });
        Assert.Equal(0, await GapCountAsync());
        Assert.Equal(0L, await AcceptedAsync());
        var deleted = await With(s => s.GetRequiredService<HearthDbContext>().AuditEvents.AsNoTracking()
            .SingleAsync(e => e.EntityType == nameof(ReportGap) && e.EntityId == gap.Id.ToString() && e.Action == AuditAction.Deleted));
        Assert.Equal(("Pat Performance", Performance.UserId), (deleted.ActorName, deleted.ActorUserId));
        Assert.Contains("Not recorded before Hearth", deleted.Changes);

        // Removed already (by someone else, say): the same removal is a conflict, not a crash.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => With(async s => { await s.GetRequiredService<ReportService>().RemoveGapAsync(Performance, gap.Id, listed.Version); return 0; }));
    }
}
