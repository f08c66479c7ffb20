using Hearth.Core.Episodes;
using Hearth.Core.Measures;

namespace Hearth.Core.Programmes;

/// <summary>The programmes Hearth ships, from the source evaluations (seeds/). Councils publish their own versions on top.</summary>
public static class ShippedProgrammes
{
    public const string Ifss = "ifss";
    public const string Ifit = "ifit";
    public const string TroubledFamilies = "troubled-families";
    public const string CinPod = "cin-pod";

    /// <summary>Shipped versions take effect from this date so that any imported history falls under them.</summary>
    public static readonly DateOnly EffectiveFrom = new(2000, 1, 1);

    private static readonly ClosureReason[] SteppedDown =
        [ClosureReason.GoalsAchieved, ClosureReason.SteppedDownEarlyHelp, ClosureReason.SteppedDownUniversal];

    private static readonly EligibilityQuestion[] EdgeOfCare =
    [
        new("child_at_risk_of_care", "Is a child at risk of becoming looked after?"),
        new("family_consents", "Has the family agreed to work with the service?"),
    ];

    // The Welsh evaluation's measures (seeds/002, 6.10-6.22): SDQ for children, WEMWBS for adults. GAS (6.18-6.21) is the
    // goal ratings recorded at each review, so it is not scheduled as a form.
    private static readonly MeasureSchedule SdqChildren = new()
    {
        Instrument = "sdq-parent", Respondent = Respondent.Parent, MinAgeYears = 4, MaxAgeYears = 17, AtBaseline = true, AtReviews = true, AtClosure = true,
    };

    private static readonly MeasureSchedule WemwbsAdults = new()
    {
        Instrument = "wemwbs", Respondent = Respondent.Parent, MinAgeYears = 16, AtBaseline = true, AtReviews = true, AtClosure = true,
    };

    // FACT22 (seeds/004, 6.2): Family Star Plus at the start, every three months and at closure.
    private static readonly MeasureSchedule FamilyStar = new()
    {
        Instrument = "family-star-plus", Respondent = Respondent.Worker, MinAgeYears = 18, AtBaseline = true, EveryMonths = 3, AtClosure = true,
    };

    public static readonly IReadOnlyList<(string Code, string Name, ProgrammeDefinition Definition)> All =
    [
        (Ifss, "Integrated Family Support Service", new ProgrammeDefinition
        {
            Phases =
            [
                new PhaseDefinition { Key = "consultation", Name = "Consultation", ExpectedMaxDays = 7 },
                new PhaseDefinition { Key = "assessment", Name = "72-hour assessment", IsAssessment = true, ExpectedMinDays = 1, ExpectedMaxDays = 7 },
                new PhaseDefinition { Key = "phase1", Name = "Phase 1 (intensive)", Intensive = true, ExpectedMinDays = 28, ExpectedMaxDays = 42 },
                new PhaseDefinition
                {
                    Key = "phase2", Name = "Phase 2 (step-down)", ExpectedMaxDays = 366, CompletedByMovingOn = true,
                    CompletedByClosureReasons = SteppedDown,
                    Reviews = [new(MonthsFromStart: 1), new(MonthsFromStart: 3), new(MonthsFromStart: 6), new(MonthsFromStart: 12)],
                },
            ],
            Eligibility =
            [
                new("parental_substance_misuse", "Does parental substance misuse affect the children?"),
                new("child_in_need_or_at_risk", "Is a child in need or at risk of harm?"),
                new("family_consents", "Has the family agreed to the 72-hour assessment?"),
            ],
            MaxBoosterSessions = 3,
            ReopenWindowDays = 90,
            Assessment = Casework.AssessmentDefinition.Ifss,
            Measures = [SdqChildren, WemwbsAdults],
        }),
        (Ifit, "Intensive Family Intervention Team (edge of care)", new ProgrammeDefinition
        {
            Phases =
            [
                new PhaseDefinition { Key = "assessment", Name = "Assessment", IsAssessment = true, ExpectedMaxDays = 10 },
                new PhaseDefinition { Key = "intensive", Name = "Intensive work", Intensive = true, ExpectedMinDays = 42, ExpectedMaxDays = 84, Reviews = [new(EveryWeeks: 4)] },
                new PhaseDefinition { Key = "step-down", Name = "Step-down and safety-plan monitoring", ExpectedMaxDays = 91, CompletedByClosureReasons = SteppedDown },
            ],
            Eligibility = EdgeOfCare,
            Modes = ["planned", "emergency"],
            ReopenWindowDays = 28,
            Measures = [SdqChildren, WemwbsAdults],
        }),
        (TroubledFamilies, "Troubled Families / Supporting Families", new ProgrammeDefinition
        {
            Phases =
            [
                new PhaseDefinition { Key = "assessment", Name = "Whole-family assessment", IsAssessment = true, ExpectedMaxDays = 28 },
                new PhaseDefinition
                {
                    Key = "plan", Name = "Whole-family plan (up to 12 months)", ExpectedMaxDays = 366,
                    CompletedByClosureReasons = SteppedDown, Reviews = [new(MonthsFromStart: 3), new(MonthsFromStart: 6), new(MonthsFromStart: 9), new(MonthsFromStart: 12)],
                },
            ],
            Eligibility =
            [
                new("two_headline_problems", "Does the family have at least two of the headline problems?"),
                new("dependent_children", "Are there dependent children or an expectant parent?"),
            ],
            ReopenWindowDays = 60,
            Assessment = Casework.AssessmentDefinition.FamilyCaf,
            Measures = [SdqChildren, WemwbsAdults],
        }),
        (CinPod, "Children in need family practitioner pod", new ProgrammeDefinition
        {
            Phases =
            [
                new PhaseDefinition { Key = "assessment", Name = "Assessment", IsAssessment = true, ExpectedMaxDays = 63 },
                new PhaseDefinition
                {
                    Key = "cin-plan", Name = "Child in need plan", Intensive = true, ExpectedMaxDays = 366,
                    CompletedByClosureReasons = SteppedDown, Reviews = [new(EveryWeeks: 6)],
                },
            ],
            Eligibility = [new("child_in_need", "Has the child been assessed as a child in need?")],
            ReopenWindowDays = 90,
            Measures = [FamilyStar, SdqChildren],
        }),
    ];
}
