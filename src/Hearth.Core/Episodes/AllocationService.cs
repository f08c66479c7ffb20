using Hearth.Core.Data;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Episodes;

/// <summary>
/// An allocation. <paramref name="EpisodeVersion"/> is the episode version the manager read, when they allocate from a page:
/// if the episode changed since (moved on, closed), the allocation is refused as a concurrency conflict.
/// </summary>
public sealed record NewAllocation(Guid EpisodeId, Guid WorkerId, DateOnly From, bool IsLead = true, string? OverrideReason = null, int? EpisodeVersion = null);

public sealed record WorkerSuggestion(WorkerLoad Worker, int MatchingSpecialisms, bool PatchMatches);

/// <summary>The worker is at their maximum of intensive cases; a manager may override with a reason.</summary>
public sealed class CapacityExceededException(string workerName, int max)
    : Exception($"{workerName} already holds {max} intensive case(s), their maximum. A manager can override this with a reason.")
{
    public string WorkerName { get; } = workerName;
    public int MaxIntensiveCases { get; } = max;
}

/// <summary>The end of an allocation: the day it ends, why, and a note (needed when the reason is "other").</summary>
public sealed record AllocationEnding(DateOnly On, AllocationEndReason? Reason, string? Note = null);

/// <summary>
/// A handover: the allocation read at <paramref name="Version"/> ends on <paramref name="Ending"/>'s date and
/// <paramref name="ToWorkerId"/>'s starts the same day, keeping whether it is the lead allocation.
/// </summary>
public sealed record Handover(Guid AllocationId, int Version, Guid ToWorkerId, AllocationEnding Ending, string? OverrideReason = null);

public static class AllocationEndReasons
{
    /// <summary>The reasons a manager can choose (closure sets its own).</summary>
    public static IReadOnlyList<AllocationEndReason> Chosen { get; } = [AllocationEndReason.LeftTeam, AllocationEndReason.Rebalancing, AllocationEndReason.Sickness, AllocationEndReason.Other];

    public static string Label(AllocationEndReason reason) => reason switch
    {
        AllocationEndReason.LeftTeam => "Worker left the team",
        AllocationEndReason.Rebalancing => "Rebalancing caseloads",
        AllocationEndReason.Sickness => "Worker's sickness or absence",
        AllocationEndReason.Other => "Other",
        _ => "Episode closed",
    };
}

/// <summary>Why an open episode is on the list of cases needing reallocation.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ReallocationNeed>))]
public enum ReallocationNeed
{
    /// <summary>No worker holds the episode.</summary>
    NotAllocated,
    /// <summary>A worker who holds it is no longer active (they left or were deactivated).</summary>
    WorkerInactive,
}

/// <summary>An open allocation held by a worker who is no longer active.</summary>
public sealed record InactiveHolding(Guid AllocationId, int Version, Guid WorkerId, string WorkerName, DateOnly From, bool IsLead);

/// <summary>An open episode no active worker holds, or one still held by a worker who is no longer active.</summary>
public sealed record CaseNeedingReallocation(Guid EpisodeId, int EpisodeVersion, Guid TeamId, string TeamName, Guid FamilyId, string FamilyReference, DateOnly OpenedOn,
    string Phase, bool IsIntensive, ReallocationNeed Need, IReadOnlyList<InactiveHolding> InactiveHoldings, IReadOnlyList<string> ActiveWorkers);

/// <summary>Allocates episodes to workers within their capacity, ends and hands over allocations, and suggests who has room.</summary>
public sealed class AllocationService(HearthDbContext db)
{
    public async Task<Allocation> AllocateAsync(ActorContext actor, NewAllocation input, CancellationToken ct = default)
    {
        actor.Demand(Permission.ManageCases);
        var episode = await db.Set<Episode>().InScope(actor).SingleOrDefaultAsync(e => e.Id == input.EpisodeId, ct)
            ?? throw new AccessDeniedException("That episode does not exist or is not in your teams.");
        if (input.EpisodeVersion is { } read && read != episode.Version)
        {
            throw new ConcurrencyConflictException("episode");
        }
        var v = new Validator();
        if (input.From > db.Today())
        {
            v.Add("From", "The date must be today or in the past");
        }
        else if (input.From < episode.OpenedOn)
        {
            v.Add("From", $"The date cannot be before the episode opened on {episode.OpenedOn:d MMMM yyyy}");
        }
        await using var tx = await UnitOfWork.BeginAsync(db, ct);
        var (allocation, audited) = await NewAllocationAsync(actor, episode, input.WorkerId, input.From, input.IsLead, input.OverrideReason, v, "WorkerId", ct);
        db.Add(allocation);
        await db.SaveChangesAsync(audited, ct);
        await tx.CommitAsync(ct);
        return allocation;
    }

