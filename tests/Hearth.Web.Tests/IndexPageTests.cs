using System.Globalization;
using AngleSharp.Dom;
using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Hearth.Core.Security;
using Hearth.TestCommon;
using Hearth.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests;

/// <summary>The demo council on 2 November 2026 (a fixed day, so dates and days overdue can be worked out by hand).</summary>
public sealed class HomeWebFactory : HearthWebFactory
{
    public HomeWebFactory() => Clock = new FixedTimeProvider(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero));
}

/// <summary>The home page (Pages/Index): a practitioner's day and a manager's week, and the caseload figures every page agrees on.</summary>
public sealed class IndexPageTests(HomeWebFactory app) : IClassFixture<HomeWebFactory>
{
    private static readonly DateOnly Today = new(2026, 11, 2);
    private static readonly ActorContext System = ActorContext.System("home page tests");
    private static readonly CultureInfo UkCulture = CultureInfo.GetCultureInfo("en-GB");

    private async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        using var scope = app.Services.CreateScope();
        return await action(scope.ServiceProvider);
    }

    private static List<List<string>> Rows(IElement table) =>
        table.QuerySelectorAll("tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToList()).ToList();

    private static IElement TableCaptioned(IParentNode doc, string caption) =>
        doc.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent.Trim() == caption);

    private async Task<Guid> SamsWorkerAsync()
    {
        // Signing in starts the app (the demo council is already in its database).
        await app.SignedInClientAsync("Practitioner");
        return await WithAsync(s => s.GetRequiredService<HearthDbContext>().Users.Where(u => u.Email == HearthWebFactory.EmailFor("Practitioner")).Select(u => u.WorkerId!.Value).SingleAsync());
    }

    [Fact]
    public async Task A_practitioner_sees_their_families_and_everything_due_for_them_in_date_order()
    {
        var sam = await SamsWorkerAsync();
        // Accepted on 1 October 2026 (in the consultation phase, which is intensive): the baseline forms (SDQ for Ava,
        // WEMWBS for Kim) were due 14 days later, on 15 October, so 18 days overdue on 2 November.
        var family = await TestData.CreateFamilyAsync(app.Services, f => f.By(System).Named("Hearthstone").Accepted(new DateOnly(2026, 10, 1)).AllocatedTo(sam));
        var episode = family.Episode!;
        await WithAsync(s => s.GetRequiredService<GoalService>().AddGoalAsync(System, episode.Id,
            new GoalInput(null, "Tea together twice a week", "Kim", null, new GasLevels(null, null, null, null, null), [])));
        await WithAsync(s => s.GetRequiredService<SessionService>().RecordAsync(System, new SessionInput(episode.Id, new DateOnly(2026, 10, 20), new TimeOnly(10, 0), new TimeOnly(11, 0),
            SessionType.HomeVisit, false, [family.Parent!.Id, family.Child.Id], [sam], null, null, null)));
        // A review of the same episode due today comes first of everything.
        await WithAsync(async s =>
        {
            var db = s.GetRequiredService<HearthDbContext>();
            db.Add(new Review { EpisodeId = episode.Id, TeamId = episode.TeamId, PhaseKey = episode.CurrentPhase, Sequence = 1, DueOn = Today });
            return await db.SaveChangesAsync(System);
        });
        var client = await app.SignedInClientAsync("Practitioner");

        var home = await HearthWebFactory.HtmlAsync(await client.GetAsync("/"));

        // The caseload: every open episode Sam holds, as the one caseload definition has it, each with its surname.
        var held = await WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<Episode>().Where(e => Caseloads.EpisodesHeldBy(s.GetRequiredService<HearthDbContext>(), sam).Contains(e.Id))
            .Join(s.GetRequiredService<HearthDbContext>().Set<Core.People.Family>(), e => e.FamilyId, f => f.Id, (e, f) => f.Reference).ToListAsync());
        Assert.True(held.Count >= 3, "the demo practitioner holds demo families as well as the test's");
        var caseload = Rows(home.QuerySelector("table#your-caseload")!);
        Assert.Equal(held.Order(StringComparer.Ordinal), home.QuerySelectorAll("table#your-caseload tbody th a").Select(a => a.TextContent.Trim()).Order(StringComparer.Ordinal));
        Assert.Equal($"Your caseload: {held.Count} families", home.QuerySelector("table#your-caseload caption")!.TextContent.Trim());
        var mine = caseload.Single(r => r[0].StartsWith(family.Family.Reference, StringComparison.Ordinal));
        Assert.Equal([$"{family.Family.Reference} Hearthstone", "Consultation", "Review 1 (consultation), 2 November 2026", "20 October 2026"], mine);
        // The family with today's review comes first.
        Assert.Equal(mine, caseload[0]);

        // Due for you: today's first, then overdue from the most recent back, then goals without levels, then later ones.
        var due = Rows(home.QuerySelector("table#due-for-you")!);
        Assert.Equal(["2 November 2026", family.Family.Reference, "Review 1 (consultation)", "Due today"], due[0]);
        var ours = due.Where(r => r[1] == family.Family.Reference).ToList();
        Assert.Equal(
            [
                ["2 November 2026", "Review 1 (consultation)", "Due today"],
                ["15 October 2026", "Strengths and Difficulties Questionnaire, parent report (4-17) for Ava Hearthstone (Baseline)", "18 days overdue"],
                ["15 October 2026", "Warwick-Edinburgh Mental Wellbeing Scale (WEMWBS) for Kim Hearthstone (Baseline)", "18 days overdue"],
                ["Now", "Write the five levels for \"Tea together twice a week\"", "Goal needs levels"],
            ],
            ours.Select(r => new List<string> { r[0], r[2], r[3] }));
        int Bucket(List<string> r) => r[3] == "Due today" ? 0 : r[3].EndsWith("days overdue", StringComparison.Ordinal) ? 1 : r[0] == "Now" ? 2 : 3;
        int Overdue(List<string> r) => Bucket(r) == 1 ? int.Parse(r[3].Split(' ')[0], CultureInfo.InvariantCulture) : 0;
        DateOnly Date(List<string> r) => r[0] == "Now" ? DateOnly.MaxValue : DateOnly.ParseExact(r[0], "d MMMM yyyy", UkCulture);
        Assert.Equal(due.OrderBy(Bucket).ThenBy(Overdue).ThenBy(Date).Select(r => string.Join("|", r)), due.Select(r => string.Join("|", r)));
        Assert.Contains("Visits are not listed", home.QuerySelector("main")!.TextContent);

        // The same items as the due page, which no longer says nothing is due.
        var page = await HearthWebFactory.HtmlAsync(await client.GetAsync("/casework/due"));
        Assert.Equal(due.Count, page.QuerySelectorAll("main table tbody tr").Length);
        Assert.Equal(due.Select(r => r[2]), page.QuerySelectorAll("main table tbody tr").Select(r => r.Children[1].TextContent.Trim()));
    }

    [Fact]
    public async Task A_manager_sees_capacity_waiting_and_overdue_work_and_a_warning_for_a_worker_over_their_maximum()
    {
        var olwen = await WithAsync(s => s.GetRequiredService<OrganisationService>().CreateWorkerAsync(System,
            new NewWorker("ifss-2-team", "Olwen Over", "Family practitioner", 0.6m, 1, [], "South")));
        var first = await TestData.CreateFamilyAsync(app.Services, f => f.By(System).InTeam("ifss-2-team").Accepted(new DateOnly(2026, 10, 1)).AllocatedTo(olwen.Id));
        var second = await TestData.CreateFamilyAsync(app.Services, f => f.By(System).InTeam("ifss-2-team").Accepted(new DateOnly(2026, 10, 20)));
        var allocation = await WithAsync(s => s.GetRequiredService<AllocationService>().AllocateAsync(System,
            new NewAllocation(second.Episode!.Id, olwen.Id, new DateOnly(2026, 10, 21), OverrideReason: "Siblings of a family she knows")));
        var client = await app.SignedInClientAsync("Manager");

        var home = await HearthWebFactory.HtmlAsync(await client.GetAsync("/"));

        var capacity = Rows(TableCaptioned(home, "Capacity now"));
        Assert.Equal(["Olwen Over", "IFSS Site 2 team", "0.6", "2", "2 Over maximum", "1", "0"], capacity.Single(r => r[0] == "Olwen Over"));
        var warning = home.QuerySelectorAll(".govuk-warning-text").Single(w => w.TextContent.Contains("Olwen Over"));
        Assert.Contains("Olwen Over holds 2 intensive cases, over their maximum of 1.", warning.TextContent);
        Assert.Equal($"/episodes/{second.Episode!.Id}/allocations/{allocation.Id}/hand-over", warning.QuerySelector("a")!.GetAttribute("href"));
        // Nobody else in the manager's teams is over their maximum.
        Assert.Single(home.QuerySelectorAll(".govuk-warning-text"), w => w.TextContent.Contains("over their maximum"));

        // Waiting and overdue work per team, as the waiting list and due pages count them.
        var work = TableCaptioned(home, "Waiting and due work");
        foreach (var row in work.QuerySelectorAll("tbody tr"))
        {
            var waitingLink = row.Children[1].QuerySelector("a")!;
            var waiting = await HearthWebFactory.HtmlAsync(await client.GetAsync(waitingLink.GetAttribute("href")!));
            var waits = waiting.QuerySelectorAll("main table tbody tr").ToList();
            Assert.Equal(waits.Count.ToString(CultureInfo.InvariantCulture), waitingLink.FirstChild!.TextContent);
            // Positions run 1 to N on every list.
            Assert.Equal(Enumerable.Range(1, waits.Count).Select(n => n.ToString(CultureInfo.InvariantCulture)),
                waits.Select(r => r.QuerySelectorAll("td.govuk-table__cell--numeric")[0].TextContent.Trim()));
        }
        _ = first;
    }

    [Fact]
    public async Task Home_the_caseload_page_the_capacity_report_the_resource_panel_and_allocation_suggestions_give_the_same_figures()
    {
        // An accepted family nobody holds yet, so the allocation page has suggestions to show.
        var waiting = await TestData.CreateFamilyAsync(app.Services, f => f.By(System).Accepted(new DateOnly(2026, 10, 30)));
        var client = await app.SignedInClientAsync("Manager");
        var home = await HearthWebFactory.HtmlAsync(await client.GetAsync("/"));
        var caseloads = await HearthWebFactory.HtmlAsync(await client.GetAsync("/caseload"));
        var panel = await HearthWebFactory.HtmlAsync(await client.GetAsync("/caseload/resource-panel"));
        var report = await HearthWebFactory.HtmlAsync(await client.GetAsync("/reports/capacity?from=2026-11-02&to=2026-11-02"));
        var allocate = await HearthWebFactory.HtmlAsync(await client.GetAsync($"/episodes/{waiting.Episode!.Id}/allocate"));

        // Worker -> (open cases, intensive cases, maximum, free places), read from each page.
        var onHome = Rows(TableCaptioned(home, "Capacity now")).ToDictionary(r => r[0], r => (r[3], r[4].Replace(" Over maximum", "", StringComparison.Ordinal), r[5], r[6]));
        var site1 = onHome.Where(w => Rows(TableCaptioned(home, "Capacity now")).Single(r => r[0] == w.Key)[1] == "IFSS Site 1 team").ToDictionary();
        Assert.NotEmpty(site1);
        Assert.Contains(site1.Values, w => w.Item1 != "0");
        var onCaseloadPage = Rows(TableCaptioned(caseloads, "IFSS Site 1 team: capacity")).ToDictionary(r => r[0], r => (r[1], r[2].Replace(" (over maximum)", "", StringComparison.Ordinal), r[3], r[4]));
        var onPanel = Rows(TableCaptioned(panel, "IFSS Site 1 team: workers’ free capacity")).ToDictionary(r => r[0], r => (r[1], r[2], r[3], r[4]));
        var onReport = Rows(TableCaptioned(report, "Caseloads against capacity")).Where(r => r[1] == "IFSS Site 1 team").ToDictionary(r => r[0], r => (r[4], r[5], r[3], r[6]));
        var suggested = Rows(TableCaptioned(allocate, "Suggested workers, best match first")).ToDictionary(r => r[0], r => (r[1], r[2], r[3], r[4]));

        Assert.Equal(site1, onCaseloadPage);
        Assert.Equal(site1, onPanel);
        Assert.Equal(site1, onReport);
        Assert.Equal(site1, suggested);
        // Beside a free place the panel offers to allocate the next family: the accepted one nobody holds.
        var withRoom = TableCaptioned(panel, "IFSS Site 1 team: workers’ free capacity").QuerySelectorAll("tbody tr").First(r => r.Children[4].TextContent.Trim() != "0");
        Assert.StartsWith("Allocate", withRoom.QuerySelector("a")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.StartsWith("/episodes/", withRoom.QuerySelector("a")!.GetAttribute("href")!, StringComparison.Ordinal);
    }
}
