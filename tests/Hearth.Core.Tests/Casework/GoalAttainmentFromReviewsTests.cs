using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Measures;
using GoalRating = Hearth.Core.Casework.GoalRating;
using Hearth.Core.Reporting;
using Hearth.TestCommon;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Casework;

/// <summary>
/// Goal Attainment Scaling has one source: the goal ratings recorded at reviews. The measures report and each
/// episode's trajectory read them, a separate GAS form is refused, and the data migration moves old forms into reviews.
/// </summary>
public sealed class GoalAttainmentFromReviewsTests : CaseworkTestBase
{
    // Kiresuk-Sherman with equal weights and rho 0.3: T = 50 + 10 * sum(x) / sqrt(0.7 n + 0.3 n^2).
    // Two goals rated 0 and +1: 50 + 10 / sqrt(2.6) = 56.2017. Two goals at +2 and +1: 50 + 30 / sqrt(2.6) = 68.6052.
    // One goal at +2: 50 + 20 / sqrt(1) = 70. Review 1's mean over both families: (56.2017 + 70) / 2 = 63.1009.
    private const double FirstReview = 56.20173672946042;
    private const double SecondReview = 68.60521018838128;

    [Fact]
    public async Task Ratings_recorded_at_reviews_are_the_GAS_in_the_measures_report_and_the_episodes_trajectory()
    {
        await SetUpEpisodeAsync(toPhase2: true);
        var first = Episode;
        var school = await Goals(c => c.AddGoalAsync(Practitioner, first.Id, new GoalInput(Child.Id, "Ava goes to school", "Kim", null, FiveLevels, [])));
        var routine = await Goals(c => c.AddGoalAsync(Practitioner, first.Id, new GoalInput(null, "Bedtime routine", "Kim", null, FiveLevels, [])));
        var reviews = await Reviews(c => c.ScheduleReviewsAsync(Practitioner, first.Id));
        await Reviews(c => c.RecordReviewAsync(Practitioner, reviews[0].Id, reviews[0].Version, new ReviewInput(new DateOnly(2026, 3, 2), "Kim, Wren", "Settling", null,
            ReviewDecision.Continue, new Dictionary<Guid, int> { [school.Id] = 0, [routine.Id] = 1 })));
        await Reviews(c => c.RecordReviewAsync(Practitioner, reviews[1].Id, reviews[1].Version, new ReviewInput(new DateOnly(2026, 5, 1), "Kim, Wren", "Going well", null,
            ReviewDecision.Continue, new Dictionary<Guid, int> { [school.Id] = 2, [routine.Id] = 1 })));

        await SetUpEpisodeAsync(toPhase2: true, reference: "C-2");
        var second = Episode;
        var home = await Goals(c => c.AddGoalAsync(Practitioner, second.Id, new GoalInput(null, "Calmer mornings", "Kim", null, FiveLevels, [])));
        var its = await Reviews(c => c.ScheduleReviewsAsync(Practitioner, second.Id));
        await Reviews(c => c.RecordReviewAsync(Practitioner, its[0].Id, its[0].Version, new ReviewInput(new DateOnly(2026, 3, 3), "Kim", "Better", null,
            ReviewDecision.Continue, new Dictionary<Guid, int> { [home.Id] = 2 })));

        var trajectory = await Reviews(c => c.GasTrajectoryAsync(Practitioner, first.Id));
        Assert.Equal([(1, new DateOnly(2026, 3, 2), 2), (2, new DateOnly(2026, 5, 1), 2)], trajectory.Select(p => (p.Number, p.HeldOn, p.Goals)));
        Assert.Equal(FirstReview, (double)trajectory[0].TScore!.Value, 6);
        Assert.Equal(SecondReview, (double)trajectory[1].TScore!.Value, 6);
        Assert.Equal(70.0, (double)(await Reviews(c => c.GasTrajectoryAsync(Practitioner, second.Id))).Single().TScore!.Value, 6);

        var report = await InScope(s => Get<ReportService>(s).RunAsync(Manager, "measures", new ReportFilter(new ReportPeriod(new DateOnly(2026, 1, 1), new DateOnly(2026, 10, 31)))));
        var gas = report.Tables.Single(t => t.Key == "gas");
        Assert.Equal(
        [
            ["Review 1", 2L, Math.Round((FirstReview + 70.0) / 2, 2, MidpointRounding.AwayFromZero)],
            ["Review 2", 1L, Math.Round(SecondReview, 2, MidpointRounding.AwayFromZero)],
        ], gas.Rows);
        Assert.Equal(63.10, (double)gas.Rows[0][2]!);
        Assert.Equal(68.61, (double)gas.Rows[1][2]!);
        // No separate form was recorded: the forms table has no GAS line.
        Assert.DoesNotContain(report.Tables.Single(t => t.Key == "forms").Rows, r => (string)r[0]! == new GoalAttainmentScaling().Name);
    }

    [Fact]
    public async Task A_separate_GAS_form_is_refused_and_nothing_is_saved()
    {
        await SetUpEpisodeAsync(toPhase2: true);

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => InScope(s => Get<MeasureService>(s).RecordAsync(Practitioner,
            new NewAdministration(Episode.Id, Parent.Id, "gas", TimePoint.Review, 1, Respondent.Worker, new DateOnly(2026, 3, 2), ["1", "0"]))));

        var error = Assert.Single(e.Errors);
        Assert.Equal(("InstrumentId", "Goal Attainment Scaling is rated at reviews: rate each goal when you record the review"), (error.Field, error.Message));
        Assert.Equal(0, await Query(d => d.Set<MeasureAdministration>().CountAsync()));
        Assert.DoesNotContain(InstrumentCatalog.Forms, i => i.Id == "gas");
    }
}
