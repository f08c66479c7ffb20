using Hearth.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hearth.EndToEndTests;

public sealed class ResultsJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_performance_officer_goes_from_identification_to_a_checked_claim_and_every_page_is_accessible()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address").FillAsync(HearthWebFactory.EmailFor("Performance"));
        await page.GetByLabel("Password").FillAsync(HearthWebFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(app.BaseUrl + "/", new() { WaitUntil = WaitUntilState.DOMContentLoaded });

        // Identification: households not yet known, and known families to attach.
        await page.GetByRole(AriaRole.Link, new() { Name = "Payment by results" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/results$"), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Equal(3, await page.Locator(".govuk-tag--yellow").CountAsync());
        await Accessibility.AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Attach ") }).First.ClickAsync();
        await page.Locator(".govuk-notification-banner").WaitForAsync();
        Assert.Contains("attached to Supporting Families", await page.Locator(".govuk-notification-banner").InnerTextAsync());
        await Accessibility.AssertNoViolationsAsync(page);

        // The attached families' results, with their computations.
        await page.GetByRole(AriaRole.Link, new() { Name = "Results of attached families" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/results/evaluate"), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Equal(5, await page.Locator(".govuk-tag", new() { HasTextString = "Claimable" }).CountAsync());
        await Accessibility.AssertNoViolationsAsync(page);

        // Build a claim, audit its sample and mark it checked.
        await page.GetByRole(AriaRole.Link, new() { Name = "Claims" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/results/claims"), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Accessibility.AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Build batch" }).ClickAsync();
        await page.Locator(".govuk-error-summary").WaitForAsync();
        Assert.Contains("Choose a claim window", await page.Locator(".govuk-error-summary").InnerTextAsync());
        await Accessibility.AssertNoViolationsAsync(page);
        await page.GetByLabel("Supporting Families: this quarter (supporting-families)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Build batch" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/results/claim/"), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Equal(5, await page.Locator("table.govuk-table tbody tr").CountAsync());
        await Accessibility.AssertNoViolationsAsync(page);
        await page.GetByLabel("The evidence behind every rule has been seen").CheckAsync();
        await page.GetByLabel("The family met the eligibility when attached").CheckAsync();
        await page.GetByLabel("The result is achieved and sustained as claimed").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the audit" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark as checked" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark as submitted" }).WaitForAsync();
        Assert.Contains("Checked", await page.Locator(".govuk-summary-list").InnerTextAsync());
        await Accessibility.AssertNoViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Evidence pack, family by family" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/results/pack/"), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Equal(5, await page.Locator("section h2").CountAsync());
        await Accessibility.AssertNoViolationsAsync(page);

        await page.GotoAsync("/results/finance");
        Assert.True(await page.Locator("table.govuk-table").IsVisibleAsync());
        await Accessibility.AssertNoViolationsAsync(page);
    }
}
