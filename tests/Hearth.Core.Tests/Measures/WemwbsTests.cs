using Hearth.Core.Measures;

namespace Hearth.Core.Tests.Measures;

public sealed class WemwbsTests
{
    /// <summary>Warwick's SWEMWBS raw-to-metric table, typed from the published table (raw 7 first).</summary>
    private static readonly decimal[] Metric =
    [
        7.00m, 9.51m, 11.25m, 12.40m, 13.33m, 14.08m, 14.75m, 15.32m, 15.84m, 16.36m, 16.88m, 17.43m, 17.98m, 18.59m, 19.25m,
        19.98m, 20.73m, 21.54m, 22.35m, 23.21m, 24.11m, 25.03m, 26.02m, 27.03m, 28.13m, 29.31m, 30.70m, 32.55m, 35.00m,
    ];

    private static ItemInstrument Wemwbs => (ItemInstrument)InstrumentCatalog.Find("wemwbs")!;
    private static ItemInstrument Swemwbs => (ItemInstrument)InstrumentCatalog.Find("swemwbs")!;

    [Theory]
    [InlineData(1, 14)]
    [InlineData(3, 42)]
    [InlineData(5, 70)]
    public void WEMWBS_total_is_the_sum_of_14_items(int each, int total)
    {
        Assert.Equal(total, Wemwbs.Score(Forms.All(Wemwbs, each))["total"]);
    }

    [Fact]
    public void WEMWBS_sums_a_mixed_form()
    {
        int?[] form = [4, 3, 2, 5, 1, 3, 4, 2, 5, 3, 4, 1, 2, 3];
        var sheet = Wemwbs.Score(form);
        Assert.Equal(42m, sheet["total"]);
        // SWEMWBS items are WEMWBS 1, 2, 3, 6, 7, 9, 11: 4 + 3 + 2 + 3 + 4 + 5 + 4 = 25 -> 22.35.
        Assert.Equal(25m, sheet["swemwbs_raw"]);
        Assert.Equal(22.35m, sheet["swemwbs_metric"]);
        Assert.True(sheet.IsViable);
    }

    [Fact]
    public void WEMWBS_with_a_missing_item_has_no_total()
    {
        var form = Forms.All(Wemwbs, 3);
        form[13] = null;
        var sheet = Wemwbs.Score(form);
        Assert.Null(sheet["total"]);
        Assert.Equal(21m, sheet["swemwbs_raw"]);   // item 14 is not a SWEMWBS item
        Assert.True(sheet.IsValid);
        Assert.False(sheet.IsViable);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void WEMWBS_refuses_answers_outside_1_to_5(int bad)
    {
        var form = Forms.All(Wemwbs, 3);
        form[4] = bad;
        var sheet = Wemwbs.Score(form);
        Assert.False(sheet.IsValid);
        Assert.Contains(sheet.Issues, i => i.Kind == IssueKind.OutOfRange && i.Item == "5");
        Assert.Null(sheet["total"]);
    }

    [Fact]
    public void Every_SWEMWBS_raw_score_converts_as_Warwick_publishes()
    {
        for (var raw = 7; raw <= 35; raw++)
        {
            // Build a form with this raw total: fill items with 1 and add the rest item by item.
            var form = new int?[7];
            var left = raw - 7;
            for (var i = 0; i < 7; i++)
            {
                var extra = Math.Min(4, left);
                form[i] = 1 + extra;
                left -= extra;
            }
            var sheet = Swemwbs.Score(form);
            Assert.Equal(raw, sheet["raw"]);
            Assert.Equal(Metric[raw - 7], sheet["metric"]);
        }
    }

    [Fact]
    public void SWEMWBS_scores_stay_in_range_for_all_78125_forms_and_rise_with_the_raw_score()
    {
        var form = new int?[7];
        for (var code = 0; code < 78125; code++)
        {
            var c = code;
            var sum = 0;
            for (var i = 0; i < 7; i++)
            {
                form[i] = 1 + c % 5;
                sum += 1 + c % 5;
                c /= 5;
            }
            var sheet = Swemwbs.Score(form);
            Assert.Equal(sum, sheet["raw"]);
            Assert.InRange(sheet["metric"]!.Value, 7m, 35m);
        }
        for (var i = 1; i < Metric.Length; i++)
        {
            Assert.True(BuiltInInstruments.SwemwbsConversion.Values[7 + i] > BuiltInInstruments.SwemwbsConversion.Values[6 + i]);
        }
    }

    [Fact]
    public void SWEMWBS_with_a_missing_item_is_not_converted()
    {
        int?[] form = [3, 3, 3, null, 3, 3, 3];
        var sheet = Swemwbs.Score(form);
        Assert.Null(sheet["raw"]);
        Assert.Null(sheet["metric"]);
        Assert.False(sheet.IsComplete);
        Assert.False(sheet.IsViable);
    }

    [Fact]
    public void WEMWBS_total_stays_in_range_for_sampled_forms()
    {
        var random = new Random(14);
        for (var n = 0; n < 5000; n++)
        {
            var form = Enumerable.Range(0, 14).Select(_ => (int?)random.Next(1, 6)).ToArray();
            var total = Wemwbs.Score(form)["total"];
            Assert.Equal(form.Sum(), total);
            Assert.InRange(total!.Value, 14m, 70m);
        }
    }
}
