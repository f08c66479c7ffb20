using System.Globalization;

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
    /// <summary>A p-value: three decimal places, and "&lt;0.001" below that, as a publication table shows it.</summary>
    PValue,
}

/// <summary>
/// A column of a report table and its number format, which the web table, CSV and Excel all follow: counts as whole
/// numbers, percentages to 1 decimal place, other numbers and money to 2 unless the column says otherwise (an FTE or
/// hours to 1), p-values to 3 or "&lt;0.001". JSON carries the unformatted number with the column's places beside it.
/// </summary>
public sealed record ReportColumn(string Key, string Title, ColumnKind Kind, int? Decimals = null)
{
    /// <summary>The smallest p-value shown as a number; anything smaller shows as "&lt;0.001".</summary>
    public const double SmallestPValue = 0.001;

    private static readonly CultureInfo Display = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>Decimal places the column's numbers are shown to.</summary>
    public int Places => Decimals ?? Kind switch
    {
        ColumnKind.Percent => 1,
        ColumnKind.Number or ColumnKind.Money => 2,
        ColumnKind.PValue => 3,
        _ => 0,
    };

    /// <summary>
    /// A cell as text in this column's format; missing as "n/a". For a page, large numbers get thousands separators;
    /// for a file (<paramref name="plain"/>) they do not, so that spreadsheets read them as numbers.
    /// </summary>
    public string Format(object? cell, bool plain = false)
    {
        double? number = cell switch
        {
            long n => n,
            int n => n,
            double d => d,
            decimal m => (double)m,
            _ => null,
        };
        if (cell is null)
        {
            return "n/a";
        }
        if (number is not { } value || Kind == ColumnKind.Text)
        {
            return Convert.ToString(cell, CultureInfo.InvariantCulture) ?? "";
        }
        if (Kind == ColumnKind.PValue && value < SmallestPValue)
        {
            return "<" + SmallestPValue.ToString("0.000", CultureInfo.InvariantCulture);
        }
        // Decimals round half away from zero, as the reports' own rounding does (double formatting would round 0.0625 to even).
        var rounded = cell is decimal money ? Math.Round(money, Places, MidpointRounding.AwayFromZero) : (decimal)Math.Round(value, Places, MidpointRounding.AwayFromZero);
        return plain || Kind is ColumnKind.Percent or ColumnKind.PValue
            ? rounded.ToString("F" + Places, CultureInfo.InvariantCulture)
            : rounded.ToString("N" + Places, Display);
    }
}

/// <summary>One table of a report. A cell is a string, a number or null (not available, shown as "n/a").</summary>
public sealed record ReportTable(string Key, string Title, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows, string? Note = null);

/// <summary>A bar chart of one table: the label column and the count columns to draw.</summary>
public sealed record ReportChart(string TableKey, string LabelColumn, IReadOnlyList<string> ValueColumns);

/// <summary>
/// What a report was asked for: the period, the scope filters, whether small counts are suppressed and whether each
/// table is compared with the same period a year earlier. <see cref="Worker"/> is a worker's id (or, where it is
/// unique, their name): the report then counts only that worker's work (docs/reports.md, "Reports by worker").
/// </summary>
public sealed record ReportFilter(ReportPeriod Period, string? ServiceCode = null, string? TeamCode = null, bool SuppressSmallCounts = false, bool CompareWithYearEarlier = false,
    string? Worker = null);

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
