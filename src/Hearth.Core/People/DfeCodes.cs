namespace Hearth.Core.People;

/// <summary>DfE code sets for a person's characteristics (STANDARDS.md section 1).</summary>
public static class DfeCodes
{
    public static readonly IReadOnlySet<string> Ethnicity = new HashSet<string>(StringComparer.Ordinal)
    {
        "WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND",
        "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT",
    };

    public static readonly IReadOnlySet<string> Disability = new HashSet<string>(StringComparer.Ordinal)
    {
        "NONE", "MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH", "CON", "AUT", "DDA",
    };
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
