using System.Globalization;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Hearth.Web.Pages.Casework;

/// <summary>
/// Base of the casework pages. A record outside the user's teams (the Core services refuse it) answers 404, so a
/// practitioner of another team cannot tell whether it exists.
/// </summary>
public abstract class CaseworkPageModel : HearthPageModel
{
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is AccessDeniedException)
        {
            executed.Result = new NotFoundResult();
            executed.ExceptionHandled = true;
        }
    }

    /// <summary>A GOV.UK date input's three boxes; empty when nothing was typed.</summary>
    public sealed class DateParts
    {
        public string? Day { get; set; }
        public string? Month { get; set; }
        public string? Year { get; set; }

        public bool IsEmpty => string.IsNullOrWhiteSpace(Day) && string.IsNullOrWhiteSpace(Month) && string.IsNullOrWhiteSpace(Year);

        public DateOnly? Value => int.TryParse(Day, out var d) && int.TryParse(Month, out var m) && int.TryParse(Year, out var y)
            && y is >= 1900 and <= 9999 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m) ? new DateOnly(y, m, d) : null;

        public static DateParts Of(DateOnly? date) => new()
        {
            Day = date?.Day.ToString(CultureInfo.InvariantCulture), Month = date?.Month.ToString(CultureInfo.InvariantCulture), Year = date?.Year.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>True when the form shows a server-side draft kept from an earlier visit (the page shows a banner).</summary>
    public bool Resumed { get; protected set; }

    /// <summary>The posted fields, as a long form keeps them in its draft before validating.</summary>
    protected Dictionary<string, string?> PostedFields() =>
        Request.Form.Where(f => f.Key != "__RequestVerificationToken").ToDictionary(f => f.Key, f => (string?)f.Value.ToString());

    /// <summary>The entries of a dictionary field ("Needs[key]") kept in a draft, by key.</summary>
    protected static Dictionary<string, string?> Indexed(IReadOnlyDictionary<string, string?> draft, string field) =>
        draft.Where(kv => kv.Key.StartsWith(field + "[", StringComparison.Ordinal) && kv.Key.EndsWith(']'))
            .ToDictionary(kv => kv.Key[(field.Length + 1)..^1], kv => kv.Value);

    protected static DateParts DateOf(IReadOnlyDictionary<string, string?> draft, string field) =>
        new() { Day = draft.GetValueOrDefault(field + ".Day"), Month = draft.GetValueOrDefault(field + ".Month"), Year = draft.GetValueOrDefault(field + ".Year") };

    protected static int VersionOf(IReadOnlyDictionary<string, string?> draft, int fallback) =>
        int.TryParse(draft.GetValueOrDefault("Version"), out var v) ? v : fallback;

    protected static TimeOnly? ParseTime(string? text) =>
        TimeOnly.TryParseExact(text?.Trim().Replace('.', ':'), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;

    public static string Signed(int level) => level > 0 ? $"+{level}" : level.ToString(CultureInfo.InvariantCulture);
}
