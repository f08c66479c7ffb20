namespace Hearth.Core.Reporting;

/// <summary>How a cell is shown and exported.</summary>
public enum ColumnKind
{
    Text,
    Count,
    /// <summary>A percentage, stored as a number such as 18.5 (not 0.185).</summary>
    Percent,
    Number,
    Money,
}

public sealed record ReportColumn(string Key, string Title, ColumnKind Kind);

/// <summary>One table of a report. A cell is a string, a number or null (not available, shown as "n/a").</summary>
public sealed record ReportTable(string Key, string Title, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows, string? Note = null);

/// <summary>A bar chart of one table: the label column and the count columns to draw.</summary>
public sealed record ReportChart(string TableKey, string LabelColumn, IReadOnlyList<string> ValueColumns);

/// <summary>
/// What a report was asked for: the period, the scope filters, whether small counts are suppressed and whether each
/// table is compared with the same period a year earlier.
/// </summary>
public sealed record ReportFilter(ReportPeriod Period, string? ServiceCode = null, string? TeamCode = null, bool SuppressSmallCounts = false, bool CompareWithYearEarlier = false);

public sealed record ReportResult(string Name, string Title, ReportFilter Filter, string Scope, IReadOnlyList<ReportTable> Tables, ReportChart? Chart = null);

/// <summary>Figures shared by the reports.</summary>
public static class ReportMath
{
    /// <summary>Share of a whole as a percentage to one decimal place, rounding half up; null when the whole is 0.</summary>
    public static double? Percent(long part, long whole) =>
        whole == 0 ? null : Math.Round(100.0 * part / whole, 1, MidpointRounding.AwayFromZero);

    /// <summary>Change from one period to the next as a percentage to one decimal place; null when the earlier is 0.</summary>
    public static double? PercentChange(long earlier, long later) =>
        earlier == 0 ? null : Math.Round(100.0 * (later - earlier) / earlier, 1, MidpointRounding.AwayFromZero);
}
