using System.Text.Json.Serialization;
using Hearth.Core.Auditing;
using Hearth.Core.Data;

namespace Hearth.Core.Casework;

[JsonConverter(typeof(JsonStringEnumConverter<AssessmentState>))]
public enum AssessmentState
{
    Draft,
    Complete,
    Authorised,
}

/// <summary>An assessment within an episode: the shared core plus the programme's own questions.</summary>
public sealed class Assessment : Entity, ITeamOwned
{
    public Guid EpisodeId { get; set; }
    public Guid TeamId { get; set; }
    /// <summary>The assessment type's name, copied from the programme version so that later versions do not rename it.</summary>
    public required string AssessmentType { get; set; }
    public AssessmentState State { get; set; }
    public DateOnly StartedOn { get; set; }
    public DateOnly? CompletedOn { get; set; }
    public DateOnly? AuthorisedOn { get; set; }
    public string? AuthorisedBy { get; set; }
    public string? Worries { get; set; }
    public string? WorkingWell { get; set; }
    public string? NeedsToHappen { get; set; }
    /// <summary>0 (the children are not safe) to 10 (everyone agrees they are safe).</summary>
    public int? SafetyScale { get; set; }
    /// <summary>Answers to the programme's additional questions, a JSON object of question key to text.</summary>
    public string AnswersJson { get; set; } = "{}";
    public List<AssessmentMember> Members { get; set; } = [];
}

/// <summary>One family member's needs, strengths and risks within an assessment. Goals link to it.</summary>
public sealed class AssessmentMember : Entity
{
    public Guid AssessmentId { get; set; }
    public Guid PersonId { get; set; }
    public string? Needs { get; set; }
    public string? Strengths { get; set; }
    public string? Risks { get; set; }
}

[JsonConverter(typeof(JsonStringEnumConverter<PlanKind>))]
public enum PlanKind
{
    FamilyAgreement,
    WholeFamilyPlan,
    SafetyPlan,
}

/// <summary>A plan in an episode. Its content is kept as numbered versions; the row holds the current one.</summary>
public sealed class Plan : Entity, ITeamOwned
{
    public Guid EpisodeId { get; set; }
    public Guid TeamId { get; set; }
    public PlanKind Kind { get; set; }
    public int CurrentVersion { get; set; }
    public required string Content { get; set; }
    public DateOnly? ReviewBy { get; set; }
    public List<PlanVersion> Versions { get; set; } = [];
    public List<PlanAgreement> Agreements { get; set; } = [];
}

/// <summary>One version of a plan, never changed once written.</summary>
public sealed class PlanVersion : Entity
{
    public Guid PlanId { get; set; }
    public int Number { get; set; }
    public required string Content { get; set; }
    public DateOnly? ReviewBy { get; set; }
    public DateOnly WrittenOn { get; set; }
    public required string WrittenBy { get; set; }
    /// <summary>The review that amended the plan, when one did.</summary>
    public Guid? ReviewId { get; set; }
    public string? ChangeSummary { get; set; }
}

[JsonConverter(typeof(JsonStringEnumConverter<AgreementFormat>))]
public enum AgreementFormat
{
    Signed,
    Verbal,
    Pictorial,
    Electronic,
    Interpreted,
}

/// <summary>A family member's agreement to the family agreement (or another plan), with its date and format.</summary>
public sealed class PlanAgreement : Entity
{
    public Guid PlanId { get; set; }
    public Guid PersonId { get; set; }
    public int PlanVersionNumber { get; set; }
    public DateOnly AgreedOn { get; set; }
    public AgreementFormat Format { get; set; }
}

/// <summary>
/// A goal for a family member (or the whole family when PersonId is empty), with its five Goal Attainment Scaling
/// levels written before work starts: a goal without all five cannot be rated.
/// </summary>
public sealed class Goal : Entity, ITeamOwned
{
    public Guid EpisodeId { get; set; }
    public Guid TeamId { get; set; }
    public Guid? PlanId { get; set; }
    public Guid? PersonId { get; set; }
    public required string Title { get; set; }
    public required string Owner { get; set; }
    public DateOnly? TargetDate { get; set; }
    public string? LevelMinus2 { get; set; }
    public string? LevelMinus1 { get; set; }
    public string? Level0 { get; set; }
    public string? LevelPlus1 { get; set; }
    public string? LevelPlus2 { get; set; }
    public DateOnly? LevelsSetOn { get; set; }
    /// <summary>The assessment members (needs) the goal answers.</summary>
    public List<Guid> NeedIds { get; set; } = [];
    public DateOnly CreatedOn { get; set; }

    public bool HasLevels => LevelsSetOn is not null;
}

[JsonConverter(typeof(JsonStringEnumConverter<SessionType>))]
public enum SessionType
{
    HomeVisit,
    Office,
    CommunityActivity,
    Phone,
    TextOnline,
    Video,
    WelfareCheck,
    OutOfHours,
    Booster,
}

