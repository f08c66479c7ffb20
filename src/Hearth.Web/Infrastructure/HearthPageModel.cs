using Hearth.Core.Data;
using Hearth.Core.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hearth.Web.Infrastructure;

/// <summary>
/// Base of every page: the signed-in actor, and the field errors that the layout shows in the error summary at the
/// top of main and each partial shows beside its field.
/// </summary>
public abstract class HearthPageModel : PageModel
{
    public List<FieldError> Errors { get; } = [];

    public ActorContext Actor => User.ToActor();

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => string.Equals(e.Field, field, StringComparison.OrdinalIgnoreCase))?.Message;

    public void AddErrors(ValidationFailedException e) => Errors.AddRange(e.Errors);

    /// <summary>The id of the input for a Core field name, so the error summary can link to it.</summary>
    public static string FieldId(string field) => string.Concat(field.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
