using System.Text.Json.Serialization;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Programmes;
using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Casework;

/// <summary>
/// The kinds of chronology entry, in the order things happen within one day (a referral is triaged, an assessment is
/// decided, the episode moves phase and is allocated...); entries of the same day are listed newest first, so in the reverse of this order.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChronologyKind>))]
public enum ChronologyKind
{
    Referral,
    Triage,
    Assessment,
    Phase,
    Allocation,
    Plan,
    Agreement,
    Goal,
    Session,
    Review,
    ServiceReferral,
    Closure,
    Outcome,
    Professional,
}

/// <summary>A family's chronology with what a page needs to show and filter it.</summary>
public sealed record FamilyTimeline(Guid FamilyId, string FamilyReference, IReadOnlyList<MemberName> Members, IReadOnlyList<ChronologyEntry> Entries);

/// <summary>
/// One dated line of a family's chronology. <see cref="PersonIds"/> are the members it names; <see cref="Detail"/> is
/// what the worker wrote (a session's note, a review's progress).
/// </summary>
public sealed record ChronologyEntry(DateOnly On, ChronologyKind Kind, Guid? EpisodeId, Guid ItemId, string Summary, IReadOnlyList<Guid> PersonIds, string? Detail = null)
{
    public string KindLabel => Chronology.Label(Kind);

    /// <summary>The summary with what the worker wrote on the lines below it, as pages and prints show an entry.</summary>
    public string Text => Detail is null ? Summary : Summary + "\n" + Detail;
}

/// <summary>
/// A family's one chronology: referrals and triage, the episodes' phases, allocations, closures and outcomes, and every
/// casework item (assessments, plan versions, goals, sessions, held reviews, wider-service referral changes), newest
/// first. The family record and the printable casework chronology both read it. Filtering by member keeps the items
/// that name that member.
/// </summary>
public sealed class Chronology(HearthDbContext db)
{
    /// <summary>The family's chronology; the read is written to the audit trail.</summary>
    public async Task<IReadOnlyList<ChronologyEntry>> ForFamilyAsync(ActorContext actor, Guid familyId, ChronologyKind? kind = null, Guid? personId = null, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var family = await db.Set<Family>().AsNoTracking().InScope(actor).SingleOrDefaultAsync(f => f.Id == familyId, ct) ?? throw CaseworkScope.NotFound("family");
        var entries = await EntriesAsync(actor, family.Id, kind, personId, ct);
        await db.RecordReadAsync(actor, nameof(Family), family.Id, ct);
        return entries;
    }

    /// <summary>The family's chronology with its reference and members (for the filter); the read is audited.</summary>
    public async Task<FamilyTimeline> TimelineAsync(ActorContext actor, Guid familyId, ChronologyKind? kind = null, Guid? personId = null, CancellationToken ct = default)
    {
        var entries = await ForFamilyAsync(actor, familyId, kind, personId, ct);
        var reference = await db.Set<Family>().Where(f => f.Id == familyId).Select(f => f.Reference).SingleAsync(ct);
        var members = await MembersOf(familyId).OrderBy(p => p.DateOfBirth).ThenBy(p => p.GivenName)
            .Select(p => new MemberName(p.Id, p.KnownAs ?? p.GivenName, p.FamilyName)).ToListAsync(ct);
        return new FamilyTimeline(familyId, reference, members, entries);
    }

    private IQueryable<Person> MembersOf(Guid familyId) => db.Set<Person>().AsNoTracking()
        .Where(p => p.MergedIntoId == null && (p.FamilyId == familyId || db.Set<FamilyMembership>().Any(m => m.FamilyId == familyId && m.PersonId == p.Id)));

