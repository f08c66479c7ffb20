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

/// <summary>A worker's load: open intensive episodes against their maximum.</summary>
public sealed record WorkerLoad(Guid WorkerId, Guid TeamId, string Name, int MaxIntensiveCases, int OpenIntensive, IReadOnlyList<string> Specialisms, string? Patch)
{
    public int FreeCapacity => Math.Max(0, MaxIntensiveCases - OpenIntensive);
}

public sealed record WorkerSuggestion(WorkerLoad Worker, int MatchingSpecialisms, bool PatchMatches);

/// <summary>The worker is at their maximum of intensive cases; a manager may override with a reason.</summary>
public sealed class CapacityExceededException(string workerName, int max)
    : Exception($"{workerName} already holds {max} intensive case(s), their maximum. A manager can override this with a reason.")
{
    public string WorkerName { get; } = workerName;
    public int MaxIntensiveCases { get; } = max;
}

/// <summary>Allocates episodes to workers within their capacity, and suggests who has room.</summary>
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
        var worker = await db.Set<Worker>().AsNoTracking().Include(w => w.Team).ThenInclude(t => t!.Service).SingleOrDefaultAsync(w => w.Id == input.WorkerId, ct);
        var v = new Validator();
        if (worker is null || !worker.IsActive)
        {
            v.Add("WorkerId", "Choose an active worker");
        }
        else if (!actor.CanSeeTeam(worker.TeamId))
        {
            v.Add("WorkerId", "You can only allocate workers in your own teams");
        }
        else if (OrganisationService.ClosedReason(worker.Team!, worker.Team!.Service!) is { } closed)
        {
            v.Add("WorkerId", closed);
        }
        if (episode.ClosedOn is not null)
        {
            v.Add("EpisodeId", "The episode is closed");
        }
        if (input.From > db.Today())
        {
            v.Add("From", "The date must be today or in the past");
        }
        else if (input.From < episode.OpenedOn)
        {
            v.Add("From", $"The date cannot be before the episode opened on {episode.OpenedOn:yyyy-MM-dd}");
        }
        if (await db.Set<Allocation>().AnyAsync(a => a.EpisodeId == episode.Id && a.WorkerId == input.WorkerId && a.To == null, ct))
        {
            v.Add("WorkerId", "The worker is already allocated to this episode");
        }
        v.MaxLength("OverrideReason", input.OverrideReason, 1000, "Override reason");
        v.ThrowIfAny();

        var overrideReason = string.IsNullOrWhiteSpace(input.OverrideReason) ? null : input.OverrideReason.Trim();
        if (episode.IsIntensive)
        {
            var open = await OpenIntensive(worker!.Id).CountAsync(ct);
            if (open >= worker.MaxIntensiveCases && overrideReason is null)
            {
                throw new CapacityExceededException(worker.Name, worker.MaxIntensiveCases);
            }
            if (open < worker.MaxIntensiveCases)
            {
                // No override was needed, so none is recorded.
                overrideReason = null;
            }
        }
        else
        {
            overrideReason = null;
        }
        var allocation = new Allocation { EpisodeId = episode.Id, WorkerId = input.WorkerId, From = input.From, IsLead = input.IsLead, OverrideReason = overrideReason };
        db.Add(allocation);
        await db.SaveChangesAsync(overrideReason is null ? actor : actor.WithReason($"capacity override: {overrideReason}"), ct);
        return allocation;
    }

    public async Task EndAllocationAsync(ActorContext actor, Guid allocationId, int version, DateOnly on, CancellationToken ct = default)
    {
        actor.Demand(Permission.ManageCases);
        var allocation = await db.Set<Allocation>().Include(a => a.Episode)
            .SingleOrDefaultAsync(a => a.Id == allocationId, ct);
        if (allocation is null || !actor.CanSeeTeam(allocation.Episode!.TeamId))
        {
            throw new AccessDeniedException("That allocation does not exist or is not in your teams.");
        }
        var v = new Validator();
        if (allocation.To is not null)
        {
            v.Add("To", "The allocation has already ended");
        }
        if (on < allocation.From || on > db.Today())
        {
            v.Add("To", "The end date must be between the allocation's start and today");
        }
        v.ThrowIfAny();
        allocation.Version = version;
        allocation.To = on;
        await db.SaveChangesAsync(actor, ct);
    }

    /// <summary>Each active worker's open intensive episodes in the given teams (counted by the database).</summary>
    public async Task<IReadOnlyList<WorkerLoad>> LoadsAsync(ActorContext actor, IReadOnlyCollection<Guid> teamIds, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var teams = teamIds.Where(actor.CanSeeTeam).ToList();
        var rows = await db.Set<Worker>().AsNoTracking()
            .Where(w => w.IsActive && teams.Contains(w.TeamId))
            .OrderBy(w => w.Name)
            .Select(w => new
            {
                w.Id, w.TeamId, w.Name, w.MaxIntensiveCases, w.Specialisms, w.Patch,
                Open = db.Set<Allocation>().Count(a => a.WorkerId == w.Id && a.To == null && a.Episode!.IsIntensive && a.Episode.ClosedOn == null),
            })
            .ToListAsync(ct);
        return rows.Select(r => new WorkerLoad(r.Id, r.TeamId, r.Name, r.MaxIntensiveCases, r.Open, r.Specialisms, r.Patch)).ToList();
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
        db.Set<Allocation>().Where(a => a.WorkerId == workerId && a.To == null && a.Episode!.IsIntensive && a.Episode.ClosedOn == null);
}
