using System.Globalization;
using Hearth.Core.Measures;

namespace Hearth.Core.Programmes;

public enum ProgrammeChangeKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>One difference between two versions of a programme, in words an administrator checks before publishing.</summary>
/// <param name="Part">Which part of the programme: Programme, Phases, Review points, Instruments, Eligibility, Closure reasons...</param>
/// <param name="Item">The phase, question, instrument or reason that changed.</param>
/// <param name="Details">For a change, each field as "what: before → after"; for an addition or removal, what the item is.</param>
public sealed record ProgrammeChange(string Part, ProgrammeChangeKind Kind, string Item, IReadOnlyList<string> Details);

/// <summary>
/// What publishing a definition would change, compared with the version it follows. Items are matched by their stable
/// keys (phase key, eligibility question key, instrument and respondent), so an edited phase is a change, not a
/// removal and an addition.
/// </summary>
public static class ProgrammeChanges
{
    public const string ProgrammePart = "Programme";
    public const string PhasesPart = "Phases";
    public const string ReviewPointsPart = "Review points";
    public const string InstrumentsPart = "Instruments";
    public const string EligibilityPart = "Eligibility";
    public const string ClosureReasonsPart = "Closure reasons";
    public const string DestinationsPart = "Closure destinations";
    public const string PresentingNeedsPart = "Presenting needs";
    public const string AssessmentPart = "Assessment";

    /// <param name="label">Names a closure reason or destination; their code when not given.</param>
    public static IReadOnlyList<ProgrammeChange> Compare(string fromName, ProgrammeDefinition from, string toName, ProgrammeDefinition to, Func<Enum, string>? label = null)
    {
        label ??= e => Code(e);
        var changes = new List<ProgrammeChange>();
        var settings = new List<string>();
        Field(settings, "Name", fromName, toName);
        Field(settings, "Maximum booster sessions", Number(from.MaxBoosterSessions), Number(to.MaxBoosterSessions));
        Field(settings, "Reopen window", Days(from.ReopenWindowDays), Days(to.ReopenWindowDays));
        Field(settings, "Follow-up checks", Months(from.FollowUpMonths), Months(to.FollowUpMonths));
        Field(settings, "Ways of working", List(from.Modes), List(to.Modes));
        if (settings.Count > 0)
        {
            changes.Add(new(ProgrammePart, ProgrammeChangeKind.Changed, toName, settings));
        }

        ComparePhases(from, to, changes);
        Keyed(changes, InstrumentsPart, InstrumentKeys(from.Measures), InstrumentKeys(to.Measures),
            m => $"{InstrumentName(m.Instrument)} ({m.Respondent.ToString().ToLowerInvariant()})", Describe);
        Keyed(changes, EligibilityPart, from.Eligibility.ToDictionary(q => q.Key), to.Eligibility.ToDictionary(q => q.Key),
            q => q.Key, q => [$"Question: {q.Question}", $"Eligible when the answer is {(q.RequiredYes ? "yes" : "no")}"]);
        Set(changes, ClosureReasonsPart, from.ClosureReasons, to.ClosureReasons, r => label(r));
        Set(changes, DestinationsPart, from.Destinations, to.Destinations, d => label(d));
        Keyed(changes, PresentingNeedsPart, from.PresentingNeeds.ToDictionary(n => n.Key), to.PresentingNeeds.ToDictionary(n => n.Key),
            n => n.Label, n => [$"Label: {n.Label}", $"DfE assessment factor: {n.DfeAssessmentFactor ?? "none"}"]);
        if (from.Assessment != to.Assessment && System.Text.Json.JsonSerializer.Serialize(from.Assessment, ProgrammeDefinition.Json)
            != System.Text.Json.JsonSerializer.Serialize(to.Assessment, ProgrammeDefinition.Json))
        {
            changes.Add(new(AssessmentPart, ProgrammeChangeKind.Changed, to.Assessment.Name, ["The assessment's questions changed"]));
        }
        return changes;
    }

    private static void ComparePhases(ProgrammeDefinition from, ProgrammeDefinition to, List<ProgrammeChange> changes)
    {
        var before = from.Phases.ToDictionary(p => p.Key);
        var after = to.Phases.ToDictionary(p => p.Key);
        Keyed(changes, PhasesPart, before, after, p => p.Name, Describe);
        var kept = to.Phases.Where(p => before.ContainsKey(p.Key)).Select(p => p.Key).ToList();
        var keptBefore = from.Phases.Where(p => after.ContainsKey(p.Key)).Select(p => p.Key).ToList();
        if (!kept.SequenceEqual(keptBefore))
        {
            changes.Add(new(PhasesPart, ProgrammeChangeKind.Changed, "Order",
                [$"Order: {string.Join(", ", from.Phases.Select(p => p.Name))} → {string.Join(", ", to.Phases.Select(p => p.Name))}"]));
        }
        // Review points are listed on their own, per phase that both versions have: they are what schedules reviews.
        foreach (var phase in to.Phases.Where(p => before.ContainsKey(p.Key)))
        {
            var old = before[phase.Key].Reviews.Select(Describe).ToList();
            var now = phase.Reviews.Select(Describe).ToList();
            foreach (var added in now.Except(old))
            {
                changes.Add(new(ReviewPointsPart, ProgrammeChangeKind.Added, $"{phase.Name}: {added}", []));
            }
            foreach (var removed in old.Except(now))
            {
                changes.Add(new(ReviewPointsPart, ProgrammeChangeKind.Removed, $"{phase.Name}: {removed}", []));
            }
        }
    }

