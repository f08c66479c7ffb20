using Hearth.TestCommon;
using Hearth.Web.Tests.Infrastructure;

namespace Hearth.Web.Tests.Reports;

/// <summary>"Today" is the date in the UK, so the hour after midnight in summer time is not yesterday.</summary>
public sealed class UkTodayPageTests(HearthWebFactory app) : IClassFixture<HearthWebFactory>
{
    [Fact]
    public async Task At_half_past_midnight_BST_on_1_April_a_report_defaults_to_the_new_financial_year()
    {
        app.Clock!.Now = new DateTimeOffset(2026, 3, 31, 23, 30, 0, TimeSpan.Zero);
        Assert.Equal("2026-27", await DefaultPeriodAsync());
    }

    [Fact]
    public async Task In_winter_half_past_eleven_at_night_is_still_that_day()
    {
        app.Clock!.Now = new DateTimeOffset(2026, 3, 28, 23, 30, 0, TimeSpan.Zero); // GMT: the clocks go forward the next night
        Assert.Equal("2025-26", await DefaultPeriodAsync());
    }

    private async Task<string?> DefaultPeriodAsync()
    {
        var client = await app.SignedInClientAsync("Performance");
        var page = await HearthWebFactory.HtmlAsync(await client.GetAsync("/reports/funnel"));
        return page.QuerySelector("input[name=Period]")?.GetAttribute("value");
    }
}
