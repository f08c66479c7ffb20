using System.Globalization;

namespace Hearth.Core.Measures;

/// <summary>One goal's rating at a review: its attainment level (-2..+2) and its weight (blank means 1).</summary>
public readonly record struct GoalRating(Response Level, string? Weight = null)
{
    public static GoalRating Of(int level, decimal? weight = null) =>
        new(new Response(level), weight?.ToString(CultureInfo.InvariantCulture));
}

/// <summary>
/// Goal Attainment Scaling (Kiresuk and Sherman, 1968): each goal is rated -2..+2 against levels set before work
/// starts, and the summary T-score is 50 + 10 * sum(w*x) / sqrt((1 - rho) * sum(w^2) + rho * (sum w)^2).
/// rho is the assumed correlation between goal scores; 0.3 is the authors' conventional value.
/// </summary>
public sealed class GoalAttainmentScaling : Instrument
{
    public const double DefaultRho = 0.3;
    public const int MinLevel = -2;
    public const int MaxLevel = 2;

    private static readonly string[] Keys = ["goals", "weighted_sum", "t_score"];

    public GoalAttainmentScaling(double rho = DefaultRho)
    {
        if (double.IsNaN(rho) || rho < 0 || rho > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rho), rho, "rho must be between 0 and 1.");
        }
        Rho = rho;
    }

    public double Rho { get; }
    public override string Id => "gas";
    public override string Name => "Goal Attainment Scaling (Kiresuk-Sherman T-score)";
    public override string Version => "1968";
    public override string Source =>
        "Kiresuk TJ, Sherman RE (1968) Goal attainment scaling: a general method for evaluating comprehensive community mental health programs. Community Mental Health Journal 4(6):443-453.";
    public override IReadOnlyList<string> ScoreKeys => Keys;
    public override IReadOnlyList<string> BandKeys => [];

    /// <summary>The Kiresuk-Sherman T-score for levels and weights (null weights count as 1).</summary>
    public static double TScore(IReadOnlyList<int> levels, IReadOnlyList<double>? weights = null, double rho = DefaultRho)
    {
        if (levels.Count == 0)
        {
            throw new ArgumentException("At least one goal is needed.", nameof(levels));
        }
        if (weights is not null && weights.Count != levels.Count)
        {
            throw new ArgumentException("One weight per goal.", nameof(weights));
        }
        double sumWx = 0, sumW2 = 0, sumW = 0;
        for (var i = 0; i < levels.Count; i++)
        {
            var w = weights?[i] ?? 1.0;
            sumWx += w * levels[i];
            sumW2 += w * w;
            sumW += w;
        }
        return 50 + 10 * sumWx / Math.Sqrt((1 - rho) * sumW2 + rho * sumW * sumW);
    }

    /// <summary>
    /// The T-score of goals rated without weights (as at a review): with every weight 1 the formula needs only how many
    /// goals were rated and the sum of their levels, which a database can total.
    /// </summary>
    public static double UnweightedTScore(int goals, int levelSum, double rho = DefaultRho)
    {
        if (goals <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(goals), goals, "At least one goal is needed.");
        }
        return 50 + 10 * levelSum / Math.Sqrt((1 - rho) * goals + rho * goals * (double)goals);
    }

    /// <summary>Scores one review: goals in order; a goal left wholly blank (no level, no weight) is not a goal.</summary>
    public ScoreSheet Score(IReadOnlyList<GoalRating> goals)
    {
        var issues = new List<ValidityIssue>();
        var levels = new List<int>(goals.Count);
        var weights = new List<double>(goals.Count);
        var weightedSum = 0m;
        var blocked = false;
        for (var g = 0; g < goals.Count; g++)
        {
            var goal = goals[g];
            var number = (g + 1).ToString(CultureInfo.InvariantCulture);
            if (goal.Level.IsBlank && string.IsNullOrWhiteSpace(goal.Weight))
            {
                continue;
            }
            var weight = 1m;
            if (!string.IsNullOrWhiteSpace(goal.Weight))
            {
                if (!decimal.TryParse(goal.Weight.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out weight))
                {
                    issues.Add(new ValidityIssue(IssueKind.Unreadable, number, $"goal {number}: weight '{goal.Weight.Trim()}' is not a number"));
                    blocked = true;
                }
                else if (weight <= 0)
                {
                    issues.Add(new ValidityIssue(IssueKind.OutOfRange, number, $"goal {number}: weight {weight.ToString(CultureInfo.InvariantCulture)} must be above 0"));
                    blocked = true;
                }
            }
            if (goal.Level.Unreadable is { } text)
            {
                issues.Add(new ValidityIssue(IssueKind.Unreadable, number, $"goal {number}: level '{text}' is not a whole number"));
                blocked = true;
            }
            else if (goal.Level.Value is not { } level)
            {
                issues.Add(new ValidityIssue(IssueKind.Missing, number, $"goal {number}: level missing"));
                blocked = true;
            }
            else if (level is < MinLevel or > MaxLevel)
            {
                issues.Add(new ValidityIssue(IssueKind.OutOfRange, number, $"goal {number}: level {level} is outside -2 to +2"));
                blocked = true;
            }
            else
            {
                levels.Add(level);
                weights.Add((double)weight);
                weightedSum += weight * level;
            }
        }
        decimal? t = null;
        if (levels.Count == 0 && !blocked)
        {
            issues.Add(new ValidityIssue(IssueKind.ScoreNotComputed, null, "t_score not computed: no goals rated"));
        }
        else if (blocked)
        {
            // Every goal set must be rated validly: dropping one would quietly change what the T-score measures.
            issues.Add(new ValidityIssue(IssueKind.ScoreNotComputed, null, "t_score not computed: every goal needs a valid level and weight"));
        }
        else
        {
            t = (decimal)TScore(levels, weights, Rho);
        }
        var goalsSet = goals.Count(x => !(x.Level.IsBlank && string.IsNullOrWhiteSpace(x.Weight)));
        return new ScoreSheet(Keys, [goalsSet, blocked ? null : weightedSum, t], [], [], issues, primaryScore: 2);
    }
}
