using System.Text.Json;
using Hearth.Core.Auditing;
using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Hearth.Core.Security;
using Hearth.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Episodes;

/// <summary>Ending an allocation with a reason, handing a case over in one step, and the cases that need reallocating.</summary>
public sealed class HandoverTests : JourneyTestBase
{
    private Task<Allocation> Allocate(Guid episodeId, Guid workerId, DateOnly from) =>
        InScope(s => Get<AllocationService>(s).AllocateAsync(Manager, new NewAllocation(episodeId, workerId, from)));

    private Task<List<Allocation>> AllocationsAsync(Guid episodeId) =>
        InScope(s => Get<HearthDbContext>(s).Set<Allocation>().AsNoTracking().Where(a => a.EpisodeId == episodeId).OrderBy(a => a.From).ThenBy(a => a.To == null).ToListAsync());

    private Task<WorkerLoad> LoadAsync(Guid workerId) =>
        InScope(async s => (await Get<AllocationService>(s).LoadsAsync(Manager, [TeamA.Id])).Single(l => l.WorkerId == workerId));

    private Task<IReadOnlyList<CaseNeedingReallocation>> NeedingAsync(ActorContext? actor = null) =>
        InScope(s => Get<AllocationService>(s).NeedingReallocationAsync(actor ?? Manager));

