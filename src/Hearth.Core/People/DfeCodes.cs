namespace Hearth.Core.People;

/// <summary>DfE code sets for a person's characteristics (STANDARDS.md section 1).</summary>
public static class DfeCodes
{
    /// <summary>The CIN census ethnicity codes with the census guide's labels, in the guide's order.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> EthnicityLabels =
    [
        new("WBRI", "White British"), new("WIRI", "White Irish"), new("WIRT", "Traveller of Irish heritage"), new("WROM", "Gypsy or Roma"),
        new("WOTH", "Any other White background"), new("MWBC", "White and Black Caribbean"), new("MWBA", "White and Black African"),
        new("MWAS", "White and Asian"), new("MOTH", "Any other mixed background"), new("AIND", "Indian"), new("APKN", "Pakistani"),
        new("ABAN", "Bangladeshi"), new("AOTH", "Any other Asian background"), new("BCRB", "Black Caribbean"), new("BAFR", "Black African"),
        new("BOTH", "Any other Black background"), new("CHNE", "Chinese"), new("OOTH", "Any other ethnic group"),
        new("REFU", "Refused"), new("NOBT", "Information not yet obtained"),
    ];

    /// <summary>The CIN census disability codes with the census guide's labels.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> DisabilityLabels =
    [
        new("NONE", "No disability"), new("MOB", "Mobility"), new("HAND", "Hand function"), new("PC", "Personal care"), new("INC", "Incontinence"),
        new("COMM", "Communication"), new("LD", "Learning"), new("HEAR", "Hearing"), new("VIS", "Vision"), new("BEH", "Behaviour"),
        new("CON", "Consciousness"), new("AUT", "Autism or Asperger syndrome"), new("DDA", "Other disability under the Disability Discrimination Act"),
    ];

    public static readonly IReadOnlySet<string> Ethnicity = EthnicityLabels.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);

    public static readonly IReadOnlySet<string> Disability = DisabilityLabels.Select(d => d.Key).ToHashSet(StringComparer.Ordinal);

    public static string? EthnicityLabel(string? code) => code is null ? null : EthnicityLabels.FirstOrDefault(e => e.Key == code).Value ?? code;

    public static string DisabilityLabel(string code) => DisabilityLabels.FirstOrDefault(d => d.Key == code).Value ?? code;
}

/// <summary>Sex as the CIN census records it from 2024-25 (M, F, U).</summary>
public enum Sex
{
    Unknown,
    Male,
    Female,
}

/// <summary>A person's place in a household.</summary>
public enum Relationship
{
    Parent,
    Carer,
    Child,
    Sibling,
    Grandparent,
    Partner,
    Other,
}