    private static void Keyed<T>(List<ProgrammeChange> changes, string part, IReadOnlyDictionary<string, T> before, IReadOnlyDictionary<string, T> after,
        Func<T, string> name, Func<T, IReadOnlyList<string>> describe)
    {
        foreach (var (key, item) in after)
        {
            if (!before.TryGetValue(key, out var old))
            {
                changes.Add(new(part, ProgrammeChangeKind.Added, name(item), describe(item)));
                continue;
            }
            var was = describe(old);
            var now = describe(item);
            var details = new List<string>();
            for (var i = 0; i < Math.Max(was.Count, now.Count); i++)
            {
                var w = i < was.Count ? was[i] : "";
                var n = i < now.Count ? now[i] : "";
                if (w != n)
                {
                    var colon = n.IndexOf(": ", StringComparison.Ordinal);
                    details.Add(colon > 0 && w.StartsWith(n[..(colon + 2)], StringComparison.Ordinal) ? $"{n[..colon]}: {w[(colon + 2)..]} → {n[(colon + 2)..]}" : $"{w} → {n}");
                }
            }
            if (details.Count > 0)
            {
                changes.Add(new(part, ProgrammeChangeKind.Changed, name(item), details));
            }
        }
        foreach (var (key, item) in before.Where(b => !after.ContainsKey(b.Key)))
        {
            changes.Add(new(part, ProgrammeChangeKind.Removed, name(item), describe(item)));
        }
    }

    private static void Set<T>(List<ProgrammeChange> changes, string part, IReadOnlyList<T> before, IReadOnlyList<T> after, Func<T, string> name)
    {
        foreach (var added in after.Except(before))
        {
            changes.Add(new(part, ProgrammeChangeKind.Added, name(added), []));
        }
        foreach (var removed in before.Except(after))
        {
            changes.Add(new(part, ProgrammeChangeKind.Removed, name(removed), []));
        }
    }

    // A programme may schedule one instrument for two respondents (SDQ by parent and teacher), or twice for one.
    private static Dictionary<string, MeasureSchedule> InstrumentKeys(IReadOnlyList<MeasureSchedule> measures)
    {
        var keys = new Dictionary<string, MeasureSchedule>();
        foreach (var m in measures)
        {
            var key = $"{m.Instrument}/{m.Respondent}";
            var n = 1;
            while (!keys.TryAdd(n == 1 ? key : $"{key}/{n}", m))
            {
                n++;
            }
        }
        return keys;
    }

    public static string InstrumentName(string id) => InstrumentCatalog.Find(id)?.Name ?? id;

    public static IReadOnlyList<string> Describe(PhaseDefinition p) =>
    [
        $"Name: {p.Name}",
        $"Expected length: {p.ExpectedMinDays} to {p.ExpectedMaxDays} days",
        $"Intensive: {(p.Intensive ? "yes" : "no")}",
        $"Assessment phase: {(p.IsAssessment ? "yes" : "no")}",
        $"Review points: {(p.Reviews.Count == 0 ? "none" : string.Join(", ", p.Reviews.Select(Describe)))}",
    ];

    public static string Describe(ReviewPoint r) => r.MonthsFromStart is { } m
        ? $"{m} month{(m == 1 ? "" : "s")} after the phase starts"
        : $"every {r.EveryWeeks} week{(r.EveryWeeks == 1 ? "" : "s")}";

    public static IReadOnlyList<string> Describe(MeasureSchedule m) =>
    [
        $"Ages: {m.MinAgeYears}{(m.MaxAgeYears is { } max ? $" to {max}" : " and over")}",
        $"Due: {When(m)}",
    ];

    public static string When(MeasureSchedule m)
    {
        var when = new List<string>();
        if (m.AtBaseline)
        {
            when.Add("at the start");
        }
        if (m.AtReviews)
        {
            when.Add("at reviews");
        }
        if (m.EveryMonths is { } months)
        {
            when.Add($"every {months} month{(months == 1 ? "" : "s")}");
        }
        if (m.AtClosure)
        {
            when.Add("at closure");
        }
        return when.Count == 0 ? "never" : string.Join(", ", when);
    }

    private static void Field(List<string> details, string name, string before, string after)
    {
        if (before != after)
        {
            details.Add($"{name}: {before} → {after}");
        }
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Days(int n) => $"{n} day{(n == 1 ? "" : "s")}";

    private static string Months(IReadOnlyList<int> months) => months.Count == 0 ? "none" : string.Join(", ", months) + " months";

    private static string List(IReadOnlyList<string> items) => items.Count == 0 ? "one way" : string.Join(", ", items);

    /// <summary>An enum value as the definition's JSON writes it, e.g. goals_achieved.</summary>
    public static string Code(Enum value) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
