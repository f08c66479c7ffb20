namespace Hearth.Core.Returns.Census;

/// <summary>The code sets of the CIN census (DfE CIN census guide, code set tables).</summary>
public static class CensusCodes
{
    public static readonly IReadOnlySet<string> ReferralSource = Set(
        "1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F", "4", "5A", "5B", "5C", "5D", "6", "7", "8", "9", "10");

    public static readonly IReadOnlySet<string> PrimaryNeed = Set("N0", "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9");

    public static readonly IReadOnlySet<string> ReasonForClosure = Set("RC1", "RC2", "RC3", "RC4", "RC5", "RC6", "RC7", "RC8", "RC9");

    public static readonly IReadOnlySet<string> CategoryOfAbuse = Set("NEG", "PHY", "SAB", "EMO", "MUL");

    public static readonly IReadOnlySet<string> Disability = Set(
        "NONE", "MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH", "CON", "AUT", "DDA");

    public static readonly IReadOnlySet<string> Ethnicity = Set(
        "WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN", "ABAN", "AOTH",
        "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT");

    /// <summary>
    /// Factors identified at assessment. The withdrawn 8A is not a code (the DfE withdrew rule 8617, which named it,
    /// and 8897Q lists it as invalid); 18A and 19A stay for queries 8945Q and 8950Q.
    /// </summary>
    public static readonly IReadOnlySet<string> AssessmentFactors = Set(
        "1A", "1B", "1C", "2A", "2B", "2C", "3A", "3B", "3C", "4A", "4B", "4C", "5A", "5B", "5C", "6A", "6B", "6C",
        "7A", "8B", "8C", "8D", "8E", "8F", "9A", "10A", "11A", "12A", "13A", "14A", "15A", "16A", "17A",
        "18A", "18B", "18C", "19A", "19B", "19C", "20", "21", "22A", "23A", "24A");

    public static readonly IReadOnlySet<string> UPNunknown = Set("UN1", "UN2", "UN3", "UN4", "UN5", "UN6", "UN7");

    public static readonly IReadOnlySet<string> GenderCurrent = Set("0", "1", "2", "9");

    public static readonly IReadOnlySet<string> Sex = Set("M", "F", "U");

    public static readonly IReadOnlySet<string> Boolean = Set("true", "false", "TRUE", "FALSE", "True", "False", "0", "1");

    private static HashSet<string> Set(params string[] codes) => new(codes, StringComparer.Ordinal);
}
