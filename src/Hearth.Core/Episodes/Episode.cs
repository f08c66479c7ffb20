using Hearth.Core.Data;

namespace Hearth.Core.Episodes;

/// <summary>One service's involvement with one family, from acceptance to closure, moving through its programme's phases.</summary>
public sealed class Episode : Entity, ITeamOwned
{
    public Guid ServiceId { get; set; }
    public Guid TeamId { get; set; }
    public Guid FamilyId { get; set; }
    /// <summary>The programme version in effect when the episode opened; later versions do not change it.</summary>
    public Guid ProgrammeVersionId { get; set; }
    /// <summary>The referral whose acceptance opened (or last reopened) the episode.</summary>
    public Guid ReferralId { get; set; }
    public string? Mode { get; set; }
    public DateOnly OpenedOn { get; set; }
    public required string CurrentPhase { get; set; }
    public DateOnly CurrentPhaseStartedOn { get; set; }
    /// <summary>Start of the current phase plus its expected maximum length: past it, the episode is overdue.</summary>
    public DateOnly? CurrentPhaseDueOn { get; set; }
    /// <summary>Open and not yet past the programme's last intensive phase: counts against workers' intensive caseloads.</summary>
    public bool IsIntensive { get; set; }
    public AssessmentDecision? AssessmentDecision { get; set; }
    public DateOnly? AssessmentDecidedOn { get; set; }
    public int BoosterSessions { get; set; }
    public DateOnly? ClosedOn { get; set; }
    public ClosureReason? ClosureReason { get; set; }
    public ClosureDestination? ClosureDestination { get; set; }
    public bool UnmetNeed { get; set; }
    /// <summary>The DfE CIN census ReasonForClosure code derived at closure (see <see cref="ClosureCodes"/>).</summary>
    public string? DfeReasonForClosure { get; set; }
    public int ReopenCount { get; set; }
    public DateOnly? ReopenedOn { get; set; }
    public List<EpisodePhase> Phases { get; set; } = [];
    public List<Allocation> Allocations { get; set; } = [];

    public bool IsOpen => ClosedOn is null;
}

/// <summary>One stay of an episode in one phase: dated and attributed at both ends.</summary>
public sealed class EpisodePhase : Entity
{
    public Guid EpisodeId { get; set; }
    public required string PhaseKey { get; set; }
    public DateOnly StartedOn { get; set; }
    public required string StartedBy { get; set; }
    public DateOnly? EndedOn { get; set; }
    public string? EndedBy { get; set; }
    /// <summary>Whether the phase counts as completed under the programme's rule, set when it ends.</summary>
    public bool Completed { get; set; }
}

/// <summary>A worker allocated to an episode, from a date until a date.</summary>
public sealed class Allocation : Entity
{
    public Guid EpisodeId { get; set; }
    public Episode? Episode { get; set; }
    public Guid WorkerId { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? To { get; set; }
    public bool IsLead { get; set; }
    /// <summary>Why a manager allocated beyond the worker's maximum of intensive cases, when they did.</summary>
    public string? OverrideReason { get; set; }
    /// <summary>Why the allocation ended, once it has (set with <see cref="To"/>).</summary>
    public AllocationEndReason? EndReason { get; set; }
    /// <summary>What the manager said about the ending; required when the reason is <see cref="AllocationEndReason.Other"/>.</summary>
    public string? EndNote { get; set; }
}

/// <summary>Why a worker stopped holding a case.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<AllocationEndReason>))]
public enum AllocationEndReason
{
    LeftTeam,
    Rebalancing,
    Sickness,
    Other,
    /// <summary>Set by closure, which ends every open allocation; a manager does not choose it.</summary>
    EpisodeClosed,
}

/// <summary>A dated fact about a child after (or during) an episode: the sustainability evidence.</summary>
public sealed class OutcomeEvent : Entity, ITeamOwned
{
    public Guid PersonId { get; set; }
    public Guid? EpisodeId { get; set; }
    /// <summary>The team whose record this is, for scoping.</summary>
    public Guid TeamId { get; set; }
    public OutcomeKind Kind { get; set; }
    public DateOnly OccurredOn { get; set; }
    public string? Note { get; set; }
}

/// <summary>
/// A check on the family a number of months after closure, due for the team. Until it is recorded, and when it could
/// not be done, nobody knows how the children are: the outcomes report counts them as unknown, never as doing well.
/// </summary>
public sealed class FollowUp : Entity, ITeamOwned
{
    public Guid EpisodeId { get; set; }
    public Guid TeamId { get; set; }
    public int MonthsAfterClosure { get; set; }
    public DateOnly DueOn { get; set; }
    /// <summary>When the follow-up was recorded: the date of the check, or of the attempt that could not check.</summary>
    public DateOnly? CompletedOn { get; set; }
    public string? CompletedBy { get; set; }
    /// <summary>What the check found; null while it has not been done.</summary>
    public FollowUpResult? Result { get; set; }
    public string? Note { get; set; }

    /// <summary>Whether someone looked: a check that found nothing or found an event, not one that could not be done.</summary>
    public bool IsChecked => Result is FollowUpResult.NoEvent or FollowUpResult.Event;
}

/// <summary>What a follow-up found. A check covers the whole time since closure, so a 12-month check answers for 6 months too.</summary>
public enum FollowUpResult
{
    /// <summary>Checked: no re-referral, child protection plan or entry to care since closure.</summary>
    NoEvent,
    /// <summary>Checked: an event since closure, recorded as an <see cref="OutcomeEvent"/> with its date.</summary>
    Event,
    /// <summary>Tried and could not check (the family moved away, records unavailable): still unknown.</summary>
    CouldNotCheck,
}

public enum AssessmentDecision
{
    /// <summary>The family goes on to the programme's work phases.</summary>
    Proceed,
    /// <summary>Closed after assessment.</summary>
    NoFurtherWork,
}

/// <summary>Why an episode closed. The import's closure_reason values are these in snake_case.</summary>
public enum ClosureReason
{
    GoalsAchieved,
    SteppedDownEarlyHelp,
    SteppedDownUniversal,
    SteppedUpCp,
    LookedAfter,
    Disengaged,
    MovedAway,
    Other,
}

/// <summary>Where the family went on closure.</summary>
public enum ClosureDestination
{
    NoFurtherService,
    EarlyHelp,
    UniversalServices,
    ChildInNeedTeam,
    ChildProtection,
    LookedAfter,
    AnotherLocalAuthority,
    OtherService,
}

public enum OutcomeKind
{
    ReReferral,
    ChildProtectionPlan,
    BecameLookedAfter,
    ReturnedHome,
}

public static class OutcomeKinds
{
    /// <summary>The events that mean the work did not last, which a follow-up looks for.</summary>
    public static readonly IReadOnlyList<OutcomeKind> AfterClosureEvents = [OutcomeKind.ReReferral, OutcomeKind.ChildProtectionPlan, OutcomeKind.BecameLookedAfter];
}
