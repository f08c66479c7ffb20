namespace Hearth.Core.Returns.Census;

public enum CensusSeverity
{
    Error,
    Query,
}

/// <summary>A field and the value it held when a rule fired ("" when it was missing).</summary>
public sealed record CensusFieldValue(string Field, string Value);

/// <summary>One row of the issue report.</summary>
public sealed record CensusIssue(
    string? LAchildID,
    string Code,
    CensusSeverity Severity,
    string Message,
    IReadOnlyList<CensusFieldValue> Fields,
    string? Path)
{
    /// <summary>Code used for schema (structural) issues, which are errors.</summary>
    public const string SchemaCode = "schema";

    public string SeverityText => Severity == CensusSeverity.Error ? "error" : "query";
}
