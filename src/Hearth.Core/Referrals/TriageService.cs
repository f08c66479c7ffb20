using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Programmes;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Referrals;

/// <summary>A triage decision. Reason is required for inappropriate and waiting list; ReferredOnTo for referred on.</summary>
public sealed record TriageDecision(TriageOutcome Outcome, DateOnly DecidedOn, string? Reason = null, string? ReferredOnTo = null, WaitingPriority? Priority = null, string? Mode = null);

/// <summary>Triage: the decision on a referral, which can open, reopen or join an episode, or put the referral on the waiting list.</summary>
public sealed class TriageService(HearthDbContext db, ProgrammeService programmes)
{
    /// <summary>
    /// Records a triage decision. Accepting opens an episode, or reopens the family's last episode with the service
    /// when it closed within the programme's reopen window, or joins the family's open episode.
    /// </summary>
    public async Task<Referral> TriageAsync(ActorContext actor, Guid referralId, int version, TriageDecision decision, CancellationToken ct = default)
    {
        actor.Demand(Permission.ManageCases);
        var referral = await db.Set<Referral>().InScope(actor).SingleOrDefaultAsync(r => r.Id == referralId, ct) ?? throw ReferralService.NotFound();
        referral.Version = version;
        var v = new Validator();
        if (referral.Status is not (ReferralStatus.Received or ReferralStatus.WaitingList))
        {
            v.Add("Outcome", $"The referral has already been decided ({referral.Status})");
        }
        if (referral.Status == ReferralStatus.WaitingList && decision.Outcome == TriageOutcome.WaitingList)
        {
            v.Add("Outcome", "The referral is already on the waiting list");
        }
        if (decision.DecidedOn > db.Today())
        {
            v.Add("DecidedOn", "The decision date must be today or in the past");
        }
        else if (decision.DecidedOn < referral.ReceivedOn)
        {
            v.Add("DecidedOn", $"The decision date cannot be before the referral was received on {referral.ReceivedOn:d MMMM yyyy}");
        }
        switch (decision.Outcome)
        {
            case TriageOutcome.Inappropriate when string.IsNullOrWhiteSpace(decision.Reason):
                v.Add("Reason", "Enter why the referral is inappropriate");
                break;
            case TriageOutcome.ReferredOn when string.IsNullOrWhiteSpace(decision.ReferredOnTo):
                v.Add("ReferredOnTo", "Enter the service the referral was passed to");
                break;
            case TriageOutcome.WaitingList:
                if (decision.Priority is null || !Enum.IsDefined(decision.Priority.Value))
                {
                    v.Add("Priority", "Choose the priority on the waiting list");
                }
                if (string.IsNullOrWhiteSpace(decision.Reason))
                {
                    v.Add("Reason", "Enter why the referral is waiting");
                }
                break;
        }
        v.MaxLength("Reason", decision.Reason, 2000, "Reason").MaxLength("ReferredOnTo", decision.ReferredOnTo, 200, "Service referred on to");
        ProgrammeVersion? programme = null;
        if (decision.Outcome == TriageOutcome.Accepted)
        {
            var code = await db.Set<Service>().Where(s => s.Id == referral.ServiceId).Select(s => s.ProgrammeCode).SingleAsync(ct);
            programme = code is null ? null : await programmes.InEffectAsync(code, decision.DecidedOn, ct);
            if (programme is null)
            {
                v.Add("Outcome", "The service has no programme in effect on the decision date");
            }
            else if (decision.Mode is not null && !programme.Definition.Modes.Contains(decision.Mode))
            {
                v.Add("Mode", $"Choose one of: {string.Join(", ", programme.Definition.Modes)}");
            }
        }
        v.ThrowIfAny();

        var waiting = await db.Set<WaitingListEntry>().SingleOrDefaultAsync(w => w.ReferralId == referral.Id && w.RemovedOn == null, ct);
        if (waiting is not null)
        {
            waiting.RemovedOn = decision.DecidedOn;
            waiting.Outcome = TriageRules.LeavesWaitingListAs(decision.Outcome);
        }
        TriageRules.Decide(referral, decision.Outcome, decision.DecidedOn, actor, decision.Reason, decision.ReferredOnTo);
        if (decision.Outcome == TriageOutcome.WaitingList)
        {
            var last = await db.Set<WaitingListEntry>().Where(w => w.TeamId == referral.TeamId && w.RemovedOn == null).MaxAsync(w => (int?)w.Position, ct) ?? 0;
            db.Add(new WaitingListEntry
            {
                ReferralId = referral.Id, TeamId = referral.TeamId, Since = decision.DecidedOn,
                Priority = decision.Priority!.Value, Reason = decision.Reason!.Trim(), Position = last + 1,
            });
        }
        if (decision.Outcome == TriageOutcome.Accepted)
        {
            await AcceptIntoEpisodeAsync(referral, programme!, decision.DecidedOn, actor.Name, decision.Mode, ct);
        }
        await db.SaveChangesAsync(actor, ct);
        return referral;
    }

    private async Task AcceptIntoEpisodeAsync(Referral referral, ProgrammeVersion programme, DateOnly on, string by, string? mode, CancellationToken ct)
    {
        var latest = await db.Set<Episode>().Include(e => e.Phases)
            .Where(e => e.FamilyId == referral.FamilyId && e.ServiceId == referral.ServiceId)
            .OrderByDescending(e => e.OpenedOn).FirstOrDefaultAsync(ct);
        if (latest is { ClosedOn: null })
        {
            referral.EpisodeId = latest.Id;
            return;
        }
        if (latest is { ClosedOn: { } closedOn })
        {
            var latestProgramme = await db.Set<ProgrammeVersion>().AsNoTracking().SingleAsync(p => p.Id == latest.ProgrammeVersionId, ct);
            if (EpisodeRules.WithinReopenWindow(closedOn, on, latestProgramme.Definition))
            {
                var pending = await db.Set<FollowUp>().Where(f => f.EpisodeId == latest.Id && f.CompletedOn == null).ToListAsync(ct);
                var v = new Validator();
                EpisodeRules.Reopen(db, latest, latest.Phases, pending, latestProgramme.Definition, on, by, db.Today(), v);
                v.ThrowIfAny();
                latest.ReferralId = referral.Id;
                referral.EpisodeId = latest.Id;
                return;
            }
        }
        EpisodeRules.Open(db, referral, programme, on, by, mode);
    }
}