/// <summary>A contact with the family: when, how long, what kind, who took part and a note.</summary>
public sealed class Session : Entity, ITeamOwned
{
    public Guid EpisodeId { get; set; }
    public Guid TeamId { get; set; }
    /// <summary>The episode's phase on the session's date, so time totals per phase are a GROUP BY.</summary>
    public required string PhaseKey { get; set; }
    public DateOnly Date { get; set; }
    public TimeOnly Start { get; set; }
    public int Minutes { get; set; }
    public SessionType Type { get; set; }
    public bool Emergency { get; set; }
    public List<Guid> PersonIds { get; set; } = [];
    public List<Guid> WorkerIds { get; set; } = [];
    public string? OtherProfessionals { get; set; }
    public string? Place { get; set; }
    public string? Note { get; set; }
}

[JsonConverter(typeof(JsonStringEnumConverter<NonFamilyActivity>))]
public enum NonFamilyActivity
{
    AgencyLiaison,
    Travel,
    Training,
    Supervision,
    Admin,
}

/// <summary>Time a worker spent on work that is not with a family, so time use can be reported.</summary>
public sealed class WorkerTime : Entity, ITeamOwned
{
    public Guid WorkerId { get; set; }
    public Guid TeamId { get; set; }
    public DateOnly Date { get; set; }
    public int Minutes { get; set; }
    public NonFamilyActivity Activity { get; set; }
    public string? Note { get; set; }
}

/// <summary>A manager's approval for one booster session beyond the programme's maximum.</summary>
public sealed class BoosterApproval : Entity, ITeamOwned
{
    public Guid EpisodeId { get; set; }
    public Guid TeamId { get; set; }
    public DateOnly ApprovedOn { get; set; }
    public required string ApprovedBy { get; set; }
    public required string Reason { get; set; }
}

[JsonConverter(typeof(JsonStringEnumConverter<ReviewDecision>))]
public enum ReviewDecision
{
    Continue,
    StepDown,
    Close,
    Escalate,
}

/// <summary>A review scheduled from the programme's review points, and what happened at it.</summary>
public sealed class Review : Entity, ITeamOwned
{
    public Guid EpisodeId { get; set; }
    public Guid TeamId { get; set; }
    public required string PhaseKey { get; set; }
    /// <summary>1, 2, 3... within the phase.</summary>
    public int Sequence { get; set; }
    public DateOnly DueOn { get; set; }
    public DateOnly? HeldOn { get; set; }
    public string? Attendees { get; set; }
    public string? Progress { get; set; }
    public string? PlanChanges { get; set; }
    public ReviewDecision? Decision { get; set; }
    public List<GoalRating> Ratings { get; set; } = [];
}

/// <summary>A goal's Goal Attainment Scaling level (-2..+2) at a review.</summary>
public sealed class GoalRating : Entity
{
    public Guid ReviewId { get; set; }
    public Guid GoalId { get; set; }
    public int Level { get; set; }
}

/// <summary>A professional or agency in the team around the family.</summary>
public sealed class Professional : Entity, ITeamOwned
{
    public Guid EpisodeId { get; set; }
    public Guid TeamId { get; set; }
    public required string Name { get; set; }
    public required string Agency { get; set; }
    public required string Role { get; set; }
    public string? Contact { get; set; }
    public bool ConsentToShare { get; set; }
}

/// <summary>A wider service families can be referred to (drug and alcohol, domestic abuse, housing...). Configured by administrators.</summary>
public sealed class DirectoryService : Entity
{
    public required string Name { get; set; }
    public required string Category { get; set; }
    public string? Contact { get; set; }
    public bool IsActive { get; set; } = true;
}

[JsonConverter(typeof(JsonStringEnumConverter<ServiceReferralStatus>))]
public enum ServiceReferralStatus
{
    Referred,
    Waiting,
    Accepted,
    Declined,
    Engaged,
    Completed,
    DroppedOut,
}

/// <summary>A referral from an episode to a wider service, with its status history.</summary>
public sealed class ServiceReferral : Entity, ITeamOwned
{
    public Guid EpisodeId { get; set; }
    public Guid TeamId { get; set; }
    public Guid DirectoryServiceId { get; set; }
    public Guid? PersonId { get; set; }
    public DateOnly ReferredOn { get; set; }
    public ServiceReferralStatus Status { get; set; }
    public DateOnly StatusOn { get; set; }
    /// <summary>When the service first accepted or engaged the family: the end of the wait.</summary>
    public DateOnly? StartedOn { get; set; }
    public List<ServiceReferralStatusChange> History { get; set; } = [];
}

public sealed class ServiceReferralStatusChange : Entity
{
    public Guid ServiceReferralId { get; set; }
    public ServiceReferralStatus Status { get; set; }
    public DateOnly On { get; set; }
    public required string By { get; set; }
    public string? Note { get; set; }
}

/// <summary>
/// The posted fields of a long form not yet submitted, kept server-side per user, form and record so that an expired
/// session or a closed browser loses nothing. Outside the audit trail: every autosave would otherwise copy up to
/// 200 kB of half-typed personal data into the append-only audit table, which keeps it for good; the draft is only
/// its user's working copy, readable by that user alone, and is deleted when the record itself is saved (and audited).
/// </summary>
public sealed class Draft : Entity, IOutsideAuditTrail
{
    public Guid UserId { get; set; }
    public required string Form { get; set; }
    public required string RecordKey { get; set; }
    public required string FieldsJson { get; set; }
    public DateTimeOffset SavedAt { get; set; }
}
