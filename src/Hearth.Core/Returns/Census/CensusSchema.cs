using System.Globalization;
using System.Xml.Linq;

namespace Hearth.Core.Returns.Census;

public enum CensusValueKind
{
    Group,
    Text,
    Date,
    DateTime,
    Boolean,
    Code,
}

/// <summary>One element of a census schema: its place in a sequence, how often it may occur and what it holds.</summary>
public sealed record CensusElement(
    string Name,
    int MinOccurs,
    int MaxOccurs,
    CensusValueKind Kind,
    IReadOnlyList<CensusElement> Children,
    IReadOnlySet<string>? Codes = null)
{
    public const int Unbounded = int.MaxValue;

    public static CensusElement Group(string name, int min, int max, params CensusElement[] children) => new(name, min, max, CensusValueKind.Group, children);
    public static CensusElement Text(string name, int min = 0, int max = 1) => new(name, min, max, CensusValueKind.Text, []);
    public static CensusElement Date(string name, int min = 0, int max = 1) => new(name, min, max, CensusValueKind.Date, []);
    public static CensusElement DateTime(string name, int min = 0) => new(name, min, 1, CensusValueKind.DateTime, []);
    public static CensusElement Boolean(string name, int min = 0) => new(name, min, 1, CensusValueKind.Boolean, []);
    public static CensusElement Code(string name, IReadOnlySet<string> codes, int min = 0, int max = 1) => new(name, min, max, CensusValueKind.Code, [], codes);
}

/// <summary>
/// The shape of a census file for one collection year. Most leaf elements are optional here because the
/// DfE validation rules report missing values with their own codes; the schema checks order, repetition,
/// unknown elements, data types and the code sets that no rule covers.
/// </summary>
public static class CensusSchema
{
    public static CensusElement Header { get; } = CensusElement.Group("Header", 1, 1,
        CensusElement.Group("CollectionDetails", 1, 1,
            CensusElement.Text("Collection", 1),
            CensusElement.Text("Year", 1),
            CensusElement.Date("ReferenceDate", 1)),
        CensusElement.Group("Source", 1, 1,
            CensusElement.Text("SourceLevel", 1),
            CensusElement.Text("LEA", 1),
            CensusElement.Text("SoftwareCode", 1),
            CensusElement.Text("Release", 1),
            CensusElement.Text("SerialNo", 1),
            CensusElement.DateTime("DateTime", 1)));

    /// <summary>The Child element up to 2023-24, with GenderCurrent.</summary>
    public static CensusElement ChildWithGenderCurrent { get; } = Child(CensusElement.Text("GenderCurrent"));

    /// <summary>The Child element from 2024-25: Sex (M, F, U) replaces GenderCurrent.</summary>
    public static CensusElement ChildWithSex { get; } = Child(CensusElement.Text("Sex"));

    private static CensusElement Child(CensusElement genderElement) => CensusElement.Group("Child", 1, CensusElement.Unbounded,
        CensusElement.Group("ChildIdentifiers", 1, 1,
            CensusElement.Text("LAchildID"),
            CensusElement.Text("UPN"),
            CensusElement.Text("FormerUPN"),
            CensusElement.Code("UPNunknown", CensusCodes.UPNunknown),
            CensusElement.Date("PersonBirthDate"),
            CensusElement.Date("ExpectedPersonBirthDate"),
            genderElement,
            CensusElement.Date("PersonDeathDate")),
        CensusElement.Group("ChildCharacteristics", 1, 1,
            CensusElement.Text("Ethnicity"),
            CensusElement.Group("Disabilities", 0, 1,
                CensusElement.Text("Disability", 0, CensusElement.Unbounded))),
        CensusElement.Group("CINdetails", 0, CensusElement.Unbounded,
            CensusElement.Date("CINreferralDate"),
            CensusElement.Text("ReferralSource"),
            CensusElement.Text("PrimaryNeedCode"),
            CensusElement.Date("CINclosureDate"),
            CensusElement.Text("ReasonForClosure"),
            CensusElement.Date("DateOfInitialCPC"),
            CensusElement.Group("Assessments", 0, CensusElement.Unbounded,
                CensusElement.Date("AssessmentActualStartDate"),
                CensusElement.Date("AssessmentInternalReviewDate"),
                CensusElement.Date("AssessmentAuthorisationDate"),
                CensusElement.Group("FactorsIdentifiedAtAssessment", 0, 1,
                    CensusElement.Code("AssessmentFactors", CensusCodes.AssessmentFactors, 0, CensusElement.Unbounded))),
            CensusElement.Group("CINPlanDates", 0, CensusElement.Unbounded,
                CensusElement.Date("CINPlanStartDate"),
                CensusElement.Date("CINPlanEndDate")),
            CensusElement.Group("Section47", 0, CensusElement.Unbounded,
                CensusElement.Date("S47ActualStartDate"),
                CensusElement.Date("InitialCPCtarget"),
                CensusElement.Date("DateOfInitialCPC"),
                CensusElement.Boolean("ICPCnotRequired")),
            CensusElement.Text("ReferralNFA"),
            CensusElement.Group("ChildProtectionPlans", 0, CensusElement.Unbounded,
                CensusElement.Date("CPPstartDate"),
                CensusElement.Date("CPPendDate"),
                CensusElement.Text("InitialCategoryOfAbuse"),
                CensusElement.Text("LatestCategoryOfAbuse"),
                CensusElement.Text("NumberOfPreviousCPP"),
                CensusElement.Group("Reviews", 0, 1,
                    CensusElement.Date("CPPreviewDate", 0, CensusElement.Unbounded)))));

    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>Checks an element against its definition, adding one issue per problem with the element's path.</summary>
    public static void Check(XElement element, CensusElement definition, string path, List<StructuralIssue> issues, string? childId = null) =>
        Check(element, definition, new ElementPath(path), issues, childId);

