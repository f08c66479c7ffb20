using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Measures;
using Hearth.Core.Organisation;
using Hearth.Core.Referrals;
using Hearth.Core.Reporting;
using Hearth.Core.Security;
using Hearth.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Reporting;

/// <summary>
/// Every report narrowed to one worker, on a hand-worked fixture of two workers in Team A (docs/reports.md, "Reports
/// by worker"). The period is 1 April to 2 November 2026:
/// <list type="bullet">
/// <item>E1 (adult, born 1990): referred and accepted 4 May, Sian's from 4 May, assessed 5 May, intensive phase 6 May,
/// closed 30 September with goals achieved.</item>
/// <item>E2 (adult, born 1990): referred and accepted 1 June, Owen's from 1 June; open.</item>
/// <item>E3 (child, born 2016): referred and accepted 1 July, Sian's from 1 July to 1 August, then handed to Owen; open.</item>
/// <item>R4: referred 15 July, inappropriate: no one's.</item>
/// <item>E0, a year earlier: referred and accepted 1 June 2025, Owen's, closed 1 July 2025.</item>
/// </list>
/// Sessions: E1 30 minutes by phone (Sian), E2 60 minutes home visit (Owen), E3 90 minutes home visit (both). Other
/// work: Sian 60 minutes travel, Owen 30 minutes admin. WEMWBS twice for E1's adult (42 then 56) and E2's (28 then 42);
/// Family Star Plus twice for E1's adult (3 then 5 on every area) and E2's (area k, then k + 2).
/// </summary>
public sealed class ReportsByWorkerTests : JourneyTestBase
{
    private static readonly ReportPeriod Period = new(new DateOnly(2026, 4, 1), new DateOnly(2026, 11, 2));
    private Worker _sian = null!;
    private Worker _owen = null!;

    private async Task<(Guid Episode, Guid Person)> AcceptAsync(string reference, DateOnly received, DateOnly dob, Worker worker)
    {
        var (family, person) = await FamilyWithChildAsync(reference, dob: dob);
        var referral = await RecordAsync(Referral(family, person.Id, received));
        var accepted = await TriageAsync(referral.Id, new TriageDecision(TriageOutcome.Accepted, received));
        var episode = accepted.EpisodeId!.Value;
        await InScope(s => Get<AllocationService>(s).AllocateAsync(Manager, new NewAllocation(episode, worker.Id, received)));
        return (episode, person.Id);
    }

    private Task SessionAsync(Guid episode, Guid person, DateOnly on, int minutes, SessionType type, params Worker[] workers) =>
        InScope(s => Get<SessionService>(s).RecordManyAsync(Practitioner,
            [new SessionInput(episode, on, new TimeOnly(10, 0), new TimeOnly(10, 0).AddMinutes(minutes), type, false, [person], workers.Select(w => w.Id).ToList(), null, null, null)]));

    private Task FormAsync(Guid episode, Guid person, string instrument, TimePoint point, DateOnly on, Func<string, string?> answer) =>
        InScope(s => Get<MeasureService>(s).RecordAsync(Practitioner, new NewAdministration(episode, person, instrument, point, point == TimePoint.Review ? 1 : null,
            instrument == "wemwbs" ? Respondent.Parent : Respondent.Worker, on, ((ItemInstrument)InstrumentCatalog.Find(instrument)!).Definition.Items.Select(i => answer(i.Key)).ToList())));

