using Hearth.Core.Casework;
using Hearth.Core.Measures;
using Hearth.Core.Referrals;
using Hearth.Core.Reporting;
using Hearth.Core.Security;
using Hearth.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Reporting;

/// <summary>The reports fed by casework: time use from sessions and workers' time, outcome measures from recorded forms.</summary>
public sealed class CaseworkReportTests : JourneyTestBase
{
    private static readonly ReportPeriod October = new(new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 2));

    private async Task<(Guid EpisodeId, Guid PersonId)> OpenAsync(string reference, DateOnly dob)
    {
        var (family, person) = await FamilyWithChildAsync(reference, dob: dob);
        var referral = await RecordAsync(Referral(family, person.Id, new DateOnly(2026, 10, 1)));
        var accepted = await TriageAsync(referral.Id, new TriageDecision(TriageOutcome.Accepted, new DateOnly(2026, 10, 1)));
        return (accepted.EpisodeId!.Value, person.Id);
    }

    private Task<ReportResult> RunAsync(string name) => InScope(s => Get<ReportService>(s).RunAsync(Manager, name, new ReportFilter(October)));

    [Fact]
    public async Task Time_use_splits_hours_between_families_and_other_work()
    {
        var sian = await WorkerAsync("Sian", TeamA);
        var owen = await WorkerAsync("Owen", TeamA);
        var (episode, child) = await OpenAsync("TU-1", new DateOnly(2016, 5, 1));
        await InScope(s => Get<SessionService>(s).RecordManyAsync(Practitioner,
        [
            // A joint visit: once in the totals, once in each worker's hours.
            new SessionInput(episode, new DateOnly(2026, 10, 5), new TimeOnly(10, 0), new TimeOnly(11, 30), SessionType.HomeVisit, false, [child], [sian.Id, owen.Id], null, "Home", null),
            new SessionInput(episode, new DateOnly(2026, 10, 6), new TimeOnly(9, 0), new TimeOnly(9, 30), SessionType.Phone, false, [child], [sian.Id], null, null, null),
        ]));
        await InScope(s => Get<SessionService>(s).LogWorkerTimeAsync(Practitioner, new WorkerTimeInput(sian.Id, new DateOnly(2026, 10, 7), 60, NonFamilyActivity.Travel, null)));
        await InScope(s => Get<SessionService>(s).LogWorkerTimeAsync(Practitioner, new WorkerTimeInput(sian.Id, new DateOnly(2026, 10, 7), 30, NonFamilyActivity.Admin, null)));

        var result = await RunAsync("time-use");

        // 90 + 30 minutes with the family, 60 + 30 on other work: 210 minutes recorded.
        Assert.Equal(
        [
            ["With families: Home visit", 90L, 1.5, 42.9],
            ["With families: Phone", 30L, 0.5, 14.3],
            ["Other: Travel", 60L, 1.0, 28.6],
            ["Other: Admin", 30L, 0.5, 14.3],
            ["All time recorded", 210L, 3.5, 100.0],
        ], result.Tables[0].Rows);
        Assert.Equal(2L, result.Tables[1].Rows.Sum(r => (long)r[1]!));
        // Phases by the programme's name for them, not their keys.
        var (key, name) = await InScope(async s =>
        {
            var db = Get<Hearth.Core.Data.HearthDbContext>(s);
            var e = await db.Set<Hearth.Core.Episodes.Episode>().SingleAsync(x => x.Id == episode);
            var programme = await db.Set<Hearth.Core.Programmes.ProgrammeVersion>().SingleAsync(p => p.Id == e.ProgrammeVersionId);
            return (e.CurrentPhase, programme.Definition.Phase(e.CurrentPhase)!.Name);
        });
        Assert.NotEqual(key, name);
        Assert.Equal([name], result.Tables[1].Rows.Select(r => (string)r[0]!));
        Assert.Equal([["Owen", 1.5, 0.0, 100.0], ["Sian", 2.0, 1.5, 57.1]], result.Tables[2].Rows);
    }

    [Fact]
    public async Task Measures_count_viable_forms_and_compare_each_persons_baseline_with_their_latest()
    {
        // Three adults' WEMWBS (14 items, 1-5): baseline totals 42, 28, 42 and latest 56, 42, 42.
        var people = new List<(Guid Episode, Guid Person)>();
        for (var i = 0; i < 3; i++)
        {
            people.Add(await OpenAsync($"M-{i}", new DateOnly(1990, 1, 1)));
        }
        var baseline = new[] { "3", "2", "3" };
        var latest = new[] { "4", "3", "3" };
        for (var i = 0; i < 3; i++)
        {
            var (episode, person) = people[i];
            await InScope(s => Get<MeasureService>(s).RecordAsync(Practitioner, new NewAdministration(episode, person, "wemwbs", TimePoint.Baseline, null, Respondent.Parent,
                new DateOnly(2026, 10, 5), Enumerable.Repeat<string?>(baseline[i], 14).ToList())));
            await InScope(s => Get<MeasureService>(s).RecordAsync(Practitioner, new NewAdministration(episode, person, "wemwbs", TimePoint.Review, 1, Respondent.Parent,
                new DateOnly(2026, 10, 30), Enumerable.Repeat<string?>(latest[i], 14).ToList())));
        }

        var result = await RunAsync("measures");

        Assert.Equal([["Warwick-Edinburgh Mental Wellbeing Scale (WEMWBS)", "IFSS Site 1", 6L, 6L, 0L, 100.0]], result.Tables[0].Rows);
        var change = Assert.Single(result.Tables[1].Rows);
        Assert.Equal(3L, change[1]);
        Assert.Equal(37.33, change[2]);
        Assert.Equal(46.67, change[3]);
        Assert.Equal(9.33, change[4]);
        // WEMWBS norms (SD 8.79, r 0.83): Sdiff = 8.79 x sqrt(2 x 0.17) = 5.125, so +14 is reliable (RCI 2.73) and 0 is not.
        Assert.Equal(66.7, change[10]);
        Assert.Equal(0.0, change[11]);
    }
}
