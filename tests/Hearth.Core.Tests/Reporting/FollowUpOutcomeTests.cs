using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Programmes;
using Hearth.Core.Referrals;
using Hearth.Core.Reporting;
using Hearth.Core.Security;
using Hearth.Core.Statutory;
using Hearth.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Core.Tests.Reporting;

/// <summary>
/// The outcomes report's follow-up windows on a hand-computed fixture: per window, the children whose window is over,
/// how many were checked, had an event (from a follow-up or already in Hearth) or checked with none, and the unknown,
/// who are never counted as doing well. Runs on SQLite and PostgreSQL alike.
/// </summary>
public sealed class FollowUpOutcomeTests : IAsyncLifetime
{
    private static readonly ActorContext System = ActorContext.System("test");
    private static readonly DateOnly Today = new(2026, 11, 2);
    private TestDatabase _db = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _services = _db.CreateServices(new FixedTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero)));
        using var scope = _services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ProgrammeService>().EnsureShippedAsync(System);
        var org = scope.ServiceProvider.GetRequiredService<OrganisationService>();
        await org.CreateServiceAsync(System, new NewService("FACT22", "fact22", null, ShippedProgrammes.CinPod));
        await org.CreateTeamAsync(System, new NewTeam("fact22", "Pod 1", "fact22-team", null));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task Each_window_counts_eligible_checked_event_clear_and_unknown_children_by_hand()
    {
        // Six children, one per family, all closed with goals achieved. Today is 2 November 2026.
        // A, B, C, D closed 1 May 2024: their 6-, 12- and 24-month windows ended 1 Nov 2024, 1 May 2025 and 1 May 2026.
        // E closed 1 August 2025: 6 and 12 months are over (1 Feb and 1 Aug 2026), 24 months is not.
        // F closed 2 March 2026: 6 months is over (2 Sep 2026), 12 is not.
        var csv = new JourneyCsv();
        var early = new DateOnly(2024, 5, 1);
        var kids = Enumerable.Range(0, 6).Select(_ => csv.NewChild()).ToArray();
        var closedOn = new[] { early, early, early, early, new DateOnly(2025, 8, 1), new DateOnly(2026, 3, 2) };
        for (var i = 0; i < kids.Length; i++)
        {
            csv.Add("FACT22", "Pod 1", kids[i], closedOn[i].AddMonths(-5), "accepted", closed: closedOn[i], closure: "goals_achieved");
        }
        await ImportAsync(csv);
        var (people, episodes) = await LookUpAsync(kids);
        var (a, b, c, e, f) = (0, 1, 2, 4, 5);

        // A: checked with no event at 6, 12 and 24 months.
        await RecordAsync(episodes[a], 6, new(new DateOnly(2024, 11, 4), FollowUpResult.NoEvent, null));
        await RecordAsync(episodes[a], 12, new(new DateOnly(2025, 5, 6), FollowUpResult.NoEvent, null));
        await RecordAsync(episodes[a], 24, new(new DateOnly(2026, 5, 5), FollowUpResult.NoEvent, null));
        // B: only the 24-month check, which answers for every window; but a statutory child protection plan began
        // on 15 January 2025 (8 months after closure), so B had an event in the 12- and 24-month windows, not the 6.
        await RecordAsync(episodes[b], 24, new(new DateOnly(2026, 5, 5), FollowUpResult.NoEvent, null));
        await AddStatutoryPlanAsync(people[b], new DateOnly(2025, 1, 15));
        // C: never checked, but entry to care on 10 September 2024 was recorded on the episode: an event in every window.
        using (var scope = _services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<EpisodeService>().RecordOutcomeAsync(System,
                new NewOutcomeEvent(people[c], episodes[c], OutcomeKind.BecameLookedAfter, new DateOnly(2024, 9, 10), null));
        }
        // D: nothing recorded. E: the 6-month follow-up could not check. F: checked at 6 months, re-referred on 10 June 2026.
        await RecordAsync(episodes[e], 6, new(new DateOnly(2026, 2, 9), FollowUpResult.CouldNotCheck, "Family moved away"));
        await RecordAsync(episodes[f], 6, new(new DateOnly(2026, 9, 7), FollowUpResult.Event, null,
            [new NewOutcomeEvent(people[f], episodes[f], OutcomeKind.ReReferral, new DateOnly(2026, 6, 10), null)]));

        ReportResult result;
        using (var scope = _services.CreateScope())
        {
            result = await scope.ServiceProvider.GetRequiredService<ReportService>().RunAsync(System, "outcomes", new ReportFilter(new ReportPeriod(new DateOnly(2024, 4, 1), new DateOnly(2026, 3, 31))));
        }

        // Window: eligible, checked, had an event, checked with none, unknown, event % and no-event % of the known, unknown % of eligible.
        // 6 months: eligible A-F (6); checked A, B, F (3); event C, F (2); clear A, B (2); unknown D, E (2).
        // 12 months: eligible A-E (5); checked A, B (2); event B, C (2); clear A (1); unknown D, E (2).
        // 24 months: eligible A-D (4); checked A, B (2); event B, C (2); clear A (1); unknown D (1).
        Assert.Equal(
        [
            ["6 months", 6L, 3L, 2L, 2L, 2L, 50.0, 50.0, 33.3],
            ["12 months", 5L, 2L, 2L, 1L, 2L, 66.7, 33.3, 40.0],
            ["24 months", 4L, 2L, 2L, 1L, 1L, 66.7, 33.3, 25.0],
        ], result.Tables.Single(t => t.Key == "follow-ups").Rows);

        // Each event kind as a share of the children whose window is over; B's statutory plan counts with no second entry.
        var after = result.Tables.Single(t => t.Key == "after-closure").Rows.ToDictionary(r => (string)r[0]!, r => new[] { r[1], r[2] });
        Assert.Equal(new object?[] { 6L, null }, after["Children whose work closed in the period"]);
        Assert.Equal(new object?[] { 0L, 0.0 }, after["Re-referred within 12 months of closure"]);
        Assert.Equal(new object?[] { 0L, 0.0 }, after["Child protection plan within 6 months of closure"]);
        Assert.Equal(new object?[] { 1L, 20.0 }, after["Child protection plan within 12 months of closure"]);
        Assert.Equal(new object?[] { 1L, 25.0 }, after["Child protection plan within 24 months of closure"]);
        Assert.Equal(new object?[] { 1L, 16.7 }, after["Became looked after within 6 months of closure"]);
        Assert.Equal(new object?[] { 1L, 20.0 }, after["Became looked after within 12 months of closure"]);
        Assert.Equal(new object?[] { 1L, 25.0 }, after["Became looked after within 24 months of closure"]);

        // Sustained needs a check at 12 months or later: A and B; C, D and E were never checked by then and F's 12
        // months are not over, so four are unknown and the share is of the two known.
        Assert.Equal(["First intervention", 6L, 2L, 4L, 100.0], result.Tables.Single(t => t.Key == "interventions").Rows[0]);
    }

    [Fact]
    public async Task Unknown_is_shown_as_unknown_and_no_share_is_claimed_when_nobody_was_checked()
    {
        var csv = new JourneyCsv();
        var child = csv.NewChild();
        csv.Add("FACT22", "Pod 1", child, new DateOnly(2023, 9, 4), "accepted", closed: new DateOnly(2024, 2, 5), closure: "goals_achieved");
        await ImportAsync(csv);

        ReportResult result;
        using (var scope = _services.CreateScope())
        {
            result = await scope.ServiceProvider.GetRequiredService<ReportService>().RunAsync(System, "outcomes", new ReportFilter(ReportPeriod.FinancialYear(2023)));
        }

        var windows = result.Tables.Single(t => t.Key == "follow-ups");
        Assert.All(windows.Rows, r => Assert.Equal(new object?[] { 1L, 0L, 0L, 0L, 1L, null, null, 100.0 }, r.Skip(1).ToArray()));
        Assert.Equal("n/a", windows.Columns[7].Format(windows.Rows[0][7]));
        Assert.Equal(["First intervention", 1L, 0L, 1L, null], result.Tables.Single(t => t.Key == "interventions").Rows[0]);
    }

    private async Task ImportAsync(JourneyCsv csv)
    {
        using var scope = _services.CreateScope();
        var (rows, errors) = JourneyImport.Read(new StringReader(csv.ToString()));
        Assert.Empty(errors);
        var result = await scope.ServiceProvider.GetRequiredService<JourneyImport>().ImportAsync(System, rows, new JourneyImportOptions());
        Assert.True(result.Succeeded, string.Join("\n", result.Errors.Take(5).Select(x => $"{x.Row} {x.Column}: {x.Message}")));
    }

    private async Task<(Guid[] People, Guid[] Episodes)> LookUpAsync(string[] kids)
    {
        using var scope = _services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Hearth.Core.Data.HearthDbContext>();
        var people = await db.Set<Person>().Where(p => p.CouncilChildId != null).ToDictionaryAsync(p => p.CouncilChildId!, p => p.Id);
        var episodeOf = await db.Set<ReferralChild>().Join(db.Set<Referral>(), x => x.ReferralId, r => r.Id, (x, r) => new { x.PersonId, r.EpisodeId })
            .Where(x => x.EpisodeId != null).ToDictionaryAsync(x => x.PersonId, x => x.EpisodeId!.Value);
        return (kids.Select(k => people[k]).ToArray(), kids.Select(k => episodeOf[people[k]]).ToArray());
    }

    private async Task RecordAsync(Guid episodeId, int months, FollowUpFinding finding)
    {
        using var scope = _services.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<EpisodeService>();
        var followUp = (await service.FollowUpsAsync(System, episodeId)).Single(x => x.MonthsAfterClosure == months);
        await service.RecordFollowUpAsync(System, followUp.Id, followUp.Version, finding);
    }

    private async Task AddStatutoryPlanAsync(Guid personId, DateOnly startedOn)
    {
        using var scope = _services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Hearth.Core.Data.HearthDbContext>();
        var person = await db.Set<Person>().SingleAsync(p => p.Id == personId);
        var referral = await db.Set<Referral>().Where(r => r.FamilyId == person.FamilyId).FirstAsync();
        var record = new ChildInNeedRecord { ReferralId = referral.Id, PersonId = personId, FamilyId = referral.FamilyId, TeamId = referral.TeamId };
        record.ProtectionPlans.Add(new ProtectionPlan { PersonId = personId, TeamId = referral.TeamId, StartedOn = startedOn, InitialCategory = "NEG", LatestCategory = "NEG" });
        db.Add(record);
        await db.SaveChangesAsync(System);
    }
}
