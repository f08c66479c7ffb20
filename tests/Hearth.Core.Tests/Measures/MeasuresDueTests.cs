using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Measures;
using Hearth.Core.People;
using Hearth.Core.Programmes;
using Hearth.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Measures;

/// <summary>The IFSS schedule (SDQ parent 4-17, WEMWBS 16+; GAS is rated at reviews, never due as a form) against what has been recorded.</summary>
public sealed class MeasuresDueTests : JourneyTestBase
{
    private static readonly DateOnly Received = new(2026, 9, 1);
    private static readonly DateOnly BaselineDue = new(2026, 9, 15);
    private static readonly DateOnly Review1Due = new(2026, 11, 1);

    private Task<Person> AddAsync(Guid familyId, string name, DateOnly dob, Relationship relationship) =>
        InScope(s => Get<PeopleService>(s).AddPersonAsync(Practitioner,
            new NewPerson(familyId, name, "Due", dob) { Relationship = relationship, NotADuplicate = true }));

    /// <summary>An IFSS episode that reached phase 2 on 1 October 2026, so its first review (1 month) fell due on 1 November.</summary>
    private async Task<Episode> EpisodeInPhase2Async(string reference)
    {
        var episode = await AcceptedEpisodeAsync(reference, Received);
        await ActAsync(episode.Id, (s, v) => s.MoveToPhaseAsync(Practitioner, episode.Id, v, "assessment", Received.AddDays(1)));
        await ActAsync(episode.Id, (s, v) => s.RecordAssessmentDecisionAsync(Practitioner, episode.Id, v, AssessmentDecision.Proceed, Received.AddDays(2)));
        await ActAsync(episode.Id, (s, v) => s.MoveToPhaseAsync(Practitioner, episode.Id, v, "phase1", Received.AddDays(2)));
        await ActAsync(episode.Id, (s, v) => s.MoveToPhaseAsync(Practitioner, episode.Id, v, "phase2", Received.AddDays(30)));
        return episode;
    }

    private static string Line(MeasureDue d) => $"{d.PersonName.Split(' ')[0]} {d.InstrumentId} {d.TimePointLabel} {d.DueOn:yyyy-MM-dd}{(d.Overdue ? " overdue" : "")}";

    [Fact]
    public async Task Each_member_gets_the_instruments_their_age_on_the_due_date_calls_for_at_each_time_point()
    {
        var episode = await EpisodeInPhase2Async("D-1");
        await AddAsync(episode.FamilyId, "Jo", new DateOnly(1990, 3, 1), Relationship.Parent);
        await AddAsync(episode.FamilyId, "Kai", new DateOnly(2010, 6, 1), Relationship.Child);
        // Three on the baseline due date, four by the first review.
        await AddAsync(episode.FamilyId, "Lu", new DateOnly(2022, 9, 16), Relationship.Child);

        var due = await InScope(s => Get<MeasuresDueQuery>(s).ForEpisodeAsync(Practitioner, episode.Id, Today));

        // Overdue from the most recently due back: yesterday's review forms before the baseline's.
        Assert.Equal(
        [
            "Ava sdq-parent Review 1 2026-11-01 overdue",
            "Jo wemwbs Review 1 2026-11-01 overdue",
            "Kai sdq-parent Review 1 2026-11-01 overdue",
            "Kai wemwbs Review 1 2026-11-01 overdue",
            "Lu sdq-parent Review 1 2026-11-01 overdue",
            "Ava sdq-parent Baseline 2026-09-15 overdue",
            "Jo wemwbs Baseline 2026-09-15 overdue",
            "Kai sdq-parent Baseline 2026-09-15 overdue",
            "Kai wemwbs Baseline 2026-09-15 overdue",
        ], due.Select(Line));
    }

