using Hearth.Core.Measures;

namespace Hearth.Core.Tests.Measures;

public sealed class SdqScoringTests
{
    // Item numbers per scale and the reverse-scored items, typed from STANDARDS.md section 2 (not read from the code).
    private static readonly Dictionary<string, int[]> ScaleItems = new()
    {
        ["emotional"] = [3, 8, 13, 16, 24],
        ["conduct"] = [5, 7, 12, 18, 22],
        ["hyperactivity"] = [2, 10, 15, 21, 25],
        ["peer"] = [6, 11, 14, 19, 23],
        ["prosocial"] = [1, 4, 9, 17, 20],
    };
    private static readonly int[] Reversed = [7, 11, 14, 21, 25];

    public static TheoryData<string> Versions => new() { "sdq-parent", "sdq-teacher", "sdq-self" };

    private static ItemInstrument Sdq(string id) => (ItemInstrument)InstrumentCatalog.Find(id)!;

    [Theory]
    [MemberData(nameof(Versions))]
    public void All_items_0_scores_0_2_4_4_0_and_total_10(string id)
    {
        var sheet = Sdq(id).Score(Forms.SdqAll(Sdq(id), 0));
        Assert.Equal([0m, 2m, 4m, 4m, 0m], Scales(sheet));
        Assert.Equal(10m, sheet["total"]);
        Assert.Equal(6m, sheet["externalising"]);
        Assert.Equal(4m, sheet["internalising"]);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void All_items_1_scores_5_on_every_scale_and_total_20(string id)
    {
        var sheet = Sdq(id).Score(Forms.SdqAll(Sdq(id), 1));
        Assert.Equal([5m, 5m, 5m, 5m, 5m], Scales(sheet));
        Assert.Equal(20m, sheet["total"]);
        Assert.Equal(10m, sheet["externalising"]);
        Assert.Equal(10m, sheet["internalising"]);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void All_items_2_scores_10_8_6_6_10_and_total_30(string id)
    {
        var sheet = Sdq(id).Score(Forms.SdqAll(Sdq(id), 2));
        Assert.Equal([10m, 8m, 6m, 6m, 10m], Scales(sheet));
        Assert.Equal(30m, sheet["total"]);
        Assert.Equal(14m, sheet["externalising"]);
        Assert.Equal(16m, sheet["internalising"]);
    }

    [Fact]
    public void Emotional_1_1_0_0_with_one_missing_prorates_to_3()
    {
        var sdq = Sdq("sdq-parent");
        // 2 points over 4 answered items: 2 / 4 * 5 = 2.5, rounded half up to 3.
        var emotional = new Dictionary<int, int?> { [3] = 1, [8] = 1, [13] = 0, [16] = 0, [24] = null };
        var sheet = sdq.Score(Forms.Sdq(sdq, i => emotional.TryGetValue(i, out var v) ? v : 0));
        Assert.Equal(3m, sheet["emotional"]);
        Assert.False(sheet.IsComplete);
        Assert.True(sheet.IsValid);
        Assert.Contains(sheet.Issues, x => x.Kind == IssueKind.Missing && x.Item == "24");
    }

    [Fact]
    public void Three_answered_items_are_enough_and_two_are_not()
    {
        var sdq = Sdq("sdq-parent");
        // 3 answered: 2 + 2 + 0 = 4 points; 4 / 3 * 5 = 6.67 -> 7 (the worked example in the sdqinfo scoring guide).
        var three = new Dictionary<int, int?> { [3] = 2, [8] = 2, [13] = 0, [16] = null, [24] = null };
        var sheet = sdq.Score(Forms.Sdq(sdq, i => three.TryGetValue(i, out var v) ? v : 0));
        Assert.Equal(7m, sheet["emotional"]);

        // 2 answered: not scored, and neither are the totals that need it.
        var two = new Dictionary<int, int?> { [3] = 2, [8] = 2, [13] = null, [16] = null, [24] = null };
        sheet = sdq.Score(Forms.Sdq(sdq, i => two.TryGetValue(i, out var v) ? v : 0));
        Assert.Null(sheet["emotional"]);
        Assert.Null(sheet["total"]);
        Assert.Null(sheet["internalising"]);
        // Other scales are untouched: all other items 0 gives conduct 2 and hyperactivity 4 (reverse-scored items).
        Assert.Equal(6m, sheet["externalising"]);
        Assert.False(sheet.IsViable);
        Assert.Contains(sheet.Issues, x => x.Kind == IssueKind.ScoreNotComputed && x.Message.StartsWith("emotional", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1, 1, 1, 5)]   // 3 / 3 * 5 = 5
    [InlineData(1, 0, 0, 2)]   // 1 / 3 * 5 = 1.67 -> 2
    [InlineData(1, 1, 0, 3)]   // 2 / 3 * 5 = 3.33 -> 3
    [InlineData(2, 2, 1, 8)]   // 5 / 3 * 5 = 8.33 -> 8
    [InlineData(2, 2, 2, 10)]
    [InlineData(0, 0, 0, 0)]
    public void Prorating_from_three_items_rounds_half_up(int a, int b, int c, int expected)
    {
        var sdq = Sdq("sdq-parent");
        var values = new Dictionary<int, int?> { [3] = a, [8] = b, [13] = c, [16] = null, [24] = null };
        Assert.Equal(expected, sdq.Score(Forms.Sdq(sdq, i => values.TryGetValue(i, out var v) ? v : 0))["emotional"]);
    }

    [Theory]
    [InlineData(1, 0, 0, 0, 1)]   // 1 / 4 * 5 = 1.25 -> 1
    [InlineData(1, 1, 0, 0, 3)]   // 2.5 -> 3 (half up, not to even)
    [InlineData(1, 1, 1, 1, 5)]
    [InlineData(2, 1, 1, 1, 6)]   // 6.25 -> 6
    [InlineData(2, 2, 1, 1, 8)]   // 7.5 -> 8
    [InlineData(2, 2, 2, 1, 9)]   // 8.75 -> 9
    public void Prorating_from_four_items_rounds_half_up(int a, int b, int c, int d, int expected)
    {
        var sdq = Sdq("sdq-parent");
        var values = new Dictionary<int, int?> { [3] = a, [8] = b, [13] = c, [16] = d, [24] = null };
        Assert.Equal(expected, sdq.Score(Forms.Sdq(sdq, i => values.TryGetValue(i, out var v) ? v : 0))["emotional"]);
    }

    [Theory]
    [InlineData("emotional")]
    [InlineData("conduct")]
    [InlineData("hyperactivity")]
    [InlineData("peer")]
    [InlineData("prosocial")]
    public void Every_pattern_of_a_scale_scores_in_range_or_is_missing_when_fewer_than_3_answered(string scale)
    {
        var sdq = Sdq("sdq-parent");
        var items = ScaleItems[scale];
        // Every combination of blank/0/1/2 on the scale's five items: 4^5 = 1024 forms.
        for (var code = 0; code < 1024; code++)
        {
            var values = new Dictionary<int, int?>();
            var answered = 0;
            var c = code;
            foreach (var item in items)
            {
                var digit = c % 4;
                c /= 4;
                values[item] = digit == 3 ? null : digit;
                answered += digit == 3 ? 0 : 1;
            }
            var score = sdq.Score(Forms.Sdq(sdq, i => values.TryGetValue(i, out var v) ? v : 1))[scale];
            if (answered < 3)
            {
                Assert.Null(score);
            }
            else
            {
                Assert.NotNull(score);
                Assert.InRange(score.Value, 0m, 10m);
                Assert.Equal(decimal.Truncate(score.Value), score.Value);
            }
        }
    }

    [Theory]
    [InlineData("emotional")]
    [InlineData("conduct")]
    [InlineData("hyperactivity")]
    [InlineData("peer")]
    [InlineData("prosocial")]
    public void Flipping_every_answer_mirrors_a_complete_scale_about_5(string scale)
    {
        // Each item contributes f(v) and its flip 2 - v contributes 2 - f(v), reverse-scored or not,
        // so score(pattern) + score(flipped) = 10 for all 3^5 complete patterns.
        var sdq = Sdq("sdq-parent");
        var items = ScaleItems[scale];
        for (var code = 0; code < 243; code++)
        {
            var values = new Dictionary<int, int?>();
            var flipped = new Dictionary<int, int?>();
            var c = code;
            foreach (var item in items)
            {
                values[item] = c % 3;
                flipped[item] = 2 - c % 3;
                c /= 3;
            }
            var a = sdq.Score(Forms.Sdq(sdq, i => values.TryGetValue(i, out var v) ? v : 0))[scale];
            var b = sdq.Score(Forms.Sdq(sdq, i => flipped.TryGetValue(i, out var v) ? v : 0))[scale];
            Assert.Equal(10m, a + b);
        }
    }

    [Fact]
    public void Reverse_scored_items_count_2_when_answered_0_and_others_count_their_answer()
    {
        var sdq = Sdq("sdq-parent");
        foreach (var (scale, items) in ScaleItems)
        {
            foreach (var item in items)
            {
                // Only this item is non-zero in its scale... except that reversed items score 2 when answered 0,
                // so set every item to its "scores 0" answer and move one item to its "scores 2" answer.
                var values = items.ToDictionary(i => i, i => (int?)(Reversed.Contains(i) ? 2 : 0));
                values[item] = Reversed.Contains(item) ? 0 : 2;
                var score = sdq.Score(Forms.Sdq(sdq, i => values.TryGetValue(i, out var v) ? v : 1))[scale];
                Assert.Equal(2m, score);
            }
        }
    }

    [Fact]
    public void Sampled_whole_forms_keep_totals_in_range_and_equal_to_their_parts()
    {
        var sdq = Sdq("sdq-parent");
        var random = new Random(20261122);
        for (var n = 0; n < 5000; n++)
        {
            // Each item blank about one time in eight, otherwise 0-2.
            var form = Forms.Sdq(sdq, _ => random.Next(8) == 0 ? null : random.Next(3));
            var s = sdq.Score(form);
            foreach (var scale in ScaleItems.Keys)
            {
                if (s[scale] is { } v)
                {
                    Assert.InRange(v, 0m, 10m);
                }
            }
            if (s["total"] is { } total)
            {
                Assert.InRange(total, 0m, 40m);
                Assert.Equal(s["emotional"] + s["conduct"] + s["hyperactivity"] + s["peer"], total);
                Assert.Equal(total, s["externalising"] + s["internalising"]);
            }
            else
            {
                Assert.True(s["emotional"] is null || s["conduct"] is null || s["hyperactivity"] is null || s["peer"] is null);
            }
        }
    }

    [Fact]
    public void An_out_of_range_or_unreadable_answer_makes_the_form_invalid_and_blocks_only_its_scales()
    {
        var sdq = Sdq("sdq-parent");
        var responses = Forms.SdqAll(sdq, 1).Select(v => new Response(v)).ToArray();
        responses[2] = new Response(3);               // item 3 (emotional): only 0-2 allowed
        responses[0] = new Response(null, "yes");     // item 1 (prosocial): not a number
        var sheet = sdq.Score(responses);
        Assert.False(sheet.IsValid);
        Assert.False(sheet.IsViable);
        Assert.Contains(sheet.Issues, x => x.Kind == IssueKind.OutOfRange && x.Item == "3");
        Assert.Contains(sheet.Issues, x => x.Kind == IssueKind.Unreadable && x.Item == "1");
        Assert.Null(sheet["emotional"]);
        Assert.Null(sheet["prosocial"]);
        Assert.Null(sheet["total"]);
        Assert.Equal(5m, sheet["conduct"]);
        Assert.Equal(10m, sheet["externalising"]);
    }

    [Fact]
    public void A_negative_answer_is_out_of_range()
    {
        var sdq = Sdq("sdq-teacher");
        var form = Forms.SdqAll(sdq, 0);
        form[9] = -1;
        var sheet = sdq.Score(form);
        Assert.Contains(sheet.Issues, x => x.Kind == IssueKind.OutOfRange && x.Item == "10");
        Assert.Null(sheet["hyperactivity"]);
    }

    [Fact]
    public void Impact_recodes_0_and_1_to_0_2_to_1_3_to_2_and_sums_parent_items()
    {
        var sdq = Sdq("sdq-parent");
        var extra = new Dictionary<string, int?> { ["26"] = 2, ["28"] = 3, ["29a"] = 2, ["29b"] = 1, ["29c"] = 0, ["29d"] = 3 };
        // 2 + 1 + 0 + 0 + 2 = 5
        Assert.Equal(5m, sdq.Score(Forms.Sdq(sdq, _ => 1, extra))["impact"]);
        var max = new Dictionary<string, int?> { ["26"] = 3, ["28"] = 3, ["29a"] = 3, ["29b"] = 3, ["29c"] = 3, ["29d"] = 3 };
        Assert.Equal(10m, sdq.Score(Forms.Sdq(sdq, _ => 1, max))["impact"]);
    }

    [Fact]
    public void Impact_is_0_when_no_difficulties_are_reported_whatever_follows()
    {
        var sdq = Sdq("sdq-self");
        var extra = new Dictionary<string, int?> { ["26"] = 0, ["28"] = 3, ["29a"] = null };
        Assert.Equal(0m, sdq.Score(Forms.Sdq(sdq, _ => 1, extra))["impact"]);
    }

    [Fact]
    public void Teacher_impact_uses_distress_and_two_interference_items_only()
    {
        var sdq = Sdq("sdq-teacher");
        var extra = new Dictionary<string, int?> { ["26"] = 1, ["28"] = 3, ["29a"] = 3, ["29b"] = 2 };
        // 2 + 2 + 1 = 5, out of a teacher maximum of 6.
        Assert.Equal(5m, sdq.Score(Forms.Sdq(sdq, _ => 1, extra))["impact"]);
        Assert.Equal(6m, sdq.Scale("impact").Max);
    }

    [Fact]
    public void Impact_is_not_computed_without_the_gate_item_or_with_a_follow_on_item_missing()
    {
        var sdq = Sdq("sdq-parent");
        var noGate = sdq.Score(Forms.Sdq(sdq, _ => 1));
        Assert.Null(noGate["impact"]);
        Assert.Equal(20m, noGate["total"]);
        Assert.True(noGate.IsComplete);   // the supplement is optional: its absence is not a missing item
        var gap = new Dictionary<string, int?> { ["26"] = 2, ["28"] = 3, ["29a"] = 2, ["29b"] = 1, ["29c"] = null, ["29d"] = 3 };
        Assert.Null(sdq.Score(Forms.Sdq(sdq, _ => 1, gap))["impact"]);
    }

    [Fact]
    public void Impact_stays_in_range_for_every_supplement_pattern()
    {
        var sdq = Sdq("sdq-parent");
        string[] keys = ["26", "28", "29a", "29b", "29c", "29d"];
        // Every combination of blank/0/1/2/3 on the six supplement items: 5^6 = 15625 forms.
        for (var code = 0; code < 15625; code++)
        {
            var extra = new Dictionary<string, int?>();
            var c = code;
            foreach (var key in keys)
            {
                extra[key] = c % 5 == 4 ? null : c % 5;
                c /= 5;
            }
            var impact = sdq.Score(Forms.Sdq(sdq, _ => 1, extra))["impact"];
            var followOnBlank = keys.Skip(1).Any(k => extra[k] is null);
            if (extra["26"] is null || (extra["26"] > 0 && followOnBlank))
            {
                Assert.Null(impact);
            }
            else if (extra["26"] == 0)
            {
                Assert.Equal(0m, impact);
            }
            else
            {
                Assert.InRange(impact!.Value, 0m, 10m);
            }
        }
    }

    [Fact]
    public void An_impact_answer_of_4_is_out_of_range()
    {
        var sdq = Sdq("sdq-parent");
        var extra = new Dictionary<string, int?> { ["26"] = 1, ["28"] = 4, ["29a"] = 0, ["29b"] = 0, ["29c"] = 0, ["29d"] = 0 };
        var sheet = sdq.Score(Forms.Sdq(sdq, _ => 1, extra));
        Assert.Contains(sheet.Issues, x => x.Kind == IssueKind.OutOfRange && x.Item == "28");
        Assert.Null(sheet["impact"]);
    }

    private static decimal?[] Scales(ScoreSheet sheet) =>
        [sheet["emotional"], sheet["conduct"], sheet["hyperactivity"], sheet["peer"], sheet["prosocial"]];
}
