using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Hearth.EndToEndTests;

public sealed class ProgrammeEditorJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_administrator_drafts_a_programme_version_edits_a_phase_previews_and_publishes_it_and_every_page_is_accessible()
    {
        var page = await app.SignedInPageAsync("Admin");

        await page.GotoAsync("/admin/programmes", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.Locator("h1").Filter(new() { HasText = "Programmes" }).WaitForAsync();
        await Accessibility.AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Integrated Family Support Service" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/admin/programmes/ifss$"), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Accessibility.AssertNoViolationsAsync(page);

        // Draft the next version and change the intensive phase.
        await page.GetByRole(AriaRole.Button, new() { Name = "Start a draft of the next version" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/admin/programmes/ifss/draft$"), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Accessibility.AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Change Phase 1 (intensive)" }).ClickAsync();
        await page.Locator("#expected-max-days").WaitForAsync();
        await Accessibility.AssertNoViolationsAsync(page);

        // A wrong length is refused with the error summary naming the field.
        await page.GetByLabel("Longest expected length in days").FillAsync("six weeks");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save phase" }).ClickAsync();
        var summary = page.Locator(".govuk-error-summary");
        await summary.WaitForAsync();
        Assert.Contains("Longest expected length must be a whole number", await summary.InnerTextAsync());
        await Accessibility.AssertNoViolationsAsync(page);

        await page.GetByLabel("Longest expected length in days").FillAsync("56");
        await page.GetByLabel("Review points, in months after the phase starts").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save phase" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/admin/programmes/ifss/draft\\?saved=true$"), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Contains("The draft has been saved", await page.Locator(".govuk-notification-banner").InnerTextAsync());
        await Accessibility.AssertNoViolationsAsync(page);

        // Preview what changes, then publish from a date.
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview changes" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/admin/programmes/ifss/draft/preview$"), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        var changes = await page.Locator("#changes").InnerTextAsync();
        Assert.Contains("Expected length: 28 to 42 days → 28 to 56 days", changes);
        Assert.Contains("Phase 1 (intensive): 1 month after the phase starts", changes);
        await Accessibility.AssertNoViolationsAsync(page);
        await BrowserFixture.FillDateAsync(page, "effective-from", new DateOnly(2027, 4, 1));
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish version 2" }).ClickAsync();
        await page.Locator(".govuk-notification-banner").WaitForAsync();
        Assert.Contains("Version 2 has been published, taking effect from 1 April 2027", await page.Locator(".govuk-notification-banner").InnerTextAsync());
        Assert.Contains("Takes effect later", await page.Locator("main table").First.InnerTextAsync());
        await Accessibility.AssertNoViolationsAsync(page);
    }
}
