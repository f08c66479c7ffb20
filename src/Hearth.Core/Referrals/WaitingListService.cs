using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Programmes;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Referrals;

public sealed record WaitingListRow(Guid EntryId, Guid ReferralId, string? ReferralReference, Guid FamilyId, string FamilyReference, DateOnly Since, WaitingPriority Priority, string Reason, int Position, int DaysWaited, int Version, Guid TeamId);

public sealed record PanelReferral(Guid ReferralId, Guid TeamId, string FamilyReference, DateOnly ReceivedOn, ReferralStatus Status, Guid? EpisodeId, WaitingPriority? Priority, DateOnly? WaitingSince);

public sealed record PanelTeam(Guid TeamId, string TeamName, int FreeCapacity, IReadOnlyList<WorkerLoad> Workers, IReadOnlyList<PanelReferral> Referrals);

/// <summary>Each team's waiting list (its order, reordering and removal) and the resource panel that sets waiting and unallocated referrals beside workers' free capacity.</summary>
public sealed class WaitingListService(HearthDbContext db, AllocationService allocations)
{
    public async Task<IReadOnlyList<WaitingListRow>> WaitingListAsync(ActorContext actor, Guid teamId, DateOnly asOf, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var rows = await db.Set<WaitingListEntry>().AsNoTracking().InScope(actor)
            .Where(w => w.TeamId == teamId && w.RemovedOn == null)
            .OrderBy(w => w.Position).ThenBy(w => w.Since)
            .Join(db.Set<Family>(), w => w.Referral!.FamilyId, f => f.Id, (w, f) => new { w, w.Referral!.Reference, f.Id, FamilyReference = f.Reference })
            .ToListAsync(ct);
        // The stored position only orders the list: entries that left it (accepted, withdrawn) and imported rows leave
        // gaps, so the place shown is the rank, 1 to N, the same numbers reordering takes.
        return rows.Select((r, i) => new WaitingListRow(r.w.Id, r.w.ReferralId, r.Reference, r.Id, r.FamilyReference, r.w.Since, r.w.Priority, r.w.Reason, i + 1, asOf.DayNumber - r.w.Since.DayNumber, r.w.Version, r.w.TeamId)).ToList();
    }

