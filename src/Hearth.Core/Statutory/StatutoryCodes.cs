namespace Hearth.Core.Statutory;

/// <summary>Plain-English names of the DfE codes a worker chooses from (CIN census code set tables).</summary>
public static class StatutoryCodes
{
    public static readonly IReadOnlyDictionary<string, string> PrimaryNeed = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["N1"] = "Abuse or neglect", ["N2"] = "Child's disability or illness", ["N3"] = "Parent's disability or illness",
        ["N4"] = "Family in acute stress", ["N5"] = "Family dysfunction", ["N6"] = "Socially unacceptable behaviour",
        ["N7"] = "Low income", ["N8"] = "Absent parenting", ["N9"] = "Cases other than children in need",
    };

    public static readonly IReadOnlyDictionary<string, string> CategoryOfAbuse = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["NEG"] = "Neglect", ["PHY"] = "Physical abuse", ["SAB"] = "Sexual abuse", ["EMO"] = "Emotional abuse", ["MUL"] = "Multiple categories",
    };

    public static readonly IReadOnlyDictionary<string, string> Factor = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["1A"] = "Alcohol misuse: the child", ["1B"] = "Alcohol misuse: a parent or carer", ["1C"] = "Alcohol misuse: another person in the household",
        ["2A"] = "Drug misuse: the child", ["2B"] = "Drug misuse: a parent or carer", ["2C"] = "Drug misuse: another person in the household",
        ["3A"] = "Domestic abuse: the child is the subject", ["3B"] = "Domestic abuse: a parent or carer", ["3C"] = "Domestic abuse: another person in the household",
        ["4A"] = "Mental health: the child", ["4B"] = "Mental health: a parent or carer", ["4C"] = "Mental health: another person in the household",
        ["5A"] = "Learning disability: the child", ["5B"] = "Learning disability: a parent or carer", ["5C"] = "Learning disability: another person in the household",
        ["6A"] = "Physical disability or illness: the child", ["6B"] = "Physical disability or illness: a parent or carer", ["6C"] = "Physical disability or illness: another person in the household",
        ["7A"] = "Young carer",
        ["8B"] = "Privately fostered: overseas child who intends to return", ["8C"] = "Privately fostered: overseas child who intends to stay",
        ["8D"] = "Privately fostered: UK child in education or training", ["8E"] = "Privately fostered: UK child whose parents cannot care for them",
        ["8F"] = "Privately fostered: other",
        ["9A"] = "Unaccompanied asylum-seeking child", ["10A"] = "Going or being missing", ["11A"] = "Child sexual exploitation",
        ["12A"] = "Trafficking", ["13A"] = "Gangs", ["14A"] = "Socially unacceptable behaviour", ["15A"] = "Self-harm", ["16A"] = "Neglect",
        ["17A"] = "Emotional abuse", ["18B"] = "Physical abuse by an adult", ["18C"] = "Physical abuse by another child",
        ["19B"] = "Sexual abuse by an adult", ["19C"] = "Sexual abuse by another child", ["20"] = "Other", ["21"] = "No factors identified",
        ["22A"] = "Female genital mutilation", ["23A"] = "Abuse linked to faith or belief", ["24A"] = "Child criminal exploitation",
    };

    public static string Name(IReadOnlyDictionary<string, string> codes, string? code) =>
        code is null ? "Not recorded" : codes.TryGetValue(code, out var name) ? $"{name} ({code})" : code;
}
