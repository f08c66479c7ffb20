using System.Text.Json.Serialization;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.People;
using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Casework;

[JsonConverter(typeof(JsonStringEnumConverter<ChronologyKind>))]
public enum ChronologyKind
{
    Referral,
    Phase,
    Assessment,
    Plan,
    Goal,
    Session,
    Review,
    ServiceReferral,
    Professional,
}

public sealed record ChronologyEntry(DateOnly On, ChronologyKind Kind, Guid EpisodeId, Guid ItemId, string Summary, IReadOnlyList<Guid> PersonIds);

/// <summary>
/// A family's timeline: referrals, episode phase transitions and every casework item, newest first. The read is
/// written to the audit trail. Filtering by member keeps the items that name that member.
/// </summary>
public sealed class Chronology(HearthDbContext db)
{
    public async Task<IReadOnlyList<ChronologyEntry>> ForFamilyAsync(ActorContext actor, Guid familyId, ChronologyKind? kind = null, Guid? personId = null, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var family = await db.Set<Family>().AsNoTracking().InScope(actor).SingleOrDefaultAsync(f => f.Id == familyId, ct) ?? throw CaseworkService.NotFound("family");
        await db.RecordReadAsync(actor, nameof(Family), family.Id, ct);
        var episodeIds = await db.Set<Episode>().InScope(actor).Where(e => e.FamilyId == familyId).Select(e => e.Id).ToListAsync(ct);
        var entries = new List<ChronologyEntry>();
        bool Wants(ChronologyKind k) => kind is null || kind == k;
        if (Wants(ChronologyKind.Referral))
        {
            var referrals = await db.Set<Referral>().AsNoTracking().InScope(actor).Include(r => r.Children).Where(r => r.FamilyId == familyId).ToListAsync(ct);
            entries.AddRange(referrals.Select(r => new ChronologyEntry(r.ReceivedOn, ChronologyKind.Referral, r.EpisodeId ?? Guid.Empty, r.Id,
                $"Referral received from {r.ReferrerAgency ?? r.Source} ({r.Status})", r.Children.Select(c => c.PersonId).ToList())));
        }
        if (Wants(ChronologyKind.Phase))
        {
            var phases = await db.Set<EpisodePhase>().AsNoTracking().Where(p => episodeIds.Contains(p.EpisodeId)).ToListAsync(ct);
            entries.AddRange(phases.Select(p => new ChronologyEntry(p.StartedOn, ChronologyKind.Phase, p.EpisodeId, p.Id, $"Moved to {p.PhaseKey} ({p.StartedBy})", [])));
        }
        if (Wants(ChronologyKind.Assessment))
        {
            var assessments = await db.Set<Assessment>().AsNoTracking().Include(a => a.Members).Where(a => episodeIds.Contains(a.EpisodeId)).ToListAsync(ct);
            entries.AddRange(assessments.Select(a => new ChronologyEntry(a.StartedOn, ChronologyKind.Assessment, a.EpisodeId, a.Id,
                $"{a.AssessmentType} ({a.State.ToString().ToLowerInvariant()})", a.Members.Select(m => m.PersonId).ToList())));
        }
        if (Wants(ChronologyKind.Plan))
        {
            var versions = await (from v in db.Set<PlanVersion>().AsNoTracking()
                                  join p in db.Set<Plan>() on v.PlanId equals p.Id
                                  where episodeIds.Contains(p.EpisodeId)
                                  select new { v.Id, p.EpisodeId, p.Kind, v.Number, v.WrittenOn }).ToListAsync(ct);
            entries.AddRange(versions.Select(v => new ChronologyEntry(v.WrittenOn, ChronologyKind.Plan, v.EpisodeId, v.Id, $"{DueList.PlanName(v.Kind)} version {v.Number}", [])));
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
                $"{SessionTypes.Label(s.Type)}{(s.Emergency ? " (emergency)" : "")}, {s.Minutes} minutes", s.PersonIds)));
        }
        if (Wants(ChronologyKind.Review))
        {
            var reviews = await db.Set<Review>().AsNoTracking().Where(r => episodeIds.Contains(r.EpisodeId) && r.HeldOn != null).ToListAsync(ct);
            entries.AddRange(reviews.Select(r => new ChronologyEntry(r.HeldOn!.Value, ChronologyKind.Review, r.EpisodeId, r.Id, $"Review {r.Sequence} held: {r.Decision}", [])));
        }
        if (Wants(ChronologyKind.ServiceReferral))
        {
            var changes = await (from h in db.Set<ServiceReferralStatusChange>().AsNoTracking()
                                 join r in db.Set<ServiceReferral>() on h.ServiceReferralId equals r.Id
                                 join d in db.Set<DirectoryService>() on r.DirectoryServiceId equals d.Id
                                 where episodeIds.Contains(r.EpisodeId)
                                 select new { h.Id, r.EpisodeId, h.On, h.Status, d.Name, r.PersonId }).ToListAsync(ct);
            entries.AddRange(changes.Select(c => new ChronologyEntry(c.On, ChronologyKind.ServiceReferral, c.EpisodeId, c.Id, $"{c.Name}: {c.Status}", c.PersonId is { } p ? [p] : [])));
        }
        if (personId is { } person)
        {
            entries = entries.Where(e => e.PersonIds.Contains(person)).ToList();
        }
        return entries.OrderByDescending(e => e.On).ThenBy(e => e.Kind).ThenBy(e => e.ItemId).ToList();
    }
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
