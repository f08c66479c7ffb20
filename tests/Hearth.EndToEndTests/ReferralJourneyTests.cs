using Hearth.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hearth.EndToEndTests;

public sealed class ReferralJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private async Task<IPage> SignInAsync(string role)
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address").FillAsync(HearthWebFactory.EmailFor(role));
        await page.GetByLabel("Password").FillAsync(HearthWebFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(app.BaseUrl + "/");
        return page;
    }

    [Fact]
    public async Task A_practitioner_opens_a_family_and_adds_a_referral_on_accessible_pages()
    {
        var page = await SignInAsync("Practitioner");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Families" }).ClickAsync();
        await Accessibility.AssertNoViolationsAsync(page);

        await page.Locator("tbody th a.govuk-link").First.ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/families/[0-9a-f-]{36}$"));
        var familyUrl = page.Url;
        Assert.StartsWith("Family ", await page.Locator("h1").InnerTextAsync());
        await Accessibility.AssertNoViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Add a referral" }).ClickAsync();
        await page.Locator("h1").Filter(new() { HasText = "Add a referral" }).WaitForAsync();
        await Accessibility.AssertNoViolationsAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Save referral" }).ClickAsync();
        var summary = page.Locator(".govuk-error-summary");
        await summary.WaitForAsync();
        Assert.Contains("Enter the date the referral was received", await summary.InnerTextAsync());
        await Accessibility.AssertNoViolationsAsync(page);

        await page.Locator("input[name=ChildIds]").First.CheckAsync();
        await page.Locator("#received-on-day").FillAsync("3");
        await page.Locator("#received-on-month").FillAsync("2");
        await page.Locator("#received-on-year").FillAsync("2021");
        await page.Locator("#channel").CheckAsync();
        await page.Locator("#source").CheckAsync();
        await page.GetByLabel("Referrer’s agency").FillAsync("Health visiting");
        await page.Locator("#consent-to-share").CheckAsync();
        await page.Locator("#sharing-basis").CheckAsync();
        foreach (var yes in await page.Locator("input[type=radio][name^='Eligibility.'][value=yes]").AllAsync())
        {
            await yes.CheckAsync();
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Save referral" }).ClickAsync();

        await page.WaitForURLAsync(familyUrl + "?referral=added");
        Assert.Contains("Referral to IFSS Site 1 received", await page.Locator("main").InnerTextAsync());
        await Accessibility.AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task A_manager_sees_caseloads_capacity_and_waiting_lists_on_an_accessible_page()
    {
        var page = await SignInAsync("Manager");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Caseloads" }).ClickAsync();
        await page.Locator("h1").Filter(new() { HasText = "Caseloads" }).WaitForAsync();
        Assert.Contains("IFSS Site 1 team: capacity", await page.Locator("main").InnerTextAsync());
        await Accessibility.AssertNoViolationsAsync(page);
    }
}
