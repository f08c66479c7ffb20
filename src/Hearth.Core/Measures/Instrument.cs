using System.Globalization;

namespace Hearth.Core.Measures;

/// <summary>One entry on a form as keyed: a whole number, a blank, or text that is not a whole number.</summary>
public readonly record struct Response(int? Value, string? Unreadable = null)
{
    public static readonly Response Blank = new(null);

    public bool IsBlank => Value is null && Unreadable is null;

    /// <summary>Reads a keyed entry: blank stays blank, a whole number is a value, anything else is kept as unreadable.</summary>
    public static Response Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Blank;
        }
        return int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? new Response(value)
            : new Response(null, text.Trim());
    }
}

/// <summary>A scored instrument. Scoring is pure: the same responses always give the same sheet.</summary>
public abstract class Instrument
{
    public abstract string Id { get; }
    public abstract string Name { get; }
    public abstract string Version { get; }
    public abstract string Source { get; }
    /// <summary>The scores every sheet carries, in order.</summary>
    public abstract IReadOnlyList<string> ScoreKeys { get; }
    /// <summary>The band columns every sheet carries, in order (table key + "_" + scale key).</summary>
    public abstract IReadOnlyList<string> BandKeys { get; }
}