    private async Task SeedAsync()
    {
        _sian = await WorkerAsync("Sian", TeamA);
        _owen = await WorkerAsync("Owen", TeamA);

        var (e0, _) = await AcceptAsync("W-0", new DateOnly(2025, 6, 1), new DateOnly(2016, 1, 1), _owen);
        await ActAsync(e0, (s, v) => s.CloseAsync(Manager, e0, v, new ClosureInput(new DateOnly(2025, 7, 1), ClosureReason.Other, ClosureDestination.OtherService, false)));

        var (e1, p1) = await AcceptAsync("W-1", new DateOnly(2026, 5, 4), new DateOnly(1990, 1, 1), _sian);
        await ActAsync(e1, (s, v) => s.MoveToPhaseAsync(Practitioner, e1, v, "assessment", new DateOnly(2026, 5, 5)));
        await ActAsync(e1, (s, v) => s.RecordAssessmentDecisionAsync(Practitioner, e1, v, AssessmentDecision.Proceed, new DateOnly(2026, 5, 6)));
        await ActAsync(e1, (s, v) => s.MoveToPhaseAsync(Practitioner, e1, v, "phase1", new DateOnly(2026, 5, 6)));
        var (e2, p2) = await AcceptAsync("W-2", new DateOnly(2026, 6, 1), new DateOnly(1990, 1, 1), _owen);
        var (e3, p3) = await AcceptAsync("W-3", new DateOnly(2026, 7, 1), new DateOnly(2016, 1, 1), _sian);
        await InScope(async s =>
        {
            var allocation = await Get<HearthDbContext>(s).Set<Allocation>().AsNoTracking().SingleAsync(a => a.EpisodeId == e3);
            await Get<AllocationService>(s).EndAllocationAsync(Manager, allocation.Id, allocation.Version, new AllocationEnding(new DateOnly(2026, 8, 1), AllocationEndReason.Rebalancing));
        });
        await InScope(s => Get<AllocationService>(s).AllocateAsync(Manager, new NewAllocation(e3, _owen.Id, new DateOnly(2026, 8, 1))));
        var (family4, child4) = await FamilyWithChildAsync("W-4");
        var r4 = await RecordAsync(Referral(family4, child4.Id, new DateOnly(2026, 7, 15)));
        await TriageAsync(r4.Id, new TriageDecision(TriageOutcome.Inappropriate, new DateOnly(2026, 7, 15), Reason: "Not a family support need"));

        await SessionAsync(e1, p1, new DateOnly(2026, 6, 15), 30, SessionType.Phone, _sian);
        await SessionAsync(e2, p2, new DateOnly(2026, 6, 10), 60, SessionType.HomeVisit, _owen);
        await SessionAsync(e3, p3, new DateOnly(2026, 7, 10), 90, SessionType.HomeVisit, _sian, _owen);
        await InScope(s => Get<SessionService>(s).LogWorkerTimeAsync(Practitioner, new WorkerTimeInput(_sian.Id, new DateOnly(2026, 7, 11), 60, NonFamilyActivity.Travel, null)));
        await InScope(s => Get<SessionService>(s).LogWorkerTimeAsync(Practitioner, new WorkerTimeInput(_owen.Id, new DateOnly(2026, 7, 12), 30, NonFamilyActivity.Admin, null)));

        await FormAsync(e1, p1, "wemwbs", TimePoint.Baseline, new DateOnly(2026, 5, 10), _ => "3");
        await FormAsync(e1, p1, "wemwbs", TimePoint.Review, new DateOnly(2026, 9, 1), _ => "4");
        await FormAsync(e2, p2, "wemwbs", TimePoint.Baseline, new DateOnly(2026, 6, 5), _ => "2");
        await FormAsync(e2, p2, "wemwbs", TimePoint.Review, new DateOnly(2026, 10, 1), _ => "3");
        await FormAsync(e1, p1, "family-star-plus", TimePoint.Baseline, new DateOnly(2026, 6, 1), _ => "3");
        await FormAsync(e1, p1, "family-star-plus", TimePoint.Closure, new DateOnly(2026, 9, 20), _ => "5");
        await FormAsync(e2, p2, "family-star-plus", TimePoint.Baseline, new DateOnly(2026, 6, 2), k => k);
        await FormAsync(e2, p2, "family-star-plus", TimePoint.Closure, new DateOnly(2026, 10, 20), k => Math.Min(10, int.Parse(k) + 2).ToString());

        await ActAsync(e1, (s, v) => s.CloseAsync(Manager, e1, v, new ClosureInput(new DateOnly(2026, 9, 30), ClosureReason.GoalsAchieved, ClosureDestination.UniversalServices, false)));
        await InScope(s => Get<ReportInputService>(s).SetBudgetAsync(Admin, new BudgetInput(Ifss.Code, "2026-27", 120_000m, 0m, null)));
    }

