using System.Net;
using AngleSharp.Html.Dom;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Security;
using Hearth.TestCommon;
using Hearth.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests.Families;

public sealed class FamiliesListPageTests(JourneyWebFactory app) : IClassFixture<JourneyWebFactory>
{
    private static readonly ActorContext Admin = ActorContext.System("families list tests");

    /// <summary>A worker of their own, so a worker filter shows only the families a test allocated.</summary>
    private async Task<Worker> NewWorkerAsync(string name, string teamCode = "ifss-1-team")
    {
        await app.SignedInClientAsync("Practitioner");
        return await app.WithAsync(s => s.GetRequiredService<OrganisationService>().CreateWorkerAsync(Admin,
            new NewWorker(teamCode, name, "Family practitioner", 1m, 20, [], null)));
    }

    private Task<TestFamily> OpenFamilyAsync(Worker worker, string surname, DateOnly accepted, string teamCode = "ifss-1-team") =>
        TestData.CreateFamilyAsync(app.Services, f => f.InTeam(teamCode).By(JourneyWebFactory.Seeder).Named(surname).Accepted(accepted).AllocatedTo(worker.Id, lead: true));

    private async Task<IHtmlDocument> GetAsync(string query, string role = "Practitioner")
    {
        var response = await (await app.SignedInClientAsync(role)).GetAsync("/families" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await HearthWebFactory.HtmlAsync(response);
    }

    private static List<string[]> Rows(IHtmlDocument page) =>
        page.QuerySelectorAll("main tbody tr").Select(r => r.Children.Select(c => string.Join(" ", c.TextContent.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries))).ToArray()).ToList();

    private static string Caption(IHtmlDocument page) => page.QuerySelector("main caption")?.TextContent.Trim() ?? "";