    /// <summary>
    /// Checks the worker can take the episode (active, in the actor's teams, not already holding it, within capacity or
    /// with an override reason) and builds the allocation unsaved, with the actor the audit records it under.
    /// </summary>
    private async Task<(Allocation Allocation, ActorContext Audited)> NewAllocationAsync(ActorContext actor, Episode episode, Guid workerId, DateOnly from, bool isLead,
        string? overrideReason, Validator v, string workerField, CancellationToken ct)
    {
        var worker = await db.Set<Worker>().AsNoTracking().Include(w => w.Team).ThenInclude(t => t!.Service).SingleOrDefaultAsync(w => w.Id == workerId, ct);
        if (worker is null || !worker.IsActive)
        {
            v.Add(workerField, "Choose an active worker");
        }
        else if (!actor.CanSeeTeam(worker.TeamId))
        {
            v.Add(workerField, "You can only allocate workers in your own teams");
        }
        else if (OrganisationService.ClosedReason(worker.Team!, worker.Team!.Service!) is { } closed)
        {
            v.Add(workerField, closed);
        }
        if (episode.ClosedOn is not null)
        {
            v.Add("EpisodeId", "The episode is closed");
        }
        if (await db.Set<Allocation>().AnyAsync(a => a.EpisodeId == episode.Id && a.WorkerId == workerId && a.To == null, ct))
        {
            v.Add(workerField, "The worker is already allocated to this episode");
        }
        v.MaxLength("OverrideReason", overrideReason, 1000, "Override reason");
        v.ThrowIfAny();

        var reason = string.IsNullOrWhiteSpace(overrideReason) ? null : overrideReason.Trim();
        if (episode.IsIntensive)
        {
            // Two managers allocating to one worker at once: a no-op update locks the worker's row (PostgreSQL; SQLite's
            // write transaction locks the file), so the second waits for the first to commit and then counts its case too.
            if (db.Database.CurrentTransaction is null)
            {
                throw new InvalidOperationException("Allocating checks the worker's capacity inside the caller's transaction.");
            }
            await db.Set<Worker>().Where(w => w.Id == workerId).ExecuteUpdateAsync(s => s.SetProperty(w => w.Version, w => w.Version), ct);
            var open = await OpenIntensive(worker!.Id).CountAsync(ct);
            if (open >= worker.MaxIntensiveCases && reason is null)
            {
                throw new CapacityExceededException(worker.Name, worker.MaxIntensiveCases);
            }
            if (open < worker.MaxIntensiveCases)
            {
                // No override was needed, so none is recorded.
                reason = null;
            }
        }
        else
        {
            reason = null;
        }
        var allocation = new Allocation { EpisodeId = episode.Id, WorkerId = workerId, From = from, IsLead = isLead, OverrideReason = reason };
        return (allocation, reason is null ? actor : actor.WithReason($"capacity override: {reason}"));
    }

    /// <summary>Ends an allocation on a date with a reason; the worker's place is free from that day.</summary>
    public async Task<Allocation> EndAllocationAsync(ActorContext actor, Guid allocationId, int version, AllocationEnding ending, CancellationToken ct = default)
    {
        actor.Demand(Permission.ManageCases);
        var allocation = await OpenToEndAsync(actor, allocationId, ct);
        var v = new Validator();
        CheckEnding(allocation, ending, v);
        v.ThrowIfAny();
        allocation.Version = version;
        End(allocation, ending);
        await db.SaveChangesAsync(actor, ct);
        return allocation;
    }

