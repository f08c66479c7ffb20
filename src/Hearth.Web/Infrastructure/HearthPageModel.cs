using System.Globalization;
using Hearth.Core;
using Hearth.Core.Data;
using Hearth.Core.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Web.Infrastructure;

/// <summary>
/// Base of every page: the signed-in actor; the field errors that the layout shows in the error summary at the top of
/// main and each partial shows beside its field; the one scope filter (a record outside the user's teams, which the
/// Core services refuse with <see cref="AccessDeniedException"/>, answers 404 so a practitioner of another team cannot
/// tell it exists); and the one save helper (<see cref="SaveAsync"/>) that turns Core's refusals into field errors.
/// </summary>
public abstract class HearthPageModel : PageModel
{
    public List<FieldError> Errors { get; } = [];

    public ActorContext Actor => User.ToActor();

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => string.Equals(e.Field, field, StringComparison.OrdinalIgnoreCase))?.Message;

    public void AddErrors(ValidationFailedException e) => Errors.AddRange(e.Errors);

    /// <summary>The id of the input for a Core field name, so the error summary can link to it.</summary>
    public static string FieldId(string field) => string.Concat(field.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));

    /// <summary>The scope filter: a record the user may not see (another team's, or none at all) is a 404, on every page.</summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is AccessDeniedException && !executed.ExceptionHandled)
        {
            executed.Result = new NotFoundResult();
            executed.ExceptionHandled = true;
            await DenialAudit.RecordAsync(HttpContext, StatusCodes.Status404NotFound);
        }
    }

    /// <summary>
    /// Saves through Core and shows the outcome: when the page has already found errors in what was typed nothing is
    /// saved; otherwise <paramref name="save"/> runs and its refusals become field errors (a stale version, against
    /// <paramref name="conflictField"/>). Success answers <paramref name="onSuccess"/>; errors run
    /// <paramref name="onError"/> (to reload what the page shows, or rename Core's fields) and re-render the page.
    /// A page whose fields are named differently from Core's passes <paramref name="mapError"/> (applied to Core's
    /// errors only); a page whose conflict means something more particular says so in <paramref name="conflictMessage"/>.
    /// </summary>
    protected async Task<IActionResult> SaveAsync(Func<Task> save, Func<IActionResult> onSuccess, string conflictField, Func<Task>? onError = null,
        Func<FieldError, FieldError>? mapError = null, string? conflictMessage = null)
    {
        if (Errors.Count == 0)
        {
            try
            {
                await save();
                return onSuccess();
            }
            catch (ValidationFailedException e)
            {
                // Core may have changed tracked rows before refusing them: drop them, so the reads that redraw the page
                // (which save their audit events) cannot write a refused change (a failed save does the same, in Core).
                HttpContext.RequestServices.GetRequiredService<Hearth.Core.Data.HearthDbContext>().ChangeTracker.Clear();
                Errors.AddRange(mapError is null ? e.Errors : e.Errors.Select(mapError));
            }
            catch (ConcurrencyConflictException e)
            {
                Errors.Add(new FieldError(conflictField, conflictMessage ?? e.Message));
            }
        }
        if (onError is not null)
        {
            await onError();
        }
        return Page();
    }

    /// <summary>
    /// Reads a GOV.UK date input (the shared _DateInput partial, bound to <see cref="DateParts"/>): the date, or null
    /// with an error naming the field ("Enter the date ..." when empty and required; "... must be a real date" when the
    /// boxes do not make one). <paramref name="label"/> is the date's name in a sentence, e.g. "the reference date".
    /// </summary>
    protected DateOnly? ReadDate(DateParts parts, string field, string label, bool required = true)
    {
        if (parts.IsEmpty)
        {
            if (required)
            {
                Errors.Add(new FieldError(field, $"Enter {label}"));
            }
            return null;
        }
        if (parts.Value is { } date)
        {
            return date;
        }
        Errors.Add(new FieldError(field, $"{char.ToUpperInvariant(label[0])}{label[1..]} must be a real date, for example 31 3 2026"));
        return null;
    }

    /// <summary>Shows Core's errors against this page's fields: each error is replaced by what <paramref name="map"/> makes of it.</summary>
    protected void MapErrors(Func<FieldError, FieldError> map)
    {
        for (var i = 0; i < Errors.Count; i++)
        {
            Errors[i] = map(Errors[i]);
        }
    }

    /// <summary>Shows a Core error about <paramref name="coreField"/> beside this page's <paramref name="pageField"/>.</summary>
    protected void Rename(string coreField, string pageField) => MapErrors(e => e.Field == coreField ? new FieldError(pageField, e.Message) : e);

    // The same day the Core services check dates against.
    protected static DateOnly UkToday(TimeProvider time) => time.TodayInUk();

    protected static string Number(int n) => n.ToString(WebSetup.Culture);
}

/// <summary>The day, month and year boxes of a GOV.UK date input.</summary>
public sealed class DateParts
{
    public string? Day { get; set; }
    public string? Month { get; set; }
    public string? Year { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Day) && string.IsNullOrWhiteSpace(Month) && string.IsNullOrWhiteSpace(Year);

    /// <summary>The date typed, or null when the boxes are empty or do not make a real date.</summary>
    public DateOnly? Value =>
        int.TryParse(Day, out var d) && int.TryParse(Month, out var m) && int.TryParse(Year, out var y) && y is >= 1900 and <= 9999
            && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m)
            ? new DateOnly(y, m, d)
            : null;

    /// <summary>
    /// The boxes as the query string values of the field <paramref name="name"/> (Name.Day, Name.Month, Name.Year), so a
    /// link or redirect keeps the date as typed; add them to a page's other route values.
    /// </summary>
    public IEnumerable<KeyValuePair<string, object?>> RouteValues(string name) =>
        [new($"{name}.Day", Day), new($"{name}.Month", Month), new($"{name}.Year", Year)];

    public static DateParts Of(DateOnly? date) => new()
    {
        Day = date?.Day.ToString(CultureInfo.InvariantCulture), Month = date?.Month.ToString(CultureInfo.InvariantCulture), Year = date?.Year.ToString(CultureInfo.InvariantCulture),
    };
}
