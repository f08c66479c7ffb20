using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Hearth.Core.Programmes;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Referrals;

/// <summary>The counts of the Welsh evaluation's Table 4-1 for referrals received in a period.</summary>
public sealed record FunnelCounts(int Referrals, int Inappropriate, int ProgressedToAssessment, int ReReferrals, int AcceptedToPhase1, int CompletedPhase1, int CompletedPhase2);

/// <summary>
/// The referral funnel of one service, counted by the database. A referral progressed to assessment when its episode
/// entered the programme's assessment phase; Phase 1 and Phase 2 are the first and second phases after the assessment.
/// </summary>
public sealed class ReferralFunnel(HearthDbContext db)
{
    public async Task<FunnelCounts> ForServiceAsync(ActorContext actor, Guid serviceId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewReports);
        var code = await db.Set<Service>().Where(s => s.Id == serviceId).Select(s => s.ProgrammeCode).SingleAsync(ct);
        var programme = code is null ? null : await db.Set<ProgrammeVersion>().AsNoTracking().Where(p => p.Code == code).OrderByDescending(p => p.Number).FirstOrDefaultAsync(ct);
        var definition = programme?.Definition;
        var assessmentKey = definition?.AssessmentPhase?.Key ?? "";
        var work = definition?.WorkPhases.Select(p => p.Key).ToList() ?? [];
        var phase1 = work.ElementAtOrDefault(0) ?? "";
        var phase2 = work.ElementAtOrDefault(1) ?? "";

        var referrals = db.Set<Referral>().AsNoTracking().InScope(actor).Where(r => r.ServiceId == serviceId && r.ReceivedOn >= from && r.ReceivedOn <= to);
        var phases = db.Set<EpisodePhase>().AsNoTracking();
        // Each referral counts once however many times its episode passed through a phase (reopened episodes).
        IQueryable<Referral> Reached(string key, bool completed) => referrals.Where(r => r.Status == ReferralStatus.Accepted
            && phases.Any(p => p.EpisodeId == r.EpisodeId && p.PhaseKey == key && (!completed || p.Completed)));

        return new FunnelCounts(
            await referrals.CountAsync(ct),
            await referrals.CountAsync(r => r.Status == ReferralStatus.Inappropriate, ct),
            await Reached(assessmentKey, false).CountAsync(ct),
            await referrals.CountAsync(r => r.IsReReferral, ct),
            await Reached(phase1, false).CountAsync(ct),
            await Reached(phase1, true).CountAsync(ct),
            await Reached(phase2, true).CountAsync(ct));
    }
}
