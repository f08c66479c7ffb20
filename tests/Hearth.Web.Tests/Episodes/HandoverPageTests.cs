using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Hearth.Core.Security;
using Hearth.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Hearth.Web.Tests.Infrastructure.JourneyWebFactory;

namespace Hearth.Web.Tests.Episodes;

/// <summary>Ending an allocation, handing a case over in one step, and the managers' list of cases needing reallocation.</summary>
public sealed class HandoverPageTests(JourneyWebFactory app) : IClassFixture<JourneyWebFactory>
{
    private async Task<Worker> WorkerAsync(string name, int max = 2)
    {
        var team = await app.TeamAsync("ifss-1-team");
        return await app.WithAsync(s => s.GetRequiredService<OrganisationService>().CreateWorkerAsync(Seeder,
            new NewWorker("ifss-1-team", $"{name} {Guid.NewGuid():N}"[..(name.Length + 7)], "Family worker", 1m, max, [], team.Patch)));
    }

    /// <summary>A fresh open episode allocated to the worker from 1 September 2026.</summary>
    private async Task<(Episode Episode, Allocation Allocation)> AllocatedEpisodeAsync(Worker worker)
    {
        var (episode, _) = await app.EpisodeAsync();
        var allocation = await app.WithAsync(s => s.GetRequiredService<AllocationService>().AllocateAsync(Seeder, new NewAllocation(episode.Id, worker.Id, episode.OpenedOn)));
        return (episode, allocation);
    }