    private Task<ReportResult> RunAsync(string name, Worker? worker, ActorContext? actor = null) =>
        InScope(s => Get<ReportService>(s).RunAsync(actor ?? Manager, name, new ReportFilter(Period, Worker: worker?.Id.ToString())));

    private static IReadOnlyList<object?> Row(ReportResult result, string table, string label) =>
        result.Tables.Single(t => t.Key == table).Rows.Single(r => (string)r[0]! == label);

    [Fact]
    public async Task Every_report_counts_only_the_chosen_workers_cases_sessions_and_forms()
    {
        await SeedAsync();

        // Funnel: referrals R1-R4, of which R4 inappropriate; R1 assessed and accepted to the intensive phase. Sian's
        // referrals are R1 and R3, Owen's R2 and R3 (E3 was both workers' in the period); R4 is no one's.
        long[] Funnel(ReportResult r) => [.. new[] { 1, 2, 4, 8 }.Select(i => (long)r.Tables[0].Rows.Single()[i]!)];
        Assert.Equal((long[])[4L, 1L, 1L, 1L], Funnel(await RunAsync("funnel", null)));
        var sianFunnel = await RunAsync("funnel", _sian);
        Assert.Equal([2L, 0L, 1L, 1L], Funnel(sianFunnel));
        Assert.Equal("Sian, Team A", sianFunnel.Scope);
        Assert.Contains("allocated", sianFunnel.Tables[0].Note);
        Assert.Equal((long[])[2L, 0L, 0L, 0L], Funnel(await RunAsync("funnel", _owen)));

        // Referrals and closures: Q1 R1, R2; Q2 R3, R4; a year earlier Q1 R0 (Owen's then). E1 closed after 4 months
        // (3 to under 6); E0 a year earlier after 1 month (under 3).
        long[] Cin(ReportResult r) =>
        [
            (long)Row(r, "quarters", "2026-27 Q1")[1]!, (long)Row(r, "quarters", "2026-27 Q1")[2]!, (long)Row(r, "quarters", "2026-27 Q2")[1]!,
            (long)Row(r, "closures", "3 to under 6 months")[1]!, (long)Row(r, "closures", "Under 3 months")[3]!,
        ];
        Assert.Equal((long[])[2L, 1L, 2L, 1L, 1L], Cin(await RunAsync("cin-activity", null)));
        Assert.Equal((long[])[1L, 0L, 1L, 1L, 0L], Cin(await RunAsync("cin-activity", _sian)));
        Assert.Equal((long[])[1L, 1L, 1L, 0L, 1L], Cin(await RunAsync("cin-activity", _owen)));

        // Capacity: at 2 November Owen holds E2 and E3, Sian nothing; episodes opened E1-E3 (Sian's E1, E3; Owen's
        // E2, E3), each worker 1 FTE. The waiting list is no worker's, so it is n/a rather than 0.
        var capacity = await RunAsync("capacity", null);
        Assert.Equal([("Owen", 2L), ("Sian", 0L)], capacity.Tables[0].Rows.Select(r => ((string)r[0]!, (long)r[4]!)));
        Assert.Equal([3.0, 2.0, 1.5], capacity.Tables.Single(t => t.Key == "throughput").Rows.Select(r => r[1]));
        Assert.Equal(3L, Row(capacity, "waits", "Referral to first allocation")[1]);
        Assert.All(capacity.Tables.Single(t => t.Key == "waiting").Rows, r => Assert.IsType<long>(r[1]));
        var sianCapacity = await RunAsync("capacity", _sian);
        Assert.Equal([("Sian", 0L)], sianCapacity.Tables[0].Rows.Select(r => ((string)r[0]!, (long)r[4]!)));
        Assert.Equal([2.0, 1.0, 2.0], sianCapacity.Tables.Single(t => t.Key == "throughput").Rows.Select(r => r[1]));
        Assert.Equal(2L, Row(sianCapacity, "waits", "Referral to first allocation")[1]);
        Assert.All(sianCapacity.Tables.Single(t => t.Key == "waiting").Rows, r => Assert.Null(r[1]));
        Assert.Null(Row(sianCapacity, "waits", "Left the waiting list in the period")[1]);
        Assert.Contains("Not available for one worker", sianCapacity.Tables.Single(t => t.Key == "waiting").Note);

        // Cost: families, children and successful closures of the worker's episodes; the budget is the service's, so
        // one worker's cost is n/a. For everyone: 120,000 x 216 / 365 days = 71,013.70 over 3 families.
        var cost = (await RunAsync("cost", null)).Tables[0].Rows.Single();
        Assert.Equal(["IFSS Site 1", 71_013.70m, 3L, 3L, 1L, 23_671.23m, 23_671.23m, 71_013.70m], cost);
        var sianCost = await RunAsync("cost", _sian);
        Assert.Equal(["IFSS Site 1", null, 2L, 2L, 1L, null, null, null], sianCost.Tables[0].Rows.Single());
        Assert.Contains("not split between its workers", sianCost.Tables[0].Note);
        Assert.Equal(["IFSS Site 1", null, 2L, 2L, 0L, null, null, null], (await RunAsync("cost", _owen)).Tables[0].Rows.Single());

        // Equality: the children of the worker's episodes, by age at 2 November (E1 and E2 36, E3 10).
        (long, long) Ages(ReportResult r) => ((long)Row(r, "age", "18+")[1]!, (long)Row(r, "age", "10-15")[1]!);
        Assert.Equal((2L, 1L), Ages(await RunAsync("equality", null)));
        Assert.Equal((1L, 1L), Ages(await RunAsync("equality", _sian)));
        Assert.Equal((1L, 1L), Ages(await RunAsync("equality", _owen)));

        // Outcomes: children worked with, closed successfully, closed in the period, and families closed (first intervention).
        long[] Outcomes(ReportResult r) =>
        [
            (long)Row(r, "worked-with", "Children worked with")[1]!, (long)Row(r, "worked-with", "Children whose work closed successfully or stepped down")[1]!,
            (long)r.Tables.Single(t => t.Key == "after-closure").Rows[0][1]!, (long)Row(r, "interventions", "First intervention")[1]!,
        ];
        Assert.Equal((long[])[3L, 1L, 1L, 1L], Outcomes(await RunAsync("outcomes", null)));
        Assert.Equal((long[])[2L, 1L, 1L, 1L], Outcomes(await RunAsync("outcomes", _sian)));
        Assert.Equal((long[])[2L, 0L, 0L, 0L], Outcomes(await RunAsync("outcomes", _owen)));

        // Time use: the sessions the worker was at (the joint visit in full) and their own other work.
        var time = await RunAsync("time-use", null);
        Assert.Equal(270L, Row(time, "activity", "All time recorded")[1]);
        Assert.Equal([["Owen", 2.5, 0.5, 83.3], ["Sian", 2.0, 1.0, 66.7]], time.Tables.Single(t => t.Key == "workers").Rows);
        var sianTime = await RunAsync("time-use", _sian);
        Assert.Equal(
        [
            ["With families: Home visit", 90L, 1.5, 50.0],
            ["With families: Phone", 30L, 0.5, 16.7],
            ["Other: Travel", 60L, 1.0, 33.3],
            ["All time recorded", 180L, 3.0, 100.0],
        ], sianTime.Tables[0].Rows);
        Assert.Equal(2L, sianTime.Tables.Single(t => t.Key == "phases").Rows.Sum(r => (long)r[1]!));
        Assert.Equal([["Sian", 2.0, 1.0, 66.7]], sianTime.Tables.Single(t => t.Key == "workers").Rows);
        var owenTime = await RunAsync("time-use", _owen);
        Assert.Equal(150L, Row(owenTime, "activity", "With families: Home visit")[1]);
        Assert.Equal(180L, Row(owenTime, "activity", "All time recorded")[1]);

        // Measures: WEMWBS forms and pairs of the worker's episodes (E1: 42 -> 56; E2: 28 -> 42).
        const string Wemwbs = "Warwick-Edinburgh Mental Wellbeing Scale (WEMWBS)";
        object?[] Measures(ReportResult r) => [Row(r, "forms", Wemwbs)[2], Row(r, "change", Wemwbs)[1], Row(r, "change", Wemwbs)[2], Row(r, "change", Wemwbs)[3]];
        Assert.Equal([4L, 2L, 35.0, 49.0], Measures(await RunAsync("measures", null)));
        Assert.Equal([2L, 1L, 42.0, 56.0], Measures(await RunAsync("measures", _sian)));
        Assert.Equal([2L, 1L, 28.0, 42.0], Measures(await RunAsync("measures", _owen)));

        // Cohort star, area 1: E1's adult 3 -> 5, E2's 1 -> 3.
        Assert.Equal(["Area 1", 2L, 2.0, 4.0, 2.0], (await RunAsync("cohort-star", null)).Tables[0].Rows[0]);
        Assert.Equal(["Area 1", 1L, 3.0, 5.0, 2.0], (await RunAsync("cohort-star", _sian)).Tables[0].Rows[0]);
        Assert.Equal(["Area 1", 1L, 1.0, 3.0, 2.0], (await RunAsync("cohort-star", _owen)).Tables[0].Rows[0]);
    }

