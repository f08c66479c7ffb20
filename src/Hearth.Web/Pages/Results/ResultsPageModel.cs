using Hearth.Core;
using System.Globalization;
using Hearth.Core.Data;
using Hearth.Core.Results;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Results;

/// <summary>The framework and date every results page is about, read from the query string.</summary>
public abstract class ResultsPageModel(TimeProvider time) : HearthPageModel
{
    [BindProperty(SupportsGet = true)] public string? Framework { get; set; }
    [BindProperty(SupportsGet = true)] public string? On { get; set; }

    public DateOnly Today => time.TodayInUk();

    public string FrameworkCode => ShippedFrameworks.All.Any(f => f.Code == Framework) ? Framework! : ShippedFrameworks.SupportingFamilies;

    public string FrameworkName => ShippedFrameworks.All.First(f => f.Code == FrameworkCode).Name;

    public ChoicesModel FrameworkChoices => new(nameof(Framework), "Framework", ShippedFrameworks.All.Select(f => new Choice(f.Code, f.Name)).ToList(), [FrameworkCode],
        ErrorFor(nameof(Framework)), Small: true);

    /// <summary>The date asked for, or today; a date that cannot be read is reported against its field.</summary>
    public DateOnly Date()
    {
        if (string.IsNullOrWhiteSpace(On))
        {
            On = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return Today;
        }
        if (DateOnly.TryParseExact(On.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }
        Errors.Add(new FieldError(nameof(On), "Enter the date as YYYY-MM-DD, for example 2026-03-31"));
        return Today;
    }

    public static string Money(decimal amount) => amount.ToString("£#,##0", CultureInfo.GetCultureInfo("en-GB"));

    public static string Day(DateOnly? d) => d?.ToString("d MMM yyyy", CultureInfo.GetCultureInfo("en-GB")) ?? "";
}
