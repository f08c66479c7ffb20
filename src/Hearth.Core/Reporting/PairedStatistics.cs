using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace Hearth.Core.Reporting;

/// <summary>Before/after statistics for paired scores (each person's baseline and latest).</summary>
public sealed record PairedResult(int N, double BeforeMean, double AfterMean, double MeanDifference, double? CiLower, double? CiUpper,
    double? TStatistic, double? TTestP, double? WilcoxonV, double? WilcoxonP, double? EffectSize);

/// <summary>
/// The paired t-test (two-sided, with the 95% confidence interval of the mean difference), the Wilcoxon signed-rank
/// test and the effect size d_z = mean difference / standard deviation of the differences. The Wilcoxon test follows
/// the usual large-sample method (as R's wilcox.test does when there are ties or zeros): zero differences are dropped,
/// tied absolute differences share their average rank, V is the sum of the positive ranks, and the p-value is from the
/// normal approximation with the tie correction and a continuity correction of 0.5. Distributions from MathNet.Numerics.
/// </summary>
public static class PairedStatistics
{
    public static PairedResult Compute(IReadOnlyList<(double Before, double After)> pairs)
    {
        var n = pairs.Count;
        if (n == 0)
        {
            return new PairedResult(0, double.NaN, double.NaN, double.NaN, null, null, null, null, null, null, null);
        }
        var diffs = pairs.Select(p => p.After - p.Before).ToArray();
        var before = pairs.Select(p => p.Before).Mean();
        var after = pairs.Select(p => p.After).Mean();
        var mean = diffs.Mean();
        if (n < 2)
        {
            return new PairedResult(n, before, after, mean, null, null, null, null, null, null, null);
        }
        var sd = diffs.StandardDeviation();
        double? t = null, p = null, lower = null, upper = null, d = null;
        if (sd > 0)
        {
            var se = sd / Math.Sqrt(n);
            t = mean / se;
            var dist = new StudentT(0, 1, n - 1);
            p = 2 * (1 - dist.CumulativeDistribution(Math.Abs(t.Value)));
            var critical = dist.InverseCumulativeDistribution(0.975);
            (lower, upper) = (mean - critical * se, mean + critical * se);
            d = mean / sd;
        }
        var (v, wp) = Wilcoxon(diffs);
        return new PairedResult(n, before, after, mean, lower, upper, t, p, v, wp, d);
    }

    private static (double? V, double? P) Wilcoxon(double[] diffs)
    {
        var nonZero = diffs.Where(x => x != 0).ToArray();
        var n = nonZero.Length;
        if (n == 0)
        {
            return (null, null);
        }
        var ordered = nonZero.Select((x, i) => (Abs: Math.Abs(x), Positive: x > 0, Index: i)).OrderBy(x => x.Abs).ToArray();
        var ranks = new double[n];
        var tieTerm = 0.0;
        for (var i = 0; i < n;)
        {
            var j = i;
            while (j + 1 < n && ordered[j + 1].Abs == ordered[i].Abs)
            {
                j++;
            }
            var rank = (i + j + 2) / 2.0;
            for (var k = i; k <= j; k++)
            {
                ranks[k] = rank;
            }
            var tied = j - i + 1;
            tieTerm += tied * tied * tied - tied;
            i = j + 1;
        }
        var v = ordered.Select((x, i) => x.Positive ? ranks[i] : 0).Sum();
        var expected = n * (n + 1) / 4.0;
        var variance = n * (n + 1) * (2 * n + 1) / 24.0 - tieTerm / 48.0;
        if (variance <= 0)
        {
            return (v, null);
        }
        var z = v - expected;
        z = (z - Math.Sign(z) * 0.5) / Math.Sqrt(variance);
        var p = 2 * Math.Min(Normal.CDF(0, 1, z), 1 - Normal.CDF(0, 1, z));
        return (v, Math.Min(1, p));
    }
}
