using System.Net;
using Hearth.Core.Auditing;
using Hearth.Core.Data;
using Hearth.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests.Account;

public sealed class SignInFactory : HearthWebFactory
{
    public SignInFactory() => ExtraSettings["Security:MaxFailedSignIns"] = "3";
}

public sealed class SignInTests(SignInFactory app) : IClassFixture<SignInFactory>
{
    [Fact]
    public async Task A_demo_user_signs_in_and_reaches_their_home_page()
    {
        var client = app.NewClient();
        var response = await app.SignInAsync(client, HearthWebFactory.EmailFor("Practitioner"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);

        var home = await HearthWebFactory.HtmlAsync(await client.GetAsync("/"));
        Assert.Contains("Welcome, Sam Practitioner", home.QuerySelector("h1")!.TextContent);
        Assert.Contains("Record your families", home.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_an_error_summary_linking_to_the_field()
    {
        var client = app.NewClient();
        var response = await app.SignInAsync(client, HearthWebFactory.EmailFor("Manager"), "not-the-password");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await HearthWebFactory.HtmlAsync(response);
        var summary = doc.QuerySelector("main > .govuk-error-summary");
        Assert.NotNull(summary);
        Assert.Equal("#email", summary.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Enter a correct email address and password", summary.TextContent);
        Assert.StartsWith("Error:", doc.Title);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Empty_fields_are_each_named()
    {
        var response = await app.SignInAsync(app.NewClient(), "", "");
        var links = (await HearthWebFactory.HtmlAsync(response)).QuerySelectorAll(".govuk-error-summary a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["#email", "#password"], links);
    }

    [Fact]
    public async Task Repeated_failures_lock_the_account_even_against_the_right_password()
    {
        var email = HearthWebFactory.EmailFor("Volunteer");
        var client = app.NewClient();
        for (var i = 0; i < 3; i++)
        {
            await app.SignInAsync(client, email, "wrong-password-" + i);
        }
        var response = await app.SignInAsync(client, email);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Your account is locked", (await HearthWebFactory.HtmlAsync(response)).QuerySelector(".govuk-error-summary")!.TextContent);

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
        var user = await db.Users.SingleAsync(u => u.Email == email);
        Assert.NotNull(user.LockoutEnd);
        Assert.Contains(await db.AuditEvents.Where(e => e.Action == AuditAction.SignIn && e.EntityId == user.Id.ToString()).Select(e => e.Reason).ToListAsync(), r => r == "refused: locked out");
    }

    [Fact]
    public async Task Unauthenticated_pages_redirect_to_sign_in_and_the_api_answers_401()
    {
        var client = app.NewClient();
        var page = await client.GetAsync("/families");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("http://localhost/account/sign-in", page.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/families")).StatusCode);
    }

    [Fact]
    public async Task Health_checks_the_database()
    {
        var response = await app.NewClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_page_shows_the_plain_not_found_page()
    {
        var client = await app.SignedInClientAsync("Admin");
        var response = await client.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", (await HearthWebFactory.HtmlAsync(response)).QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        var json = await app.NewClient().GetStringAsync("/api/v1/openapi.json");
        Assert.Contains("\"/api/v1/me\"", json);
        Assert.Contains("\"/api/v1/families\"", json);
    }
}
