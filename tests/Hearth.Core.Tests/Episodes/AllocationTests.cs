using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Security;
using Hearth.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Episodes;

public sealed class AllocationTests : JourneyTestBase
{
    private Task<Allocation> Allocate(Guid episodeId, Guid workerId, string? overrideReason = null, ActorContext? actor = null) =>
        InScope(s => Get<AllocationService>(s).AllocateAsync(actor ?? Manager, new NewAllocation(episodeId, workerId, Today, true, overrideReason)));

    [Fact]
    public async Task A_worker_at_their_maximum_cannot_take_another_intensive_case_without_a_managers_override()
    {
        var worker = await WorkerAsync("Sian", TeamA, max: 2);
        var first = await AcceptedEpisodeAsync("A-1", Today.AddDays(-10));
        var second = await AcceptedEpisodeAsync("A-2", Today.AddDays(-10));
        var third = await AcceptedEpisodeAsync("A-3", Today.AddDays(-10));
        await Allocate(first.Id, worker.Id);
        await Allocate(second.Id, worker.Id);

        var e = await Assert.ThrowsAsync<CapacityExceededException>(() => Allocate(third.Id, worker.Id));
        Assert.Equal(2, e.MaxIntensiveCases);
        Assert.Equal(2, await InScope(s => Get<HearthDbContext>(s).Set<Allocation>().CountAsync()));

        var overridden = await Allocate(third.Id, worker.Id, "Sibling group already known to Sian");
        Assert.Equal("Sibling group already known to Sian", overridden.OverrideReason);
        var audit = await InScope(s => Get<HearthDbContext>(s).AuditEvents.SingleAsync(a => a.EntityType == "Allocation" && a.EntityId == overridden.Id.ToString()));
        Assert.Equal("capacity override: Sibling group already known to Sian", audit.Reason);
        Assert.Equal(Manager.UserId, audit.ActorUserId);
        var load = Assert.Single(await InScope(s => Get<AllocationService>(s).LoadsAsync(Manager, [TeamA.Id])));
        Assert.Equal(3, load.OpenIntensive);
        Assert.Equal(0, load.FreeCapacity);
    }

    [Fact]
    public async Task Allocating_from_a_stale_read_of_the_episode_is_a_concurrency_conflict()
    {
        var worker = await WorkerAsync("Stale Reader", TeamA);
        var episode = await AcceptedEpisodeAsync("A-stale", Today.AddDays(-10));
        var read = episode.Version;
        await ActAsync(episode.Id, (s, v) => s.MoveToPhaseAsync(Practitioner, episode.Id, v, "assessment", Today.AddDays(-9)));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            InScope(s => Get<AllocationService>(s).AllocateAsync(Manager, new NewAllocation(episode.Id, worker.Id, Today, EpisodeVersion: read))));
        Assert.Equal(0, await AllocationCountAsync(episode.Id));

