using Hearth.Core.Measures;

namespace Hearth.Core.Tests.Measures;

public sealed class SdqBandTests
{
    private static readonly string[] Three = ["Normal", "Borderline", "Abnormal"];
    private static readonly string[] Four = ["Close to average", "Slightly raised", "High", "Very high"];
    private static readonly string[] FourProsocial = ["Close to average", "Slightly lowered", "Low", "Very low"];

    /// <summary>
    /// Every published cut-off, typed from the sources (STANDARDS.md section 2; PMC4830858 Table 1 for teacher four-band;
    /// the sdqinfo scoring guide for the rest, as listed in docs/measures.md). Each row: instrument, table, scale, bands.
    /// </summary>
    public static TheoryData<string, string, string, string> Tables => new()
    {
        { "sdq-parent", "parent3", "total", "0-13/14-16/17-40" },
        { "sdq-parent", "parent3", "emotional", "0-3/4/5-10" },
        { "sdq-parent", "parent3", "conduct", "0-2/3/4-10" },
        { "sdq-parent", "parent3", "hyperactivity", "0-5/6/7-10" },
        { "sdq-parent", "parent3", "peer", "0-2/3/4-10" },
        { "sdq-parent", "parent3", "prosocial", "6-10/5/0-4" },
        { "sdq-parent", "parent3", "impact", "0/1/2-10" },
        { "sdq-parent", "parent4", "total", "0-13/14-16/17-19/20-40" },
        { "sdq-parent", "parent4", "emotional", "0-3/4/5-6/7-10" },
        { "sdq-parent", "parent4", "conduct", "0-2/3/4-5/6-10" },
        { "sdq-parent", "parent4", "hyperactivity", "0-5/6-7/8/9-10" },
        { "sdq-parent", "parent4", "peer", "0-2/3/4/5-10" },
        { "sdq-parent", "parent4", "prosocial", "8-10/7/6/0-5" },
        { "sdq-parent", "parent4", "impact", "0/1/2/3-10" },
        { "sdq-teacher", "teacher3", "total", "0-11/12-15/16-40" },
        { "sdq-teacher", "teacher3", "emotional", "0-4/5/6-10" },
        { "sdq-teacher", "teacher3", "conduct", "0-2/3/4-10" },
        { "sdq-teacher", "teacher3", "hyperactivity", "0-5/6/7-10" },
        { "sdq-teacher", "teacher3", "peer", "0-3/4/5-10" },
        { "sdq-teacher", "teacher3", "prosocial", "6-10/5/0-4" },
        { "sdq-teacher", "teacher3", "impact", "0/1/2-6" },
        { "sdq-teacher", "teacher4", "total", "0-11/12-15/16-18/19-40" },
        { "sdq-teacher", "teacher4", "emotional", "0-3/4/5/6-10" },
        { "sdq-teacher", "teacher4", "conduct", "0-2/3/4/5-10" },
        { "sdq-teacher", "teacher4", "hyperactivity", "0-5/6-7/8/9-10" },
        { "sdq-teacher", "teacher4", "peer", "0-2/3-4/5/6-10" },
        { "sdq-teacher", "teacher4", "prosocial", "6-10/5/4/0-3" },
        { "sdq-teacher", "teacher4", "impact", "0/1/2/3-6" },
        { "sdq-self", "self3", "total", "0-15/16-19/20-40" },
        { "sdq-self", "self3", "emotional", "0-5/6/7-10" },
        { "sdq-self", "self3", "conduct", "0-3/4/5-10" },
        { "sdq-self", "self3", "hyperactivity", "0-5/6/7-10" },
        { "sdq-self", "self3", "peer", "0-3/4-5/6-10" },
        { "sdq-self", "self3", "prosocial", "6-10/5/0-4" },
        { "sdq-self", "self3", "impact", "0/1/2-10" },
        { "sdq-self", "self4", "total", "0-14/15-17/18-19/20-40" },
        { "sdq-self", "self4", "emotional", "0-4/5/6/7-10" },
        { "sdq-self", "self4", "conduct", "0-2/3/4/5-10" },
        { "sdq-self", "self4", "hyperactivity", "0-5/6/7/8-10" },
        { "sdq-self", "self4", "peer", "0-2/3/4/5-10" },
        { "sdq-self", "self4", "prosocial", "7-10/6/5/0-4" },
        { "sdq-self", "self4", "impact", "0/1/2/3-10" },
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public void Each_band_edge_falls_in_its_published_band(string instrumentId, string tableKey, string scale, string spec)
    {
        var instrument = (ItemInstrument)InstrumentCatalog.Find(instrumentId)!;
        var table = instrument.Definition.BandTables.Single(t => t.Key == tableKey);
        var prosocial = scale == "prosocial";
        var labels = tableKey.EndsWith('3') ? Three : prosocial ? FourProsocial : Four;
        var bands = spec.Split('/');
        // Prosocial bands are published best-first from the top of the range, the others from 0 upwards.
        for (var i = 0; i < bands.Length; i++)
        {
            var ends = bands[i].Split('-').Select(int.Parse).ToArray();
            var (low, high) = (ends[0], ends[^1]);
            Assert.Equal(labels[i], table.Lookup(scale, low));
            Assert.Equal(labels[i], table.Lookup(scale, high));
            // Just outside each edge belongs to a neighbouring band, or to none beyond the scale's range.
            var below = table.Lookup(scale, low - 1);
            var above = table.Lookup(scale, high + 1);
            Assert.NotEqual(labels[i], below);
            Assert.NotEqual(labels[i], above);
        }
        var max = scale == "total" ? 40 : scale == "impact" ? (instrumentId == "sdq-teacher" ? 6 : 10) : 10;
        Assert.Null(table.Lookup(scale, -1));
        Assert.Null(table.Lookup(scale, max + 1));
    }

    [Fact]
    public void Every_SDQ_table_covers_every_scale_it_bands()
    {
        foreach (var id in new[] { "sdq-parent", "sdq-teacher", "sdq-self" })
        {
            var instrument = (ItemInstrument)InstrumentCatalog.Find(id)!;
            Assert.Equal(2, instrument.Definition.BandTables.Count);
            foreach (var table in instrument.Definition.BandTables)
            {
                Assert.Equal(["total", "emotional", "conduct", "hyperactivity", "peer", "prosocial", "impact"], table.Scales.Select(s => s.ScaleKey));
            }
        }
    }

    [Fact]
    public void Parent_three_band_and_teacher_four_band_difficulty_scales_are_marked_verified()
    {
        var parent = (ItemInstrument)InstrumentCatalog.Find("sdq-parent")!;
        var teacher = (ItemInstrument)InstrumentCatalog.Find("sdq-teacher")!;
        var parent3 = parent.Definition.BandTables.Single(t => t.Key == "parent3");
        Assert.All(parent3.Scales.Where(s => s.ScaleKey is not ("prosocial" or "impact")), s => Assert.True(s.Verified));
        Assert.False(parent3.Verified);
        var teacher4 = teacher.Definition.BandTables.Single(t => t.Key == "teacher4");
        Assert.All(teacher4.Scales.Where(s => s.ScaleKey != "impact"), s => Assert.True(s.Verified));
    }

    [Fact]
    public void A_scored_form_carries_its_bands()
    {
        var sdq = (ItemInstrument)InstrumentCatalog.Find("sdq-parent")!;
        // All items 1: every scale 5, total 20.
        var sheet = sdq.Score(Forms.SdqAll(sdq, 1), ageYears: 9);
        Assert.Equal("Abnormal", sheet.Band("parent3_total"));          // 17-40
        Assert.Equal("Abnormal", sheet.Band("parent3_emotional"));      // 5-10
        Assert.Equal("Normal", sheet.Band("parent3_hyperactivity"));    // 0-5
        Assert.Equal("Borderline", sheet.Band("parent3_prosocial"));    // 5
        Assert.Equal("Very high", sheet.Band("parent4_total"));         // 20-40
        Assert.Null(sheet.Band("parent3_impact"));                      // supplement not filled in
    }
}
