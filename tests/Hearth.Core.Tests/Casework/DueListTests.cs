using Hearth.Core.Auditing;
using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Casework;

/// <summary>The worker's and the team's due lists.</summary>
public sealed class DueListTests : CaseworkTestBase
{
    [Fact]
    public async Task Due_lists_for_a_worker_and_a_team_show_reviews_goals_without_levels_plans_past_review_and_follow_ups()
    {
        await SetUpEpisodeAsync(toPhase2: true);
        await Goals(c => c.AddGoalAsync(Practitioner, Episode.Id, new GoalInput(null, "Family meals together", "Kim", null, new GasLevels(null, null, null, null, null), [])));
        var levelled = await Goals(c => c.AddGoalAsync(Practitioner, Episode.Id, new GoalInput(Child.Id, "Ava at school", "Kim", null, FiveLevels, [])));
        // Written a month ago with a review-by date two days ago (the clock is moved back, then forward).
        Time.Now = new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);
        await Plans(c => c.SavePlanAsync(Practitioner, Episode.Id, null, new PlanInput(PlanKind.SafetyPlan, "Aunt Jo is the safe adult.", new DateOnly(2026, 10, 31))));
        Time.Now = new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);
        await Reviews(c => c.ScheduleReviewsAsync(Practitioner, Episode.Id));
        var heldFirst = await Query(d => d.Set<Review>().OrderBy(r => r.DueOn).FirstAsync());
        await Reviews(c => c.RecordReviewAsync(Practitioner, heldFirst.Id, heldFirst.Version, new ReviewInput(new DateOnly(2026, 3, 1), "Kim", null, null, ReviewDecision.Continue,
            new Dictionary<Guid, int> { [levelled.Id] = 0 })));

        // The measures due are checked in their own test; here only the casework items.
        var worker = (await InScope(s => Get<DueList>(s).ForWorkerAsync(Practitioner, Worker.Id, Today))).Where(d => d.Measure is null).ToList();
        var team = (await InScope(s => Get<DueList>(s).ForTeamAsync(Manager, TeamA.Id, Today))).Where(d => d.Measure is null).ToList();

        // Overdue from the most recently due back (the plan two days ago, then the reviews), then the goal without levels.
        Assert.Equal([DueKind.PlanPastReview, DueKind.ReviewOverdue, DueKind.ReviewOverdue, DueKind.GoalWithoutLevels], worker.Select(d => d.Kind));
        Assert.Equal([2, 94, 186, 0], worker.Select(d => d.DaysOverdue));
        Assert.Contains("Family meals together", worker[3].Description);
        Assert.Equal(worker.Select(d => d.ItemId), team.Select(d => d.ItemId));
        // As of late January 2027 the 12-month review (31 January) comes within the 14-day window.
        var later = await InScope(s => Get<DueList>(s).ForTeamAsync(Manager, TeamA.Id, new DateOnly(2027, 1, 20)));
        Assert.Equal(new DateOnly(2027, 1, 31), later.Single(d => d.Kind == DueKind.ReviewDue).DueOn);
        await Assert.ThrowsAsync<AccessDeniedException>(() => InScope(s => Get<DueList>(s).ForWorkerAsync(Outsider, Worker.Id, Today)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => InScope(s => Get<DueList>(s).ForTeamAsync(Outsider, TeamA.Id, Today)));
    }

    [Fact]
    public async Task The_due_list_brings_in_the_measures_due_so_the_worker_has_one_list_in_date_order()
    {
        await SetUpEpisodeAsync(toPhase2: true);
        await Reviews(c => c.ScheduleReviewsAsync(Practitioner, Episode.Id));

        var due = await InScope(s => Get<DueList>(s).ForWorkerAsync(Practitioner, Worker.Id, Today));

        // The episode opened on 1 December 2025, so the baseline forms were due by 15 December: 322 days before 2 November 2026.
        var baseline = due.Where(d => d.DueOn == new DateOnly(2025, 12, 15)).OrderBy(d => d.Measure!.InstrumentId, StringComparer.Ordinal).ToList();
        Assert.Equal([("sdq-parent", Child.Id, 322), ("wemwbs", Parent.Id, 322)], baseline.Select(d => (d.Measure!.InstrumentId, d.ItemId, d.DaysOverdue)));
        Assert.All(baseline, d => Assert.Equal(DueKind.MeasureOverdue, d.Kind));
        // Overdue items come first, the most recently due first, so the baseline forms of 322 days ago come after the reviews.
        Assert.Equal([94, 186, 247], due.Where(d => d.Kind == DueKind.ReviewOverdue).Select(d => d.DaysOverdue));
        var overdue = due.TakeWhile(d => d.DaysOverdue > 0).Select(d => d.DaysOverdue).ToList();
        Assert.Equal(due.Count(d => d.DaysOverdue > 0), overdue.Count);
        Assert.Equal(overdue.Order(), overdue);
        Assert.True(due.ToList().FindIndex(d => d.Kind == DueKind.MeasureOverdue && d.DaysOverdue == 322) > due.ToList().FindLastIndex(d => d.Kind == DueKind.ReviewOverdue));

        string?[] sdq = [.. Enumerable.Repeat("1", 25), .. Enumerable.Repeat<string?>(null, 8)];
        await InScope(s => Get<Core.Measures.MeasureService>(s).RecordAsync(Practitioner,
            new Core.Measures.NewAdministration(Episode.Id, Child.Id, "sdq-parent", Core.Measures.TimePoint.Baseline, null, Core.Measures.Respondent.Parent, new DateOnly(2025, 12, 10), sdq)));
        var after = await InScope(s => Get<DueList>(s).ForTeamAsync(Manager, TeamA.Id, Today));

        Assert.Equal(["wemwbs"], after.Where(d => d.DueOn == new DateOnly(2025, 12, 15)).Select(d => d.Measure!.InstrumentId));
        Assert.Contains(after, d => d.Kind == DueKind.ReviewOverdue);
    }
}
