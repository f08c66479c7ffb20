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
public sealed class ScoreSheet
{
    public ScoreSheet(IReadOnlyList<string> scoreKeys, decimal?[] scores, IReadOnlyList<string> bandKeys, string?[] bands, IReadOnlyList<ValidityIssue> issues, int primaryScore)
    {
        ScoreKeys = scoreKeys;
        Scores = scores;
        BandKeys = bandKeys;
        Bands = bands;
        Issues = issues;
        // Worked out once here: reports ask these of every sheet, often several times.
        var valid = true;
        var complete = true;
        foreach (var issue in issues)
        {
            valid &= issue.Kind is not (IssueKind.OutOfRange or IssueKind.Unreadable or IssueKind.AgeOutOfRange);
            complete &= issue.Kind != IssueKind.Missing;
        }
        IsValid = valid;
        IsComplete = complete;
        IsViable = valid && scores[primaryScore] is not null;
    }

    public IReadOnlyList<string> ScoreKeys { get; }
    public IReadOnlyList<decimal?> Scores { get; }
    public IReadOnlyList<string> BandKeys { get; }
    public IReadOnlyList<string?> Bands { get; }
    public IReadOnlyList<ValidityIssue> Issues { get; }

    /// <summary>No entry was out of range or unreadable and the respondent's age (when given) fits the version.</summary>
    public bool IsValid { get; }

    /// <summary>Every item was answered.</summary>
    public bool IsComplete { get; }

    /// <summary>Valid and the primary score was computed: the form counts (the Welsh "viable" forms).</summary>
    public bool IsViable { get; }

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
