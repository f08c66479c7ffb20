using Hearth.TestCommon;
using System.Text.RegularExpressions;
using Hearth.Core.Data;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Hearth.EndToEndTests;

/// <summary>A family's journey clicked through in Chromium, with axe-core on every page it visits.</summary>
public sealed class ReferralJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private static readonly ActorContext Seeder = ActorContext.System("referral journey test");

    private async Task<Guid> FamilyAsync(string reference) =>
        (await TestData.CreateFamilyAsync(app.Services, f =>
        {
            f.By(Seeder).Named("Journey").WithReference(reference).WithChild("Cerys", new DateOnly(2015, 3, 9));
            f.Parent = ("Rhys", new DateOnly(1988, 5, 1));
        })).Id;

    private static async Task ContinueAsync(IPage page, string button, string nextHeading)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await page.Locator("h1").Filter(new() { HasText = nextHeading }).WaitForAsync();
        await Accessibility.AssertNoViolationsAsync(page);
    }

    private static async Task ClickAsync(IPage page, string link, string nextHeading)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).First.ClickAsync();
        await page.Locator("h1").Filter(new() { HasText = nextHeading }).WaitForAsync();
        await Accessibility.AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task A_manager_takes_a_family_from_referral_through_triage_allocation_and_phases_to_closure_on_accessible_pages()
    {
        var page = await app.SignedInPageAsync("Manager");
        var family = await FamilyAsync("E2E-JOURNEY");
        var received = app.Today.AddDays(-3);

        await page.GotoAsync($"/families/{family}");
        await Accessibility.AssertNoViolationsAsync(page);
        await ClickAsync(page, "Add a referral", "Which children is the referral about?");
        await page.GetByLabel("Cerys Journey").CheckAsync();
        await ContinueAsync(page, "Continue", "About the referral");

        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        var summary = page.Locator(".govuk-error-summary");
        await summary.WaitForAsync();
        Assert.Contains("Enter the date the referral was received", await summary.InnerTextAsync());
        await Accessibility.AssertNoViolationsAsync(page);
        await page.Locator("#received-on-day").FillAsync(received.Day.ToString());
        await page.Locator("#received-on-month").FillAsync(received.Month.ToString());
        await page.Locator("#received-on-year").FillAsync(received.Year.ToString());
        await page.GetByLabel("Phone", new() { Exact = true }).CheckAsync();
        await page.Locator("input[name=Source][value='3B']").CheckAsync();
        await page.GetByLabel("Referrer’s agency").FillAsync("Health visiting");
        await ContinueAsync(page, "Continue", "Needs and eligibility");

        await page.GetByLabel("Parental drug misuse").CheckAsync();
        foreach (var yes in await page.Locator("input[type=radio][name^='Eligibility.'][value=yes]").AllAsync())
        {
            await yes.CheckAsync();
        }
        await ContinueAsync(page, "Continue", "Consent and sharing");
        await page.Locator("#consent-to-share").CheckAsync();
        await page.Locator("#sharing-basis").CheckAsync();
        await ContinueAsync(page, "Continue", "Check your answers");
        Assert.Contains("Health: health visitor", await page.Locator("main .govuk-summary-list").InnerTextAsync());
        await ContinueAsync(page, "Save referral", "Referral saved");

        await ClickAsync(page, "Triage this referral", "Triage the referral");
        await page.GetByLabel("Accepted").CheckAsync();
        await ContinueAsync(page, "Save decision", "Episode for family E2E-JOURNEY");
        var episodeUrl = new Regex("/episodes/[0-9a-f-]{36}");
        Assert.Matches(episodeUrl, page.Url);

        await ClickAsync(page, "Allocate a worker", "Allocate a worker");
        Assert.True(await page.Locator("input[name=WorkerId]:checked").CountAsync() == 1, "the best suggestion is chosen for the manager");
        await ContinueAsync(page, "Allocate", "Episode for family E2E-JOURNEY");
        Assert.DoesNotContain("Not allocated", await page.Locator("main .govuk-summary-list").InnerTextAsync());

        await ClickAsync(page, "Move to the next phase", "Move to the next phase");
        await page.GetByLabel("72-hour assessment").CheckAsync();
        await ContinueAsync(page, "Save phase change", "Episode for family E2E-JOURNEY");
        await ClickAsync(page, "Record the assessment decision", "Record the assessment decision");
        await page.GetByLabel("Proceed to the work phases").CheckAsync();
        await ContinueAsync(page, "Save decision", "Episode for family E2E-JOURNEY");
        await ClickAsync(page, "Move to the next phase", "Move to the next phase");
        await page.GetByLabel("Phase 1 (intensive)").CheckAsync();
        await ContinueAsync(page, "Save phase change", "Episode for family E2E-JOURNEY");
        Assert.Contains("Phase 1 (intensive)", await page.Locator("main .govuk-summary-list").InnerTextAsync());

        await ClickAsync(page, "Close the episode", "Close the episode");
        await page.Locator("input[name=ClosureReason][value=SteppedDownEarlyHelp]").CheckAsync();
        await page.Locator("input[name=ClosureDestination][value=EarlyHelp]").CheckAsync();
        await page.Locator("input[name=UnmetNeed][value=no]").CheckAsync();
        // Closing is confirmed on a check-answers page first.
        await ContinueAsync(page, "Continue", "Check your answers before closing the episode");
        Assert.Contains("Stepped down to early help", await page.Locator("main .govuk-summary-list").InnerTextAsync());
        await ContinueAsync(page, "Close the episode", "Episode for family E2E-JOURNEY");
        var closed = await page.Locator("main .govuk-summary-list").InnerTextAsync();
        Assert.Contains("Stepped down to early help", closed);
        Assert.Contains("RC7", closed);

        // After closure: the follow-ups, an outcome for the child and reopening are each a click away.
        await ClickAsync(page, "Record the follow-up at 6 months", "Record the follow-up");
        await page.GoBackAsync();
        await ClickAsync(page, "Record an outcome for a child", "Record an outcome for a child");
        await page.GoBackAsync();
        await ClickAsync(page, "Reopen the episode", "Reopen the episode");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Caseloads" }).ClickAsync();
        await page.Locator("h1").Filter(new() { HasText = "Caseloads" }).WaitForAsync();
        await Accessibility.AssertNoViolationsAsync(page);
        await ClickAsync(page, "Closures of IFSS Site 1 team", "IFSS Site 1 team: closures");
        Assert.Contains("E2E-JOURNEY", await page.Locator("main table").InnerTextAsync());
        await page.GoBackAsync();
        await ClickAsync(page, "Follow-ups due of IFSS Site 1 team", "IFSS Site 1 team: follow-ups due");
        await page.GoBackAsync();
        await ClickAsync(page, "Waiting list of IFSS Site 1 team", "IFSS Site 1 team: waiting list");
        if (await page.GetByRole(AriaRole.Link, new() { Name = "Move or remove" }).CountAsync() > 0)
        {
            await page.Locator("a[href^='/caseload/waiting-list/']").First.ClickAsync();
            await page.Locator("h1").Filter(new() { HasText = "Move or remove a waiting referral" }).WaitForAsync();
            await Accessibility.AssertNoViolationsAsync(page);
        }
        await page.GotoAsync("/caseload/resource-panel");
        await Accessibility.AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task A_practitioner_adds_a_family_and_is_offered_the_existing_record_of_a_likely_duplicate_on_accessible_pages()
    {
        var page = await app.SignedInPageAsync("Practitioner");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Families" }).ClickAsync();
        await Accessibility.AssertNoViolationsAsync(page);
        await ClickAsync(page, "Add a family", "Add a family");
        await page.GetByLabel("Family reference").FillAsync("E2E-NEWFAMILY");
        await ContinueAsync(page, "Continue", "Add a person to the family");

        await page.GetByLabel("First name").FillAsync("Lowri");
        await page.GetByLabel("Last name").FillAsync("Newfamily");
        await page.Locator("#date-of-birth-day").FillAsync("4");
        await page.Locator("#date-of-birth-month").FillAsync("7");
        await page.Locator("#date-of-birth-year").FillAsync("2017");
        await page.GetByLabel("Female").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add person" }).ClickAsync();
        await page.Locator("h1").Filter(new() { HasText = "Family E2E-NEWFAMILY" }).WaitForAsync();
        await Accessibility.AssertNoViolationsAsync(page);

        await ClickAsync(page, "Add a person", "Add a person to the family");
        await page.GetByLabel("First name").FillAsync("Lowrie");
        await page.GetByLabel("Last name").FillAsync("Newfamily");
        await page.Locator("#date-of-birth-day").FillAsync("4");
        await page.Locator("#date-of-birth-month").FillAsync("7");
        await page.Locator("#date-of-birth-year").FillAsync("2017");
        await page.GetByLabel("Female").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add person" }).ClickAsync();
        await page.Locator("h2").Filter(new() { HasText = "This person may already be recorded" }).WaitForAsync();
        Assert.Contains("Lowri Newfamily", await page.Locator(".govuk-summary-card__title").InnerTextAsync());
        await Accessibility.AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task A_manager_merges_a_duplicate_record_on_accessible_pages()
    {
        Guid family;
        using (var scope = app.Services.CreateScope())
        {
            var s = scope.ServiceProvider;
            var team = await s.GetRequiredService<HearthDbContext>().Set<Team>().SingleAsync(t => t.Code == "ifss-1-team");
            var people = s.GetRequiredService<PeopleService>();
            family = (await people.CreateFamilyAsync(Seeder, new NewFamily("E2E-MERGE-1", team.Id, team.Patch))).Id;
            var other = await people.CreateFamilyAsync(Seeder, new NewFamily("E2E-MERGE-2", team.Id, team.Patch));
            await people.AddPersonAsync(Seeder, new NewPerson(family, "Nia", "Mergejourney", new DateOnly(2014, 6, 2)) { NotADuplicate = true });
            await people.AddPersonAsync(Seeder, new NewPerson(other.Id, "Nia", "Mergejourney", new DateOnly(2014, 6, 2)) { NotADuplicate = true });
        }
        var page = await app.SignedInPageAsync("Manager");
        await page.GotoAsync($"/families/{family}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Merge a duplicate record into Nia Mergejourney" }).ClickAsync();
        await page.Locator("h1").Filter(new() { HasText = "Merge a duplicate record into Nia Mergejourney" }).WaitForAsync();
        await Accessibility.AssertNoViolationsAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Merge records" }).ClickAsync();
        await page.Locator(".govuk-error-summary").WaitForAsync();
        await Accessibility.AssertNoViolationsAsync(page);

        await page.Locator("input[name=MergeId]").First.CheckAsync();
        await page.GetByLabel("Why are the records being merged?").FillAsync("Recorded twice at intake");
        await page.GetByRole(AriaRole.Button, new() { Name = "Merge records" }).ClickAsync();
        await page.Locator(".govuk-notification-banner").Filter(new() { HasText = "The records have been merged" }).WaitForAsync();
        await Accessibility.AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task A_manager_sees_caseloads_capacity_and_waiting_lists_on_an_accessible_page()
    {
        var page = await app.SignedInPageAsync("Manager");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Caseloads" }).ClickAsync();
        await page.Locator("h1").Filter(new() { HasText = "Caseloads" }).WaitForAsync();
        Assert.Contains("IFSS Site 1 team: capacity", await page.Locator("main").InnerTextAsync());
        await Accessibility.AssertNoViolationsAsync(page);
    }
}