    [Fact]
    public async Task Ending_an_allocation_needs_a_reason_is_audited_and_frees_the_workers_place()
    {
        var owen = await WorkerAsync("Owen", TeamA, max: 1);
        var first = await AcceptedEpisodeAsync("H-1", Today.AddDays(-20));
        var second = await AcceptedEpisodeAsync("H-2", Today.AddDays(-20));
        var held = await Allocate(first.Id, owen.Id, Today.AddDays(-15));
        await Assert.ThrowsAsync<CapacityExceededException>(() => Allocate(second.Id, owen.Id, Today));

        var noReason = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            InScope(s => Get<AllocationService>(s).EndAllocationAsync(Manager, held.Id, held.Version, new AllocationEnding(Today.AddDays(-16), null))));
        Assert.Equal([("On", "The date must be between the allocation's start (18 October 2026) and today"), ("Reason", "Choose why the allocation is ending")],
            noReason.Errors.Select(e => (e.Field, e.Message)));
        var other = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            InScope(s => Get<AllocationService>(s).EndAllocationAsync(Manager, held.Id, held.Version, new AllocationEnding(Today, AllocationEndReason.Other, " "))));
        Assert.Equal(("Note", "Enter why the allocation is ending"), (other.Errors.Single().Field, other.Errors.Single().Message));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            InScope(s => Get<AllocationService>(s).EndAllocationAsync(Practitioner, held.Id, held.Version, new AllocationEnding(Today, AllocationEndReason.Rebalancing))));
        Assert.Null((await AllocationsAsync(first.Id)).Single().To);

        await InScope(s => Get<AllocationService>(s).EndAllocationAsync(Manager, held.Id, held.Version, new AllocationEnding(Today, AllocationEndReason.Rebalancing)));

        var ended = (await AllocationsAsync(first.Id)).Single();
        Assert.Equal(((DateOnly?)Today, (AllocationEndReason?)AllocationEndReason.Rebalancing), (ended.To, ended.EndReason));
        var audit = await InScope(s => Get<HearthDbContext>(s).AuditEvents.SingleAsync(a => a.EntityId == held.Id.ToString() && a.Action == AuditAction.Updated));
        Assert.Equal(Manager.UserId, audit.ActorUserId);
        var changes = JsonSerializer.Deserialize<List<FieldChange>>(audit.Changes!, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Contains(changes, c => c.Field == "EndReason" && c.To == "Rebalancing");
        // Owen's one place is free again: the second family needs no override.
        Assert.Equal((0, 1), ((await LoadAsync(owen.Id)).OpenIntensive, (await LoadAsync(owen.Id)).FreeCapacity));
        Assert.Null((await Allocate(second.Id, owen.Id, Today)).OverrideReason);
        var chronology = await InScope(s => Get<Chronology>(s).ForFamilyAsync(Manager, first.FamilyId, ChronologyKind.Allocation));
        Assert.Equal(["Allocation to Owen ended: rebalancing caseloads", "Allocated to Owen"], chronology.Select(e => e.Summary));
    }

    [Fact]
    public async Task A_handover_ends_the_old_allocation_and_starts_the_new_one_on_the_same_day_or_changes_nothing()
    {
        var sian = await WorkerAsync("Sian", TeamA, max: 2);
        var owen = await WorkerAsync("Owen", TeamA, max: 1);
        var episode = await AcceptedEpisodeAsync("H-3", Today.AddDays(-30));
        var owens = await AcceptedEpisodeAsync("H-4", Today.AddDays(-30));
        var held = await Allocate(episode.Id, sian.Id, Today.AddDays(-25));
        var owensOwn = await Allocate(owens.Id, owen.Id, Today.AddDays(-25));
        var on = Today.AddDays(-5);
        Handover To(Guid worker, int? version = null, string? overrideReason = null) => new(held.Id, version ?? held.Version, worker, new AllocationEnding(on, AllocationEndReason.LeftTeam), overrideReason);

        // Owen is full, the same worker is no handover, and a stale read is a conflict: each leaves Sian holding the case.
        await Assert.ThrowsAsync<CapacityExceededException>(() => InScope(s => Get<AllocationService>(s).HandOverAsync(Manager, To(owen.Id))));
        var same = await Assert.ThrowsAsync<ValidationFailedException>(() => InScope(s => Get<AllocationService>(s).HandOverAsync(Manager, To(sian.Id))));
        Assert.Equal(("ToWorkerId", "Choose a different worker to hand the case to"), (same.Errors.Single().Field, same.Errors.Single().Message));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => InScope(s => Get<AllocationService>(s).HandOverAsync(Manager, To(owen.Id, held.Version + 1, "Knows the family"))));
        await Assert.ThrowsAsync<AccessDeniedException>(() => InScope(s => Get<AllocationService>(s).HandOverAsync(Practitioner, To(owen.Id, overrideReason: "Knows the family"))));
        var untouched = Assert.Single(await AllocationsAsync(episode.Id));
        Assert.Equal((sian.Id, (DateOnly?)null), (untouched.WorkerId, untouched.To));

        // Owen's own case is rebalanced to Sian first, freeing his place.
        await InScope(s => Get<AllocationService>(s).HandOverAsync(Manager, new Handover(owensOwn.Id, owensOwn.Version, sian.Id, new AllocationEnding(on, AllocationEndReason.Rebalancing))));
        Assert.Equal(2, (await LoadAsync(sian.Id)).OpenIntensive);
        var next = await InScope(s => Get<AllocationService>(s).HandOverAsync(Manager, To(owen.Id)));

        var both = await AllocationsAsync(episode.Id);
        Assert.Equal([(sian.Id, Today.AddDays(-25), (DateOnly?)on, (AllocationEndReason?)AllocationEndReason.LeftTeam, true), (owen.Id, on, null, null, true)],
            both.Select(a => (a.WorkerId, a.From, a.To, a.EndReason, a.IsLead)));
        Assert.Equal(next.Id, both[1].Id);
        Assert.Null(next.OverrideReason);
        // Only open allocations count: Sian holds one case again (Owen's), Owen holds this one.
        Assert.Equal((1, 1), ((await LoadAsync(sian.Id)).OpenIntensive, (await LoadAsync(owen.Id)).OpenIntensive));
        var audits = await InScope(s => Get<HearthDbContext>(s).AuditEvents.Where(a => a.EntityId == held.Id.ToString() || a.EntityId == next.Id.ToString()).OrderBy(a => a.Id).ToListAsync());
        // The ending and the new allocation were written by one save: the same moment, the same actor.
        var handover = audits.Skip(1).ToList();
        Assert.Equal([(AuditAction.Created, next.Id.ToString()), (AuditAction.Updated, held.Id.ToString())], handover.Select(a => (a.Action, a.EntityId)).Order());
        Assert.Single(handover.Select(a => (a.OccurredAt, a.ActorUserId)).Distinct());
        var chronology = await InScope(s => Get<Chronology>(s).ForFamilyAsync(Manager, episode.FamilyId, ChronologyKind.Allocation));
        // Newest first; the two entries of the handover day in either order.
        Assert.Equal([(on, "Allocated to Owen"), (on, "Allocation to Sian ended: worker left the team"), (Today.AddDays(-25), "Allocated to Sian")],
            chronology.Select(e => (e.On, e.Summary)).OrderByDescending(e => e.On).ThenBy(e => e.Summary, StringComparer.Ordinal));
        Assert.Equal(Today.AddDays(-25), chronology[^1].On);
    }

    [Fact]
    public async Task Managers_see_open_cases_with_no_worker_or_a_worker_who_has_left_until_they_are_handed_over()
    {
        var sian = await WorkerAsync("Sian", TeamA);
        var owen = await WorkerAsync("Owen", TeamA, max: 3);
        var unallocated = await AcceptedEpisodeAsync("R-1", Today.AddDays(-40));
        var leaversCase = await AcceptedEpisodeAsync("R-2", Today.AddDays(-30));
        var covered = await AcceptedEpisodeAsync("R-3", Today.AddDays(-20));
        var closed = await AcceptedEpisodeAsync("R-4", Today.AddDays(-20));
        await ActAsync(closed.Id, (s, v) => s.CloseAsync(Manager, closed.Id, v, new ClosureInput(Today, ClosureReason.Disengaged, ClosureDestination.NoFurtherService, false)));
        var (otherFamily, otherChild) = await FamilyWithChildAsync("R-5", TeamB);
        var otherReferral = await RecordAsync(Referral(otherFamily, otherChild.Id, Today.AddDays(-10), team: TeamB), Outsider);
        await TriageAsync(otherReferral.Id, new Core.Referrals.TriageDecision(Core.Referrals.TriageOutcome.Accepted, Today.AddDays(-10)), OutsideManager);
        var leaving = await Allocate(leaversCase.Id, sian.Id, Today.AddDays(-25));
        await Allocate(covered.Id, owen.Id, Today.AddDays(-15));

        Assert.Equal([("R-1", ReallocationNeed.NotAllocated)], (await NeedingAsync()).Select(c => (c.FamilyReference, c.Need)));

        // Sian leaves: her case now needs a worker, though its allocation is still open.
        await InScope(s => Get<OrganisationService>(s).WorkerLeavesAsync(Admin, sian.Id, sian.Version, Today));
        var needing = await NeedingAsync();
        Assert.Equal([("R-1", ReallocationNeed.NotAllocated), ("R-2", ReallocationNeed.WorkerInactive)], needing.Select(c => (c.FamilyReference, c.Need)));
        var holding = Assert.Single(needing[1].InactiveHoldings);
        Assert.Equal((leaving.Id, "Sian"), (holding.AllocationId, holding.WorkerName));
        Assert.Equal(["R-5"], (await NeedingAsync(OutsideManager)).Select(c => c.FamilyReference));
        await Assert.ThrowsAsync<AccessDeniedException>(() => NeedingAsync(Practitioner));
        // A worker who has left cannot be handed a case.
        var toLeaver = await Assert.ThrowsAsync<ValidationFailedException>(() => Allocate(unallocated.Id, sian.Id, Today));
        Assert.Equal(("WorkerId", "Choose an active worker"), (toLeaver.Errors.Single().Field, toLeaver.Errors.Single().Message));

        await InScope(s => Get<AllocationService>(s).HandOverAsync(Manager, new Handover(holding.AllocationId, holding.Version, owen.Id, new AllocationEnding(Today, AllocationEndReason.LeftTeam))));
        await Allocate(unallocated.Id, owen.Id, Today);

        Assert.Empty(await NeedingAsync());
    }
}
