using Hearth.Core.Auditing;
using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Casework;

/// <summary>Goals and their Goal Attainment Scaling levels.</summary>
public sealed class GoalServiceTests : CaseworkTestBase
{
    [Fact]
    public async Task A_goal_cannot_be_rated_until_its_five_levels_are_written()
    {
        await SetUpEpisodeAsync(toPhase2: true);
        var goal = await Goals(c => c.AddGoalAsync(Practitioner, Episode.Id, new GoalInput(Child.Id, "Ava goes to school", "Kim", new DateOnly(2026, 12, 1), new GasLevels(null, null, null, null, null), [])));
        var reviews = await Reviews(c => c.ScheduleReviewsAsync(Practitioner, Episode.Id));
        var review = reviews[0];

        var unrated = await Assert.ThrowsAsync<ValidationFailedException>(() => Reviews(async c =>
            await c.RecordReviewAsync(Practitioner, review.Id, review.Version, new ReviewInput(new DateOnly(2026, 3, 2), "Kim, Ava, Wren", "Some progress", null, ReviewDecision.Continue, new Dictionary<Guid, int> { [goal.Id] = 0 }))));
        Assert.Equal($"Ratings[{goal.Id}]", Assert.Single(unrated.Errors).Field);
        Assert.Contains("no Goal Attainment Scaling levels", unrated.Errors[0].Message);

        var partial = await Assert.ThrowsAsync<ValidationFailedException>(() => Goals(async c =>
            await c.UpdateGoalAsync(Practitioner, goal.Id, goal.Version, new GoalInput(Child.Id, "Ava goes to school", "Kim", null, new GasLevels("a", "b", null, "d", null), []))));
        Assert.Equal(["Level0", "LevelPlus2"], partial.Errors.Select(x => x.Field));

        var levelled = await Goals(c => c.UpdateGoalAsync(Practitioner, goal.Id, goal.Version, new GoalInput(Child.Id, "Ava goes to school", "Kim", null, FiveLevels, [])));
        Assert.Equal(Today, levelled.LevelsSetOn);
        var held = await Reviews(c => c.RecordReviewAsync(Practitioner, review.Id, review.Version,
            new ReviewInput(new DateOnly(2026, 3, 2), "Kim, Ava, Wren", "Attending four days", null, ReviewDecision.Continue, new Dictionary<Guid, int> { [goal.Id] = 1 })));
        Assert.Equal(1, Assert.Single(held.Ratings).Level);

        var later = reviews[1];
        var missing = await Assert.ThrowsAsync<ValidationFailedException>(() => Reviews(c =>
            c.RecordReviewAsync(Practitioner, later.Id, later.Version, new ReviewInput(new DateOnly(2026, 5, 1), null, null, null, null, new Dictionary<Guid, int>()))));
        Assert.Equal(["Decision", $"Ratings[{goal.Id}]"], missing.Errors.Select(x => x.Field));
        var outOfRange = await Assert.ThrowsAsync<ValidationFailedException>(() => Reviews(c =>
            c.RecordReviewAsync(Practitioner, later.Id, later.Version, new ReviewInput(new DateOnly(2026, 5, 1), null, null, null, ReviewDecision.Continue, new Dictionary<Guid, int> { [goal.Id] = 3 }))));
        Assert.Contains("from -2 to +2", outOfRange.Errors.Single().Message);
    }

    [Fact]
    public async Task A_stale_goal_edit_is_a_conflict_and_writes_nothing()
    {
        await SetUpEpisodeAsync(toPhase2: false);
        var goal = await Goals(c => c.AddGoalAsync(Practitioner, Episode.Id, new GoalInput(null, "Calmer mornings", "Kim", null, FiveLevels, [])));
        await Goals(c => c.UpdateGoalAsync(Manager, goal.Id, goal.Version, new GoalInput(null, "Calmer mornings before school", "Kim", null, FiveLevels, [])));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Goals(c => c.UpdateGoalAsync(Practitioner, goal.Id, goal.Version, new GoalInput(null, "Quiet mornings", "Kim", null, FiveLevels, []))));

        Assert.Equal("Calmer mornings before school", (await Goals(c => c.ReadGoalAsync(Practitioner, goal.Id))).Title);
    }
}
