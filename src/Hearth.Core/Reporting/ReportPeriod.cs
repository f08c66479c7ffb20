using System.Globalization;
using System.Text.RegularExpressions;
using Hearth.Core.Data;

namespace Hearth.Core.Reporting;

/// <summary>
/// A report's period: a date range inclusive at both ends. Financial years run 1 April to 31 March and are written
/// "2017-18"; their quarters are Q1 April-June to Q4 January-March ("2017-18 Q1").
/// </summary>
public sealed partial record ReportPeriod(DateOnly From, DateOnly To)
{
    public static ReportPeriod FinancialYear(int startYear) => new(new DateOnly(startYear, 4, 1), new DateOnly(startYear + 1, 3, 31));

    public static ReportPeriod Quarter(int financialYearStart, int quarter)
    {
        if (quarter is < 1 or > 4)
        {
            throw new ArgumentOutOfRangeException(nameof(quarter));
        }
        var from = new DateOnly(financialYearStart, 4, 1).AddMonths(3 * (quarter - 1));
        return new ReportPeriod(from, from.AddMonths(3).AddDays(-1));
    }

    /// <summary>The financial year that contains a date, by its starting calendar year.</summary>
    public static int FinancialYearOf(DateOnly date) => date.Month >= 4 ? date.Year : date.Year - 1;

    /// <summary>The same period a year earlier, for year-on-year comparison.</summary>
    public ReportPeriod YearEarlier() => new(From.AddYears(-1), To.AddYears(-1));

    /// <summary>Quarters of the financial years this period touches, clipped to nothing: whole quarters only.</summary>
    public IReadOnlyList<(string Label, ReportPeriod Period)> Quarters()
    {
        var list = new List<(string, ReportPeriod)>();
        for (var fy = FinancialYearOf(From); fy <= FinancialYearOf(To); fy++)
        {
            for (var q = 1; q <= 4; q++)
            {
                var period = Quarter(fy, q);
                if (period.From >= From && period.To <= To)
                {
                    list.Add(($"{FinancialYearLabel(fy)} Q{q}", period));
                }
            }
        }
        return list;
    }

    public static string FinancialYearLabel(int startYear) => $"{startYear}-{(startYear + 1) % 100:00}";

    public string Label => From.Month == 4 && From.Day == 1 && To == From.AddYears(1).AddDays(-1)
        ? FinancialYearLabel(From.Year)
        : $"{From.ToString("d MMMM yyyy", UkDates)} to {To.ToString("d MMMM yyyy", UkDates)}";

    /// <summary>Dates as people read them in titles (GOV.UK style: 1 April 2026); files keep ISO dates in their cells.</summary>
    private static readonly CultureInfo UkDates = CultureInfo.GetCultureInfo("en-GB");

    public bool Contains(DateOnly date) => date >= From && date <= To;

    /// <summary>
    /// Reads "2017-18", "2017-18 Q2" or a pair of ISO dates. Refuses anything else naming the field.
    /// </summary>
    public static ReportPeriod Parse(string? period, string? from, string? to)
    {
        if (!string.IsNullOrWhiteSpace(period))
        {
            var m = PeriodPattern().Match(period.Trim());
            if (!m.Success)
            {
                throw new ValidationFailedException("Period", $"\"{period}\" is not a financial year like 2017-18 or a quarter like 2017-18 Q1");
            }
            var start = int.Parse(m.Groups["start"].Value, CultureInfo.InvariantCulture);
            if (int.Parse(m.Groups["end"].Value, CultureInfo.InvariantCulture) != (start + 1) % 100)
            {
                throw new ValidationFailedException("Period", $"\"{period}\" is not a financial year: the second year must follow the first");
            }
            return m.Groups["q"].Success ? Quarter(start, int.Parse(m.Groups["q"].Value, CultureInfo.InvariantCulture)) : FinancialYear(start);
        }
        var v = new Validator();
        var f = ParseDate("From", from, v);
        var t = ParseDate("To", to, v);
        v.ThrowIfAny();
        return Between(f!.Value, t!.Value);
    }

    /// <summary>The dates from <paramref name="from"/> to <paramref name="to"/> inclusive; an end before the start is refused against To.</summary>
    public static ReportPeriod Between(DateOnly from, DateOnly to) =>
        to < from ? throw new ValidationFailedException("To", "The end date must be the same as or after the start date") : new ReportPeriod(from, to);

    private static DateOnly? ParseDate(string field, string? text, Validator v)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            v.Add(field, $"Enter the {(field == "From" ? "start" : "end")} date as year-month-day, or give a period");
            return null;
        }
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            v.Add(field, $"\"{text}\" is not a real date in the form year-month-day, for example 2026-04-01");
            return null;
        }
        return d;
    }

    [GeneratedRegex(@"^(?<start>\d{4})-(?<end>\d{2})(\s*Q(?<q>[1-4]))?$", RegexOptions.IgnoreCase)]
    private static partial Regex PeriodPattern();
}
