namespace Hearth.Core.Episodes;

/// <summary>
/// Closure reasons to DfE CIN census ReasonForClosure codes. RC1-RC4 and RC6 (adopted, died, child arrangements order,
/// special guardianship, adult services) are not outcomes of family support, so no closure reason maps to them.
/// RC8/RC9 are for closures straight after assessment (no work phase started); RC5 is a move to another authority;
/// everything else is RC7, "services ceased for any other reason, including child no longer in need". See docs/journey.md.
/// </summary>
public static class ClosureCodes
{
    public static string ToDfeReasonForClosure(ClosureReason reason, bool closedAfterAssessmentOnly) => reason switch
    {
        ClosureReason.MovedAway => "RC5",
        ClosureReason.SteppedDownEarlyHelp when closedAfterAssessmentOnly => "RC9",
        ClosureReason.GoalsAchieved or ClosureReason.SteppedDownUniversal or ClosureReason.Other or ClosureReason.Disengaged
            when closedAfterAssessmentOnly => "RC8",
        _ => "RC7",
    };

    /// <summary>The destination implied by a reason, used by the import, which has no destination column.</summary>
    public static ClosureDestination DefaultDestination(ClosureReason reason) => reason switch
    {
        ClosureReason.SteppedDownEarlyHelp => ClosureDestination.EarlyHelp,
        ClosureReason.SteppedDownUniversal => ClosureDestination.UniversalServices,
        ClosureReason.SteppedUpCp => ClosureDestination.ChildProtection,
        ClosureReason.LookedAfter => ClosureDestination.LookedAfter,
        ClosureReason.MovedAway => ClosureDestination.AnotherLocalAuthority,
        _ => ClosureDestination.NoFurtherService,
    };

    /// <summary>"goals_achieved" to <see cref="ClosureReason.GoalsAchieved"/>; null when not one of the codes.</summary>
    public static ClosureReason? Parse(string? code) =>
        Enum.GetValues<ClosureReason>().Cast<ClosureReason?>().FirstOrDefault(r => Code(r!.Value) == code?.Trim().ToLowerInvariant());

    public static string Code(ClosureReason reason) => Data.SnakeCaseNames.ToSnake(reason.ToString());

    // The words people read for each code (pages, the chronology, exports); the one source of them.
    public static string Label(ClosureReason reason) => reason switch
    {
        ClosureReason.GoalsAchieved => "Goals achieved",
        ClosureReason.SteppedDownEarlyHelp => "Stepped down to early help",
        ClosureReason.SteppedDownUniversal => "Stepped down to universal services",
        ClosureReason.SteppedUpCp => "Stepped up to child protection",
        ClosureReason.LookedAfter => "Child became looked after",
        ClosureReason.Disengaged => "Family disengaged",
        ClosureReason.MovedAway => "Moved away",
        _ => "Other",
    };

    public static string Label(ClosureDestination destination) => destination switch
    {
        ClosureDestination.NoFurtherService => "No further service",
        ClosureDestination.EarlyHelp => "Early help",
        ClosureDestination.UniversalServices => "Universal services",
        ClosureDestination.ChildInNeedTeam => "Child in need team",
        ClosureDestination.ChildProtection => "Child protection",
        ClosureDestination.LookedAfter => "Looked after",
        ClosureDestination.AnotherLocalAuthority => "Another local authority",
        _ => "Another service",
    };

    public static string Label(OutcomeKind kind) => kind switch
    {
        OutcomeKind.ReReferral => "Re-referred",
        OutcomeKind.ChildProtectionPlan => "Child protection plan",
        OutcomeKind.BecameLookedAfter => "Became looked after (entered care)",
        _ => "Returned home",
    };
}
