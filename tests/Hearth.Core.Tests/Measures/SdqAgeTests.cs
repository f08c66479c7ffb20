using Hearth.Core.Measures;

namespace Hearth.Core.Tests.Measures;

public sealed class SdqAgeTests
{
    [Theory]
    [InlineData("sdq-parent", 3, false)]
    [InlineData("sdq-parent", 4, true)]
    [InlineData("sdq-parent", 17, true)]
    [InlineData("sdq-parent", 18, false)]
    [InlineData("sdq-teacher", 3, false)]
    [InlineData("sdq-teacher", 4, true)]
    [InlineData("sdq-teacher", 17, true)]
    [InlineData("sdq-teacher", 18, false)]
    [InlineData("sdq-self", 10, false)]
    [InlineData("sdq-self", 11, true)]
    [InlineData("sdq-self", 17, true)]
    [InlineData("sdq-self", 18, false)]
    public void Each_version_is_valid_only_for_its_published_ages(string id, int age, bool valid)
    {
        var sdq = (ItemInstrument)InstrumentCatalog.Find(id)!;
        var sheet = sdq.Score(Forms.SdqAll(sdq, 1), age);
        Assert.Equal(valid, sheet.IsValid);
        Assert.Equal(valid, !sheet.Issues.Any(i => i.Kind == IssueKind.AgeOutOfRange));
        // Scores are still worked out (they are arithmetic), but the norms behind the bands do not apply.
        Assert.Equal(20m, sheet["total"]);
        Assert.Equal(valid, sheet.Bands.Any(b => b is not null));
    }

    [Fact]
    public void Without_an_age_no_age_rule_applies()
    {
        var sdq = (ItemInstrument)InstrumentCatalog.Find("sdq-self")!;
        var sheet = sdq.Score(Forms.SdqAll(sdq, 0));
        Assert.True(sheet.IsValid);
        Assert.Equal("Normal", sheet.Band("self3_total"));   // total 10 in 0-15
    }
}
