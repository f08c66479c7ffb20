using Hearth.Core;
using System.Globalization;
using Hearth.Core.Data;
using Hearth.Core.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Hearth.Web.Infrastructure;

/// <summary>
/// Base of the pages of one family's journey (referrals, triage, episodes, waiting list entries). A record outside the
/// user's teams (the Core services refuse it) answers 404, so a practitioner of another team cannot tell it exists; a
/// stale version is shown as an error on the page, never saved over the other person's change.
/// </summary>
public abstract class RecordPageModel : HearthPageModel
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

    /// <summary>Runs a Core change; its refusals become field errors (a concurrency conflict on <paramref name="conflictField"/>).</summary>
    protected async Task<bool> TrySaveAsync(Func<Task> save, string conflictField)
    {
        try
        {
            await save();
            return true;
        }
        catch (ValidationFailedException e)
        {
            AddErrors(e);
        }
        catch (ConcurrencyConflictException e)
        {
            Errors.Add(new FieldError(conflictField, e.Message));
        }
        return false;
    }

    /// <summary>Shows a Core error about <paramref name="coreField"/> beside this page's <paramref name="pageField"/>.</summary>
    protected void Rename(string coreField, string pageField)
    {
        for (var i = 0; i < Errors.Count; i++)
        {
            if (Errors[i].Field == coreField)
            {
                Errors[i] = new FieldError(pageField, Errors[i].Message);
            }
        }
    }

    // The same day the Core services check dates against.
    protected static DateOnly Today(TimeProvider time) => time.TodayInUk();

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

    public static DateParts Of(DateOnly? date) => new()
    {
        Day = date?.Day.ToString(CultureInfo.InvariantCulture), Month = date?.Month.ToString(CultureInfo.InvariantCulture), Year = date?.Year.ToString(CultureInfo.InvariantCulture),
    };
}
