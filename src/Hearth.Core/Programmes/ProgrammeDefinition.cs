using System.Text.Json;
using System.Text.Json.Serialization;
using Hearth.Core.Episodes;
using Hearth.Core.Measures;

namespace Hearth.Core.Programmes;

/// <summary>
/// What a service does with a family, as data: its phases in order, review points, eligibility checklist,
/// presenting needs, allowed closures, boosters and reopen window. Stored as JSON on a <see cref="ProgrammeVersion"/>.
/// </summary>
public sealed record ProgrammeDefinition
{
    public required IReadOnlyList<PhaseDefinition> Phases { get; init; }
    public IReadOnlyList<EligibilityQuestion> Eligibility { get; init; } = [];
    public IReadOnlyList<PresentingNeed> PresentingNeeds { get; init; } = PresentingNeed.Standard;
    public IReadOnlyList<ClosureReason> ClosureReasons { get; init; } = Enum.GetValues<ClosureReason>();
    public IReadOnlyList<ClosureDestination> Destinations { get; init; } = Enum.GetValues<ClosureDestination>();
    /// <summary>Ways of working offered (IFIT: planned and emergency). Empty when the programme has one.</summary>
    public IReadOnlyList<string> Modes { get; init; } = [];
    public int MaxBoosterSessions { get; init; }
    /// <summary>Days after closure within which an episode may be reopened instead of starting a new one.</summary>
    public int ReopenWindowDays { get; init; }
    /// <summary>Months after closure at which the family's sustainability is checked.</summary>
    public IReadOnlyList<int> FollowUpMonths { get; init; } = [6, 12, 24];
    /// <summary>The programme's assessment: its name and the questions it asks beyond the shared core.</summary>
    public Casework.AssessmentDefinition Assessment { get; init; } = Casework.AssessmentDefinition.Default;
    /// <summary>Which outcome measures are due when, and for whom (see docs/measures.md).</summary>
    public IReadOnlyList<MeasureSchedule> Measures { get; init; } = [];

    public PhaseDefinition? Phase(string key) => Phases.FirstOrDefault(p => p.Key == key);

    public int IndexOf(string key) => Phases.ToList().FindIndex(p => p.Key == key);

    /// <summary>The phase where the assessment decision is made; import column assessment_started_on maps here.</summary>
    public PhaseDefinition? AssessmentPhase => Phases.FirstOrDefault(p => p.IsAssessment);

    /// <summary>Index of the last intensive phase, or -1: an episode at or before it counts against a worker's intensive caseload.</summary>
    public int LastIntensiveIndex => Phases.ToList().FindLastIndex(p => p.Intensive);

    /// <summary>The phases after the assessment, in order: "Phase 1" and "Phase 2" of the Welsh funnel (Table 4-1).</summary>
    public IReadOnlyList<PhaseDefinition> WorkPhases
    {
        get
        {
            var a = AssessmentPhase is { } p ? IndexOf(p.Key) : -1;
            return Phases.Skip(a + 1).ToList();
        }
    }

    public IEnumerable<string> Problems()
    {
        if (Phases.Count == 0)
        {
            yield return "A programme needs at least one phase";
        }
        if (Phases.Select(p => p.Key).Distinct(StringComparer.Ordinal).Count() != Phases.Count)
        {
            yield return "Phase keys must be unique";
        }
        if (Phases.Count(p => p.IsAssessment) > 1)
        {
            yield return "Only one phase can be the assessment";
        }
        if (AssessmentPhase is { } assessment && Phases.Take(IndexOf(assessment.Key)).Any(p => p.Intensive))
        {
            yield return "An intensive phase cannot come before the assessment";
        }
        if (Phases.Any(p => string.IsNullOrWhiteSpace(p.Key) || string.IsNullOrWhiteSpace(p.Name)))
        {
            yield return "Every phase needs a key and a name";
        }
        if (Eligibility.Any(q => string.IsNullOrWhiteSpace(q.Key) || string.IsNullOrWhiteSpace(q.Question)))
        {
            yield return "Every eligibility question needs a key and a question";
        }
        if (Eligibility.Select(q => q.Key).Distinct(StringComparer.Ordinal).Count() != Eligibility.Count)
        {
            yield return "Eligibility question keys must be unique";
        }
        foreach (var p in Phases)
        {
            if (p.ExpectedMinDays < 0 || p.ExpectedMaxDays < p.ExpectedMinDays)
            {
                yield return $"Phase {p.Key}: expected length must be 0 or more days, minimum no more than maximum";
            }
            foreach (var r in p.Reviews)
            {
                if ((r.MonthsFromStart is null) == (r.EveryWeeks is null) || r.MonthsFromStart <= 0 || r.EveryWeeks <= 0)
                {
                    yield return $"Phase {p.Key}: a review point is either months from the phase start or a recurring interval in weeks";
                }
            }
        }
        if (MaxBoosterSessions < 0)
        {
            yield return "Maximum booster sessions cannot be negative";
        }
        if (ReopenWindowDays < 0)
        {
            yield return "The reopen window cannot be negative";
        }
        if (ClosureReasons.Count == 0 || Destinations.Count == 0)
        {
            yield return "A programme needs at least one closure reason and one destination";
        }
        foreach (var problem in Measures.SelectMany(m => m.Problems()))
        {
            yield return problem;
        }
    }

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ProgrammeDefinition FromJson(string json) =>
        JsonSerializer.Deserialize<ProgrammeDefinition>(json, Json) ?? throw new InvalidOperationException("Programme definition is empty.");
}