    /// <summary>Moves an entry to a new place in its team's list (1 = first), with a reason for the audit trail.</summary>
    public async Task ReorderAsync(ActorContext actor, Guid entryId, int version, int newPosition, string reason, CancellationToken ct = default)
    {
        actor.Demand(Permission.ManageCases);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ValidationFailedException("Reason", "Enter why the waiting list is being reordered");
        }
        var entry = await db.Set<WaitingListEntry>().InScope(actor).SingleOrDefaultAsync(w => w.Id == entryId && w.RemovedOn == null, ct)
            ?? throw new AccessDeniedException("That waiting list entry does not exist or is not in your teams.");
        var list = await db.Set<WaitingListEntry>().Where(w => w.TeamId == entry.TeamId && w.RemovedOn == null)
            .OrderBy(w => w.Position).ThenBy(w => w.Since).ToListAsync(ct);
        if (newPosition < 1 || newPosition > list.Count)
        {
            throw new ValidationFailedException("Position", $"Choose a position from 1 to {list.Count}");
        }
        entry.Version = version;
        list.Remove(entry);
        list.Insert(newPosition - 1, entry);
        for (var i = 0; i < list.Count; i++)
        {
            list[i].Position = i + 1;
        }
        await db.SaveChangesAsync(actor.WithReason(reason), ct);
    }

    /// <summary>Takes a referral off the waiting list without accepting it (withdrawn, no longer needed...).</summary>
    public async Task RemoveFromWaitingListAsync(ActorContext actor, Guid entryId, int version, WaitingOutcome outcome, DateOnly on, string? note, CancellationToken ct = default)
    {
        actor.Demand(Permission.ManageCases);
        var entry = await db.Set<WaitingListEntry>().InScope(actor).Include(w => w.Referral).SingleOrDefaultAsync(w => w.Id == entryId && w.RemovedOn == null, ct)
            ?? throw new AccessDeniedException("That waiting list entry does not exist or is not in your teams.");
        var v = new Validator();
        if (outcome == WaitingOutcome.Accepted)
        {
            v.Add("Outcome", "To accept a waiting referral, record the triage decision: it opens the episode");
        }
        if (on < entry.Since || on > db.Today())
        {
            v.Add("RemovedOn", $"The date must be between {entry.Since:d MMMM yyyy} and today");
        }
        v.MaxLength("OutcomeNote", note, 2000, "Note");
        v.ThrowIfAny();
        entry.Version = version;
        entry.RemovedOn = on;
        entry.Outcome = outcome;
        entry.OutcomeNote = note?.Trim();
        var referral = entry.Referral!;
        referral.Status = outcome switch
        {
            WaitingOutcome.ReferredOn => ReferralStatus.ReferredOn,
            WaitingOutcome.Inappropriate => ReferralStatus.Inappropriate,
            _ => ReferralStatus.Advice,
        };
        referral.DecidedOn = on;
        referral.DecidedBy = actor.Name;
        referral.DecidedByUserId = actor.UserId;
        referral.DecisionReason = $"Removed from waiting list: {outcome}{(string.IsNullOrWhiteSpace(note) ? "" : $" ({note.Trim()})")}";
        await db.SaveChangesAsync(actor, ct);
    }

    /// <summary>
    /// The resource panel: for each of the chosen teams, every waiting referral and every accepted referral whose episode
    /// has no worker yet, beside the team's workers' free intensive capacity.
    /// </summary>
    public async Task<IReadOnlyList<PanelTeam>> ResourcePanelAsync(ActorContext actor, IReadOnlyCollection<Guid> teamIds, CancellationToken ct = default)
    {
        actor.Demand(Permission.ManageCases);
        var teams = teamIds.Where(actor.CanSeeTeam).Distinct().ToList();
        var names = await db.Set<Team>().AsNoTracking().Where(t => teams.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var referrals = await db.Set<Referral>().AsNoTracking().InScope(actor)
            .Where(r => teams.Contains(r.TeamId)
                && (r.Status == ReferralStatus.WaitingList
                    || (r.Status == ReferralStatus.Accepted && r.EpisodeId != null
                        && db.Set<Episode>().Any(e => e.Id == r.EpisodeId && e.ClosedOn == null)
                        && !db.Set<Allocation>().Any(a => a.EpisodeId == r.EpisodeId && a.To == null))))
            .Join(db.Set<Family>(), r => r.FamilyId, f => f.Id, (r, f) => new { r, f.Reference })
            .Select(x => new
            {
                x.r.Id, x.r.TeamId, x.Reference, x.r.ReceivedOn, x.r.Status, x.r.EpisodeId,
                Waiting = db.Set<WaitingListEntry>().Where(w => w.ReferralId == x.r.Id && w.RemovedOn == null)
                    .Select(w => new { w.Priority, w.Since, w.Position }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var loads = await allocations.LoadsAsync(actor, teams, ct);
        return teams.Where(names.ContainsKey).Select(t =>
        {
            var workers = loads.Where(l => l.TeamId == t).ToList();
            var rows = referrals.Where(r => r.TeamId == t)
                .OrderBy(r => r.Waiting == null ? 0 : 1).ThenBy(r => r.Waiting?.Position).ThenBy(r => r.ReceivedOn)
                .Select(r => new PanelReferral(r.Id, r.TeamId, r.Reference, r.ReceivedOn, r.Status, r.EpisodeId, r.Waiting?.Priority, r.Waiting?.Since))
                .ToList();
            return new PanelTeam(t, names[t], workers.Sum(w => w.FreeCapacity), workers, rows);
        }).ToList();
    }

    /// <summary>One entry still on a waiting list of the actor's teams.</summary>
    public async Task<WaitingListRow> ReadWaitingEntryAsync(ActorContext actor, Guid entryId, DateOnly asOf, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var teamId = await db.Set<WaitingListEntry>().AsNoTracking().InScope(actor).Where(w => w.Id == entryId && w.RemovedOn == null)
            .Select(w => (Guid?)w.TeamId).SingleOrDefaultAsync(ct)
            ?? throw new AccessDeniedException("That waiting list entry does not exist or is not in your teams.");
        return (await WaitingListAsync(actor, teamId, asOf, ct)).Single(w => w.EntryId == entryId);
    }
}
