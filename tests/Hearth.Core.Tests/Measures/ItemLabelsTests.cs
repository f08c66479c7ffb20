using Hearth.Core.Measures;

namespace Hearth.Core.Tests.Measures;

public sealed class ItemLabelsTests
{
    [Fact]
    public void A_council_labels_file_names_items_and_stages()
    {
        const string json = """
            {
              "sdq-parent": { "items": { "1": "Council wording for item 1", "29a": "Council wording for 29a" } },
              "family-star-plus": { "items": { "3": "Area three name" }, "bands": { "Stage 2": "Second stage name" } }
            }
            """;
        var labels = ItemLabels.Parse(json, InstrumentCatalog.All);
        Assert.Equal("Council wording for item 1", labels.Item("sdq-parent", "1"));
        Assert.Equal("Council wording for 29a", labels.Item("sdq-parent", "29a"));
        Assert.Null(labels.Item("sdq-parent", "2"));
        Assert.Equal("Area three name", labels.Item("family-star-plus", "3"));
        Assert.Equal("Second stage name", labels.Band("family-star-plus", "Stage 2"));
        Assert.Null(labels.Item("wemwbs", "1"));
    }

    [Theory]
    [InlineData("""{ "phq-9": { "items": { "1": "x" } } }""", "unknown instrument")]
    [InlineData("""{ "wemwbs": { "items": { "15": "x" } } }""", "no item '15'")]
    [InlineData("""{ "family-star-plus": { "bands": { "Stage 9": "x" } } }""", "no band 'Stage 9'")]
    [InlineData("""{ "wemwbs": [ ] }""", "not valid JSON")]
    [InlineData("not json", "not valid JSON")]
    public void A_labels_file_that_does_not_fit_is_refused_with_the_reason(string json, string reason)
    {
        var e = Assert.Throws<FormatException>(() => ItemLabels.Parse(json, InstrumentCatalog.All));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Built_in_instruments_ship_no_item_wording()
    {
        // Items are numbered only: every item key is a number, optionally with a letter (SDQ 29a).
        foreach (var instrument in InstrumentCatalog.All.OfType<ItemInstrument>())
        {
            Assert.All(instrument.Definition.Items, i => Assert.Matches("^[0-9]+[a-z]?$", i.Key));
        }
    }
}
