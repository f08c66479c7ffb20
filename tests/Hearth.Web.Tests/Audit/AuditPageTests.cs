using System.Net;
using Hearth.Web.Tests.Infrastructure;

namespace Hearth.Web.Tests.Audit;

public sealed class AuditPageTests(HearthWebFactory app) : IClassFixture<HearthWebFactory>
{
    [Fact]
    public async Task An_admin_sees_the_trail_and_can_filter_it_by_action()
    {
        var client = await app.SignedInClientAsync("Admin");
        var services = await HearthWebFactory.HtmlAsync(await client.GetAsync("/audit?EntityType=Service"));
        var rows = services.QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(6, rows.Count); // the demo council's six services
        Assert.All(rows, r => Assert.Contains("system: seed demo", r));
        Assert.All(rows, r => Assert.Contains("Created", r));

        var signIns = await HearthWebFactory.HtmlAsync(await client.GetAsync("/audit?Action=SignIn"));
        var filtered = signIns.QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(filtered, r => r.Contains("signed in"));
        Assert.All(filtered, r => Assert.Contains("SignIn", r));
    }

    [Fact]
    public async Task A_malformed_date_is_named_in_the_error_summary()
    {
        var client = await app.SignedInClientAsync("Admin");
        var response = await client.GetAsync("/audit?From.Day=31&From.Month=13&From.Year=2026");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = (await HearthWebFactory.HtmlAsync(response)).QuerySelector("main > .govuk-error-summary a");
        Assert.Equal("#from", summary!.GetAttribute("href"));
        Assert.Equal("The from date must be a real date, for example 31 3 2026", summary.TextContent.Trim());
    }

    [Fact]
    public async Task The_from_date_is_a_GOV_UK_date_input_that_filters_the_trail()
    {
        var client = await app.SignedInClientAsync("Admin");
        var all = await HearthWebFactory.HtmlAsync(await client.GetAsync("/audit?EntityType=Service"));
        Assert.NotNull(all.QuerySelector("input[name='From.Day']"));
        Assert.Equal(6, all.QuerySelectorAll("tbody tr").Length);

        // The demo was seeded before today, so nothing about services happened from a day far ahead.
        var later = await HearthWebFactory.HtmlAsync(await client.GetAsync("/audit?EntityType=Service&From.Day=1&From.Month=1&From.Year=2100"));
        Assert.Empty(later.QuerySelectorAll("tbody tr"));
        Assert.Equal("2100", later.QuerySelector("input[name='From.Year']")!.GetAttribute("value"));
    }
}
