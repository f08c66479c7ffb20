using Hearth.Core.Reporting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Hearth.Web.Infrastructure;

/// <summary>The web address of a report Core names (<see cref="ReportLink"/>): Core knows reports and periods, not URLs.</summary>
public static class ReportLinks
{
    public static string Href(this IUrlHelper url, ReportLink link) => link.PeriodName is { } name
        ? url.Page("/Reports/Show", new { name = link.Report, period = name })!
        : url.Page("/Reports/Show", new RouteValueDictionary(DateParts.Of(link.Period.From).RouteValues("From").Concat(DateParts.Of(link.Period.To).RouteValues("To")))
        {
            ["name"] = link.Report,
        })!;
}
