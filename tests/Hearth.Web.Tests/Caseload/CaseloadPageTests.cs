using System.Net;
using Hearth.Core.Auditing;
using Hearth.Core.Data;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Referrals;
using Hearth.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests.Caseload;

public sealed class CaseloadPageTests(HearthWebFactory app) : IClassFixture<HearthWebFactory>
{
    private async Task<(Guid Family, Guid Child)> DemoFamilyAsync(string teamCode)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
        var team = await db.Set<Team>().SingleAsync(t => t.Code == teamCode);
        var family = await db.Set<Family>().Where(f => f.TeamId == team.Id && db.Set<Referral>().Any(r => r.FamilyId == f.Id)).OrderBy(f => f.Reference).FirstAsync();
        var child = await db.Set<Person>().Where(p => p.FamilyId == family.Id).Select(p => p.Id).FirstAsync();
        return (family.Id, child);
    }

    [Fact]
    public async Task The_family_record_shows_members_referrals_and_chronology_and_its_opening_is_audited()
    {
        var (familyId, _) = await DemoFamilyAsync("ifss-1-team");
        var client = await app.SignedInClientAsync("Practitioner");

        var response = await client.GetAsync($"/families/{familyId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HearthWebFactory.HtmlAsync(response);
        Assert.NotEmpty(page.QuerySelectorAll(".govuk-summary-card"));
        var captions = page.QuerySelectorAll("caption").Select(c => c.TextContent.Trim()).ToList();
        Assert.Contains("Referrals", captions);
        Assert.Contains("Chronology", captions);
        Assert.Contains("Referral to IFSS Site 1 received", page.QuerySelector("main")!.TextContent);
        Assert.NotNull(page.QuerySelector($"a[href='/referrals/add?family={familyId}']"));
        using var scope = app.Services.CreateScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<HearthDbContext>().AuditEvents
            .AnyAsync(a => a.Action == AuditAction.Read && a.EntityType == "Family" && a.EntityId == familyId.ToString()));
    }

    [Fact]
    public async Task Another_teams_family_record_and_referral_form_are_not_found()
    {
        var (familyId, _) = await DemoFamilyAsync("ifit-team");
        var client = await app.SignedInClientAsync("Practitioner");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/families/{familyId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/referrals/add?family={familyId}")).StatusCode);
        var performance = await app.SignedInClientAsync("Performance");
        Assert.Equal(HttpStatusCode.Forbidden, (await performance.GetAsync($"/referrals/add?family={familyId}")).StatusCode);
    }

    [Fact]
    public async Task The_families_list_links_to_each_family_record()
    {
        var page = await HearthWebFactory.HtmlAsync(await (await app.SignedInClientAsync("Practitioner")).GetAsync("/families"));
        var link = page.QuerySelector("tbody th a.govuk-link");
        Assert.NotNull(link);
        Assert.StartsWith("/families/", link!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_caseload_page_shows_each_team_caseload_capacity_and_waiting_list()
    {
        var client = await app.SignedInClientAsync("Manager");
        var response = await client.GetAsync("/caseload");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HearthWebFactory.HtmlAsync(response);
        var headings = page.QuerySelectorAll("main h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["IFSS Site 1 team", "IFSS Site 2 team"], headings);
        var captions = page.QuerySelectorAll("caption").Select(c => c.TextContent.Trim()).ToList();
        Assert.Contains("IFSS Site 1 team: capacity", captions);
        Assert.DoesNotContain(captions, c => c.StartsWith("IFIT", StringComparison.Ordinal));
        Assert.NotNull(page.QuerySelector("a[href='/caseload']"));
        // Phases show by the programme's names for them, never their keys.
        var phases = page.QuerySelectorAll("table").Where(t => t.QuerySelector("caption")!.TextContent.EndsWith("open episodes")).SelectMany(t => t.QuerySelectorAll("tbody tr"))
            .Select(r => r.Children[1].TextContent.Replace("Overdue", "").Trim()).Distinct().ToList();
        Assert.NotEmpty(phases);
        Assert.All(phases, p => Assert.Contains(p, new[] { "Consultation", "72-hour assessment", "Phase 1 (intensive)", "Phase 2 (step-down)" }));
    }

    [Fact]
    public async Task The_family_record_names_an_open_episodes_phase()
    {
        var client = await app.SignedInClientAsync("Practitioner");
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
        var team = await db.Set<Team>().SingleAsync(t => t.Code == "ifss-1-team");
        var episode = await db.Set<Hearth.Core.Episodes.Episode>().Where(e => e.TeamId == team.Id && e.ClosedOn == null).OrderBy(e => e.OpenedOn).FirstAsync();
        var programme = await db.Set<Hearth.Core.Programmes.ProgrammeVersion>().SingleAsync(p => p.Id == episode.ProgrammeVersionId);
        var expected = programme.Definition.Phase(episode.CurrentPhase)!.Name;
        Assert.NotEqual(episode.CurrentPhase, expected);
        var page = await HearthWebFactory.HtmlAsync(await client.GetAsync($"/families/{episode.FamilyId}"));
        var row = page.QuerySelector($"a[href='/episodes/{episode.Id}']")!.Closest("tr")!;
        Assert.Equal(expected, row.Children[1].TextContent.Trim());
    }

    [Fact]
    public async Task The_resource_panel_shows_each_team_free_capacity_to_managers_only()
    {
        var manager = await app.SignedInClientAsync("Manager");
        var page = await HearthWebFactory.HtmlAsync(await manager.GetAsync("/caseload/resource-panel"));
        var headings = page.QuerySelectorAll("main h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(2, headings.Count);
        Assert.All(headings, h => Assert.Contains("free intensive", h));
        var practitioner = await app.SignedInClientAsync("Practitioner");
        Assert.Equal(HttpStatusCode.Forbidden, (await practitioner.GetAsync("/caseload/resource-panel")).StatusCode);
    }
}
