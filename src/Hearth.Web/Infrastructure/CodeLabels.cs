using Hearth.Core.Episodes;
using Hearth.Core.People;
using Hearth.Core.Referrals;

namespace Hearth.Web.Infrastructure;

/// <summary>
/// The one place a code becomes words on a page: the English text of each code set (closure reasons, triage outcomes,
/// DfE referral sources, ethnicity and disability codes...), used as keys of the string localiser, so pages show
/// "Stepped down to early help" or "Health: GP" rather than an enum name or "3A". Code sets defined by DfE keep their
/// labels beside the codes in Core (ReferralSources, DfeCodes); this class is how pages reach them.
/// </summary>
public static class CodeLabels
{
    /// <summary>A DfE referral source by its label ("Health: GP"; the census code 3A is for returns, not people); a code outside the set is shown as it is.</summary>
    public static string ReferralSource(string? code) =>
        code is null ? "" : ReferralSources.Codes.TryGetValue(code.Trim().ToUpperInvariant(), out var label) ? label : code;

    public static string Ethnicity(string code) => DfeCodes.EthnicityLabel(code) ?? code;

    public static string Disability(string code) => DfeCodes.DisabilityLabel(code);

    public static string Of(ClosureReason reason) => ClosureCodes.Label(reason);

    public static string Of(ClosureDestination destination) => ClosureCodes.Label(destination);

    public static string Of(OutcomeKind kind) => ClosureCodes.Label(kind);

    public static string Of(TriageOutcome outcome) => outcome switch
    {
        TriageOutcome.Advice => "Advice only (consultation)",
        TriageOutcome.Accepted => "Accepted",
        TriageOutcome.Inappropriate => "Inappropriate",
        TriageOutcome.ReferredOn => "Referred on to another service",
        _ => "Waiting list",
    };

    public static string Of(ReferralStatus status) => status switch
    {
        ReferralStatus.Received => "Not yet triaged",
        ReferralStatus.Advice => "Advice only",
        ReferralStatus.Accepted => "Accepted",
        ReferralStatus.Inappropriate => "Inappropriate",
        ReferralStatus.ReferredOn => "Referred on",
        _ => "Waiting list",
    };

    public static string Of(WaitingPriority priority) => priority switch
    {
        WaitingPriority.High => "High",
        WaitingPriority.Medium => "Medium",
        _ => "Low",
    };

    public static string Of(WaitingOutcome outcome) => outcome switch
    {
        WaitingOutcome.Accepted => "Accepted",
        WaitingOutcome.Withdrawn => "Withdrawn",
        WaitingOutcome.NoLongerNeeded => "No longer needed",
        WaitingOutcome.ReferredOn => "Referred on",
        WaitingOutcome.Inappropriate => "Inappropriate",
        _ => "Advice given",
    };

    public static string Of(ReferralChannel channel) => channel switch
    {
        ReferralChannel.Phone => "Phone",
        ReferralChannel.Email => "Email",
        ReferralChannel.Paper => "Paper",
        ReferralChannel.Portal => "Online portal",
        ReferralChannel.InPerson => "In person",
        _ => "Other",
    };

    public static string Of(SharingBasis basis) => basis switch
    {
        SharingBasis.Consent => "Consent",
        SharingBasis.PublicTask => "Public task",
        SharingBasis.LegalObligation => "Legal obligation",
        SharingBasis.VitalInterests => "Vital interests",
        _ => "Safeguarding of children",
    };

    public static string Of(AssessmentDecision decision) => decision == AssessmentDecision.Proceed ? "Proceed to the work phases" : "No further work";
}
