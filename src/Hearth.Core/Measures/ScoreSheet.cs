namespace Hearth.Core.Measures;

public enum IssueKind
{
    /// <summary>An item was left blank.</summary>
    Missing,
    /// <summary>An item holds a whole number outside the values the item accepts.</summary>
    OutOfRange,
    /// <summary>An item holds something that is not a whole number.</summary>
    Unreadable,
    /// <summary>The respondent's age is outside the ages the version is published for; bands are withheld.</summary>
    AgeOutOfRange,
    /// <summary>A score could not be computed; the message says why.</summary>
    ScoreNotComputed,
}

/// <summary>One problem found while scoring. Item is the item key (or goal number) when the problem is an item's.</summary>
public sealed record ValidityIssue(IssueKind Kind, string? Item, string Message);

/// <summary>
/// The result of scoring one administration: a value per score key and a band per band column, both aligned with the
/// instrument's ScoreKeys and BandKeys, plus the validity verdict.
/// </summary>
public sealed class ScoreSheet(IReadOnlyList<string> scoreKeys, decimal?[] scores, IReadOnlyList<string> bandKeys, string?[] bands, IReadOnlyList<ValidityIssue> issues, string primaryScale)
{
    public IReadOnlyList<string> ScoreKeys { get; } = scoreKeys;
    public IReadOnlyList<decimal?> Scores { get; } = scores;
    public IReadOnlyList<string> BandKeys { get; } = bandKeys;
    public IReadOnlyList<string?> Bands { get; } = bands;
    public IReadOnlyList<ValidityIssue> Issues { get; } = issues;

    /// <summary>No entry was out of range or unreadable and the respondent's age (when given) fits the version.</summary>
    public bool IsValid => !Issues.Any(i => i.Kind is IssueKind.OutOfRange or IssueKind.Unreadable or IssueKind.AgeOutOfRange);

    /// <summary>Every item was answered.</summary>
    public bool IsComplete => !Issues.Any(i => i.Kind == IssueKind.Missing);

    /// <summary>Valid and the primary score was computed: the form counts (the Welsh "viable" forms).</summary>
    public bool IsViable => IsValid && this[primaryScale] is not null;

    public decimal? this[string scoreKey]
    {
        get
        {
            for (var i = 0; i < ScoreKeys.Count; i++)
            {
                if (ScoreKeys[i] == scoreKey)
                {
                    return Scores[i];
                }
            }
            throw new KeyNotFoundException($"No score '{scoreKey}'.");
        }
    }

    /// <summary>The band for a band column (table key + "_" + scale key, e.g. "parent3_total").</summary>
    public string? Band(string bandKey)
    {
        for (var i = 0; i < BandKeys.Count; i++)
        {
            if (BandKeys[i] == bandKey)
            {
                return Bands[i];
            }
        }
        throw new KeyNotFoundException($"No band column '{bandKey}'.");
    }
}
