namespace Hearth.Core.Measures;

/// <summary>
/// One line of a programme's measures schedule: which instrument is due, from whom, for which members of the family
/// (by age on the due date), and at which time points. Stored with the programme definition, so it is versioned with it.
/// </summary>
public sealed record MeasureSchedule
{
    public required string Instrument { get; init; }
    public Respondent Respondent { get; init; } = Respondent.Parent;
    /// <summary>Youngest age, in whole years on the due date, the measure is due for.</summary>
    public int MinAgeYears { get; init; }
    /// <summary>Oldest age, in whole years on the due date; null for no upper limit.</summary>
    public int? MaxAgeYears { get; init; }
    public bool AtBaseline { get; init; }
    /// <summary>At each of the programme's review points, numbered in date order across the episode.</summary>
    public bool AtReviews { get; init; }
    /// <summary>Every so many months from the episode's opening while it is open.</summary>
    public int? EveryMonths { get; init; }
    public bool AtClosure { get; init; }

    public bool At(TimePoint point) => point switch
    {
        TimePoint.Baseline => AtBaseline,
        TimePoint.Review => AtReviews,
        TimePoint.Interval => EveryMonths is not null,
        TimePoint.Closure => AtClosure,
        _ => false,
    };

    public bool Covers(int ageYears) => ageYears >= MinAgeYears && (MaxAgeYears is null || ageYears <= MaxAgeYears);

    public IEnumerable<string> Problems()
    {
        if (InstrumentCatalog.Find(Instrument) is null)
        {
            yield return $"Measure schedule: no instrument '{Instrument}'";
        }
        if (MinAgeYears < 0 || MaxAgeYears < MinAgeYears)
        {
            yield return $"Measure schedule {Instrument}: ages must be 0 or more, youngest no older than oldest";
        }
        if (EveryMonths is <= 0)
        {
            yield return $"Measure schedule {Instrument}: the interval must be at least one month";
        }
        if (!AtBaseline && !AtReviews && EveryMonths is null && !AtClosure)
        {
            yield return $"Measure schedule {Instrument}: choose at least one time point";
        }
    }

    /// <summary>Days after an episode opens by which the baseline is due: early enough to be a true baseline.</summary>
    public const int BaselineWithinDays = 14;

    /// <summary>Closed episodes stay on the due list this long for a missing closure measure; later it is history.</summary>
    public const int ClosureWithinDays = 28;
}