    private Task<List<Allocation>> AllocationsAsync(Guid episodeId) =>
        app.WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<Allocation>().AsNoTracking().Where(a => a.EpisodeId == episodeId).OrderBy(a => a.To == null).ToListAsync());

    private async Task<HttpClient> TokenClientAsync(string role)
    {
        var issued = await app.WithAsync(s => s.GetRequiredService<TokenService>().CreateAsync(Seeder, HearthWebFactory.EmailFor(role), "handover tests", null));
        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Token);
        return client;
    }

    /// <summary>The worker's row of the team's capacity table on the caseloads page: intensive cases, maximum, free (after their open cases).</summary>
    private async Task<string[]> CapacityRowAsync(HttpClient client, Worker worker)
    {
        var page = await HearthWebFactory.HtmlAsync(await client.GetAsync("/caseload"));
        var row = page.QuerySelectorAll("main table tbody tr").Single(r => r.Children[0].TextContent.Trim() == worker.Name);
        return row.Children.Skip(2).Select(c => c.TextContent.Trim()).ToArray();
    }

    [Fact]
    public async Task A_manager_ends_an_allocation_with_a_reason_which_frees_the_workers_place()
    {
        var worker = await WorkerAsync("Ellis");
        var (episode, allocation) = await AllocatedEpisodeAsync(worker);
        var path = $"/episodes/{episode.Id}/allocations/{allocation.Id}/end";
        var manager = await app.SignedInClientAsync("Manager");

        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignedInClientAsync("Practitioner")).GetAsync(path)).StatusCode);
        var show = await HearthWebFactory.HtmlAsync(await manager.GetAsync($"/episodes/{episode.Id}"));
        Assert.Equal([$"/episodes/{episode.Id}/allocations/{allocation.Id}/hand-over", path], show.QuerySelectorAll("#allocation-actions a").Select(a => a.GetAttribute("href")));
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync(path)).StatusCode);
        Assert.Equal(["1", "2", "1"], await CapacityRowAsync(manager, worker));

        var missing = await AssertRefusedAsync(await PostAsync(manager, path, [F("Version", allocation.Version.ToString())]));
        Assert.Equal(["#on", "#reason"], ErrorLinks(missing));
        var noNote = await AssertRefusedAsync(await PostAsync(manager, path, [F("Version", allocation.Version.ToString()), F("Reason", "Other"), .. Date("On", Today)]));
        Assert.Equal(["#note"], ErrorLinks(noNote));
        Assert.Contains("Enter why the allocation is ending", ErrorSummary(noNote));
        var early = await AssertRefusedAsync(await PostAsync(manager, path, [F("Version", allocation.Version.ToString()), F("Reason", "Sickness"), .. Date("On", new DateOnly(2026, 8, 31))]));
        Assert.Equal(["#on"], ErrorLinks(early));
        Assert.Null(Assert.Single(await AllocationsAsync(episode.Id)).To);

        var saved = await PostAsync(manager, path, [F("Version", allocation.Version.ToString()), F("Reason", "Sickness"), .. Date("On", Today)]);

        Assert.Equal($"/episodes/{episode.Id}?saved=allocation-end", saved.Headers.Location!.OriginalString);
        var ended = Assert.Single(await AllocationsAsync(episode.Id));
        Assert.Equal(((DateOnly?)Today, (AllocationEndReason?)AllocationEndReason.Sickness), (ended.To, ended.EndReason));
        Assert.Equal(["0", "2", "2"], await CapacityRowAsync(manager, worker));
        var after = await HearthWebFactory.HtmlAsync(await manager.GetAsync($"/episodes/{episode.Id}"));
        var table = after.QuerySelectorAll("main table").Single(t => t.QuerySelector("caption")?.TextContent.Trim() == "Allocations");
        Assert.Contains("Worker's sickness or absence", table.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task A_handover_ends_the_old_allocation_and_starts_the_new_one_the_same_day_in_one_step()
    {
        var leaving = await WorkerAsync("Lee");
        var taking = await WorkerAsync("Tam");
        var full = await WorkerAsync("Fay", max: 0);
        var (episode, allocation) = await AllocatedEpisodeAsync(leaving);
        var path = $"/episodes/{episode.Id}/allocations/{allocation.Id}/hand-over";
        var manager = await app.SignedInClientAsync("Manager");
        var version = allocation.Version.ToString();

        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignedInClientAsync("Practitioner")).GetAsync(path)).StatusCode);
        var form = await HearthWebFactory.HtmlAsync(await manager.GetAsync(path));
        Assert.Null(form.QuerySelector($"input[name=ToWorkerId][value='{leaving.Id}']"));
        Assert.NotNull(form.QuerySelector($"input[name=ToWorkerId][value='{taking.Id}']"));

        var missing = await AssertRefusedAsync(await PostAsync(manager, path, [F("Version", version), .. Date("On", Today)]));
        Assert.Equal(["#to-worker-id", "#reason"], ErrorLinks(missing));
        var atMaximum = await AssertRefusedAsync(await PostAsync(manager, path, [F("Version", version), F("ToWorkerId", full.Id.ToString()), F("Reason", "LeftTeam"), .. Date("On", Today)]));
        Assert.Equal(["#override-reason"], ErrorLinks(atMaximum));
        var stale = await AssertRefusedAsync(await PostAsync(manager, path, [F("Version", (allocation.Version + 1).ToString()), F("ToWorkerId", taking.Id.ToString()), F("Reason", "LeftTeam"), .. Date("On", Today)]));
        Assert.Contains("changed by someone else", ErrorSummary(stale));
        var unchanged = Assert.Single(await AllocationsAsync(episode.Id));
        Assert.Equal((leaving.Id, (DateOnly?)null), (unchanged.WorkerId, unchanged.To));

        var saved = await PostAsync(manager, path, [F("Version", version), F("ToWorkerId", taking.Id.ToString()), F("Reason", "LeftTeam"), .. Date("On", Today)]);

        Assert.Equal($"/episodes/{episode.Id}?saved=handover", saved.Headers.Location!.OriginalString);
        var both = await AllocationsAsync(episode.Id);
        Assert.Equal([(leaving.Id, episode.OpenedOn, (DateOnly?)Today, (AllocationEndReason?)AllocationEndReason.LeftTeam, true), (taking.Id, Today, null, null, true)],
            both.Select(a => (a.WorkerId, a.From, a.To, a.EndReason, a.IsLead)));
        // Capacity counts only open allocations: the case now takes one of Tam's two places and none of Lee's.
        Assert.Equal(["0", "2", "2"], await CapacityRowAsync(manager, leaving));
        Assert.Equal(["1", "2", "1"], await CapacityRowAsync(manager, taking));
        var chronology = await HearthWebFactory.HtmlAsync(await manager.GetAsync($"/casework/families/{episode.FamilyId}/chronology?type=Allocation"));
        Assert.Contains($"Allocation to {leaving.Name} ended: worker left the team", chronology.QuerySelector("main table")!.TextContent);
    }

    [Fact]
    public async Task Managers_list_cases_with_no_worker_or_a_worker_who_has_left_and_the_api_hands_them_over()
    {
        var leaver = await WorkerAsync("Dee");
        var taking = await WorkerAsync("Ash", max: 5);
        var (held, allocation) = await AllocatedEpisodeAsync(leaver);
        var (unallocated, _) = await app.EpisodeAsync();
        await app.WithAsync(s => s.GetRequiredService<OrganisationService>().WorkerLeavesAsync(Seeder, leaver.Id, leaver.Version, allocation.From));
        var manager = await app.SignedInClientAsync("Manager");
        var reference = (await app.WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<Core.People.Family>().AsNoTracking().SingleAsync(f => f.Id == held.FamilyId))).Reference;

        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignedInClientAsync("Practitioner")).GetAsync("/caseload/reallocation")).StatusCode);
        Assert.Contains("/caseload/reallocation", (await HearthWebFactory.HtmlAsync(await manager.GetAsync("/caseload"))).QuerySelectorAll("main a").Select(a => a.GetAttribute("href")));
        var page = await HearthWebFactory.HtmlAsync(await manager.GetAsync("/caseload/reallocation"));
        var rows = page.QuerySelectorAll("main table tbody tr").ToDictionary(r => r.QuerySelector("th a")!.GetAttribute("href")!);
        Assert.Contains($"Held by {leaver.Name}, who is no longer active", rows[$"/episodes/{held.Id}"].TextContent);
        Assert.Equal(reference, rows[$"/episodes/{held.Id}"].QuerySelector("th")!.TextContent.Trim());
        Assert.Equal($"/episodes/{held.Id}/allocations/{allocation.Id}/hand-over", rows[$"/episodes/{held.Id}"].QuerySelector("td a")!.GetAttribute("href"));
        Assert.Equal($"/episodes/{unallocated.Id}/allocate", rows[$"/episodes/{unallocated.Id}"].QuerySelector("td a")!.GetAttribute("href"));

        var api = await TokenClientAsync("Manager");
        var listed = await (await api.GetAsync("/api/v1/caseload/needing-reallocation")).Content.ReadFromJsonAsync<JsonElement>();
        var entry = listed.EnumerateArray().Single(c => c.GetProperty("episodeId").GetGuid() == held.Id);
        Assert.Equal("WorkerInactive", entry.GetProperty("need").GetString());
        Assert.Equal(allocation.Id, entry.GetProperty("inactiveHoldings")[0].GetProperty("allocationId").GetGuid());
        Assert.Equal(HttpStatusCode.Forbidden, (await (await TokenClientAsync("Practitioner")).GetAsync("/api/v1/caseload/needing-reallocation")).StatusCode);
        var handOver = $"/api/v1/allocations/{allocation.Id}/hand-over";
        var badReason = await api.PostAsJsonAsync(handOver, new { version = allocation.Version, toWorkerId = taking.Id, on = Today.ToString("yyyy-MM-dd"), reason = "episode_closed" });
        Assert.Equal(HttpStatusCode.BadRequest, badReason.StatusCode);
        Assert.True((await badReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Reason", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await TokenClientAsync("Practitioner")).PostAsJsonAsync(handOver,
            new { version = allocation.Version, toWorkerId = taking.Id, on = Today.ToString("yyyy-MM-dd"), reason = "left_team" })).StatusCode);

        var created = await api.PostAsJsonAsync(handOver, new { version = allocation.Version, toWorkerId = taking.Id, on = Today.ToString("yyyy-MM-dd"), reason = "left_team" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var next = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((taking.Id, "2026-11-02"), (next.GetProperty("workerId").GetGuid(), next.GetProperty("from").GetString()));
        var after = await HearthWebFactory.HtmlAsync(await manager.GetAsync("/caseload/reallocation"));
        var hrefs = after.QuerySelectorAll("main table tbody th a").Select(a => a.GetAttribute("href")).ToList();
        Assert.DoesNotContain($"/episodes/{held.Id}", hrefs);
        Assert.Contains($"/episodes/{unallocated.Id}", hrefs);

        // Ending through the API names a reason it cannot read.
        var ending = await api.PostAsJsonAsync($"/api/v1/allocations/{next.GetProperty("id").GetGuid()}/end", new { version = next.GetProperty("version").GetInt32(), on = Today.ToString("yyyy-MM-dd"), reason = "bored" });
        Assert.Equal(HttpStatusCode.BadRequest, ending.StatusCode);
        var ended = await api.PostAsJsonAsync($"/api/v1/allocations/{next.GetProperty("id").GetGuid()}/end", new { version = next.GetProperty("version").GetInt32(), on = Today.ToString("yyyy-MM-dd"), reason = "rebalancing" });
        Assert.Equal("rebalancing", (await ended.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("endReason").GetString());
    }
}
