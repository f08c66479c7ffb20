using Hearth.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hearth.EndToEndTests;

public sealed class ReportsJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_service_manager_goes_from_a_headline_to_its_report_and_both_pages_are_accessible()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address").FillAsync(HearthWebFactory.EmailFor("ServiceManager"));
        await page.GetByLabel("Password").FillAsync(HearthWebFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(app.BaseUrl + "/", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
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
}
