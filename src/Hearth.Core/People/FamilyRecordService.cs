using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.People;

public sealed record FamilyMember(Person Person, Relationship Relationship, DateOnly From, DateOnly? To);

/// <summary>One dated line of the family's chronology, newest first on the record page.</summary>
public sealed record ChronologyEntry(DateOnly On, string Kind, string Text, Guid? ReferralId = null, Guid? EpisodeId = null);

public sealed record FamilyRecord(
    Family Family,
    string TeamName,
    IReadOnlyList<FamilyMember> Members,
    IReadOnlyList<Referral> Referrals,
    IReadOnlyList<Episode> Episodes,
    IReadOnlyList<OutcomeEvent> Outcomes,
    IReadOnlyList<ChronologyEntry> Chronology);

/// <summary>The family record: members, referrals, episodes and a chronology of everything that happened. Opening it is audited.</summary>
public sealed class FamilyRecordService(HearthDbContext db)
{
    public async Task<FamilyRecord> ReadAsync(ActorContext actor, Guid familyId, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var family = await db.Set<Family>().AsNoTracking().InScope(actor).SingleOrDefaultAsync(f => f.Id == familyId, ct)
            ?? throw new AccessDeniedException("That family does not exist or is not in your teams.");
        var teamName = await db.Set<Team>().Where(t => t.Id == family.TeamId).Select(t => t.Name).SingleAsync(ct);
        var members = await db.Set<FamilyMembership>().AsNoTracking().Include(m => m.Person)
            .Where(m => m.FamilyId == familyId && m.Person!.MergedIntoId == null)
            .OrderBy(m => m.Person!.DateOfBirth).ThenBy(m => m.Person!.GivenName)
            .ToListAsync(ct);
        var referrals = await db.Set<Referral>().AsNoTracking().InScope(actor).Include(r => r.Children)
            .Where(r => r.FamilyId == familyId).OrderBy(r => r.ReceivedOn).ToListAsync(ct);
        var episodes = await db.Set<Episode>().AsNoTracking().InScope(actor).Include(e => e.Phases).Include(e => e.Allocations)
            .Where(e => e.FamilyId == familyId).OrderBy(e => e.OpenedOn).ToListAsync(ct);
        var episodeIds = episodes.Select(e => e.Id).ToList();
        var outcomes = await db.Set<OutcomeEvent>().AsNoTracking().InScope(actor)
            .Where(o => o.EpisodeId != null && episodeIds.Contains(o.EpisodeId.Value)).OrderBy(o => o.OccurredOn).ToListAsync(ct);
        var serviceNames = await db.Set<Service>().AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var workerIds = episodes.SelectMany(e => e.Allocations).Select(a => a.WorkerId).Distinct().ToList();
        var workers = await db.Set<Worker>().AsNoTracking().Where(w => workerIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Name, ct);
        var names = members.ToDictionary(m => m.PersonId, m => $"{m.Person!.GivenName} {m.Person.FamilyName}");

        var chronology = new List<ChronologyEntry>();
        foreach (var r in referrals)
        {
            var service = serviceNames.GetValueOrDefault(r.ServiceId, "a service");
            var about = string.Join(", ", r.Children.Select(c => names.GetValueOrDefault(c.PersonId, "a child")));
            chronology.Add(new(r.ReceivedOn, "Referral", $"Referral to {service} received about {about}{(r.IsReReferral ? " (re-referral)" : "")}", r.Id));
            if (r.DecidedOn is { } decided)
            {
                chronology.Add(new(decided, "Triage", $"Triage decision: {r.Status}{(r.DecisionReason is null ? "" : $" ({r.DecisionReason})")} by {r.DecidedBy}", r.Id));
            }
        }
        foreach (var e in episodes)
        {
            foreach (var p in e.Phases)
            {
                chronology.Add(new(p.StartedOn, "Phase", $"Started {p.PhaseKey} (recorded by {p.StartedBy})", EpisodeId: e.Id));
            }
            if (e.AssessmentDecidedOn is { } assessed)
            {
                chronology.Add(new(assessed, "Assessment", $"Assessment decision: {e.AssessmentDecision}", EpisodeId: e.Id));
            }
            foreach (var a in e.Allocations)
            {
                chronology.Add(new(a.From, "Allocation", $"Allocated to {workers.GetValueOrDefault(a.WorkerId, "a worker")}{(a.OverrideReason is null ? "" : " (capacity override)")}", EpisodeId: e.Id));
            }
            if (e.ClosedOn is { } closed)
            {
                chronology.Add(new(closed, "Closure", $"Closed: {ClosureCodes.Code(e.ClosureReason!.Value)}, {e.ClosureDestination}{(e.UnmetNeed ? ", unmet need remains" : "")} ({e.DfeReasonForClosure})", EpisodeId: e.Id));
            }
        }
        chronology.AddRange(outcomes.Select(o => new ChronologyEntry(o.OccurredOn, "Outcome", $"{o.Kind}: {names.GetValueOrDefault(o.PersonId, "a child")}", EpisodeId: o.EpisodeId)));

        await db.RecordReadAsync(actor, nameof(Family), family.Id, ct);
        return new FamilyRecord(family, teamName,
            members.Select(m => new FamilyMember(m.Person!, m.Relationship, m.From, m.To)).ToList(),
            referrals, episodes, outcomes,
            // Same-day entries keep the order things happen in (referral, triage, phase), newest first.
            chronology.Select((c, i) => (c, i)).OrderByDescending(x => x.c.On).ThenByDescending(x => x.i).Select(x => x.c).ToList());
    }
}
