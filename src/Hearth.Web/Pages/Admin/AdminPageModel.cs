using System.Globalization;
using Hearth.Core.Data;
using Hearth.Web.Infrastructure;

namespace Hearth.Web.Pages.Admin;

/// <summary>
/// Base of the organisation administration pages: numbers and dates typed into boxes are read here, and a box that
/// does not hold one is named in the error summary and nothing is sent to Core (which would take it as left empty).
/// </summary>
public abstract class AdminPageModel : RecordPageModel
{
    private readonly List<FieldError> _unreadable = [];

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
            _unreadable.Add(new FieldError(field, message));
        }
        return parts.Value;
    }

    /// <summary>Saves through Core unless a box could not be read; Core's refusals become field errors.</summary>
    protected async Task<bool> SaveAsync(Func<Task> save, string conflictField)
    {
        if (_unreadable.Count > 0)
        {
            Errors.AddRange(_unreadable);
            return false;
        }
        return await TrySaveAsync(save, conflictField);
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
            _unreadable.Add(new FieldError(field, message));
        }
        return value;
    }
}
