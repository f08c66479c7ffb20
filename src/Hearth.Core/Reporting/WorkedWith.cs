using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Referrals;

namespace Hearth.Core.Reporting;

/// <summary>The shared definition of "worked with": episodes open at any time in the period, and the children named on their referrals.</summary>
internal static class WorkedWith
{
    public static IQueryable<Episode> Episodes(HearthDbContext db, IReadOnlyList<Guid> teams, ReportPeriod period) =>
        db.Set<Episode>().Where(e => teams.Contains(e.TeamId) && e.OpenedOn <= period.To && (e.ClosedOn == null || e.ClosedOn >= period.From));

    public static IQueryable<Guid> Children(HearthDbContext db, IQueryable<Episode> episodes) =>
        db.Set<ReferralChild>().Join(db.Set<Referral>(), c => c.ReferralId, r => r.Id, (c, r) => new { c.PersonId, r.EpisodeId })
            .Where(x => episodes.Any(e => e.Id == x.EpisodeId))
            .Select(x => x.PersonId)
            .Distinct();

    /// <summary>The same children with the service of the episode they were worked with in, for per-service counts.</summary>
    public static IQueryable<ServiceChild> ChildrenWithService(HearthDbContext db, IQueryable<Episode> episodes) =>
        db.Set<ReferralChild>().Join(db.Set<Referral>(), c => c.ReferralId, r => r.Id, (c, r) => new { c.PersonId, r.EpisodeId })
            .Join(episodes, x => x.EpisodeId, e => e.Id, (x, e) => new ServiceChild { ServiceId = e.ServiceId, PersonId = x.PersonId });

    internal sealed class ServiceChild
    {
        public Guid ServiceId { get; init; }
        public Guid PersonId { get; init; }
    }
}
