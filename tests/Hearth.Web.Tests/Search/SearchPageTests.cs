using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Hearth.Core.Auditing;
using Hearth.Core.Data;
using Hearth.Core.Organisation;
using Hearth.Core.Security;
using Hearth.TestCommon;
using Hearth.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests.Search;

public sealed class SearchPageTests(JourneyWebFactory app) : IClassFixture<JourneyWebFactory>
{
    private async Task<HttpClient> TokenClientAsync(Role role)
    {
        var issued = await app.WithAsync(s => s.GetRequiredService<TokenService>()
            .CreateAsync(ActorContext.System("test"), JourneyWebFactory.EmailFor(role.ToString()), "search api", null));
        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Token);
        return client;
    }

    private async Task<Worker> WorkerAsync(string teamCode) =>
        await app.WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<Worker>().AsNoTracking()
            .Where(w => w.Team!.Code == teamCode && w.IsActive).OrderBy(w => w.Name).FirstAsync());

    private static List<string[]> Rows(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("main tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToArray()).ToList();

    [Fact]
    public async Task A_misspelt_name_finds_the_person_with_their_age_family_link_team_and_worker()
    {
        await app.SignedInClientAsync("Practitioner");
        var worker = await WorkerAsync("ifss-1-team");
        var family = await TestData.CreateFamilyAsync(app.Services, f => f.By(JourneyWebFactory.Seeder).Named("Vanterpool")
            .WithChild("Kayleigh", new DateOnly(2015, 4, 3)).Accepted(new DateOnly(2026, 9, 1)).AllocatedTo(worker.Id, lead: true));
        var client = await app.SignedInClientAsync("Practitioner");

        var response = await client.GetAsync("/search?q=" + Uri.EscapeDataString("Kayley Vantrepool"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HearthWebFactory.HtmlAsync(response);
        Assert.Equal("1 person found", page.QuerySelector("main caption")!.TextContent.Trim());
        Assert.Equal([["Kayleigh Vanterpool", "3 April 2015 (age 11)", family.Family.Reference, "IFSS Site 1 team", worker.Name]], Rows(page));
        Assert.Equal($"/families/{family.Id}", page.QuerySelector("main tbody a")!.GetAttribute("href"));
        Assert.Equal("Kayley Vantrepool", page.QuerySelector("input#q")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Another_teams_family_is_not_found()
    {
        await app.SignedInClientAsync("Practitioner");
        await TestData.CreateFamilyAsync(app.Services, f => f.InTeam("ifit-team").By(JourneyWebFactory.Seeder).Named("Quarshie-Other").WithReference("SRCH-OUT"));
        var client = await app.SignedInClientAsync("Practitioner");

        foreach (var q in new[] { "Quarshie-Other", "SRCH-OUT" })
        {
            var page = await HearthWebFactory.HtmlAsync(await client.GetAsync("/search?q=" + q));
            Assert.Equal("No people found", page.QuerySelector("main h2")!.TextContent.Trim());
            Assert.Empty(Rows(page));
        }
    }

    [Fact]
    public async Task An_empty_search_says_what_to_enter_at_the_top_of_the_page()
    {
        var client = await app.SignedInClientAsync("Practitioner");

        var page = await HearthWebFactory.HtmlAsync(await client.GetAsync("/search?q=+"));

        Assert.Equal(["#q"], JourneyWebFactory.ErrorLinks(page));
        Assert.Contains("Enter a name, date of birth", page.QuerySelector("#q-error")!.TextContent);
        Assert.Null(page.QuerySelector("main table"));
    }

    [Fact]
    public async Task Results_are_paged_with_the_search_kept_in_each_page_link()
    {
        await app.SignedInClientAsync("Practitioner");
        var children = Enumerable.Range(0, 9).Select(i => ($"Child{new string('x', i + 1)}", (DateOnly?)new DateOnly(2010 + i, 1, 1))).ToList();
        for (var f = 0; f < 3; f++)
        {
            await TestData.CreateFamilyAsync(app.Services, s => { s.By(JourneyWebFactory.Seeder).Named("Oyelaran").WithoutParent(); s.Children = children; });
        }
        var client = await app.SignedInClientAsync("Practitioner");

        var first = await HearthWebFactory.HtmlAsync(await client.GetAsync("/search?q=Oyelaran"));
        Assert.Equal("27 people found", first.QuerySelector("main caption")!.TextContent.Trim());
        Assert.Equal(25, Rows(first).Count);
        var next = first.QuerySelector(".govuk-pagination__next a")!.GetAttribute("href")!;
        Assert.Equal("/search?q=Oyelaran&PageNumber=2", next);

        var second = await HearthWebFactory.HtmlAsync(await client.GetAsync(next));
        // 27 ranked by name: the last two are the ninth child (x9) of the second and third families.
        Assert.Equal(["Childxxxxxxxxx Oyelaran", "Childxxxxxxxxx Oyelaran"], Rows(second).Select(r => r[0]));
        Assert.Equal("page", second.QuerySelector(".govuk-pagination__item--current a")!.GetAttribute("aria-current"));
        Assert.Null(second.QuerySelector(".govuk-pagination__next"));
    }

    [Fact]
    public async Task The_service_navigation_links_to_search_for_those_who_may_see_families()
    {
        var practitioner = await HearthWebFactory.HtmlAsync(await (await app.SignedInClientAsync("Practitioner")).GetAsync("/"));
        Assert.Contains(practitioner.QuerySelectorAll(".govuk-service-navigation__link"), a => a.GetAttribute("href") == "/search" && a.TextContent.Trim() == "Search");
        var admin = await HearthWebFactory.HtmlAsync(await (await app.SignedInClientAsync("Admin")).GetAsync("/"));
        Assert.DoesNotContain(admin.QuerySelectorAll(".govuk-service-navigation__link"), a => a.GetAttribute("href") == "/search");
    }

    [Fact]
    public async Task The_api_returns_the_same_results_scoped_and_audited()
    {
        await app.SignedInClientAsync("Practitioner");
        var ours = await TestData.CreateFamilyAsync(app.Services, f => f.By(JourneyWebFactory.Seeder).Named("Haverfordwest").WithoutParent().WithChild("Ceri", new DateOnly(2014, 6, 30)));
        await TestData.CreateFamilyAsync(app.Services, f => f.InTeam("ifit-team").By(JourneyWebFactory.Seeder).Named("Haverfordwest").WithoutParent().WithChild("Ceri", new DateOnly(2014, 6, 30)));
        var api = await TokenClientAsync(Role.Practitioner);
        var before = await app.WithAsync(s => s.GetRequiredService<HearthDbContext>().AuditEvents.CountAsync(e => e.Action == AuditAction.Search));

        var body = await api.GetFromJsonAsync<JsonElement>("/api/v1/search?q=" + Uri.EscapeDataString("Haverfordwest Ceri"));

        Assert.Equal(("Name", 1), (body.GetProperty("criterion").GetString(), body.GetProperty("total").GetInt32()));
        var result = Assert.Single(body.GetProperty("results").EnumerateArray().ToList());
        Assert.Equal((ours.Child.Id, "Ceri", "2014-06-30", 12, ours.Family.Reference, "IFSS Site 1 team"),
            (result.GetProperty("personId").GetGuid(), result.GetProperty("givenName").GetString(), result.GetProperty("dateOfBirth").GetString(),
                result.GetProperty("age").GetInt32(), result.GetProperty("familyReference").GetString(), result.GetProperty("teamName").GetString()));
        Assert.Equal(before + 1, await app.WithAsync(s => s.GetRequiredService<HearthDbContext>().AuditEvents.CountAsync(e => e.Action == AuditAction.Search)));

        var refused = await api.GetAsync("/api/v1/search?q=");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(["q"], (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await TokenClientAsync(Role.Admin)).GetAsync("/api/v1/search?q=Haverfordwest")).StatusCode);
    }
}
