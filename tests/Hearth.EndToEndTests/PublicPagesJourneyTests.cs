using Microsoft.Playwright;

namespace Hearth.EndToEndTests;

public sealed class PublicPagesJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Signed_out_the_footer_leads_to_the_privacy_cookies_and_accessibility_pages_each_accessible()
    {
        var page = await app.NewPageAsync();
        foreach (var (link, heading) in new[] { ("Privacy", "Privacy notice"), ("Cookies", "Cookies"), ("Accessibility statement", "Accessibility statement") })
        {
            await page.GotoAsync("/account/sign-in", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
            await page.Locator("footer").GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true, Level = 1 }).WaitForAsync();
            await Accessibility.AssertNoViolationsAsync(page);
        }
    }
}
