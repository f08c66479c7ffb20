using Hearth.Core.Security;
using Hearth.Core;
using System.Globalization;
using Hearth.Core.Data;
using Hearth.Core.Reporting;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Reports;

/// <summary>One report: filters, an accessible chart, the tables, and downloads in every format.</summary>
[RequirePermission(Permission.ViewReports)]
public sealed class ShowModel(ReportService reports, TimeProvider time, IStringLocalizer<SharedResource> t) : HearthPageModel
{
    [BindProperty(SupportsGet = true)] public string Name { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }
    // From and To are used when no period is given.
    [BindProperty(SupportsGet = true)] public DateParts From { get; set; } = new();
    [BindProperty(SupportsGet = true)] public DateParts To { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? Service { get; set; }
    [BindProperty(SupportsGet = true)] public string? Team { get; set; }
    /// <summary>A worker's id: the report then counts only that worker's work.</summary>
    [BindProperty(SupportsGet = true)] public string? Worker { get; set; }
    [BindProperty(SupportsGet = true)] public bool Suppress { get; set; }
    [BindProperty(SupportsGet = true)] public bool Compare { get; set; }

    public ReportDefinition Definition { get; private set; } = null!;
    public ReportResult? Result { get; private set; }
    public BarChart? Chart { get; private set; }
    public IReadOnlyList<Choice> WorkerChoices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (reports.Find(Name) is not { } definition)
        {
            return NotFound();
        }
        Definition = definition;
        WorkerChoices = (await reports.WorkersAsync(Actor, ct))
            .Select(w => new Choice(w.Id.ToString(), w.IsActive ? $"{w.Name} ({w.Team})" : t["{0} ({1}, left)", w.Name, w.Team].Value)).ToList();
        if (string.IsNullOrWhiteSpace(Period) && From.IsEmpty && To.IsEmpty)
        {
            // By default, the financial year to date.
            var today = time.TodayInUk();
            Period = ReportPeriod.FinancialYearLabel(ReportPeriod.FinancialYearOf(today));
        }
        try
        {
            if (Filter() is { } filter)
            {
                Result = await reports.RunAsync(Actor, Name, filter, ct);
                Chart = BuildChart(Result);
            }
        }
        catch (ValidationFailedException e)
        {
            AddErrors(e);
        }
        return Page();
    }

    public async Task<IActionResult> OnGetDownloadAsync(string format, CancellationToken ct)
    {
        try
        {
            var fmt = ReportExport.ParseFormat(format);
            if (Filter() is not { } filter)
            {
                return BadRequest(string.Join("; ", Errors.Select(x => $"{x.Field}: {x.Message}")));
            }
            var result = await reports.RunAsync(Actor, Name, filter, ct);
            var buffer = new MemoryStream();
            ReportExport.Write(result, fmt, buffer);
            buffer.Position = 0;
            var extension = fmt.ToString().ToLowerInvariant();
            return File(buffer, ReportExport.ContentType(fmt), $"{result.Name}-{result.Filter.Period.From:yyyyMMdd}-{result.Filter.Period.To:yyyyMMdd}.{extension}");
        }
        catch (ValidationFailedException e)
        {
            return BadRequest(string.Join("; ", e.Errors.Select(x => $"{x.Field}: {x.Message}")));
        }
    }

    /// <summary>The same report, with the same period and filters, as a file.</summary>
    public string DownloadHref(string format)
    {
        var values = new Microsoft.AspNetCore.Routing.RouteValueDictionary(From.RouteValues(nameof(From)).Concat(To.RouteValues(nameof(To))))
        {
            ["name"] = Name, ["format"] = format, ["period"] = Period, ["service"] = Service, ["team"] = Team, ["worker"] = Worker,
            ["suppress"] = Suppress ? "true" : "false", ["compare"] = Compare ? "true" : "false",
        };
        return Url.Page("/Reports/Show", "Download", values)!;
    }

    /// <summary>The period (a financial year or quarter, or else the two dates) and filters asked for; null when a date cannot be read.</summary>
    private ReportFilter? Filter()
    {
        ReportPeriod period;
        if (!string.IsNullOrWhiteSpace(Period))
        {
            period = ReportPeriod.Parse(Period, null, null);
        }
        else
        {
            var from = ReadDate(From, nameof(From), "the start date");
            var to = ReadDate(To, nameof(To), "the end date");
            if (from is null || to is null)
            {
                return null;
            }
            period = ReportPeriod.Between(from.Value, to.Value);
        }
        return new(period, Service, Team, Suppress, Compare, Worker);
    }

    /// <summary>A cell in its column's number format, as the exports show it, with a per cent sign on percentages.</summary>
    public static string Cell(object? value, ReportColumn column) =>
        column.Format(value) + (column.Kind == ColumnKind.Percent && value is double ? "%" : "");

    private static BarChart? BuildChart(ReportResult result)
    {
        if (result.Chart is not { } spec || result.Tables.FirstOrDefault(t => t.Key == spec.TableKey) is not { } table)
        {
            return null;
        }
        var label = table.Columns.ToList().FindIndex(c => c.Key == spec.LabelColumn);
        var values = spec.ValueColumns.Select(k => table.Columns.ToList().FindIndex(c => c.Key == k)).Where(i => i >= 0).ToList();
        // Each bar's figure is written as the table writes it (a count, a mean, a percentage, money); n/a where unknown.
        var points = table.Rows.SelectMany(r => values.Select(i => (Label: values.Count > 1 ? $"{r[label]}: {table.Columns[i].Title}" : $"{r[label]}", Value: r[i] switch
        {
            long n => (double?)n,
            double d => d,
            decimal m => (double)m,
            _ => null,
        }, Text: r[i] is null ? "n/a" : (table.Columns[i].Kind == ColumnKind.Money ? "£" : "") + Cell(r[i], table.Columns[i])))).ToList();
        if (points.Count == 0)
        {
            // Nothing in the period for this selection: the table says so; an empty chart would say nothing.
            return null;
        }
        return BarChart.Scaled(table.Title, points);
    }
}
