namespace Hearth.Core.Measures;

/// <summary>Which way is good news on a scale: SDQ difficulties fall as a child improves, wellbeing rises.</summary>
public enum Direction
{
    HigherIsBetter,
    LowerIsBetter,
}

/// <summary>How a scale turns its inputs into a score.</summary>
public enum ScaleRule
{
    /// <summary>Sum of the items; every item must be answered.</summary>
    Sum,
    /// <summary>round(mean of answered items x item count), half up, when at least MinAnswered items are answered (SDQ).</summary>
    ProratedSum,
    /// <summary>Sum of other scales; missing when any of them is missing.</summary>
    SumOfScales,
    /// <summary>One other scale's score looked up in a conversion table (SWEMWBS Rasch metric).</summary>
    Converted,
    /// <summary>Items recoded then summed, forced to 0 when the gate item is 0 (SDQ impact supplement).</summary>
    GatedRecodedSum,
}

/// <summary>One numbered item and the whole responses it accepts (Min..Max inclusive).</summary>
/// <param name="Key">The item's number as printed on the form ("7", "29a"); CSV columns are "item" + Key.</param>
/// <param name="Reverse">Scored Min + Max - response.</param>
/// <param name="Optional">May be absent from an input file altogether (e.g. the SDQ impact supplement).</param>
public sealed record ItemDefinition(string Key, int Min, int Max, bool Reverse = false, bool Optional = false)
{
    public bool Accepts(int value) => value >= Min && value <= Max;

    public int Scored(int value) => Reverse ? Min + Max - value : value;
}

/// <summary>Published reliability and spread used for the Jacobson-Truax reliable change index.</summary>
public sealed record ChangeNorms(double StandardDeviation, double Reliability, string Source);

/// <summary>A raw score to converted score table (e.g. SWEMWBS raw 7-35 to the Rasch metric).</summary>
public sealed record ConversionTable(string Source, IReadOnlyDictionary<int, decimal> Values);

/// <summary>One score computed from items or from other scores.</summary>
public sealed record ScaleDefinition(string Key, string Name, ScaleRule Rule, decimal Min, decimal Max)
{
    public IReadOnlyList<string> Items { get; init; } = [];
    /// <summary>Scales summed (SumOfScales) or converted (Converted, exactly one).</summary>
    public IReadOnlyList<string> Scales { get; init; } = [];
    public int MinAnswered { get; init; }
    public Direction Direction { get; init; } = Direction.HigherIsBetter;
    public ConversionTable? Conversion { get; init; }
    /// <summary>Gate item for GatedRecodedSum: when it is 0 the score is 0 whatever else is filled in.</summary>
    public string? GateItem { get; init; }
    /// <summary>Recode for GatedRecodedSum, indexed by response value.</summary>
    public IReadOnlyList<int> Recode { get; init; } = [];
    public ChangeNorms? Norms { get; init; }
    /// <summary>Smallest raw change (either way) counted as meaningful; null when none is published.</summary>
    public decimal? MeaningfulChange { get; init; }
}

/// <summary>One band of a band table, inclusive at both ends.</summary>
public sealed record Band(string Label, decimal Min, decimal Max)
{
    public bool Contains(decimal value) => value >= Min && value <= Max;
}

/// <summary>
/// The bands for one scale within a band table. Verified says whether we checked the cut-offs against a stored copy
/// of a published source; docs/measures.md lists the ones we could not.
/// </summary>
public sealed record ScaleBands(string ScaleKey, IReadOnlyList<Band> Bands, bool Verified = true);

/// <summary>A published banding (e.g. SDQ parent three-band).</summary>
public sealed record BandTable(string Key, string Name, string Source, IReadOnlyList<ScaleBands> Scales)
{
    public bool Verified => Scales.All(s => s.Verified);

    public string? Lookup(string scaleKey, decimal value)
    {
        foreach (var scale in Scales)
        {
            if (scale.ScaleKey != scaleKey)
            {
                continue;
            }
            foreach (var band in scale.Bands)
            {
                if (band.Contains(value))
                {
                    return band.Label;
                }
            }
            return null;
        }
        return null;
    }
}

/// <summary>Ages (whole years, inclusive) a respondent version is published for.</summary>
public sealed record AgeRange(int MinYears, int MaxYears, string Source)
{
    public bool Contains(int years) => years >= MinYears && years <= MaxYears;
}

/// <summary>Everything needed to score one item-based instrument: data, not code.</summary>
public sealed record InstrumentDefinition(string Id, string Name, string Version, string Source)
{
    public IReadOnlyList<ItemDefinition> Items { get; init; } = [];
    public IReadOnlyList<ScaleDefinition> Scales { get; init; } = [];
    public IReadOnlyList<BandTable> BandTables { get; init; } = [];
    public AgeRange? Ages { get; init; }
    /// <summary>The score that decides whether a form is viable (kept) or discounted in completeness reports.</summary>
    public required string PrimaryScale { get; init; }
}
