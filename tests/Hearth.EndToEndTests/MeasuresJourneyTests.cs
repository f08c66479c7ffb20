using Microsoft.Playwright;

namespace Hearth.EndToEndTests;

public sealed class MeasuresJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_practitioner_records_a_due_measure_from_the_due_list_in_chromium_and_every_page_is_accessible()
    {
        var page = await app.SignedInPageAsync("Practitioner");

        // The menu leads to the due list. Opened by address and waited for by its heading: on a loaded CI machine a click
        // followed by waiting for the URL's load event twice timed out after the page had arrived.
        Assert.Equal("/measures", await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Measures" }).GetAttributeAsync("href"));
        await page.GotoAsync("/measures", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.Locator("h1").Filter(new() { HasText = "Measures due" }).WaitForAsync();
        await Accessibility.AssertNoViolationsAsync(page);

        // The first due SDQ: the link carries the person, time point and respondent, so only the answers are keyed.
        await page.Locator("main tbody a[href*='instrument=sdq-parent']").First.ClickAsync();
        await page.Locator("#item1").WaitForAsync();
        await Accessibility.AssertNoViolationsAsync(page);
        // One row per item with the scale as radios: the second radio of each row is the answer 1.
        for (var i = 1; i <= 25; i++)
        {
            await page.Locator($"#item{i}-2").CheckAsync();
        }
        // A radio cannot hold an answer off the scale, so one is forced onto item 3 to see the refusal as a worker would.
        await page.Locator("#item3-2").EvaluateAsync("r => r.value = '7'");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and score" }).ClickAsync();
        var summary = page.Locator(".govuk-error-summary");
        await summary.WaitForAsync();
        Assert.Contains("Item 3 must be 0, 1 or 2", await summary.InnerTextAsync());
        Assert.True(await page.Locator("#item4-2").IsCheckedAsync());
        await Accessibility.AssertNoViolationsAsync(page);

        await page.Locator("#item3-2").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and score" }).ClickAsync();
        await page.Locator("svg[role=img]").First.WaitForAsync();
        Assert.Contains("Measure recorded and scored", await page.Locator(".govuk-notification-banner").InnerTextAsync());
        await Accessibility.AssertNoViolationsAsync(page);
    }
}
