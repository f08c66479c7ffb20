using System.Globalization;
using Hearth.Core.Data;
using Hearth.Web.Infrastructure;

namespace Hearth.Web.Pages.Admin;

/// <summary>
/// Base of the organisation administration pages: numbers and dates typed into boxes are read here, and a box that
/// does not hold one is named in the error summary, so SaveAsync sends nothing to Core (which would take it as left empty).
/// </summary>
public abstract class AdminPageModel : HearthPageModel
{
    protected decimal? Decimal(string? text, string field, string message) =>
        Read<decimal>(text, field, message, t => decimal.TryParse(t.Replace("£", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null);

    protected int? Whole(string? text, string field, string message) =>
        Read<int>(text, field, message, t => int.TryParse(t.Replace(",", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : (int?)null);

    protected long? WholeCount(string? text, string field, string message) =>
        Read<long>(text, field, message, t => long.TryParse(t.Replace(",", "", StringComparison.Ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : (long?)null);

    protected DateOnly? Date(DateParts parts, string field, string message)
    {
        if (!parts.IsEmpty && parts.Value is null)
        {
            Errors.Add(new FieldError(field, message));
        }
        return parts.Value;
    }

    private T? Read<T>(string? text, string field, string message, Func<string, T?> parse) where T : struct
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return default;
        }
        var value = parse(text.Trim());
        if (value is null)
        {
            Errors.Add(new FieldError(field, message));
        }
        return value;
    }
}
