using System.Globalization;
using Hearth.Core.Data;
using Hearth.Core.Security;
using Hearth.Core.Statutory;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Hearth.Web.Pages.Statutory;

/// <summary>
/// Base of the statutory-record pages. Someone who may read but not record (performance) is refused a change with 403
/// by each page's <c>[RequirePermission(Permission.RecordCasework, ForChanges = true)]</c>.
/// </summary>
public abstract class StatutoryPageModel : HearthPageModel
{
    public bool CanRecord => User.Has(Permission.RecordCasework);

    public StatutoryReferral Referral { get; protected set; } = null!;
    public StatutoryChild Child { get; protected set; } = null!;

    public string ChildHref => Url.Page("/Statutory/Child", new { referral = Referral.Referral.Id, person = Child.PersonId })!;

    /// <summary>Back to the child's statutory record after a change is saved.</summary>
    protected IActionResult ToChild() => RedirectToPage("/Statutory/Child", new { referral = Referral.Referral.Id, person = Child.PersonId });

    protected async Task LoadAsync(StatutoryService statutory, Guid referralId, Guid personId, CancellationToken ct) =>
        (Referral, Child) = await statutory.ForChildAsync(Actor, referralId, personId, ct);

    /// <summary>Reads a GOV.UK date input into <paramref name="value"/>, or adds an error naming the field.</summary>
    protected bool TryDate(DateParts parts, string field, string label, bool required, out DateOnly? value)
    {
        value = parts.Value;
        if (parts.IsEmpty)
        {
            if (required)
            {
                Errors.Add(new FieldError(field, $"Enter {label}"));
                return false;
            }
            return true;
        }
        if (value is null)
        {
            Errors.Add(new FieldError(field, $"{char.ToUpperInvariant(label[0])}{label[1..]} must be a real date, for example 27 3 2026"));
            return false;
        }
        return true;
    }

}
