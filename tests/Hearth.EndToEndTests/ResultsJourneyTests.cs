using Microsoft.Playwright;

namespace Hearth.EndToEndTests;

public sealed class ResultsJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_performance_officer_goes_from_identification_to_a_checked_claim_and_every_page_is_accessible()
    {
        var page = await app.SignedInPageAsync("Performance");

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
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit the claim" }).WaitForAsync();
        Assert.Contains("Checked", await page.Locator(".govuk-summary-list").InnerTextAsync());
        await Accessibility.AssertNoViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Evidence pack, family by family" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/results/pack/"), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Equal(5, await page.Locator("section h2").CountAsync());
        await Accessibility.AssertNoViolationsAsync(page);

        await page.GotoAsync("/results/finance", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.True(await page.Locator("table.govuk-table").IsVisibleAsync());
        await Accessibility.AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the grant profile" }).ClickAsync();
        await page.Locator(".govuk-error-summary").WaitForAsync();
        Assert.Contains("Choose a service", await page.Locator(".govuk-error-summary").InnerTextAsync());
        await Accessibility.AssertNoViolationsAsync(page);

        // Evidence upload: a file with an error is refused row by row, a good one is checked and then imported.
        await page.GetByRole(AriaRole.Link, new() { Name = "Import evidence" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/results/evidence$"), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Accessibility.AssertNoViolationsAsync(page);
        const string header = "source,evidence_ref,kind,from,to,council_child_id,upn,nhs_number,household_ref,date_of_birth,sessions_possible,authorised_absences,unauthorised_absences,hours_per_week,code";
        await page.GetByLabel("Evidence file").SetInputFilesAsync(new FilePayload { Name = "bad.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(header + "\npolice,E2E-1,asb_warning,2025-10-01,,C-E2E,,,,,,,,,\n") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync();
        await page.Locator(".govuk-error-summary").WaitForAsync();
        Assert.Contains("asb_warning", await page.Locator("table.govuk-table").InnerTextAsync());
        await Accessibility.AssertNoViolationsAsync(page);
        await page.GetByLabel("Evidence file").SetInputFilesAsync(new FilePayload { Name = "police.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(header + "\npolice,E2E-1,asb_incident,2025-10-01,,C-E2E,,,,,,,,,\n") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Import 1 fact(s)" }).WaitForAsync();
        await Accessibility.AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Import 1 fact(s)" }).ClickAsync();
        await page.Locator(".govuk-notification-banner").WaitForAsync();
        Assert.Contains("police.csv imported: 1 fact(s) added", await page.Locator(".govuk-notification-banner").InnerTextAsync());
        await Accessibility.AssertNoViolationsAsync(page);

        // Framework versions, and a publication refused with its errors.
        await page.GetByRole(AriaRole.Link, new() { Name = "Framework versions" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/results/frameworks$"), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Equal(3, await page.Locator("main table.govuk-table").CountAsync());
        await Accessibility.AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish the version" }).ClickAsync();
        await page.Locator(".govuk-error-summary").WaitForAsync();
        Assert.Contains("Paste the new version's JSON", await page.Locator(".govuk-error-summary").InnerTextAsync());
        await Accessibility.AssertNoViolationsAsync(page);
    }
}
