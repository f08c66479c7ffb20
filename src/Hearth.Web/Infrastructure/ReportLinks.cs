using Hearth.Core.Reporting;

namespace Hearth.Web.Infrastructure;

/// <summary>The web address of a report Core names (<see cref="ReportLink"/>): Core knows reports and periods, not URLs.</summary>
public static class ReportLinks
{
    public static string Href(ReportLink link) => link.PeriodName is { } name
        ? $"/reports/{Uri.EscapeDataString(link.Report)}?period={Uri.EscapeDataString(name)}"
        : $"/reports/{Uri.EscapeDataString(link.Report)}?from={link.Period.From:yyyy-MM-dd}&to={link.Period.To:yyyy-MM-dd}";
}