    /// <summary>The path being checked, kept as segments and only turned into a string when there is an issue to report.</summary>
    private sealed class ElementPath(string root)
    {
        private readonly List<(string Name, int Index)> _segments = [];

        public void Push(string name, int index) => _segments.Add((name, index));
        public void Pop() => _segments.RemoveAt(_segments.Count - 1);

        public string Current => _segments.Count == 0 ? root : root + string.Concat(_segments.Select(s => s.Index > 0 ? $"/{s.Name}[{s.Index}]" : $"/{s.Name}"));
        public string With(string name) => Current + "/" + name;
    }

    private static void Check(XElement element, CensusElement definition, ElementPath path, List<StructuralIssue> issues, string? childId)
    {
        if (definition.Kind != CensusValueKind.Group)
        {
            CheckValue(element, definition, path, issues, childId);
            return;
        }
        var defs = definition.Children;
        Span<int> counts = stackalloc int[defs.Count];
        var position = 0;
        for (var node = element.FirstNode; node is not null; node = node.NextNode)
        {
            if (node is XText text)
            {
                if (!string.IsNullOrWhiteSpace(text.Value))
                {
                    issues.Add(new StructuralIssue(path.Current, $"Text '{Shorten(text.Value.Trim())}' is not allowed inside {definition.Name}, which holds elements only", childId));
                }
                continue;
            }
            if (node is not XElement child)
            {
                continue;
            }
            var name = child.Name.LocalName;
            var index = IndexOf(defs, name, position);
            if (index < 0)
            {
                var earlier = IndexOf(defs, name, 0);
                issues.Add(earlier < 0
                    ? new StructuralIssue(path.With(name), $"Element {name} is not part of {definition.Name} in this collection year's schema", childId)
                    : new StructuralIssue(path.With(name), $"Element {name} is out of order in {definition.Name}: expected {ExpectedAfter(defs, position)}", childId));
                continue;
            }
            for (var skipped = position; skipped < index; skipped++)
            {
                ReportMissing(defs[skipped], counts[skipped], path, issues, childId);
            }
            position = index;
            counts[index]++;
            path.Push(name, defs[index].MaxOccurs > 1 ? counts[index] : 0);
            if (counts[index] > defs[index].MaxOccurs)
            {
                issues.Add(new StructuralIssue(path.Current, $"Element {name} may occur at most {defs[index].MaxOccurs} time(s) in {definition.Name}", childId));
            }
            Check(child, defs[index], path, issues, childId);
            path.Pop();
        }
        for (var rest = position; rest < defs.Count; rest++)
        {
            ReportMissing(defs[rest], counts[rest], path, issues, childId);
        }
    }

    private static void CheckValue(XElement element, CensusElement definition, ElementPath path, List<StructuralIssue> issues, string? childId)
    {
        if (element.HasElements)
        {
            issues.Add(new StructuralIssue(path.Current, $"Element {definition.Name} must hold a value, not other elements", childId));
            return;
        }
        if (definition.Kind == CensusValueKind.Text)
        {
            return;
        }
        var value = element.Value.Trim();
        if (value.Length == 0)
        {
            return;
        }
        var problem = definition.Kind switch
        {
            CensusValueKind.Date when !TryParseDate(value, out _) => $"'{Shorten(value)}' is not a date (YYYY-MM-DD)",
            CensusValueKind.DateTime when !System.DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _) => $"'{Shorten(value)}' is not a date and time",
            CensusValueKind.Boolean when !CensusCodes.Boolean.Contains(value) => $"'{Shorten(value)}' is not a boolean (true, false, 1 or 0)",
            CensusValueKind.Code when definition.Codes is { } codes && !codes.Contains(value) => $"'{Shorten(value)}' is not a valid {definition.Name} code",
            _ => null,
        };
        if (problem is not null)
        {
            issues.Add(new StructuralIssue(path.Current, problem, childId));
        }
    }

    private static void ReportMissing(CensusElement def, int count, ElementPath path, List<StructuralIssue> issues, string? childId)
    {
        if (count < def.MinOccurs)
        {
            issues.Add(new StructuralIssue(path.With(def.Name), $"Required element {def.Name} is missing", childId));
        }
    }

    private static int IndexOf(IReadOnlyList<CensusElement> defs, string name, int from)
    {
        for (var i = from; i < defs.Count; i++)
        {
            if (defs[i].Name == name)
            {
                return i;
            }
        }
        return -1;
    }

    private static string ExpectedAfter(IReadOnlyList<CensusElement> defs, int position) =>
        position < defs.Count ? string.Join(" or ", defs.Skip(position).Take(3).Select(d => d.Name)) + (defs.Count - position > 3 ? " ..." : "") : "no more elements";

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "...";
}
