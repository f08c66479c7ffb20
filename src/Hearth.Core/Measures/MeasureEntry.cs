using System.Globalization;
using Hearth.Core.Data;

namespace Hearth.Core.Measures;

/// <summary>
/// Scores a form as keyed (text per item; for GAS, a level and an optional weight per goal) and names each problem by
/// the form field it belongs to: item3, item29a, level2, weight2. Shared by the record page, the API and the service.
/// </summary>
public static class MeasureEntry
{
    /// <summary>How many entry boxes the instrument's form has: its items, or for GAS the goals a form allows.</summary>
    public static int FieldCount(Instrument instrument) => instrument switch
    {
        ItemInstrument i => i.Definition.Items.Count,
        _ => MaxGoals,
    };

    /// <summary>Goal rows on a GAS form; a review rarely sets more than five goals.</summary>
    public const int MaxGoals = 5;

    public static IReadOnlyList<string> ItemKeys(Instrument instrument) => instrument switch
    {
        ItemInstrument i => i.Definition.Items.Select(x => x.Key).ToArray(),
        _ => Enumerable.Range(1, MaxGoals).Select(n => n.ToString(CultureInfo.InvariantCulture)).ToArray(),
    };

    /// <summary>The form field for an item key: item3, or level3 for a GAS goal.</summary>
    public static string Field(Instrument instrument, string itemKey) => instrument is GoalAttainmentScaling ? $"level{itemKey}" : $"item{itemKey}";

    public static ScoreSheet Score(Instrument instrument, IReadOnlyList<string?> responses, IReadOnlyList<string?>? weights, int? ageYears)
    {
        switch (instrument)
        {
            case ItemInstrument items:
                var parsed = new Response[items.Definition.Items.Count];
                for (var i = 0; i < parsed.Length; i++)
                {
                    parsed[i] = Response.Parse(i < responses.Count ? responses[i] : null);
                }
                return items.Score(parsed, ageYears);
            case GoalAttainmentScaling gas:
                var goals = new GoalRating[Math.Max(responses.Count, weights?.Count ?? 0)];
                for (var g = 0; g < goals.Length; g++)
                {
                    goals[g] = new GoalRating(Response.Parse(g < responses.Count ? responses[g] : null), weights is not null && g < weights.Count ? weights[g] : null);
                }
                return gas.Score(goals);
            default:
                throw new ArgumentException($"No entry rule for instrument {instrument.Id}.", nameof(instrument));
        }
    }

    /// <summary>The problems that refuse a form: entries out of range or unreadable, and a respondent outside the version's ages.</summary>
    public static IReadOnlyList<FieldError> Refusals(Instrument instrument, ScoreSheet sheet)
    {
        var errors = new List<FieldError>();
        foreach (var issue in sheet.Issues)
        {
            switch (issue.Kind)
            {
                case IssueKind.OutOfRange or IssueKind.Unreadable when issue.Item is { } item:
                    var field = instrument is GoalAttainmentScaling && issue.Message.Contains("weight", StringComparison.Ordinal) ? $"weight{item}" : Field(instrument, item);
                    errors.Add(new FieldError(field, instrument is ItemInstrument form ? ItemMessage(form, item, issue.Kind) : Capitalise(issue.Message)));
                    break;
                case IssueKind.AgeOutOfRange:
                    errors.Add(new FieldError("PersonId", Capitalise(issue.Message)));
                    break;
                case IssueKind.Missing when instrument is GoalAttainmentScaling && issue.Item is { } goal:
                    // A goal with a weight but no level cannot be scored, and GAS refuses to drop it.
                    errors.Add(new FieldError($"level{goal}", Capitalise(issue.Message)));
                    break;
            }
        }
        return errors;
    }

    /// <summary>
    /// A refused item said as GOV.UK advises, naming the item and what it must be ("Item 3 must be 0, 1 or 2"), rather
    /// than the engine's note of what was keyed, which stays on the score sheet for imports and the CLI.
    /// </summary>
    public static string ItemMessage(ItemInstrument instrument, string itemKey, IssueKind kind)
    {
        if (kind == IssueKind.Unreadable)
        {
            return $"Item {itemKey} must be a whole number";
        }
        var item = instrument.Definition.Items.Single(i => i.Key == itemKey);
        return $"Item {itemKey} must be {Allowed(item)}";
    }

    /// <summary>The values an item accepts in words: "0, 1 or 2" for a short scale, "between 1 and 10" for a long one.</summary>
    public static string Allowed(ItemDefinition item)
    {
        if (item.Max - item.Min >= 5)
        {
            return string.Create(CultureInfo.InvariantCulture, $"between {item.Min} and {item.Max}");
        }
        var values = Enumerable.Range(item.Min, item.Max - item.Min + 1).Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray();
        return values.Length == 1 ? values[0] : string.Join(", ", values[..^1]) + " or " + values[^1];
    }

    private static string Capitalise(string message) => message.Length == 0 ? message : char.ToUpperInvariant(message[0]) + message[1..];

    public static int? AgeOn(DateOnly? dateOfBirth, DateOnly on)
    {
        if (dateOfBirth is not { } dob || dob > on)
        {
            return null;
        }
        var years = on.Year - dob.Year;
        return on < dob.AddYears(years) ? years - 1 : years;
    }
}