        var current = (await EpisodeAsync(episode.Id)).Version;
        await InScope(s => Get<AllocationService>(s).AllocateAsync(Manager, new NewAllocation(episode.Id, worker.Id, Today, EpisodeVersion: current)));
        Assert.Equal(1, await AllocationCountAsync(episode.Id));
    }

    [Fact]
    public async Task Managers_allocating_to_one_worker_at_the_same_moment_cannot_take_them_past_their_maximum()
    {
        var worker = await WorkerAsync("Concurrent Carys", TeamA, max: 1);
        var episodes = new List<Episode>();
        for (var i = 0; i < 6; i++)
        {
            episodes.Add(await AcceptedEpisodeAsync($"A-race-{i}", Today.AddDays(-10)));
        }

        // Each in its own scope and connection, as six managers' requests would be, all started together.
        using var start = new SemaphoreSlim(0);
        var attempts = episodes.Select(e => Task.Run(async () =>
        {
            await start.WaitAsync();
            try
            {
                await Allocate(e.Id, worker.Id);
                return "allocated";
            }
            catch (CapacityExceededException)
            {
                return "refused";
            }
        })).ToList();
        start.Release(attempts.Count);
        var outcomes = await Task.WhenAll(attempts);

        Assert.Equal(1, outcomes.Count(o => o == "allocated"));
        Assert.Equal(5, outcomes.Count(o => o == "refused"));
        Assert.Equal(1, await InScope(s => Get<HearthDbContext>(s).Set<Allocation>().CountAsync(a => a.WorkerId == worker.Id && a.To == null)));
    }

    private Task<int> AllocationCountAsync(Guid episodeId) => InScope(s => Get<HearthDbContext>(s).Set<Allocation>().CountAsync(a => a.EpisodeId == episodeId));

    [Fact]
    public async Task Closed_and_stepped_down_episodes_free_capacity()
    {
        var worker = await WorkerAsync("Owen", TeamA, max: 1);
        var first = await AcceptedEpisodeAsync("A-4", Today.AddDays(-20));
        await Allocate(first.Id, worker.Id);
        await ActAsync(first.Id, (s, v) => s.CloseAsync(Manager, first.Id, v, new ClosureInput(Today, ClosureReason.Disengaged, ClosureDestination.NoFurtherService, false)));

        var second = await AcceptedEpisodeAsync("A-5", Today.AddDays(-5));
        var allocation = await Allocate(second.Id, worker.Id);
        Assert.Null(allocation.OverrideReason);
        var ended = await InScope(s => Get<HearthDbContext>(s).Set<Allocation>().SingleAsync(a => a.EpisodeId == first.Id));
        Assert.Equal(Today, ended.To);
        Assert.Equal(AllocationEndReason.EpisodeClosed, ended.EndReason);
    }

    [Fact]
    public async Task Only_managers_allocate_and_only_within_their_teams()
    {
        var worker = await WorkerAsync("Priya", TeamA);
        var outsideWorker = await WorkerAsync("Other", TeamB);
        var episode = await AcceptedEpisodeAsync("A-6", Today.AddDays(-5));

        await Assert.ThrowsAsync<AccessDeniedException>(() => Allocate(episode.Id, worker.Id, actor: Practitioner));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Allocate(episode.Id, worker.Id, actor: OutsideManager));
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => Allocate(episode.Id, outsideWorker.Id));
        Assert.Equal("WorkerId", e.Errors.Single().Field);
    }

    [Fact]
    public async Task Suggestions_rank_by_free_capacity_then_matching_specialism_then_patch()
    {
        var full = await WorkerAsync("Full Fiona", TeamA, 1, "substance misuse");
        var specialist = await WorkerAsync("Specialist Sian", TeamA, 2, "substance misuse");
        var generalist = await WorkerAsync("Generalist Gwen", TeamA, 3, "domestic abuse");
        await InScope(async s =>
        {
            var db = Get<HearthDbContext>(s);
            var w = await db.Set<Hearth.Core.Organisation.Worker>().SingleAsync(x => x.Id == generalist.Id);
            w.Patch = "Elsewhere";
            await db.SaveChangesAsync(Admin);
        });
        var busy = await AcceptedEpisodeAsync("A-7", Today.AddDays(-9));
        await Allocate(busy.Id, full.Id);
        var episode = await AcceptedEpisodeAsync("A-8", Today.AddDays(-2));

        var suggestions = await InScope(s => Get<AllocationService>(s).SuggestAsync(Manager, episode.Id));

        Assert.Equal(["Specialist Sian", "Generalist Gwen", "Full Fiona"], suggestions.Select(x => x.Worker.Name));
        Assert.Equal(1, suggestions[0].MatchingSpecialisms);
        Assert.True(suggestions[0].PatchMatches);
        Assert.False(suggestions[1].PatchMatches);
        Assert.Equal(0, suggestions[2].Worker.FreeCapacity);
    }
}