    /// <summary>
    /// Hands a case to another worker in one step: the old allocation ends and the new one starts on the same day, in
    /// one transaction, so the episode is never without its worker and never held twice.
    /// </summary>
    public async Task<Allocation> HandOverAsync(ActorContext actor, Handover input, CancellationToken ct = default)
    {
        actor.Demand(Permission.ManageCases);
        var allocation = await OpenToEndAsync(actor, input.AllocationId, ct);
        var v = new Validator();
        CheckEnding(allocation, input.Ending, v);
        if (input.ToWorkerId == allocation.WorkerId)
        {
            v.Add("ToWorkerId", "Choose a different worker to hand the case to");
            v.ThrowIfAny();
        }
        await using var tx = await UnitOfWork.BeginAsync(db, ct);
        var (next, audited) = await NewAllocationAsync(actor, allocation.Episode!, input.ToWorkerId, input.Ending.On, allocation.IsLead, input.OverrideReason, v, "ToWorkerId", ct);
        allocation.Version = input.Version;
        End(allocation, input.Ending);
        db.Add(next);
        await db.SaveChangesAsync(audited, ct);
        await tx.CommitAsync(ct);
        return next;
    }

    private async Task<Allocation> OpenToEndAsync(ActorContext actor, Guid allocationId, CancellationToken ct)
    {
        var allocation = await db.Set<Allocation>().Include(a => a.Episode).SingleOrDefaultAsync(a => a.Id == allocationId, ct);
        if (allocation is null || !actor.CanSeeTeam(allocation.Episode!.TeamId))
        {
            throw new AccessDeniedException("That allocation does not exist or is not in your teams.");
        }
        return allocation;
    }

    private void CheckEnding(Allocation allocation, AllocationEnding ending, Validator v)
    {
        if (allocation.To is not null)
        {
            v.Add("On", "The allocation has already ended");
        }
        else if (ending.On < allocation.From || ending.On > db.Today())
        {
            v.Add("On", $"The date must be between the allocation's start ({allocation.From:d MMMM yyyy}) and today");
        }
        if (ending.Reason is null || ending.Reason == AllocationEndReason.EpisodeClosed || !Enum.IsDefined(ending.Reason.Value))
        {
            v.Add("Reason", "Choose why the allocation is ending");
        }
        else if (ending.Reason == AllocationEndReason.Other && string.IsNullOrWhiteSpace(ending.Note))
        {
            v.Add("Note", "Enter why the allocation is ending");
        }
        v.MaxLength("Note", ending.Note, 1000, "The note");
    }

    private static void End(Allocation allocation, AllocationEnding ending)
    {
        allocation.To = ending.On;
        allocation.EndReason = ending.Reason;
        allocation.EndNote = string.IsNullOrWhiteSpace(ending.Note) ? null : ending.Note.Trim();
    }

    /// <summary>
    /// Open episodes of the actor's teams (or one team) that need a worker: no open allocation, or an open allocation
    /// with a worker who is no longer active. Oldest first, since they have waited longest.
    /// </summary>
    public async Task<IReadOnlyList<CaseNeedingReallocation>> NeedingReallocationAsync(ActorContext actor, Guid? teamId = null, CancellationToken ct = default)
    {
        actor.Demand(Permission.ManageCases);
        var episodes = db.Set<Episode>().AsNoTracking().InScope(actor).Where(e => e.ClosedOn == null);
        if (teamId is { } team)
        {
            episodes = episodes.Where(e => e.TeamId == team);
        }
        var rows = await episodes
            .Where(e => !db.Set<Allocation>().Any(a => a.EpisodeId == e.Id && a.To == null)
                || db.Set<Allocation>().Any(a => a.EpisodeId == e.Id && a.To == null && db.Set<Worker>().Any(w => w.Id == a.WorkerId && !w.IsActive)))
            .Join(db.Set<Team>(), e => e.TeamId, t => t.Id, (e, t) => new { e, Team = t.Name })
            .Join(db.Set<Family>(), x => x.e.FamilyId, f => f.Id, (x, f) => new { x.e.Id, x.e.Version, x.e.TeamId, x.Team, x.e.FamilyId, f.Reference, x.e.OpenedOn, x.e.CurrentPhase, x.e.ProgrammeVersionId, x.e.IsIntensive })
            .OrderBy(x => x.OpenedOn).ThenBy(x => x.Reference)
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var holdings = await db.Set<Allocation>().AsNoTracking().Where(a => ids.Contains(a.EpisodeId) && a.To == null)
            .Join(db.Set<Worker>(), a => a.WorkerId, w => w.Id, (a, w) => new { a.EpisodeId, a.Id, a.Version, a.WorkerId, w.Name, w.IsActive, a.From, a.IsLead })
            .ToListAsync(ct);
        var programmeIds = rows.Select(r => r.ProgrammeVersionId).Distinct().ToList();
        var programmes = await db.Set<Programmes.ProgrammeVersion>().AsNoTracking().Where(p => programmeIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Definition, ct);
        return rows.Select(r =>
        {
            var held = holdings.Where(h => h.EpisodeId == r.Id).OrderBy(h => h.Name, StringComparer.Ordinal).ToList();
            var inactive = held.Where(h => !h.IsActive).Select(h => new InactiveHolding(h.Id, h.Version, h.WorkerId, h.Name, h.From, h.IsLead)).ToList();
            return new CaseNeedingReallocation(r.Id, r.Version, r.TeamId, r.Team, r.FamilyId, r.Reference, r.OpenedOn,
                programmes.GetValueOrDefault(r.ProgrammeVersionId)?.Phase(r.CurrentPhase)?.Name ?? r.CurrentPhase, r.IsIntensive,
                inactive.Count > 0 ? ReallocationNeed.WorkerInactive : ReallocationNeed.NotAllocated, inactive, held.Where(h => h.IsActive).Select(h => h.Name).ToList());
        }).ToList();
    }

