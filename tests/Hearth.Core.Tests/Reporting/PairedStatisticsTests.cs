using Hearth.Core.Reporting;

namespace Hearth.Core.Tests.Reporting;

public sealed class PairedStatisticsTests
{
    // Student's sleep data (Cushny and Peebles, 1905): extra hours of sleep for ten patients on two drugs.
    // The textbook paired analysis (R: t.test(..., paired = TRUE); wilcox.test(..., paired = TRUE)) gives
    // t = 4.0621 on 9 df, p = 0.002833, 95% CI 0.7001 to 2.4599 for drug 2 minus drug 1, V = 45, p = 0.009091.
    private static readonly double[] Drug1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    private static readonly double[] Drug2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

    [Fact]
    public void The_paired_t_test_and_wilcoxon_reproduce_the_sleep_data_textbook_values()
    {
        var r = PairedStatistics.Compute(Drug1.Zip(Drug2).ToList());
        Assert.Equal(10, r.N);
        Assert.Equal(1.58, r.MeanDifference, 10);
        Assert.Equal(4.0621, r.TStatistic!.Value, 4);
        Assert.Equal(0.002833, r.TTestP!.Value, 6);
        Assert.Equal(0.7001142, r.CiLower!.Value, 6);
        Assert.Equal(2.4598858, r.CiUpper!.Value, 6);
        Assert.Equal(45, r.WilcoxonV);
        Assert.Equal(0.009091, r.WilcoxonP!.Value, 6);
        // d_z = 1.58 / 1.229995 (the standard deviation of the differences).
        Assert.Equal(1.2846, r.EffectSize!.Value, 4);
    }

    [Fact]
    public void No_change_gives_no_test_and_too_few_pairs_give_no_interval()
    {
        var same = PairedStatistics.Compute([(10, 10), (12, 12), (9, 9)]);
        Assert.Equal(0, same.MeanDifference);
        Assert.Null(same.TTestP);
        Assert.Null(same.WilcoxonP);
        var one = PairedStatistics.Compute([(10, 14)]);
        Assert.Equal(4, one.MeanDifference);
        Assert.Null(one.CiLower);
    }
}
