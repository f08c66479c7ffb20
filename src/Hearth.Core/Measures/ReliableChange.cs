namespace Hearth.Core.Measures;

public enum ChangeVerdict
{
    /// <summary>No norms or threshold published for this score, so the question cannot be answered.</summary>
    NotAvailable,
    NoChange,
    Improved,
    Deteriorated,
}

/// <summary>Change on one score between two time points.</summary>
/// <param name="Raw">Latest minus baseline, in the score's own units.</param>
/// <param name="Rci">Jacobson-Truax reliable change index, when norms are known.</param>
/// <param name="Reliable">Improved or deteriorated when |RCI| exceeds 1.96, read in the score's direction.</param>
/// <param name="Meaningful">Improved or deteriorated when the raw change reaches the instrument's threshold.</param>
public sealed record ChangeResult(decimal Raw, double? Rci, ChangeVerdict Reliable, ChangeVerdict Meaningful);

/// <summary>Pure change arithmetic: raw change, reliable change (Jacobson and Truax, 1991) and meaningful change.</summary>
public static class ReliableChange
{
    /// <summary>The two-tailed 5% critical value used by Jacobson and Truax.</summary>
    public const double Criterion = 1.96;

    /// <summary>RCI = (x2 - x1) / Sdiff, where SE = SD * sqrt(1 - r) and Sdiff = sqrt(2 * SE^2).</summary>
    public static double Index(double baseline, double latest, double standardDeviation, double reliability)
    {
        if (standardDeviation <= 0 || reliability is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(reliability), "Need SD > 0 and 0 <= r < 1.");
        }
        var se = standardDeviation * Math.Sqrt(1 - reliability);
        var sdiff = Math.Sqrt(2 * se * se);
        return (latest - baseline) / sdiff;
    }

    /// <summary>Reads a change as good or bad news given which way the score should move.</summary>
    public static ChangeVerdict Direction(decimal raw, Direction direction) => raw == 0 ? ChangeVerdict.NoChange
        : (raw > 0) == (direction == Measures.Direction.HigherIsBetter) ? ChangeVerdict.Improved : ChangeVerdict.Deteriorated;

    public static ChangeResult Assess(decimal baseline, decimal latest, Direction direction, ChangeNorms? norms, decimal? meaningfulChange)
    {
        var raw = latest - baseline;
        double? rci = null;
        var reliable = ChangeVerdict.NotAvailable;
        if (norms is not null)
        {
            rci = Index((double)baseline, (double)latest, norms.StandardDeviation, norms.Reliability);
            reliable = Math.Abs(rci.Value) > Criterion ? Direction(raw, direction) : ChangeVerdict.NoChange;
        }
        var meaningful = ChangeVerdict.NotAvailable;
        if (meaningfulChange is { } threshold)
        {
            meaningful = Math.Abs(raw) >= threshold ? Direction(raw, direction) : ChangeVerdict.NoChange;
        }
        return new ChangeResult(raw, rci, reliable, meaningful);
    }

    /// <summary>Change on one scale of an item instrument between two scored administrations; null when either score is missing.</summary>
    public static ChangeResult? Assess(ItemInstrument instrument, string scaleKey, ScoreSheet baseline, ScoreSheet latest)
    {
        var scale = instrument.Scale(scaleKey);
        if (baseline[scaleKey] is not { } before || latest[scaleKey] is not { } after)
        {
            return null;
        }
        return Assess(before, after, scale.Direction, scale.Norms, scale.MeaningfulChange);
    }

    /// <summary>The GAS T-score at each review, in order; null where a review could not be scored.</summary>
    public static IReadOnlyList<decimal?> GasTrajectory(GoalAttainmentScaling gas, IEnumerable<IReadOnlyList<GoalRating>> reviews) =>
        reviews.Select(r => gas.Score(r)["t_score"]).ToArray();
}
