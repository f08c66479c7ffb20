using Hearth.Core.Returns.Census.Rules;

namespace Hearth.Core.Returns.Census;

/// <summary>The outcome of validating one file: every issue, structural first, then by child, then file-level.</summary>
public sealed class CensusValidationResult(CensusYear year, int childCount, IReadOnlyList<CensusIssue> issues)
{
    public CensusYear Year { get; } = year;
    public int ChildCount { get; } = childCount;
    public IReadOnlyList<CensusIssue> Issues { get; } = issues;
    public int ErrorCount { get; } = issues.Count(i => i.Severity == CensusSeverity.Error);
    public int QueryCount { get; } = issues.Count(i => i.Severity == CensusSeverity.Query);
    public bool HasErrors => ErrorCount > 0;
}

public static class CensusValidator
{
    /// <summary>Validates a file against the schema and every rule of its collection year.</summary>
    public static CensusValidationResult Validate(CensusFile file) => Validate(file, file.Year.Rules.Rules);

    /// <summary>Validates a file with the given rules only (tests use this to exercise one rule).</summary>
    public static CensusValidationResult Validate(CensusFile file, IEnumerable<CensusRule> rules)
    {
        var context = new CensusContext(file.Year);
        var sink = new CensusIssueSink();
        foreach (var issue in file.StructuralIssues)
        {
            sink.AddStructural(issue);
        }
        var list = rules.ToList();
        var childRules = list.OfType<ChildRule>().ToArray();
        foreach (var child in file.Children)
        {
            foreach (var rule in childRules)
            {
                rule.Check(child, context, sink);
            }
        }
        foreach (var rule in list.OfType<FileRule>())
        {
            rule.Check(file, context, sink);
        }
        return new CensusValidationResult(file.Year, file.Children.Count, sink.Issues);
    }
}
