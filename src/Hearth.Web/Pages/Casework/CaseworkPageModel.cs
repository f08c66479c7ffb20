using System.Globalization;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Hearth.Web.Pages.Casework;

/// <summary>Base of the casework pages: the server-side draft a long form keeps, and the readers of its fields.</summary>
public abstract class CaseworkPageModel : HearthPageModel
{
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
