using System.Net;
using Hearth.Core.Data;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests.Infrastructure;

/// <summary>
/// The one base page model: its scope filter (a record outside the user's teams, or none at all, is a 404 on every
/// page) and its save helper (a refusal shows the error summary and changes nothing).
/// </summary>
public sealed class HearthPageModelTests(HearthWebFactory app) : IClassFixture<HearthWebFactory>
{
    private static KeyValuePair<string, string> F(string k, string v) => new(k, v);

    private async Task<(Guid Inside, Guid Outside, Guid OutsideFamily)> PeopleAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
        var people = scope.ServiceProvider.GetRequiredService<PeopleService>();
        var system = ActorContext.System("test");
        var mine = await db.Set<Team>().SingleAsync(t => t.Code == "ifss-1-team");
        var other = await db.Set<Team>().SingleAsync(t => t.Code == "ifit-team");
        var tag = Guid.NewGuid().ToString("N")[..6];
        var inside = await people.CreateFamilyAsync(system, new NewFamily($"FILTER-IN-{tag}", mine.Id));
        var outside = await people.CreateFamilyAsync(system, new NewFamily($"FILTER-OUT-{tag}", other.Id));
        return ((await people.AddPersonAsync(system, new NewPerson(inside.Id, "Ava", "Inside", null))).Id,
            (await people.AddPersonAsync(system, new NewPerson(outside.Id, "Ben", "Outside", null))).Id, outside.Id);
    }

    [Fact]
    public async Task Another_teams_record_is_a_404_on_pages_that_no_longer_catch_the_refusal_themselves()
    {
        var (inside, outside, outsideFamily) = await PeopleAsync();
        var practitioner = await app.SignedInClientAsync("Practitioner");

        Assert.Equal(HttpStatusCode.OK, (await practitioner.GetAsync($"/measures/person?id={inside}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await practitioner.GetAsync($"/measures/person?id={outside}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await practitioner.GetAsync($"/statutory/families/{outsideFamily}")).StatusCode);
    }

    [Fact]
    public async Task A_record_that_does_not_exist_is_a_404_on_a_page_that_never_handled_it()
    {
        // The results pages had no scope handling of their own: an unknown claim batch was a server error.
        var performance = await app.SignedInClientAsync("Performance");
        Assert.Equal(HttpStatusCode.NotFound, (await performance.GetAsync($"/results/claim/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task A_core_refusal_shows_the_error_summary_and_saves_nothing()
    {
        var admin = await app.SignedInClientAsync("Admin");
        var before = await CountAsync<Service>();
        var refused = await HearthWebFactory.PostFormAsync(admin, "/admin/services/create", [F("Name", ""), F("Code", "helper-test"), F("ProgrammeCode", "ifss")]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var summary = (await HearthWebFactory.HtmlAsync(refused)).QuerySelector("main > .govuk-error-summary");
        Assert.NotNull(summary);
        Assert.Contains("#name", summary.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Equal(before, await CountAsync<Service>());
    }

    [Fact]
    public async Task A_box_the_page_cannot_read_stops_the_save_even_when_core_would_accept_the_rest()
    {
        var admin = await app.SignedInClientAsync("Admin");
        var before = await CountAsync<Worker>();
        var name = $"Unreadable {Guid.NewGuid():N}"[..20];
        var refused = await HearthWebFactory.PostFormAsync(admin, "/admin/workers/create?team=ifss-1-team",
            [F("Name", name), F("JobTitle", "Family worker"), F("Fte", "most of the week"), F("MaxIntensiveCases", "2")]);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var summary = (await HearthWebFactory.HtmlAsync(refused)).QuerySelector("main > .govuk-error-summary")!;
        Assert.Contains("Full-time equivalent must be a number", summary.TextContent);
        Assert.Equal(before, await CountAsync<Worker>());
    }

    [Fact]
    public async Task A_stale_version_is_shown_against_the_field_and_the_other_change_is_kept()
    {
        var admin = await app.SignedInClientAsync("Admin");
        var created = await HearthWebFactory.PostFormAsync(admin, "/admin/services/create", [F("Name", "Stale Helper"), F("Code", "stale-helper"), F("ProgrammeCode", "ifss")]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = "/admin/services/edit?code=stale-helper";
        var read = (await CurrentAsync()).Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var first = await HearthWebFactory.PostFormAsync(admin, page, [F("Name", "Stale Helper One"), F("Version", read)]);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var stale = await HearthWebFactory.PostFormAsync(admin, page, [F("Name", "Stale Helper Two"), F("Version", read)]);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var summary = (await HearthWebFactory.HtmlAsync(stale)).QuerySelector("main > .govuk-error-summary")!;
        Assert.Contains("#name", summary.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));

        Assert.Contains("changed by someone else", summary.TextContent);
        Assert.Equal("Stale Helper One", (await CurrentAsync()).Name);

        async Task<Service> CurrentAsync()
        {
            using var scope = app.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<HearthDbContext>().Set<Service>().AsNoTracking().SingleAsync(s => s.Code == "stale-helper");
        }
    }

    private async Task<int> CountAsync<T>() where T : class
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<HearthDbContext>().Set<T>().CountAsync();
    }
}
