using System.Net;
using Hearth.Core.Data;
using Hearth.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests.Admin;

public sealed class UsersPageTests(HearthWebFactory app) : IClassFixture<HearthWebFactory>
{
    private static KeyValuePair<string, string> F(string k, string v) => new(k, v);

    [Fact]
    public async Task An_admin_creates_a_practitioner_in_a_team()
    {
        var client = await app.SignedInClientAsync("Admin");
        var response = await HearthWebFactory.PostFormAsync(client, "/admin/users/create",
            [F("Name", "Nia Jenkins"), F("Email", "nia.jenkins@council.example"), F("Role", "Practitioner"), F("Team", "ifss-2-team"), F("Password", "a-long-enough-password")]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var list = await HearthWebFactory.HtmlAsync(await client.GetAsync(response.Headers.Location!.OriginalString));
        Assert.Contains("Account created for nia.jenkins@council.example", list.QuerySelector(".govuk-notification-banner")!.TextContent);

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
        var user = await db.Users.Include(u => u.Teams).SingleAsync(u => u.Email == "nia.jenkins@council.example");
        Assert.Single(user.Teams);
        Assert.NotNull(user.WorkerId);
    }

    [Fact]
    public async Task Bad_input_is_refused_whole_with_each_field_named_and_nothing_saved()
    {
        var client = await app.SignedInClientAsync("Admin");
        var before = await UserCountAsync();
        var response = await HearthWebFactory.PostFormAsync(client, "/admin/users/create",
            [F("Name", ""), F("Email", HearthWebFactory.EmailFor("Manager")), F("Role", "Wizard"), F("Password", "short")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await HearthWebFactory.HtmlAsync(response);
        var links = doc.QuerySelectorAll("main > .govuk-error-summary a").Select(a => (a.GetAttribute("href"), a.TextContent)).ToList();
        Assert.Contains(links, l => l.Item1 == "#name");
        Assert.Contains(links, l => l.Item1 == "#email" && l.TextContent.Contains("already exists"));
        Assert.Contains(links, l => l.Item1 == "#role" && l.TextContent.Contains("not known"));
        Assert.Contains(links, l => l.Item1 == "#password" && l.TextContent.Contains("at least 12 characters"));
        Assert.NotNull(doc.QuerySelector("#role"));
        Assert.NotNull(doc.QuerySelector("#password-error"));

        Assert.Equal(before, await UserCountAsync());
    }

    private async Task<int> UserCountAsync()
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<HearthDbContext>().Users.CountAsync();
    }

    [Fact]
    public async Task A_role_without_the_permission_sees_the_access_page_not_the_form()
    {
        var client = await app.SignedInClientAsync("Practitioner");
        var response = await client.GetAsync("/admin/users/create");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("You do not have access to this page", (await HearthWebFactory.HtmlAsync(response)).QuerySelector("h1")!.TextContent);
    }
}