    [Fact]
    public async Task Each_row_shows_the_reference_names_childrens_ages_team_worker_status_and_dates()
    {
        var worker = await NewWorkerAsync("Rhiannon Rowlands (list row)");
        var family = await TestData.CreateFamilyAsync(app.Services, f =>
        {
            f.By(JourneyWebFactory.Seeder).Named("Tregear").Accepted(new DateOnly(2026, 9, 1)).AllocatedTo(worker.Id, lead: true);
            f.Children = [("Ava", new DateOnly(2016, 11, 2)), ("Ben", new DateOnly(2019, 11, 3))];
        });

        var page = await GetAsync($"?Worker={worker.Id}");

        Assert.Equal("1 family", Caption(page));
        // On 2 November 2026 Ava turns 10 and Ben is 6 until tomorrow; the episode is in its first phase.
        Assert.Equal([[family.Family.Reference, "Tregear Kim Tregear", "10, 6", "IFSS Site 1 team", worker.Name, "Open Consultation", "1 September 2026", "1 September 2026"]], Rows(page));
        Assert.Equal($"/families/{family.Id}", page.QuerySelector("main tbody th a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_list_is_paged_25_at_a_time_counting_only_the_users_teams()
    {
        var count = await app.WithAsync(async s =>
        {
            var db = s.GetRequiredService<HearthDbContext>();
            var team = await db.Set<Team>().SingleAsync(t => t.Code == "ifss-1-team");
            return await db.Set<Family>().CountAsync(f => f.TeamId == team.Id);
        });
        Assert.True(count > 25, "the demo team has more than a page of families");

        var first = await GetAsync("");
        Assert.Equal($"{count} families", Caption(first));
        Assert.Equal(25, Rows(first).Count);
        Assert.All(Rows(first), r => Assert.Equal("IFSS Site 1 team", r[3]));
        var next = first.QuerySelector(".govuk-pagination__next a")!.GetAttribute("href")!;
        Assert.Equal("/families?PageNumber=2", next);

        var last = await GetAsync($"?PageNumber={(count + 24) / 25}");
        Assert.Equal(count - (count - 1) / 25 * 25, Rows(last).Count);
        Assert.Null(last.QuerySelector(".govuk-pagination__next"));
        Assert.Empty(Rows(first).Select(r => r[0]).Intersect(Rows(last).Select(r => r[0])));
    }

    [Fact]
    public async Task Another_teams_families_are_not_listed_even_when_filtered_for()
    {
        await app.SignedInClientAsync("Practitioner");
        var outside = await TestData.CreateFamilyAsync(app.Services, f => f.InTeam("ifit-team").By(JourneyWebFactory.Seeder).WithReference("LIST-OUT"));

        var page = await GetAsync($"?Team={outside.Team.Id}");

        Assert.Empty(Rows(page));
        Assert.Contains("No families match these filters.", page.QuerySelector("main")!.TextContent);
        // A council-wide role sees it.
        Assert.Contains(Rows(await GetAsync($"?Team={outside.Team.Id}&Sort=reference&Order=desc", "Performance")).Select(r => r[0]), r => r == "LIST-OUT");
    }

    [Fact]
    public async Task The_team_filter_shows_only_that_teams_families()
    {
        await app.SignedInClientAsync("Performance");
        var ifit = await app.TeamAsync("ifit-team");
        var count = await app.WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<Family>().CountAsync(f => f.TeamId == ifit.Id));

        var page = await GetAsync($"?Team={ifit.Id}", "Performance");

        Assert.Equal(count == 1 ? "1 family" : $"{count} families", Caption(page));
        Assert.All(Rows(page), r => Assert.Equal(ifit.Name, r[3]));
        Assert.Equal(ifit.Id.ToString(), page.QuerySelector("select#team option[selected]")!.GetAttribute("value"));
    }

    [Theory]
    [InlineData("Open")]
    [InlineData("Waiting")]
    [InlineData("Closed")]
    public async Task The_status_filter_shows_only_families_in_that_status(string status)
    {
        await app.SignedInClientAsync("Practitioner");
        var family = await TestData.CreateFamilyAsync(app.Services, f =>
        {
            f.By(JourneyWebFactory.Seeder).Named("Statusfilter");
            if (status == "Open") { f.Accepted(new DateOnly(2026, 11, 2)); }
            if (status == "Waiting") { f.Referred(new DateOnly(2026, 11, 2)); }
        });

        // Newest referral first (a family with none, which is closed, sorts last: so the closed check sorts by reference instead).
        var sort = status == "Closed" ? "&Sort=reference&Order=desc" : "&Sort=received&Order=desc";
        var page = await GetAsync($"?Status={status.ToLowerInvariant()}{sort}");

        var rows = Rows(page);
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.StartsWith(status, r[5]));
        var all = await GetAsync($"?Status={status}&PageNumber=1{sort}");
        Assert.Equal(Caption(page), Caption(all));
        var pages = Enumerable.Range(1, 40).Select(i => i);
        var found = false;
        foreach (var i in pages)
        {
            var p = i == 1 ? page : await GetAsync($"?Status={status}{sort}&PageNumber={i}");
            if (Rows(p).Any(r => r[0] == family.Family.Reference)) { found = true; break; }
            if (p.QuerySelector(".govuk-pagination__next") is null) { break; }
        }
        Assert.True(found, $"{family.Family.Reference} is listed as {status}");
        Assert.Equal(status, page.QuerySelector("select#status option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task The_worker_and_phase_filters_find_the_workers_families_in_that_phase()
    {
        var worker = await NewWorkerAsync("Siân Bevan (phase filter)");
        var inPhase1 = await app.EpisodeInPhaseAsync("phase1");
        await app.WithAsync(s => s.GetRequiredService<AllocationService>().AllocateAsync(JourneyWebFactory.Seeder, new NewAllocation(inPhase1.Id, worker.Id, new DateOnly(2026, 9, 4))));
        var consulting = await OpenFamilyAsync(worker, "Phasefilter", new DateOnly(2026, 9, 1));
        var inPhase1Reference = await app.WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<Family>().Where(f => f.Id == inPhase1.FamilyId).Select(f => f.Reference).SingleAsync());

        Assert.Equal([inPhase1Reference], Rows(await GetAsync($"?Worker={worker.Id}&Phase=phase1")).Select(r => r[0]));
        Assert.Equal([consulting.Family.Reference], Rows(await GetAsync($"?Worker={worker.Id}&Phase=consultation")).Select(r => r[0]));
        Assert.Equal(new[] { inPhase1Reference, consulting.Family.Reference }.Order(StringComparer.Ordinal), Rows(await GetAsync($"?Worker={worker.Id}")).Select(r => r[0]));
        Assert.All(Rows(await GetAsync("?Phase=phase1")), r => Assert.EndsWith("Phase 1 (intensive)", r[5]));
    }

    [Fact]
    public async Task Columns_sort_both_ways_and_the_sort_is_kept_when_filtering_and_paging()
    {
        var worker = await NewWorkerAsync("Alun Pryce (sorting)");
        var b = await OpenFamilyAsync(worker, "Bowen", new DateOnly(2026, 8, 1));
        var c = await OpenFamilyAsync(worker, "Cadwallader", new DateOnly(2026, 6, 1));
        var a = await OpenFamilyAsync(worker, "Ashworth", new DateOnly(2026, 10, 1));
        string[] Refs(params TestFamily[] families) => families.Select(f => f.Family.Reference).ToArray();

        Assert.Equal(Refs(a, b, c), Rows(await GetAsync($"?Worker={worker.Id}&Sort=name")).Select(r => r[0]));
        Assert.Equal(Refs(c, b, a), Rows(await GetAsync($"?Worker={worker.Id}&Sort=name&Order=desc")).Select(r => r[0]));
        Assert.Equal(Refs(c, b, a), Rows(await GetAsync($"?Worker={worker.Id}&Sort=opened")).Select(r => r[0]));
        Assert.Equal(Refs(a, b, c), Rows(await GetAsync($"?Worker={worker.Id}&Sort=received&Order=desc")).Select(r => r[0]));
        Assert.Equal(Refs(a, b, c).Order(StringComparer.Ordinal), Rows(await GetAsync($"?Worker={worker.Id}")).Select(r => r[0]));

        var page = await GetAsync($"?Worker={worker.Id}&Sort=name");
        Assert.Equal("ascending", page.QuerySelector("th[aria-sort='ascending']") is { } th ? th.GetAttribute("aria-sort") : null);
        Assert.Equal($"/families?Worker={worker.Id}&Sort=name&Order=desc", page.QuerySelector("th[aria-sort='ascending'] a")!.GetAttribute("href"));
        Assert.Equal("name", page.QuerySelector("form input[name='Sort']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Sorting_by_worker_puts_unallocated_families_last()
    {
        var page = await GetAsync("?Sort=worker&Status=open");
        var workers = Rows(page).Select(r => r[4]).ToList();
        var firstUnallocated = workers.IndexOf("Not allocated");
        Assert.True(firstUnallocated == -1 || workers.Skip(firstUnallocated).All(w => w == "Not allocated"));
        var allocated = workers.Where(w => w != "Not allocated").Select(w => w.Split(", ").Min(StringComparer.Ordinal)!).ToList();
        Assert.NotEmpty(allocated);
        Assert.Equal(allocated.Order(StringComparer.Ordinal), allocated);
    }
}