    /// <summary>The entries of a family the caller has already been allowed to read (and whose read is audited by the caller).</summary>
    internal async Task<IReadOnlyList<ChronologyEntry>> EntriesAsync(ActorContext actor, Guid familyId, ChronologyKind? kind, Guid? personId, CancellationToken ct)
    {
        var episodes = await db.Set<Episode>().AsNoTracking().InScope(actor).Include(e => e.Phases).Include(e => e.Allocations)
            .Where(e => e.FamilyId == familyId).ToListAsync(ct);
        var episodeIds = episodes.Select(e => e.Id).ToList();
        var names = await MembersOf(familyId).ToDictionaryAsync(p => p.Id, p => $"{p.KnownAs ?? p.GivenName} {p.FamilyName}", ct);
        string Name(Guid id) => names.GetValueOrDefault(id, "a family member");
        var entries = new List<ChronologyEntry>();
        bool Wants(params ChronologyKind[] kinds) => kind is null || kinds.Contains(kind.Value);

        if (Wants(ChronologyKind.Referral, ChronologyKind.Triage))
        {
            var referrals = await db.Set<Referral>().AsNoTracking().InScope(actor).Include(r => r.Children).Where(r => r.FamilyId == familyId).ToListAsync(ct);
            var services = await db.Set<Service>().AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
            foreach (var r in referrals)
            {
                var children = r.Children.Select(c => c.PersonId).ToList();
                var service = services.GetValueOrDefault(r.ServiceId, "a service");
                entries.Add(new(r.ReceivedOn, ChronologyKind.Referral, r.EpisodeId, r.Id,
                    $"Referral to {service} received from {r.ReferrerAgency ?? r.Source} about {string.Join(", ", children.Select(Name))}{(r.IsReReferral ? " (re-referral)" : "")}", children));
                if (r.DecidedOn is { } decided)
                {
                    entries.Add(new(decided, ChronologyKind.Triage, r.EpisodeId, r.Id,
                        $"Triage decision: {r.Status}{(r.DecisionReason is null ? "" : $" ({r.DecisionReason})")} by {r.DecidedBy}", children));
                }
            }
        }
        if (Wants(ChronologyKind.Phase, ChronologyKind.Allocation, ChronologyKind.Assessment, ChronologyKind.Closure))
        {
            var programmeIds = episodes.Select(e => e.ProgrammeVersionId).Distinct().ToList();
            var programmes = await db.Set<ProgrammeVersion>().AsNoTracking().Where(p => programmeIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Definition, ct);
            var workerIds = episodes.SelectMany(e => e.Allocations).Select(a => a.WorkerId).Distinct().ToList();
            var workers = await db.Set<Worker>().AsNoTracking().Where(w => workerIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Name, ct);
            foreach (var e in episodes)
            {
                var programme = programmes.GetValueOrDefault(e.ProgrammeVersionId);
                entries.AddRange(e.Phases.Select(p => new ChronologyEntry(p.StartedOn, ChronologyKind.Phase, e.Id, p.Id,
                    $"Started {programme?.Phase(p.PhaseKey)?.Name ?? p.PhaseKey} (recorded by {p.StartedBy})", [])));
                entries.AddRange(e.Allocations.Select(a => new ChronologyEntry(a.From, ChronologyKind.Allocation, e.Id, a.Id,
                    $"Allocated to {workers.GetValueOrDefault(a.WorkerId, "a worker")}{(a.OverrideReason is null ? "" : " (capacity override)")}", [])));
                // Closure ends every allocation and has its own entry; an allocation a manager ended says why.
                entries.AddRange(e.Allocations.Where(a => a.To is not null && a.EndReason is not (null or AllocationEndReason.EpisodeClosed)).Select(a => new ChronologyEntry(a.To!.Value,
                    ChronologyKind.Allocation, e.Id, a.Id, $"Allocation to {workers.GetValueOrDefault(a.WorkerId, "a worker")} ended: {AllocationEndReasons.Label(a.EndReason!.Value).ToLowerInvariant()}{(a.EndNote is null ? "" : $" ({a.EndNote})")}", [])));
                if (e.AssessmentDecidedOn is { } assessed)
                {
                    entries.Add(new(assessed, ChronologyKind.Assessment, e.Id, e.Id, $"Assessment decision: {e.AssessmentDecision}", []));
                }
                if (e.ClosedOn is { } closed)
                {
                    entries.Add(new(closed, ChronologyKind.Closure, e.Id, e.Id,
                        $"Closed: {ClosureCodes.Label(e.ClosureReason!.Value).ToLowerInvariant()}{(e.ClosureDestination is { } to ? "; next: " + ClosureCodes.Label(to).ToLowerInvariant() : "")}{(e.UnmetNeed ? "; unmet need remains" : "")}", []));
                }
            }
        }
        if (Wants(ChronologyKind.Outcome))
        {
            var outcomes = await db.Set<OutcomeEvent>().AsNoTracking().InScope(actor).Where(o => o.EpisodeId != null && episodeIds.Contains(o.EpisodeId.Value)).ToListAsync(ct);
            entries.AddRange(outcomes.Select(o => new ChronologyEntry(o.OccurredOn, ChronologyKind.Outcome, o.EpisodeId, o.Id, $"{ClosureCodes.Label(o.Kind)}: {Name(o.PersonId)}", [o.PersonId])));
        }
        if (Wants(ChronologyKind.Assessment))
        {
            var assessments = await db.Set<Assessment>().AsNoTracking().Include(a => a.Members).Where(a => episodeIds.Contains(a.EpisodeId)).ToListAsync(ct);
            entries.AddRange(assessments.Select(a => new ChronologyEntry(a.StartedOn, ChronologyKind.Assessment, a.EpisodeId, a.Id,
                $"{a.AssessmentType} ({a.State.ToString().ToLowerInvariant()})", a.Members.Select(m => m.PersonId).ToList())));
            entries.AddRange(assessments.Where(a => a.AuthorisedOn is not null).Select(a => new ChronologyEntry(a.AuthorisedOn!.Value, ChronologyKind.Assessment, a.EpisodeId, a.Id,
                $"{a.AssessmentType} authorised by {a.AuthorisedBy}", a.Members.Select(m => m.PersonId).ToList())));
        }
        if (Wants(ChronologyKind.Plan))
        {
            var versions = await (from v in db.Set<PlanVersion>().AsNoTracking()
                                  join p in db.Set<Plan>() on v.PlanId equals p.Id
                                  where episodeIds.Contains(p.EpisodeId)
                                  select new { v.Id, p.EpisodeId, p.Kind, v.Number, v.WrittenOn, v.ChangeSummary }).ToListAsync(ct);
            entries.AddRange(versions.Select(v => new ChronologyEntry(v.WrittenOn, ChronologyKind.Plan, v.EpisodeId, v.Id,
                $"{DueList.PlanName(v.Kind)} version {v.Number}{(v.ChangeSummary is null ? "" : $": {v.ChangeSummary}")}", [])));
        }
        if (Wants(ChronologyKind.Agreement))
        {
            var agreements = await (from a in db.Set<PlanAgreement>().AsNoTracking()
                                    join p in db.Set<Plan>() on a.PlanId equals p.Id
                                    where episodeIds.Contains(p.EpisodeId)
                                    select new { a.Id, p.EpisodeId, p.Kind, a.PersonId, a.PlanVersionNumber, a.AgreedOn, a.Format }).ToListAsync(ct);
            entries.AddRange(agreements.Select(a => new ChronologyEntry(a.AgreedOn, ChronologyKind.Agreement, a.EpisodeId, a.Id,
                $"{Name(a.PersonId)} agreed the {DueList.PlanName(a.Kind).ToLowerInvariant()} (version {a.PlanVersionNumber}): {PlanService.FormatLabel(a.Format).ToLowerInvariant()}", [a.PersonId])));
        }
        if (Wants(ChronologyKind.Goal))
        {
            var goals = await db.Set<Goal>().AsNoTracking().Where(g => episodeIds.Contains(g.EpisodeId)).ToListAsync(ct);
            entries.AddRange(goals.Select(g => new ChronologyEntry(g.CreatedOn, ChronologyKind.Goal, g.EpisodeId, g.Id, $"Goal: {g.Title}", g.PersonId is { } p ? [p] : [])));
        }
        if (Wants(ChronologyKind.Session))
        {
            var sessions = await db.Set<Session>().AsNoTracking().Where(s => episodeIds.Contains(s.EpisodeId)).ToListAsync(ct);
            entries.AddRange(sessions.Select(s => new ChronologyEntry(s.Date, ChronologyKind.Session, s.EpisodeId, s.Id,
                $"{SessionTypes.Label(s.Type)}{(s.Emergency ? " (emergency)" : "")}, {s.Minutes} minutes", s.PersonIds, s.Note)));
        }
        if (Wants(ChronologyKind.Review))
        {
            var reviews = await db.Set<Review>().AsNoTracking().Where(r => episodeIds.Contains(r.EpisodeId) && r.HeldOn != null).ToListAsync(ct);
            entries.AddRange(reviews.Select(r => new ChronologyEntry(r.HeldOn!.Value, ChronologyKind.Review, r.EpisodeId, r.Id, $"Review {r.Sequence} held{(r.Decision is { } d ? ": " + ReviewService.DecisionLabel(d).ToLowerInvariant() : "")}", [], r.Progress)));
        }
        if (Wants(ChronologyKind.ServiceReferral))
        {
            var changes = await (from h in db.Set<ServiceReferralStatusChange>().AsNoTracking()
                                 join r in db.Set<ServiceReferral>() on h.ServiceReferralId equals r.Id
                                 join d in db.Set<DirectoryService>() on r.DirectoryServiceId equals d.Id
                                 where episodeIds.Contains(r.EpisodeId)
                                 select new { h.Id, r.EpisodeId, h.On, h.Status, d.Name, r.PersonId }).ToListAsync(ct);
            entries.AddRange(changes.Select(c => new ChronologyEntry(c.On, ChronologyKind.ServiceReferral, c.EpisodeId, c.Id,
                $"{c.Name}: {ServiceReferralService.StatusLabel(c.Status).ToLowerInvariant()}", c.PersonId is { } p ? [p] : [])));
        }
        if (Wants(ChronologyKind.Professional))
        {
            // A professional has no date of their own: the day they joined the team around the family is the day they
            // were recorded, which the audit trail holds.
            var professionals = await db.Set<Professional>().AsNoTracking().Where(x => episodeIds.Contains(x.EpisodeId)).ToListAsync(ct);
            var ids = professionals.Select(x => x.Id.ToString()).ToList();
            var recorded = (await db.AuditEvents.AsNoTracking()
                    .Where(a => a.EntityType == nameof(Professional) && a.Action == Auditing.AuditAction.Created && ids.Contains(a.EntityId))
                    .Select(a => new { a.EntityId, a.OccurredAt }).ToListAsync(ct))
                .GroupBy(a => a.EntityId).ToDictionary(g => g.Key, g => g.Min(a => a.OccurredAt).UkDate());
            entries.AddRange(professionals.Where(x => recorded.ContainsKey(x.Id.ToString())).Select(x => new ChronologyEntry(recorded[x.Id.ToString()],
                ChronologyKind.Professional, x.EpisodeId, x.Id, $"Team around the family: {x.Name}, {x.Role} ({x.Agency})", [])));
        }
        if (kind is { } only)
        {
            // Referral and triage (and the assessment decision and assessments) come from the same rows, so trim to the kind asked for.
            entries = entries.Where(e => e.Kind == only).ToList();
        }
        if (personId is { } person)
        {
            entries = entries.Where(e => e.PersonIds.Contains(person)).ToList();
        }
        return entries.OrderByDescending(e => e.On).ThenByDescending(e => e.Kind).ThenBy(e => e.ItemId).ToList();
    }

    public static string Label(ChronologyKind kind) => kind switch
    {
        ChronologyKind.ServiceReferral => "Wider service",
        ChronologyKind.Professional => "Team around the family",
        _ => kind.ToString(),
    };
}

public static class SessionTypes
{
    public static string Label(SessionType type) => type switch
    {
        SessionType.HomeVisit => "Home visit",
        SessionType.Office => "Office",
        SessionType.CommunityActivity => "Community or activity session",
        SessionType.Phone => "Phone",
        SessionType.TextOnline => "Text or online",
        SessionType.Video => "Video",
        SessionType.WelfareCheck => "Welfare check",
        SessionType.OutOfHours => "Out of hours",
        _ => "Booster",
    };
}
