using System.Net;
using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests.Admin;

public sealed class DirectoryPageTests(HearthWebFactory app) : IClassFixture<HearthWebFactory>
{
    private static KeyValuePair<string, string> F(string k, string v) => new(k, v);

    private async Task<int> CountAsync()
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<HearthDbContext>().Set<DirectoryService>().CountAsync();
    }

    [Fact]
    public async Task An_admin_adds_a_wider_service_that_practitioners_can_then_refer_to()
    {
        var admin = await app.SignedInClientAsync("Admin");
        var added = await HearthWebFactory.PostFormAsync(admin, "/admin/directory", [F("Name", "Valley Debt Advice"), F("Category", "Debt advice"), F("Contact", "01234 567890")]);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var page = await HearthWebFactory.HtmlAsync(await admin.GetAsync(added.Headers.Location!.OriginalString));
        Assert.Contains("Valley Debt Advice has been added to the directory", page.QuerySelector(".govuk-notification-banner")!.TextContent);
        Assert.Contains(page.QuerySelectorAll("main tbody tr"), row => row.TextContent.Contains("Valley Debt Advice") && row.TextContent.Contains("Debt advice"));

        using var scope = app.Services.CreateScope();
        Assert.Contains(await scope.ServiceProvider.GetRequiredService<ServiceReferralService>().DirectoryAsync(), d => d.Name == "Valley Debt Advice");
    }

    [Fact]
    public async Task A_nameless_or_duplicate_service_or_an_unknown_kind_is_refused_naming_the_field_and_only_admins_may_add()
    {
        var admin = await app.SignedInClientAsync("Admin");
        await HearthWebFactory.PostFormAsync(admin, "/admin/directory", [F("Name", "Hillside Housing"), F("Category", "Housing")]);
        var before = await CountAsync();

        var bad = await HearthWebFactory.PostFormAsync(admin, "/admin/directory", [F("Name", ""), F("Category", "Astrology")]);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var links = (await HearthWebFactory.HtmlAsync(bad)).QuerySelectorAll("main > .govuk-error-summary a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["#name", "#category"], links);
        var duplicate = await HearthWebFactory.HtmlAsync(await HearthWebFactory.PostFormAsync(admin, "/admin/directory", [F("Name", "Hillside Housing"), F("Category", "Housing")]));
        Assert.Contains("already has a service with that name", duplicate.QuerySelector("main > .govuk-error-summary")!.TextContent);
        Assert.Equal(before, await CountAsync());

        var practitioner = await app.SignedInClientAsync("Practitioner");
        Assert.Equal(HttpStatusCode.Forbidden, (await practitioner.GetAsync("/admin/directory")).StatusCode);
    }
}