/// <summary>One phase of a programme.</summary>
public sealed record PhaseDefinition
{
    /// <summary>Stable key recorded on episodes, e.g. "phase1".</summary>
    public required string Key { get; init; }
    public required string Name { get; init; }
    public int ExpectedMinDays { get; init; }
    /// <summary>Past this many days in the phase the episode is flagged overdue.</summary>
    public int ExpectedMaxDays { get; init; }
    /// <summary>Counts against the worker's maximum of intensive cases (IFSS Phase 1: 10-20 hours a week).</summary>
    public bool Intensive { get; init; }
    /// <summary>The phase that ends with the assessment decision; intensive phases need that decision first.</summary>
    public bool IsAssessment { get; init; }
    /// <summary>
    /// What counts as completing the phase: moving on to the next phase, and/or closing from it with one of these reasons.
    /// </summary>
    public bool CompletedByMovingOn { get; init; } = true;
    public IReadOnlyList<ClosureReason> CompletedByClosureReasons { get; init; } = [];
    public IReadOnlyList<ReviewPoint> Reviews { get; init; } = [];
}

/// <summary>A review due a number of months after the phase starts, or every so many weeks while it lasts.</summary>
public sealed record ReviewPoint(int? MonthsFromStart = null, int? EveryWeeks = null)
{
    /// <summary>Review due dates from a phase start up to and including <paramref name="until"/>.</summary>
    public IEnumerable<DateOnly> DueDates(DateOnly phaseStart, DateOnly until)
    {
        if (MonthsFromStart is { } months)
        {
            var due = phaseStart.AddMonths(months);
            if (due <= until)
            {
                yield return due;
            }
        }
        else if (EveryWeeks is { } weeks and > 0)
        {
            for (var due = phaseStart.AddDays(7 * weeks); due <= until; due = due.AddDays(7 * weeks))
            {
                yield return due;
            }
        }
    }
}

public sealed record EligibilityQuestion(string Key, string Question, bool RequiredYes = true);

/// <summary>A presenting need offered on the referral form, mapped to the DfE assessment factor where one exists.</summary>
public sealed record PresentingNeed(string Key, string Label, string? DfeAssessmentFactor = null)
{
    public static readonly IReadOnlyList<PresentingNeed> Standard =
    [
        new("substance_misuse_alcohol", "Parental alcohol misuse", "1B"),
        new("substance_misuse_drugs", "Parental drug misuse", "2B"),
        new("domestic_abuse", "Domestic abuse", "3B"),
        new("parental_mental_health", "Parental mental health", "4B"),
        new("parental_learning_disability", "Parental learning disability", "5B"),
        new("child_mental_health", "Child's mental health", "4A"),
        new("neglect", "Neglect", "16A"),
        new("young_carer", "Young carer", "7A"),
        new("going_missing", "Going missing", "10A"),
        new("child_sexual_exploitation", "Child sexual exploitation", "11A"),
        new("child_criminal_exploitation", "Child criminal exploitation", "24A"),
        new("youth_crime_asb", "Youth crime or anti-social behaviour", "14A"),
        new("self_harm", "Self-harm", "15A"),
        new("school_attendance", "School attendance"),
        new("worklessness", "Worklessness or financial exclusion"),
        new("housing", "Housing"),
        new("family_relationships", "Family relationships or conflict"),
        new("other", "Other", "20"),
    ];
}
