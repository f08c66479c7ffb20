using Microsoft.Playwright;

namespace Hearth.EndToEndTests;

/// <summary>Finding a family from the search box and the families list in Chromium, with axe-core on every page.</summary>
public sealed class SearchJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_practitioner_searches_from_the_navigation_and_filters_and_sorts_the_families_list_on_accessible_pages()
    {
        var page = await app.SignedInPageAsync("Practitioner");
        await page.GetByRole(AriaRole.Link, new() { Name = "Search", Exact = true }).ClickAsync();
        await page.Locator("h1").Filter(new() { HasText = "Find a person or family" }).WaitForAsync();
        await Accessibility.AssertNoViolationsAsync(page);

        // Nothing typed: the error summary names the box.
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await page.Locator(".govuk-error-summary").WaitForAsync();
        await Accessibility.AssertNoViolationsAsync(page);

        // Every demo family has a parent: a common initial finds some of them.
        await page.GetByLabel("Find a person or family").FillAsync("a");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await page.Locator("main table").WaitForAsync();
        await Accessibility.AssertNoViolationsAsync(page);
        var family = page.Locator("main tbody a").First;
        var reference = (await family.InnerTextAsync()).Trim();
        await family.ClickAsync();
        await page.Locator("h1").Filter(new() { HasText = reference }).WaitForAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Families", Exact = true }).ClickAsync();
        await page.Locator("main table").WaitForAsync();
        await Accessibility.AssertNoViolationsAsync(page);
        await page.GetByLabel("Status").SelectOptionAsync("Open");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("Status=Open"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Allocated worker", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("Sort=worker"));
        Assert.Equal("ascending", await page.Locator("th[aria-sort='ascending']").GetAttributeAsync("aria-sort"));
        Assert.All(await page.Locator("main tbody td:nth-child(6) .govuk-tag").AllInnerTextsAsync(), s => Assert.Equal("Open", s.Trim()));
        await Accessibility.AssertNoViolationsAsync(page);
    }
}
