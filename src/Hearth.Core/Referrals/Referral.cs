using Hearth.Core.Data;

namespace Hearth.Core.Referrals;

/// <summary>A request for a service to work with a family, naming the children it concerns, and its triage decision.</summary>
public sealed class Referral : Entity, ITeamOwned
{
    /// <summary>The council's own referral reference (import referral_ref); unique within the service when present.</summary>
    public string? Reference { get; set; }
    public Guid ServiceId { get; set; }
    public Guid TeamId { get; set; }
    public Guid FamilyId { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public TimeOnly? ReceivedAt { get; set; }
    public ReferralChannel Channel { get; set; }
    /// <summary>DfE CIN census ReferralSource code (1A..10).</summary>
    public required string Source { get; set; }
    public string? ReferrerAgency { get; set; }
    public string? ReferrerName { get; set; }
    public string? ReferrerContact { get; set; }
    /// <summary>Keys from the programme's presenting-needs list.</summary>
    public List<string> PresentingNeeds { get; set; } = [];
    public bool ConsentToShare { get; set; }
    public SharingBasis SharingBasis { get; set; }
    /// <summary>The programme's eligibility checklist answers, as a JSON object of question key to yes/no.</summary>
    public string? EligibilityAnswersJson { get; set; }
    /// <summary>A child it concerns was referred to the same service in the previous 12 months (see <see cref="ReReferralRule"/>).</summary>
    public bool IsReReferral { get; set; }
    public ReferralStatus Status { get; set; }
    public DateOnly? DecidedOn { get; set; }
    public string? DecidedBy { get; set; }
    public Guid? DecidedByUserId { get; set; }
    public string? DecisionReason { get; set; }
    /// <summary>The service a referral was referred on to.</summary>
    public string? ReferredOnTo { get; set; }
    public Guid? EpisodeId { get; set; }
    public List<ReferralChild> Children { get; set; } = [];
}

/// <summary>A child a referral concerns.</summary>
public sealed class ReferralChild : Entity
{
    public Guid ReferralId { get; set; }
    public Guid PersonId { get; set; }
}

/// <summary>A referral waiting for a team's capacity: since when, how urgent, and where it stands in the queue.</summary>
public sealed class WaitingListEntry : Entity, ITeamOwned
{
    public Guid ReferralId { get; set; }
    public Referral? Referral { get; set; }
    public Guid TeamId { get; set; }
    public DateOnly Since { get; set; }
    public WaitingPriority Priority { get; set; }
    public required string Reason { get; set; }
    /// <summary>Order within the team's list; smaller first. Managers may reorder, with a reason.</summary>
    public int Position { get; set; }
    public DateOnly? RemovedOn { get; set; }
    public WaitingOutcome? Outcome { get; set; }
    public string? OutcomeNote { get; set; }
}

public enum ReferralChannel
{
    Phone,
    Email,
    Paper,
    Portal,
    InPerson,
    Other,
}

/// <summary>The lawful basis for sharing the family's information with the service.</summary>
public enum SharingBasis
{
    Consent,
    PublicTask,
    LegalObligation,
    VitalInterests,
    SafeguardingChildren,
}

public enum ReferralStatus
{
    Received,
    Advice,
    Accepted,
    Inappropriate,
    ReferredOn,
    WaitingList,
}

/// <summary>A triage decision; the import's decision column uses these names in snake_case.</summary>
public enum TriageOutcome
{
    Advice,
    Accepted,
    Inappropriate,
    ReferredOn,
    WaitingList,
}

public enum WaitingPriority
{
    High = 1,
    Medium = 2,
    Low = 3,
}

public enum WaitingOutcome
{
    Accepted,
    Withdrawn,
    NoLongerNeeded,
    ReferredOn,
    Inappropriate,
    Advice,
}

/// <summary>DfE CIN census referral source codes.</summary>
public static class ReferralSources
{
    public static readonly IReadOnlyDictionary<string, string> Codes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["1A"] = "Individual: family member, relative or carer", ["1B"] = "Individual: acquaintance", ["1C"] = "Individual: self",
        ["1D"] = "Individual: other", ["2A"] = "Schools", ["2B"] = "Education services", ["3A"] = "Health: GP",
        ["3B"] = "Health: health visitor", ["3C"] = "Health: school nurse", ["3D"] = "Health: other primary health services",
        ["3E"] = "Health: A&E", ["3F"] = "Health: other", ["4"] = "Housing", ["5A"] = "LA services: social care",
        ["5B"] = "LA services: other internal", ["5C"] = "LA services: external", ["5D"] = "LA services: early help",
        ["6"] = "Police", ["7"] = "Other legal agency", ["8"] = "Other", ["9"] = "Anonymous", ["10"] = "Unknown",
    };

    public static bool IsValid(string? code) => code is not null && Codes.ContainsKey(code.Trim().ToUpperInvariant());
}

/// <summary>
/// The re-referral window. An earlier referral of the same child to the same service counts when it was received on or
/// after this referral's date minus 12 calendar months (<see cref="DateOnly.AddMonths"/>(-12), so from 2025-02-28 and from
/// 2024-02-29 the window opens on 2024-02-28 and 2023-02-28), and strictly before this referral's date. Both ends are
/// dates, not times; a second referral on the same day is the same episode of concern, not a re-referral.
/// </summary>
public static class ReReferralRule
{
    public static DateOnly WindowStart(DateOnly received) => received.AddMonths(-12);

    public static bool Counts(DateOnly earlier, DateOnly received) => earlier >= WindowStart(received) && earlier < received;
}
