using Hearth.Core.Measures;

namespace Hearth.Core.Tests.Measures;

public sealed class GoalAttainmentScalingTests
{
    private static readonly GoalAttainmentScaling Gas = new();

    private static decimal? T(params GoalRating[] goals) => Gas.Score(goals)["t_score"];

    [Fact]
    public void Weighted_six_goal_vector_scores_55()
    {
        // sum(wx) = -6 + 0 - 1 + 8 + 0 + 6 = 7; 0.7 * 91 + 0.3 * 21^2 = 196; 50 + 70 / 14 = 55.
        int[] levels = [-2, 0, -1, 2, 0, 1];
        decimal[] weights = [3, 5, 1, 4, 2, 6];
        var t = T(levels.Select((l, i) => GoalRating.Of(l, weights[i])).ToArray());
        Assert.Equal(55.0000, (double)t!.Value, 4);
    }

    [Theory]
    [InlineData(new[] { 2, 1, 0 }, 63.6931)]
    [InlineData(new[] { 0, 0, 0 }, 50.0)]
    [InlineData(new[] { -1, -1, -2 }, 31.7426)]
    [InlineData(new[] { 2 }, 70.0)]
    [InlineData(new[] { 2, 2, 2, 2, 2 }, 80.1511)]
    public void Unweighted_vectors_match_STANDARDS(int[] levels, double expected)
    {
        var t = T(levels.Select(l => GoalRating.Of(l)).ToArray());
        Assert.Equal(expected, (double)t!.Value, 4);
        Assert.Equal(expected, GoalAttainmentScaling.TScore(levels), 4);
    }

    [Fact]
    public void All_levels_0_give_50_for_any_weights()
    {
        var random = new Random(50);
        for (var n = 0; n < 2000; n++)
        {
            var goals = Enumerable.Range(0, random.Next(1, 9))
                .Select(_ => GoalRating.Of(0, Math.Round((decimal)(random.NextDouble() * 9.9 + 0.1), 2)))
                .ToArray();
            Assert.Equal(50m, T(goals));
        }
    }

    [Fact]
    public void Rho_is_configurable()
    {
        // rho = 0: denominator sqrt(sum w^2) = sqrt(3); 50 + 30 / 1.7320508 = 67.3205.
        var independent = new GoalAttainmentScaling(rho: 0);
        Assert.Equal(67.3205, (double)independent.Score([GoalRating.Of(2), GoalRating.Of(1), GoalRating.Of(0)])["t_score"]!.Value, 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => new GoalAttainmentScaling(rho: 1.5));
        Assert.Equal(0.3, Gas.Rho);
    }

    [Fact]
    public void T_scores_stay_between_the_all_minus_2_and_all_plus_2_values_for_three_goals()
    {
        // Exhaustive over 5^3 level combinations with unit weights: T is bounded by the extreme forms.
        var low = GoalAttainmentScaling.TScore([-2, -2, -2]);
        var high = GoalAttainmentScaling.TScore([2, 2, 2]);
        for (var a = -2; a <= 2; a++)
        {
            for (var b = -2; b <= 2; b++)
            {
                for (var c = -2; c <= 2; c++)
                {
                    Assert.InRange(GoalAttainmentScaling.TScore([a, b, c]), low, high);
                }
            }
        }
    }

    [Theory]
    [InlineData("3", null, IssueKind.OutOfRange)]
    [InlineData("-3", null, IssueKind.OutOfRange)]
    [InlineData("x", null, IssueKind.Unreadable)]
    [InlineData("1", "0", IssueKind.OutOfRange)]
    [InlineData("1", "-2", IssueKind.OutOfRange)]
    [InlineData("1", "heavy", IssueKind.Unreadable)]
    [InlineData("", "2", IssueKind.Missing)]
    public void A_bad_goal_blocks_the_T_score_and_names_the_goal(string level, string? weight, IssueKind kind)
    {
        var sheet = Gas.Score([GoalRating.Of(1), new GoalRating(Response.Parse(level), weight)]);
        Assert.Null(sheet["t_score"]);
        Assert.Contains(sheet.Issues, i => i.Kind == kind && i.Item == "2");
        Assert.False(sheet.IsViable);
    }

    [Fact]
    public void Wholly_blank_goal_columns_are_not_goals()
    {
        var sheet = Gas.Score([GoalRating.Of(2), GoalRating.Of(1), new GoalRating(Response.Blank), GoalRating.Of(0), new GoalRating(Response.Blank)]);
        Assert.Equal(3m, sheet["goals"]);
        Assert.Equal(63.6931, (double)sheet["t_score"]!.Value, 4);
        Assert.True(sheet.IsValid);
    }

    [Fact]
    public void No_goals_means_no_T_score()
    {
        var sheet = Gas.Score([new GoalRating(Response.Blank)]);
        Assert.Null(sheet["t_score"]);
        Assert.Contains(sheet.Issues, i => i.Kind == IssueKind.ScoreNotComputed);
    }

    [Fact]
    public void The_trajectory_gives_a_T_score_per_review()
    {
        GoalRating[] baseline = [GoalRating.Of(-1), GoalRating.Of(-1), GoalRating.Of(-2)];
        GoalRating[] review = [GoalRating.Of(0), GoalRating.Of(0), GoalRating.Of(0)];
        GoalRating[] closure = [GoalRating.Of(2), GoalRating.Of(1), GoalRating.Of(0)];
        var trajectory = ReliableChange.GasTrajectory(Gas, [baseline, review, closure]);
        Assert.Equal(3, trajectory.Count);
        Assert.Equal(31.7426, (double)trajectory[0]!.Value, 4);
        Assert.Equal(50m, trajectory[1]);
        Assert.Equal(63.6931, (double)trajectory[2]!.Value, 4);
    }
}
