using Hearth.Core.Measures;

namespace Hearth.Core.Tests.Measures;

public sealed class ReliableChangeTests
{
    [Fact]
    public void The_STANDARDS_vector_gives_2_609()
    {
        // SE = 6 * sqrt(0.1) = 1.8974; Sdiff = sqrt(2 * 3.6) = 2.6833; RCI = 7 / 2.6833 = 2.6087.
        Assert.Equal(2.609, ReliableChange.Index(20, 27, 6, 0.9), 3);
    }

    [Fact]
    public void Falling_scores_give_a_negative_index()
    {
        Assert.Equal(-2.609, ReliableChange.Index(27, 20, 6, 0.9), 3);
    }

    [Theory]
    [InlineData(20, 27, Direction.HigherIsBetter, ChangeVerdict.Improved)]
    [InlineData(27, 20, Direction.HigherIsBetter, ChangeVerdict.Deteriorated)]
    [InlineData(27, 20, Direction.LowerIsBetter, ChangeVerdict.Improved)]      // SDQ difficulties falling is good news
    [InlineData(20, 27, Direction.LowerIsBetter, ChangeVerdict.Deteriorated)]
    [InlineData(20, 25, Direction.HigherIsBetter, ChangeVerdict.NoChange)]     // 5 / 2.6833 = 1.863, under 1.96
    [InlineData(20, 20, Direction.LowerIsBetter, ChangeVerdict.NoChange)]
    public void Reliable_change_reads_the_direction(int before, int after, Direction direction, ChangeVerdict expected)
    {
        var result = ReliableChange.Assess(before, after, direction, new ChangeNorms(6, 0.9, "test"), null);
        Assert.Equal(expected, result.Reliable);
        Assert.Equal(after - before, result.Raw);
        Assert.Equal(ChangeVerdict.NotAvailable, result.Meaningful);
    }

    [Fact]
    public void Reliable_change_needs_the_index_beyond_1_96_either_way()
    {
        // SD 1, r 0.5: SE = sqrt(0.5), Sdiff = 1, so the index equals the raw change.
        var norms = new ChangeNorms(1, 0.5, "t");
        Assert.Equal(ChangeVerdict.NoChange, ReliableChange.Assess(10m, 11.959m, Direction.HigherIsBetter, norms, null).Reliable);
        Assert.Equal(ChangeVerdict.Improved, ReliableChange.Assess(10m, 11.961m, Direction.HigherIsBetter, norms, null).Reliable);
        Assert.Equal(ChangeVerdict.NoChange, ReliableChange.Assess(10m, 8.041m, Direction.HigherIsBetter, norms, null).Reliable);
        Assert.Equal(ChangeVerdict.Deteriorated, ReliableChange.Assess(10m, 8.039m, Direction.HigherIsBetter, norms, null).Reliable);
    }

    [Theory]
    [InlineData(40, 43, ChangeVerdict.Improved)]
    [InlineData(40, 42, ChangeVerdict.NoChange)]
    [InlineData(45, 42, ChangeVerdict.Deteriorated)]
    [InlineData(45, 43, ChangeVerdict.NoChange)]
    public void WEMWBS_meaningful_change_is_3_points_either_way(int before, int after, ChangeVerdict expected)
    {
        var wemwbs = (ItemInstrument)InstrumentCatalog.Find("wemwbs")!;
        var a = wemwbs.Score(Form(before));
        var b = wemwbs.Score(Form(after));
        var change = ReliableChange.Assess(wemwbs, "total", a, b)!;
        Assert.Equal(expected, change.Meaningful);
        Assert.Equal(after - before, change.Raw);
        Assert.NotNull(change.Rci);   // WEMWBS carries its norms
    }

    [Fact]
    public void SDQ_total_has_no_shipped_norms_so_reliable_change_is_not_available_and_direction_is_lower_is_better()
    {
        var sdq = (ItemInstrument)InstrumentCatalog.Find("sdq-parent")!;
        var change = ReliableChange.Assess(sdq, "total", sdq.Score(Forms.SdqAll(sdq, 2)), sdq.Score(Forms.SdqAll(sdq, 1)))!;
        Assert.Equal(-10m, change.Raw);
        Assert.Null(change.Rci);
        Assert.Equal(ChangeVerdict.NotAvailable, change.Reliable);
        Assert.Equal(ChangeVerdict.Improved, ReliableChange.Direction(change.Raw, sdq.Scale("total").Direction));
    }

    [Fact]
    public void Change_is_null_when_either_score_is_missing()
    {
        var wemwbs = (ItemInstrument)InstrumentCatalog.Find("wemwbs")!;
        var partial = Forms.All(wemwbs, 3);
        partial[0] = null;
        Assert.Null(ReliableChange.Assess(wemwbs, "total", wemwbs.Score(Forms.All(wemwbs, 3)), wemwbs.Score(partial)));
    }

    [Fact]
    public void SWEMWBS_change_is_measured_on_the_metric_score()
    {
        var swemwbs = (ItemInstrument)InstrumentCatalog.Find("swemwbs")!;
        // Raw 14 -> 15.32 and raw 17 -> 16.88: 1.56 metric points, under the 3-point threshold.
        var change = ReliableChange.Assess(swemwbs, "metric", swemwbs.Score([2, 2, 2, 2, 2, 2, 2]), swemwbs.Score([3, 3, 3, 2, 2, 2, 2]))!;
        Assert.Equal(1.56m, change.Raw);
        Assert.Equal(ChangeVerdict.NoChange, change.Meaningful);
    }

    private static int?[] Form(int total)
    {
        // 14 items summing to total (14-70): start at 1 each and add up to 4 per item.
        var form = new int?[14];
        var left = total - 14;
        for (var i = 0; i < 14; i++)
        {
            var extra = Math.Min(4, left);
            form[i] = 1 + extra;
            left -= extra;
        }
        return form;
    }
}
