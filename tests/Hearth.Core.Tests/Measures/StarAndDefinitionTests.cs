using Hearth.Core.Measures;

namespace Hearth.Core.Tests.Measures;

public sealed class StarAndDefinitionTests
{
    private static ItemInstrument Star => (ItemInstrument)InstrumentCatalog.Find("family-star-plus")!;

    [Theory]
    [InlineData(1, "Stage 1")]
    [InlineData(2, "Stage 1")]
    [InlineData(3, "Stage 2")]
    [InlineData(4, "Stage 2")]
    [InlineData(5, "Stage 3")]
    [InlineData(6, "Stage 3")]
    [InlineData(7, "Stage 4")]
    [InlineData(8, "Stage 4")]
    [InlineData(9, "Stage 5")]
    [InlineData(10, "Stage 5")]
    public void Each_reading_falls_in_its_journey_stage(int reading, string stage)
    {
        var sheet = Star.Score(Forms.All(Star, reading));
        for (var area = 1; area <= 10; area++)
        {
            Assert.Equal(reading, sheet[$"area{area}"]);
            Assert.Equal(stage, sheet.Band($"stage_area{area}"));
        }
        Assert.Equal(10m * reading, sheet["total"]);
    }

    [Fact]
    public void Sampled_star_readings_keep_every_area_in_range_with_the_stage_of_its_two_point_step()
    {
        var random = new Random(10);
        for (var n = 0; n < 5000; n++)
        {
            var form = Enumerable.Range(0, 10).Select(_ => (int?)random.Next(1, 11)).ToArray();
            var sheet = Star.Score(form);
            for (var area = 1; area <= 10; area++)
            {
                var reading = form[area - 1]!.Value;
                Assert.Equal(reading, sheet[$"area{area}"]);
                // Stage k covers readings 2k-1 and 2k.
                Assert.Equal($"Stage {(reading + 1) / 2}", sheet.Band($"stage_area{area}"));
            }
            Assert.Equal(form.Sum(), sheet["total"]);
            Assert.InRange(sheet["total"]!.Value, 10m, 100m);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void Readings_outside_1_to_10_are_refused(int bad)
    {
        var form = Forms.All(Star, 5);
        form[3] = bad;
        var sheet = Star.Score(form);
        Assert.False(sheet.IsValid);
        Assert.Null(sheet["area4"]);
        Assert.Null(sheet["total"]);
        Assert.Equal(5m, sheet["area3"]);
    }

    [Fact]
    public void A_missing_area_leaves_the_others_scored_and_the_total_missing()
    {
        var form = Forms.All(Star, 6);
        form[9] = null;
        var sheet = Star.Score(form);
        Assert.Null(sheet["area10"]);
        Assert.Null(sheet["total"]);
        Assert.Equal(6m, sheet["area1"]);
        Assert.True(sheet.IsValid);
        Assert.False(sheet.IsComplete);
    }

    [Fact]
    public void Stage_bands_and_area_count_are_configuration()
    {
        var config = StarConfiguration.FamilyStarPlus with
        {
            Id = "my-star", Areas = 4, MinReading = 1, MaxReading = 5,
            Stages = [new StarStage("Early", 1, 2), new StarStage("Later", 3, 5)],
        };
        var star = new ItemInstrument(StarInstrument.Define(config));
        var sheet = star.Score([1, 2, 3, 5]);
        Assert.Equal(11m, sheet["total"]);
        Assert.Equal("Early", sheet.Band("stage_area2"));
        Assert.Equal("Later", sheet.Band("stage_area3"));
        Assert.Equal(4, star.Definition.Items.Count);
    }

    [Fact]
    public void Stage_bands_that_leave_a_gap_are_refused()
    {
        var config = StarConfiguration.FamilyStarPlus with { Stages = [new StarStage("A", 1, 4), new StarStage("B", 6, 10)] };
        Assert.Throws<ArgumentException>(() => new ItemInstrument(StarInstrument.Define(config)));
    }

    [Fact]
    public void A_composite_must_name_scales_defined_before_it()
    {
        var definition = new InstrumentDefinition("bad", "Bad", "1", "test")
        {
            Items = [new ItemDefinition("1", 0, 2)],
            Scales =
            [
                new ScaleDefinition("total", "Total", ScaleRule.SumOfScales, 0, 2) { Scales = ["a"] },
                new ScaleDefinition("a", "A", ScaleRule.Sum, 0, 2) { Items = ["1"] },
            ],
            PrimaryScale = "total",
        };
        Assert.Throws<ArgumentException>(() => new ItemInstrument(definition));
    }

    [Fact]
    public void A_scale_naming_an_unknown_item_is_refused()
    {
        var definition = new InstrumentDefinition("bad", "Bad", "1", "test")
        {
            Items = [new ItemDefinition("1", 0, 2)],
            Scales = [new ScaleDefinition("a", "A", ScaleRule.ProratedSum, 0, 10) { Items = ["1", "2"], MinAnswered = 1 }],
            PrimaryScale = "a",
        };
        Assert.Throws<ArgumentException>(() => new ItemInstrument(definition));
    }

    [Fact]
    public void A_response_list_of_the_wrong_length_is_a_programming_error()
    {
        Assert.Throws<ArgumentException>(() => Star.Score([1, 2, 3]));
    }

    [Fact]
    public void The_catalogue_has_the_seven_required_ids()
    {
        Assert.Equal(["wemwbs", "swemwbs", "sdq-parent", "sdq-teacher", "sdq-self", "gas", "family-star-plus"], InstrumentCatalog.All.Select(i => i.Id));
        Assert.Same(InstrumentCatalog.Find("SDQ-Parent"), InstrumentCatalog.Find("sdq-parent"));
        Assert.Null(InstrumentCatalog.Find("phq-9"));
    }

    [Fact]
    public void Response_parse_keeps_blanks_numbers_and_unreadable_text_apart()
    {
        Assert.True(Response.Parse("  ").IsBlank);
        Assert.Equal(2, Response.Parse(" 2 ").Value);
        Assert.Equal(-1, Response.Parse("-1").Value);
        Assert.Equal("1.5", Response.Parse("1.5").Unreadable);
        Assert.Null(Response.Parse("1.5").Value);
    }
}