    /// <summary>Each active worker's caseload in the given teams, as <see cref="Caseloads"/> defines it.</summary>
    public async Task<IReadOnlyList<WorkerLoad>> LoadsAsync(ActorContext actor, IReadOnlyCollection<Guid> teamIds, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var teams = teamIds.Where(actor.CanSeeTeam).ToList();
        return await Caseloads.LoadsAsync(db, db.Set<Worker>().Where(w => w.IsActive && teams.Contains(w.TeamId)), ct);
    }

    /// <summary>
    /// Workers of the episode's team ranked for allocation: those with free capacity first, then by how many of the
    /// referral's presenting needs match their specialisms, then whether their patch is the family's, then most room.
    /// </summary>
    public async Task<IReadOnlyList<WorkerSuggestion>> SuggestAsync(ActorContext actor, Guid episodeId, CancellationToken ct = default)
    {
        actor.Demand(Permission.ManageCases);
        var episode = await db.Set<Episode>().AsNoTracking().InScope(actor).SingleOrDefaultAsync(e => e.Id == episodeId, ct)
            ?? throw new AccessDeniedException("That episode does not exist or is not in your teams.");
        var needs = await db.Set<Referral>().AsNoTracking().Where(r => r.EpisodeId == episodeId).Select(r => r.PresentingNeeds).ToListAsync(ct);
        var needWords = needs.SelectMany(n => n).SelectMany(Words).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var patch = await db.Set<Family>().AsNoTracking().Where(f => f.Id == episode.FamilyId).Select(f => f.Patch).SingleAsync(ct);
        var loads = await LoadsAsync(actor, [episode.TeamId], ct);
        return loads
            .Select(w => new WorkerSuggestion(w, w.Specialisms.Count(s => Words(s).Any(needWords.Contains)),
                patch is not null && string.Equals(w.Patch, patch, StringComparison.OrdinalIgnoreCase)))
            .OrderByDescending(s => s.Worker.FreeCapacity > 0)
            .ThenByDescending(s => s.MatchingSpecialisms)
            .ThenByDescending(s => s.PatchMatches)
            .ThenByDescending(s => s.Worker.FreeCapacity)
            .ThenBy(s => s.Worker.Name, StringComparer.Ordinal)
            .ToList();
    }

    // Specialisms are free text ("substance misuse") and needs are keys ("substance_misuse_drugs"): compare significant words.
    private static IEnumerable<string> Words(string s) =>
        s.Split([' ', '_', '-', ','], StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length > 3);

    private IQueryable<Allocation> OpenIntensive(Guid workerId) =>
        Caseloads.Held(db).Where(a => a.WorkerId == workerId && a.Episode!.IsIntensive);
}
