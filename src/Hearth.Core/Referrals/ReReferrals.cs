using Hearth.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Referrals;

/// <summary>Sets <see cref="Referral.IsReReferral"/> wherever <see cref="ReReferralRule"/> says so, including later referrals when one is back-dated.</summary>
internal static class ReReferrals
{
    public static async Task RecomputeAsync(HearthDbContext db, IReadOnlyCollection<Guid> childIds, CancellationToken ct)
    {
        var ids = childIds.ToList();
        var rows = await db.Set<ReferralChild>()
            .Where(c => ids.Contains(c.PersonId))
            .Join(db.Set<Referral>(), c => c.ReferralId, r => r.Id, (c, r) => new { c.PersonId, r.Id, r.ServiceId, r.ReceivedOn })
            .ToListAsync(ct);
        // Adding a referral or merging people only ever adds earlier referrals, so flags are set and never cleared here.
        var flagged = rows.Where(r => rows.Any(o => o.PersonId == r.PersonId && o.ServiceId == r.ServiceId && ReReferralRule.Counts(o.ReceivedOn, r.ReceivedOn)))
            .Select(r => r.Id).Distinct().ToList();
        var referrals = await db.Set<Referral>().Where(r => flagged.Contains(r.Id) && !r.IsReReferral).ToListAsync(ct);
        foreach (var r in referrals)
        {
            r.IsReReferral = true;
        }
    }
}