    [Fact]
    public async Task A_worker_is_found_by_name_and_compared_with_their_own_year_earlier()
    {
        await SeedAsync();

        var byName = await InScope(s => Get<ReportService>(s).RunAsync(Manager, "cin-activity", new ReportFilter(Period, Worker: "Owen", CompareWithYearEarlier: true)));

        Assert.Equal("Owen, Team A", byName.Scope);
        // Owen's Q1: R2 now, R0 a year earlier.
        var q1 = byName.Tables.Single(t => t.Key == "quarters").Rows[0];
        Assert.Equal(["2026-27 Q1", 1L, 1L, 0.0], q1);
    }

    [Fact]
    public async Task An_unknown_or_out_of_scope_worker_is_refused_naming_the_worker()
    {
        var sian = await WorkerAsync("Sian", TeamA);
        var other = await WorkerAsync("Bryn", TeamB);
        await WorkerAsync("Twin", TeamA);
        await WorkerAsync("Twin", TeamB);
        var performance = ActorContext.ForUser(Guid.CreateVersion7(), "Pat Performance", Role.Performance, []);

        async Task<FieldError> RefusedAsync(ActorContext actor, ReportFilter filter) =>
            Assert.Single((await Assert.ThrowsAsync<ValidationFailedException>(() => InScope(s => Get<ReportService>(s).RunAsync(actor, "funnel", filter)))).Errors);

        var unknown = await RefusedAsync(Manager, new ReportFilter(Period, Worker: Guid.NewGuid().ToString()));
        Assert.Equal("Worker", unknown.Field);
        Assert.StartsWith("There is no worker", unknown.Message);
        // Another team's worker is refused as if they did not exist, as another team's records are.
        var outside = await RefusedAsync(Manager, new ReportFilter(Period, Worker: other.Id.ToString()));
        Assert.Equal(("Worker", "There is no worker " + other.Id + " in your teams"), (outside.Field, outside.Message));
        Assert.Equal("Worker", (await RefusedAsync(Manager, new ReportFilter(Period, Worker: "Bryn"))).Field);
        // A worker outside the chosen team, and a name two workers share.
        var wrongTeam = await RefusedAsync(performance, new ReportFilter(Period, TeamCode: TeamB.Code, Worker: sian.Id.ToString()));
        Assert.Equal(("Worker", "Sian is not in Team B: choose one of its workers, or change the service or team"), (wrongTeam.Field, wrongTeam.Message));
        Assert.Equal("More than one worker is called Twin: give the worker's id instead", (await RefusedAsync(performance, new ReportFilter(Period, Worker: "Twin"))).Message);
        // In the manager's own teams, the one Twin is theirs.
        Assert.Equal("Twin, Team A", (await InScope(s => Get<ReportService>(s).RunAsync(Manager, "funnel", new ReportFilter(Period, Worker: "Twin")))).Scope);

        var workers = await InScope(s => Get<ReportService>(s).WorkersAsync(Manager));
        Assert.Equal(["Sian", "Twin"], workers.Select(w => w.Name));
    }
}
