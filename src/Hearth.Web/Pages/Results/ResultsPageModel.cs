using Hearth.Core;
using System.Globalization;
using Hearth.Core.Results;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Results;

/// <summary>The framework and date every results page is about, read from the query string.</summary>
public abstract class ResultsPageModel(TimeProvider time) : HearthPageModel
{
    [BindProperty(SupportsGet = true)] public string? Framework { get; set; }
    /// <summary>The date the page is about (a GOV.UK date input); today when left empty.</summary>
    [BindProperty(SupportsGet = true)] public DateParts On { get; set; } = new();

    public DateOnly Today => time.TodayInUk();

    public string FrameworkCode => ShippedFrameworks.All.Any(f => f.Code == Framework) ? Framework! : ShippedFrameworks.SupportingFamilies;

    public string FrameworkName => ShippedFrameworks.All.First(f => f.Code == FrameworkCode).Name;

    public ChoicesModel FrameworkChoices => new(nameof(Framework), "Framework", ShippedFrameworks.All.Select(f => new Choice(f.Code, f.Name)).ToList(), [FrameworkCode],
        ErrorFor(nameof(Framework)), Small: true);

    /// <summary>The date asked for, or today; a date that cannot be read is reported against its field.</summary>
    public DateOnly Date()
    {
        if (On.IsEmpty)
        {
            On = DateParts.Of(Today);
            return Today;
        }
        return ReadDate(On, nameof(On), "the date") ?? Today;
    }

    /// <summary>This page's framework and date as route values, for links and redirects that keep them.</summary>
    public Microsoft.AspNetCore.Routing.RouteValueDictionary RouteValues(object? more = null)
    {
        var values = new Microsoft.AspNetCore.Routing.RouteValueDictionary(more) { [nameof(Framework)] = FrameworkCode };
        foreach (var (key, value) in On.RouteValues(nameof(On)))
        {
            values[key] = value;
        }
        return values;
    }

    public static string Money(decimal amount) => amount.ToString("£#,##0", CultureInfo.GetCultureInfo("en-GB"));

    public static string Day(DateOnly? d) => d?.ToString("d MMM yyyy", CultureInfo.GetCultureInfo("en-GB")) ?? "";
}
