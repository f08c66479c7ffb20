using Hearth.Core.Data;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Hearth.EndToEndTests;

/// <summary>Correcting an imported child's record in Chromium, from the family record's change links, with axe-core on every page.</summary>
public sealed class PersonJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private static readonly ActorContext Import = ActorContext.System("journeys import");

    /// <summary>A family with a child as the journeys import creates one: the reference is the name.</summary>
    private async Task<(Guid Family, Guid Child)> ImportedFamilyAsync()
    {
        using var scope = app.Services.CreateScope();
        var s = scope.ServiceProvider;
        var team = await s.GetRequiredService<HearthDbContext>().Set<Team>().SingleAsync(t => t.Code == "ifss-1-team");
        var people = s.GetRequiredService<PeopleService>();
        var family = await people.CreateFamilyAsync(Import, new NewFamily("E2E-PERSON", team.Id, team.Patch));
        var child = await people.AddPersonAsync(Import, new NewPerson(family.Id, "C-5150", "E2E-PERSON", new DateOnly(2015, 3, 9)) { CouncilChildId = "C-5150", NotADuplicate = true });
        return (family.Id, child.Id);
    }

    private static async Task ContinueAsync(IPage page, string button, string nextHeading)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await page.Locator("h1").Filter(new() { HasText = nextHeading }).WaitForAsync();
        await Accessibility.AssertNoViolationsAsync(page);
    }

    private static async Task ChangeAsync(IPage page, string hiddenText, string nextHeading)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = $"Change {hiddenText}", Exact = true }).ClickAsync();
        await page.Locator("h1").Filter(new() { HasText = nextHeading }).WaitForAsync();
        await Accessibility.AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task A_practitioner_corrects_an_imported_childs_name_identifiers_characteristics_and_address_on_accessible_pages()
    {
        var (family, _) = await ImportedFamilyAsync();
        var page = await app.SignedInPageAsync("Practitioner");
        await page.GotoAsync($"/families/{family}");
        await Accessibility.AssertNoViolationsAsync(page);
        Assert.Contains("the reference from an import, not a name", await page.Locator("main .govuk-summary-card").Filter(new() { HasText = "C-5150" }).InnerTextAsync());

        await ChangeAsync(page, "name of C-5150 E2E-PERSON", "Name");
        await page.GetByLabel("First name").FillAsync("Cerys");
        await page.GetByLabel("Last name").FillAsync("Morgan");
        await ContinueAsync(page, "Continue", "Check your changes");

        await ChangeAsync(page, "UPN of Cerys Morgan", "Identifiers");
        await page.GetByLabel("Unique pupil number (optional)", new() { Exact = true }).FillAsync("A801200005001");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        var summary = page.Locator(".govuk-error-summary");
        await summary.WaitForAsync();
        Assert.Contains("Enter a valid UPN", await summary.InnerTextAsync());
        await Accessibility.AssertNoViolationsAsync(page);
        await page.GetByLabel("Unique pupil number (optional)", new() { Exact = true }).FillAsync("B801200005001");
        await ContinueAsync(page, "Continue", "Check your changes");

        await ChangeAsync(page, "ethnicity of Cerys Morgan", "Sex, ethnicity, disability and language");
        await page.GetByLabel("Female", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Ethnicity", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "White and Black African" });
        await page.GetByLabel("Hearing").CheckAsync();
        await page.GetByLabel("First language (optional)").FillAsync("Welsh");
        await ContinueAsync(page, "Continue", "Check your changes");

        await ChangeAsync(page, "address of Cerys Morgan", "Address");
        await page.GetByLabel("New address", new() { Exact = true }).FillAsync("12 Castle Street, Cardiff");
        await page.GetByLabel("Postcode of the new address").FillAsync("CF10 1BS");
        await BrowserFixture.FillDateAsync(page, "new-address-from", app.Today.AddDays(-7));
        await ContinueAsync(page, "Continue", "Check your changes");
        var answers = await page.Locator("main .govuk-summary-list").InnerTextAsync();
        Assert.Contains("White and Black African", answers);
        Assert.Contains("Hearing", answers);
        Assert.Contains("12 Castle Street, Cardiff, CF10 1BS", answers);

        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await summary.WaitForAsync();
        Assert.Contains("Enter the reason for the change", await summary.InnerTextAsync());
        await Accessibility.AssertNoViolationsAsync(page);
        await page.GetByLabel("Why are you making this change?").FillAsync("The import used the child's reference as the name; details from the school");
        await ContinueAsync(page, "Save changes", "Family E2E-PERSON");
        Assert.Contains("The changes have been saved", await page.Locator(".govuk-notification-banner").InnerTextAsync());
        var card = await page.Locator("main .govuk-summary-card").Filter(new() { HasText = "Cerys Morgan" }).InnerTextAsync();
        Assert.Contains("Cerys Morgan", card);
        Assert.Contains("B801200005001", card);
        Assert.Contains("12 Castle Street, Cardiff, CF10 1BS", card);
        Assert.DoesNotContain("the reference from an import", card);
    }
}
