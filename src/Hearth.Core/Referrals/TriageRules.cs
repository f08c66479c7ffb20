using Hearth.Core.Security;

namespace Hearth.Core.Referrals;

/// <summary>
/// What a triage decision does to a referral, shared by <see cref="TriageService.TriageAsync"/> and the journey import
/// so that an imported decision and one made on the triage page leave the same referral.
/// </summary>
public static class TriageRules
{
    /// <summary>The import's names for the outcomes (the enum's names in snake_case).</summary>
    public static readonly IReadOnlyDictionary<string, TriageOutcome> Codes = new Dictionary<string, TriageOutcome>(StringComparer.OrdinalIgnoreCase)
    {
        ["accepted"] = TriageOutcome.Accepted,
        ["inappropriate"] = TriageOutcome.Inappropriate,
        ["advice"] = TriageOutcome.Advice,
        ["referred_on"] = TriageOutcome.ReferredOn,
        ["waiting_list"] = TriageOutcome.WaitingList,
    };

    /// <summary>The referral's status once decided.</summary>
    public static ReferralStatus StatusAfter(TriageOutcome outcome) => outcome switch
    {
        TriageOutcome.Advice => ReferralStatus.Advice,
        TriageOutcome.Accepted => ReferralStatus.Accepted,
        TriageOutcome.Inappropriate => ReferralStatus.Inappropriate,
        TriageOutcome.ReferredOn => ReferralStatus.ReferredOn,
        TriageOutcome.WaitingList => ReferralStatus.WaitingList,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Not a triage outcome"),
    };

    /// <summary>Why a waiting-list entry ends when the referral on it is decided (a decision to wait again is refused before).</summary>
    public static WaitingOutcome LeavesWaitingListAs(TriageOutcome outcome) => outcome switch
    {
        TriageOutcome.Accepted => WaitingOutcome.Accepted,
        TriageOutcome.ReferredOn => WaitingOutcome.ReferredOn,
        TriageOutcome.Inappropriate => WaitingOutcome.Inappropriate,
        _ => WaitingOutcome.Advice,
    };

    /// <summary>Records the decision on the referral: its status, when, by whom, and the reason and where it went on to.</summary>
    public static void Decide(Referral referral, TriageOutcome outcome, DateOnly decidedOn, ActorContext actor, string? reason = null, string? referredOnTo = null)
    {
        referral.Status = StatusAfter(outcome);
        referral.DecidedOn = decidedOn;
        referral.DecidedBy = actor.Name;
        referral.DecidedByUserId = actor.UserId;
        referral.DecisionReason = reason?.Trim();
        referral.ReferredOnTo = referredOnTo?.Trim();
    }
}
