using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hearth.Core.Results;

/// <summary>
/// A payment-by-results framework as data: who is eligible, what counts as a result, and what is paid. Shipped versions
/// are JSON files embedded beside this class (Frameworks/*.json); a council publishes its own versions (its Family
/// Outcomes Plan thresholds, its local descriptors) as later versions. An attachment keeps the version it was made under.
/// </summary>
public sealed record FrameworkDefinition
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public int Version { get; init; } = 1;
    public DateOnly EffectiveFrom { get; init; }
    /// <summary>The published framework the rules come from.</summary>
    public required string Source { get; init; }
    /// <summary>What this version changed from the one before (for version 1, what it is), shown beside the version.</summary>
    public string Changes { get; init; } = "";
    public required EligibilityDefinition Eligibility { get; init; }
    public required IReadOnlyList<ResultDefinition> Results { get; init; }
    public required PaymentDefinition Payments { get; init; }
    /// <summary>Headline outcomes with the council's local descriptors (Supporting Families); codes of need evidence.</summary>
    public IReadOnlyList<OutcomeDefinition> Outcomes { get; init; } = [];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static FrameworkDefinition FromJson(string json) =>
        JsonSerializer.Deserialize<FrameworkDefinition>(json, Json) ?? throw new InvalidOperationException("Empty framework definition.");

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public ResultDefinition? Result(string key) => Results.FirstOrDefault(r => r.Key == key);

    public IEnumerable<string> Problems()
    {
        if (Eligibility.Criteria.Count == 0)
        {
            yield return "A framework needs at least one eligibility criterion";
        }
        if (Results.Count == 0)
        {
            yield return "A framework needs at least one result";
        }
        if (Results.Select(r => r.Key).Distinct().Count() != Results.Count)
        {
            yield return "Result keys must be unique";
        }
        var criteria = Eligibility.Criteria.Select(c => c.Key).ToHashSet();
        foreach (var rule in Results.SelectMany(r => r.Rules).Where(r => r.AppliesIf is not null && !criteria.Contains(r.AppliesIf)))
        {
            yield return $"The rule \"{rule.Name}\" applies if {rule.AppliesIf}, which is not an eligibility criterion";
        }
        foreach (var r in Results.Where(r => r.Rules.Count == 0))
        {
            yield return $"The result {r.Key} has no rules";
        }
    }
}

public sealed record EligibilityDefinition
{
    public required IReadOnlyList<CriterionDefinition> Criteria { get; init; }
    /// <summary>How many of the national (not local) criteria make a family eligible.</summary>
    public int MinCriteria { get; init; }
    /// <summary>When above 0: this many national criteria plus any local criterion also make a family eligible.</summary>
    public int WithLocalDiscretion { get; init; }
    /// <summary>Claims need dependent children or an expectant parent (Supporting Families).</summary>
    public bool NeedsChildren { get; init; }
}

/// <summary>One eligibility criterion, met when any of its conditions is.</summary>
public sealed record CriterionDefinition
{
    public required string Key { get; init; }
    public required string Name { get; init; }
    public bool Local { get; init; }
    public required IReadOnlyList<RuleDefinition> AnyOf { get; init; }
}

/// <summary>
/// One test on a family's evidence. Type says which: count (at least AtLeast facts of Kinds in the last Months),
/// absence-at-least / absence-below (unauthorised absence over the last Terms terms against Percent),
/// exclusions-at-least / exclusions-below (fixed-term exclusions over the last Terms terms against AtLeast / Below),
/// spell (a spell of Kinds running on the date), need (a need identified against Outcome in the last Months),
/// reduction (Percent fewer facts of Kinds in the last MeasureMonths than in the BaselineMonths before attachment),
/// employment (an adult continuously employed for Weeks weeks, starting on or after attachment),
/// since-attachment (at least AtLeast facts of Kinds since attachment), none-within (no facts of Kinds in the last Months),
/// needs-resolved (a positive outcome on every need identified by attachment).
/// </summary>
public sealed record RuleDefinition
{
    public required string Type { get; init; }
    public required string Name { get; init; }
    public IReadOnlyList<EvidenceKind> Kinds { get; init; } = [];
    /// <summary>child (under 18 on the fact's date), adult, or any.</summary>
    public string Who { get; init; } = "any";
    public int Months { get; init; }
    public int Terms { get; init; }
    public decimal Percent { get; init; }
    public int AtLeast { get; init; }
    public int Below { get; init; }
    public int BaselineMonths { get; init; }
    public int MeasureMonths { get; init; }
    public int Weeks { get; init; }
    public string? Outcome { get; init; }
    /// <summary>The rule counts only for a family that met this eligibility criterion when attached.</summary>
    public string? AppliesIf { get; init; }
}

public sealed record ResultDefinition
{
    public required string Key { get; init; }
    public required string Name { get; init; }
    /// <summary>Every applicable rule must be met.</summary>
    public required IReadOnlyList<RuleDefinition> Rules { get; init; }
    /// <summary>Months the result must hold before it can be claimed.</summary>
    public int SustainMonths { get; init; }
    /// <summary>A fixed payment for the result.</summary>
    public decimal? Amount { get; init; }
    /// <summary>Or: what is left of the framework's per-family maximum after the attachment fee, less this.</summary>
    public decimal? RemainderLess { get; init; }
    /// <summary>Results that cannot be claimed for the same family as this one (either way round).</summary>
    public IReadOnlyList<string> Excludes { get; init; } = [];
}

public sealed record PaymentDefinition
{
    /// <summary>The most paid for one family, attachment fee and results together (phase 1: £4,000).</summary>
    public decimal PerFamily { get; init; }
    /// <summary>A fixed attachment fee per family (phase 2: £1,000).</summary>
    public decimal? AttachmentFee { get; init; }
    /// <summary>Or: the share of PerFamily paid on attachment, by financial year of attachment ("2012" = 2012/13).</summary>
    public IReadOnlyDictionary<string, decimal> AttachmentShareByYear { get; init; } = new Dictionary<string, decimal>();
    /// <summary>One in this many of a council's families is not paid for ("deadweight": phase 1 deducted one in six); 0 for none.</summary>
    public int DeadweightOneIn { get; init; }
}

public sealed record OutcomeDefinition(string Key, string Name, IReadOnlyList<DescriptorDefinition> Descriptors);

public sealed record DescriptorDefinition(string Code, string Description);

/// <summary>The frameworks Hearth ships, read from the embedded JSON files.</summary>
public static class ShippedFrameworks
{
    public const string TroubledFamilies1 = "troubled-families-1";
    public const string TroubledFamilies2 = "troubled-families-2";
    public const string SupportingFamilies = "supporting-families";

    public static readonly IReadOnlyList<FrameworkDefinition> All = Load();

    private static List<FrameworkDefinition> Load()
    {
        var assembly = typeof(ShippedFrameworks).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.Contains(".Results.Frameworks.", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return FrameworkDefinition.FromJson(reader.ReadToEnd());
            })
            .ToList();
    }
}