    [Fact]
    public async Task Someone_who_left_the_household_before_the_episode_opened_is_not_listed()
    {
        var episode = await EpisodeInPhase2Async("D-6");
        var left = await AddAsync(episode.FamilyId, "Lee", new DateOnly(1985, 1, 1), Relationship.Parent);
        await InScope(async s =>
        {
            var db = Get<HearthDbContext>(s);
            var membership = await db.Set<FamilyMembership>().SingleAsync(m => m.PersonId == left.Id);
            membership.To = Received.AddDays(-1);
            await db.SaveChangesAsync(Admin);
        });

        var due = await InScope(s => Get<MeasuresDueQuery>(s).ForEpisodeAsync(Practitioner, episode.Id, Today));

        Assert.DoesNotContain(due, d => d.PersonId == left.Id);
        Assert.Contains(due, d => d.PersonName.StartsWith("Ava", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_recorded_measure_meets_its_time_point_only()
    {
        var episode = await EpisodeInPhase2Async("D-2");
        var child = await InScope(s => Get<HearthDbContext>(s).Set<Person>().SingleAsync(p => p.FamilyId == episode.FamilyId));
        string?[] sdq = [.. Enumerable.Repeat("1", 25), .. Enumerable.Repeat<string?>(null, 8)];
        await InScope(s => Get<MeasureService>(s).RecordAsync(Practitioner,
            new NewAdministration(episode.Id, child.Id, "sdq-parent", TimePoint.Baseline, null, Respondent.Parent, BaselineDue, sdq)));
        // A second review's form does not meet review 1.
        await InScope(s => Get<MeasureService>(s).RecordAsync(Practitioner,
            new NewAdministration(episode.Id, child.Id, "sdq-parent", TimePoint.Review, 2, Respondent.Parent, Review1Due, sdq)));

        var due = await InScope(s => Get<MeasuresDueQuery>(s).ForEpisodeAsync(Practitioner, episode.Id, Today));

        Assert.Equal(["Ava sdq-parent Review 1 2026-11-01 overdue"], due.Select(Line));
    }

    [Fact]
    public async Task Items_due_within_the_horizon_are_listed_but_not_overdue_and_later_ones_are_not_listed()
    {
        var episode = await EpisodeInPhase2Async("D-3");

        // As of 31 October: baseline overdue, review 1 (1 November) due tomorrow; with no horizon only the baseline.
        var soon = await InScope(s => Get<MeasuresDueQuery>(s).ForEpisodeAsync(Practitioner, episode.Id, new DateOnly(2026, 10, 31), horizonDays: 1));
        var none = await InScope(s => Get<MeasuresDueQuery>(s).ForEpisodeAsync(Practitioner, episode.Id, new DateOnly(2026, 10, 31), horizonDays: 0));

        Assert.Equal(["Ava sdq-parent Baseline 2026-09-15 overdue", "Ava sdq-parent Review 1 2026-11-01"], soon.Select(Line));
        Assert.Equal(["Ava sdq-parent Baseline 2026-09-15 overdue"], none.Select(Line));
    }

    [Fact]
    public async Task The_worker_and_team_lists_cover_their_own_episodes_and_other_teams_see_nothing()
    {
        var episode = await EpisodeInPhase2Async("D-4");
        var worker = await WorkerAsync("Wren Worker", TeamA);
        var idle = await WorkerAsync("Idle Worker", TeamA);
        await InScope(s => Get<AllocationService>(s).AllocateAsync(Manager, new NewAllocation(episode.Id, worker.Id, Today, true, null)));

        var mine = await InScope(s => Get<MeasuresDueQuery>(s).ForWorkerAsync(Practitioner, worker.Id, Today));
        var idles = await InScope(s => Get<MeasuresDueQuery>(s).ForWorkerAsync(Practitioner, idle.Id, Today));
        var team = await InScope(s => Get<MeasuresDueQuery>(s).ForTeamAsync(Practitioner, TeamA.Id, Today));
        var outsider = await InScope(s => Get<MeasuresDueQuery>(s).ForTeamAsync(Outsider, TeamA.Id, Today));

        Assert.Equal(2, mine.Count);
        Assert.All(mine, d => Assert.Equal("D-4", d.FamilyReference));
        Assert.Empty(idles);
        Assert.Equal(2, team.Count);
        Assert.Empty(outsider);
    }

    [Fact]
    public async Task A_closed_episode_owes_its_closure_measures_for_four_weeks_and_no_later_time_points()
    {
        var episode = await EpisodeInPhase2Async("D-5");
        await ActAsync(episode.Id, (s, v) => s.CloseAsync(Manager, episode.Id, v,
            new ClosureInput(new DateOnly(2026, 10, 20), ClosureReason.GoalsAchieved, ClosureDestination.UniversalServices, false)));

        var due = await InScope(s => Get<MeasuresDueQuery>(s).ForEpisodeAsync(Practitioner, episode.Id, Today));
        var later = await InScope(s => Get<MeasuresDueQuery>(s).ForEpisodeAsync(Practitioner, episode.Id, new DateOnly(2026, 11, 18)));

        // Closed before review 1 fell due, so only the baseline and the closure measure are owed.
        Assert.Equal(["Ava sdq-parent Closure 2026-10-20 overdue", "Ava sdq-parent Baseline 2026-09-15 overdue"], due.Select(Line));
        Assert.Empty(later);
    }

    [Fact]
    public async Task The_closure_measure_stays_on_the_list_of_the_worker_whose_allocation_the_closure_ended()
    {
        var episode = await EpisodeInPhase2Async("D-6");
        var worker = await WorkerAsync("Wren Closer", TeamA);
        var before = await WorkerAsync("Wyn Before", TeamA);
        // Wyn held the case until 1 October, Wren from then until the closure on 20 October.
        var first = await InScope(s => Get<AllocationService>(s).AllocateAsync(Manager, new NewAllocation(episode.Id, before.Id, new DateOnly(2026, 9, 5))));
        await InScope(s => Get<AllocationService>(s).HandOverAsync(Manager, new Handover(first.Id, first.Version, worker.Id, new AllocationEnding(new DateOnly(2026, 10, 1), AllocationEndReason.Rebalancing))));
        await ActAsync(episode.Id, (s, v) => s.CloseAsync(Manager, episode.Id, v,
            new ClosureInput(new DateOnly(2026, 10, 20), ClosureReason.GoalsAchieved, ClosureDestination.UniversalServices, false)));

        var wren = await InScope(s => Get<MeasuresDueQuery>(s).ForWorkerAsync(Practitioner, worker.Id, Today));
        var wyn = await InScope(s => Get<MeasuresDueQuery>(s).ForWorkerAsync(Practitioner, before.Id, Today));

        Assert.Equal(["Ava sdq-parent Closure 2026-10-20 overdue", "Ava sdq-parent Baseline 2026-09-15 overdue"], wren.Select(Line));
        Assert.Empty(wyn);
    }

    [Fact]
    public void Interval_time_points_run_every_n_months_from_opening_until_closure()
    {
        var definition = ShippedProgrammes.All.Single(p => p.Code == ShippedProgrammes.CinPod).Definition;
        var episode = new Episode { CurrentPhase = "cin-plan", OpenedOn = new DateOnly(2026, 1, 31), ClosedOn = new DateOnly(2026, 8, 1) };

        var points = MeasuresDueQuery.TimePoints(episode, definition, new DateOnly(2026, 12, 31)).ToList();

        // Every 3 months from 31 January: 30 April, 31 July (clamped month ends); 31 October is after closure.
        Assert.Equal(
            [(TimePoint.Baseline, (int?)null, new DateOnly(2026, 2, 14)), (TimePoint.Interval, 1, new DateOnly(2026, 4, 30)),
             (TimePoint.Interval, 2, new DateOnly(2026, 7, 31)), (TimePoint.Closure, null, new DateOnly(2026, 8, 1))],
            points);
    }

    [Fact]
    public void Every_shipped_programme_schedules_measures_that_exist()
    {
        foreach (var (code, _, definition) in ShippedProgrammes.All)
        {
            Assert.NotEmpty(definition.Measures);
            Assert.Empty(definition.Problems());
            // The schedule survives the JSON the version is stored as.
            Assert.Equal(definition.Measures, ProgrammeDefinition.FromJson(definition.ToJson()).Measures);
            Assert.Contains(code, new[] { "ifss", "ifit", "troubled-families", "cin-pod" });
        }
        var bad = ShippedProgrammes.All[0].Definition with { Measures = [new MeasureSchedule { Instrument = "nope", AtBaseline = true }, new MeasureSchedule { Instrument = "gas" }] };
        Assert.Equal(["Measure schedule: no instrument 'nope'", "Measure schedule gas: choose at least one time point"], bad.Problems());
    }
}
