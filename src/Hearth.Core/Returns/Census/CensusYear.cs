using Hearth.Core.Returns.Census.Rules;

namespace Hearth.Core.Returns.Census;

/// <summary>One collection year of the CIN census: its schema, its code sets and its rules.</summary>
public sealed class CensusYear
{
    private CensusYear(string name, int endYear, CensusElement childSchema, CensusRuleSet rules)
    {
        Name = name;
        EndYear = endYear;
        ChildSchema = childSchema;
        Rules = rules;
    }

    /// <summary>"2024-25".</summary>
    public string Name { get; }
    public int EndYear { get; }
    /// <summary>31 March at the end of the collection year.</summary>
    public DateOnly ReferenceDate => new(EndYear, 3, 31);
    /// <summary>The census period runs from the reference date minus one year plus one day.</summary>
    public DateOnly CensusStart => ReferenceDate.AddYears(-1).AddDays(1);
    public CensusElement HeaderSchema => CensusSchema.Header;
    public CensusElement ChildSchema { get; }
    /// <summary>True from 2024-25, when Sex (M, F, U) replaced GenderCurrent (0, 1, 2, 9).</summary>
    public bool UsesSex => ReferenceEquals(ChildSchema, CensusSchema.ChildWithSex);
    public CensusRuleSet Rules { get; }

    public override string ToString() => Name;

    public static CensusYear Y2022_23 { get; } = new("2022-23", 2023, CensusSchema.ChildWithGenderCurrent, CensusRuleSets.Y2022_23);
    public static CensusYear Y2023_24 { get; } = new("2023-24", 2024, CensusSchema.ChildWithGenderCurrent, CensusRuleSets.Y2023_24);
    public static CensusYear Y2024_25 { get; } = new("2024-25", 2025, CensusSchema.ChildWithSex, CensusRuleSets.Y2024_25);
    public static CensusYear Y2025_26 { get; } = new("2025-26", 2026, CensusSchema.ChildWithSex, CensusRuleSets.Y2025_26);

    public static IReadOnlyList<CensusYear> All { get; } = [Y2022_23, Y2023_24, Y2024_25, Y2025_26];

    /// <summary>Finds a year by "2024-25" (also accepts "2024/25" and "2024-2025").</summary>
    public static CensusYear? Find(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }
        var normalised = name.Trim().Replace('/', '-');
        return All.FirstOrDefault(y => y.Name == normalised || $"{y.EndYear - 1}-{y.EndYear}" == normalised);
    }

    /// <summary>The collection year whose census period contains <paramref name="date"/>.</summary>
    public static CensusYear? Containing(DateOnly date) => All.FirstOrDefault(y => date >= y.CensusStart && date <= y.ReferenceDate);

    /// <summary>True for a year made by <see cref="CurrentOrProvisional"/> whose own rules are not yet published.</summary>
    public bool IsProvisional { get; private init; }

    /// <summary>
    /// The collection year containing <paramref name="date"/> for checking records as they are worked on. When that year is
    /// not defined yet (its rules are unpublished), the latest defined year's schema and rules are carried forward over the
    /// new year's census period, so that in-app checks keep working between the new year starting and its rules arriving.
    /// Files are never read or exported against a provisional year.
    /// </summary>
    public static CensusYear CurrentOrProvisional(DateOnly date)
    {
        if (Containing(date) is { } known)
        {
            return known;
        }
        var latest = All[^1];
        var endYear = date.Month > 3 ? date.Year + 1 : date.Year;
        return new CensusYear($"{endYear - 1}-{endYear % 100:D2} (provisional: {latest.Name} rules)", endYear, latest.ChildSchema, latest.Rules) { IsProvisional = true };
    }

    /// <summary>
    /// The year a header belongs to: from its ReferenceDate when that falls in a known census period,
    /// otherwise from its Year element (the calendar year in which the collection ends).
    /// </summary>
    public static CensusYear? Infer(CensusHeader header)
    {
        if (header.ReferenceDate is { } reference && Containing(reference) is { } byDate)
        {
            return byDate;
        }
        if (int.TryParse(header.Year?.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year))
        {
            return All.FirstOrDefault(y => y.EndYear == year);
        }
        return null;
    }
}
