using Microsoft.Playwright;

namespace Hearth.EndToEndTests;

public sealed class ReportsJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_service_manager_goes_from_a_headline_to_its_report_and_both_pages_are_accessible()
    {
        var page = await app.SignedInPageAsync("ServiceManager");
        await Accessibility.AssertNoViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Referrals this quarter" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/reports/cin-activity"), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Equal("Referrals and closures", await page.Locator("h1").InnerTextAsync());
        Assert.True(await page.Locator("figure svg[role=img]").IsVisibleAsync());
        await Accessibility.AssertNoViolationsAsync(page);

        // The filters open and validate on the server.
        await page.GetByText("Change period and filters").ClickAsync();
        await page.GetByLabel("Financial year or quarter").FillAsync("2025-27");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show report" }).ClickAsync();
        await page.Locator(".govuk-error-summary").WaitForAsync();
        await Accessibility.AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task Every_report_page_and_the_managers_home_page_are_accessible()
    {
        var page = await app.SignedInPageAsync("Performance");
        foreach (var (name, heading) in new[]
        {
            ("funnel", "Referral funnel"), ("cin-activity", "Referrals and closures"), ("outcomes", "Outcomes and sustainability"),
            ("measures", "Outcome measures"), ("cohort-star", "Family Star Plus cohort star"), ("capacity", "Capacity and demand"),
            ("time-use", "Time use"), ("cost", "Cost"), ("equality", "Equality of reach"),
        })
        {
            await page.GotoAsync($"/reports/{name}?period=2025-26", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
            Assert.Equal(heading, await page.Locator("h1").InnerTextAsync());
            await Accessibility.AssertNoViolationsAsync(page);
        }

        var manager = await app.SignedInPageAsync("Manager");
        Assert.True(await manager.GetByRole(AriaRole.Table, new() { Name = "Waiting and due work" }).IsVisibleAsync());
        await Accessibility.AssertNoViolationsAsync(manager);
    }

}
