using Hearth.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Hearth.EndToEndTests;

public sealed class SignInJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("Practitioner", "Families")]
    [InlineData("Admin", "Audit trail")]
    [InlineData("Partner", "Shared with me")]
    public async Task A_demo_user_signs_in_in_chromium_and_reaches_an_accessible_home_page(string role, string navItem)
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        Assert.EndsWith("/account/sign-in?ReturnUrl=%2F", page.Url);
        await Accessibility.AssertNoViolationsAsync(page);

        await page.GetByLabel("Email address").FillAsync(HearthWebFactory.EmailFor(role));
        await page.GetByLabel("Password").FillAsync(HearthWebFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.WaitForURLAsync(app.BaseUrl + "/", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.StartsWith("Welcome,", await page.Locator("h1").InnerTextAsync());
        Assert.True(await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = navItem }).IsVisibleAsync());
        await Accessibility.AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task A_failed_sign_in_shows_an_accessible_error_summary_that_takes_focus()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        var summary = page.Locator(".govuk-error-summary");
        await summary.WaitForAsync();
        Assert.Contains("Enter your email address", await summary.InnerTextAsync());
        // GOV.UK Frontend's JavaScript moves focus to the summary so screen readers announce it.
        Assert.True(await page.EvaluateAsync<bool>("document.activeElement.classList.contains('govuk-error-summary')"));
        await Accessibility.AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task An_admin_adds_to_the_service_directory_on_accessible_pages()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address").FillAsync(HearthWebFactory.EmailFor("Admin"));
        await page.GetByLabel("Password").FillAsync(HearthWebFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(app.BaseUrl + "/", new() { WaitUntil = WaitUntilState.DOMContentLoaded });

        await page.GetByRole(AriaRole.Link, new() { Name = "Service directory" }).ClickAsync();
        await page.Locator("h1").Filter(new() { HasText = "Service directory" }).WaitForAsync();
        await Accessibility.AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add service" }).ClickAsync();
        await page.Locator(".govuk-error-summary").WaitForAsync();
        await Accessibility.AssertNoViolationsAsync(page);

        await page.GetByLabel("Name of the service").FillAsync("Riverside Recovery");
        await page.GetByLabel("Kind of service").SelectOptionAsync("Drug and alcohol");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add service" }).ClickAsync();
        await page.Locator(".govuk-notification-banner").Filter(new() { HasText = "Riverside Recovery has been added" }).WaitForAsync();
        await Accessibility.AssertNoViolationsAsync(page);
    }
}
