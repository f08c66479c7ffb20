namespace Hearth.Core.Returns.Census.Rules;

/// <summary>
/// The rule set of each collection year, stated as the previous year's plus what changed. Rules learned from the
/// DfE CIN census validation rules as maintained in Data to Insight's open-source validator; see docs/census.md.
/// </summary>
public static class CensusRuleSets
{
    public static CensusRuleSet Y2022_23 { get; } = new("2022-23", null,
        added:
        [
            // Header and whole file
            new Rule100(), new Rule8510(), new Rule1520(), new Rule2883(), Rule2886Q.Gender(), new Rule2887Q(), new Rule2888Q(),
            // Child identifiers
            new Rule8500(), new Rule1510(), Rule1530.For2022To23(), new Rule1540(), new Rule1550(), new Rule1560Q(),
            new Rule8520(), new Rule8525Q(), new Rule8530Q(), new Rule8535Q(), new Rule8545Q(), new Rule4180Gender(),
            new Rule8750Gender(), new Rule8770QOverFive(), new Rule8772(), new Rule8775Q(), new Rule8590(),
            // Child characteristics
            new Rule4220(), new Rule8540(), new Rule8790(), new Rule8794(),
            // CIN details
            new Rule8568(), new Rule8600(), new Rule8555Q(), new Rule8585Q(), new Rule8606(), new Rule8610(), new Rule8650(), new Rule8620(),
            new Rule8630(), new Rule8640(), new Rule8805(), new Rule8810(), new Rule8815(), new Rule8816(), new Rule8820(),
            new Rule8565(), new Rule8569Q(), new Rule2884(), new Rule2990(), new Rule8825Q(), new Rule2991Q(), new Rule8831(),
            new Rule8866(), new Rule8867(), new Rule8868(), new Rule8873Q(),
            // Assessments
            new Rule1103(), new Rule8608(), new Rule8614(), new Rule8670Q(), new Rule8696(), new Rule8736(),
            new Rule8863Q(), new Rule8869(), new Rule8896(), new Rule8897Q(), new Rule8898(),
            // CIN plans
            new Rule4000(), new Rule4001(), new Rule4003(), new Rule4004(), new Rule4008(), new Rule4009Q(), new Rule4010(),
            new Rule4011(), new Rule4012Q(), new Rule4013(), new Rule4014(), new Rule4015(), new Rule4016(), new Rule4017(),
            // Section 47
            new Rule1104(), new Rule2889(), new Rule8615(), new Rule8675Q(), new Rule8715(), new Rule8740(), new Rule8839(),
            new Rule8870Q(), new Rule8875(), new Rule8890(),
            // Child protection plans
            new Rule1105(), new Rule2885(), new Rule8720(), new Rule8730(), new Rule8832(), new Rule8840(), new Rule8841(), new Rule8842Q(), new Rule8925(),
            new Rule8905(), new Rule8910(), new Rule8915(), new Rule8920(), new Rule8930(), new Rule8935(), new Rule8940(),
        ],
        changed: [],
        removed: []);

    /// <summary>2023-24: two new local authority codes (942, 943) become valid in UPN characters 2-4.</summary>
    public static CensusRuleSet Y2023_24 { get; } = new("2023-24", Y2022_23,
        added: [],
        changed: [Rule1530.For2023To24()],
        removed: []);

    /// <summary>
    /// 2024-25: Sex (M, F, U) replaces GenderCurrent, so the gender rules are restated for Sex; the school-age UPN
    /// query is redefined; LA child ID length and character rules and two factor queries are new.
    /// </summary>
    public static CensusRuleSet Y2024_25 { get; } = new("2024-25", Y2023_24,
        added: [new Rule1570(), new Rule1580(), new Rule8945Q(), new Rule8950Q()],
        changed: [Rule2886Q.Sex(), new Rule4180Sex(), new Rule8750Sex(), new Rule8770QSchoolAge()],
        removed: []);

    /// <summary>2025-26: no rule changes are known (Data to Insight's 2025-26 rule folder adds none).</summary>
    public static CensusRuleSet Y2025_26 { get; } = new("2025-26", Y2024_25,
        added: [],
        changed: [],
        removed: []);
}
