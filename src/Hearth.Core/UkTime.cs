namespace Hearth.Core;

/// <summary>
/// The one clock helper for UK dates. Every "today" and every date taken from a moment is the date in
/// Europe/London, not in UTC: between midnight and 1am in British Summer Time the UTC date is still
/// yesterday, and 31 March / 1 April decide every annual figure.
/// </summary>
public static class UkTime
{
    /// <summary>Europe/London (GMT in winter, BST in summer); the IANA name, which .NET resolves through ICU on every platform.</summary>
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>Today's date in the UK.</summary>
    public static DateOnly TodayInUk(this TimeProvider time) => time.GetUtcNow().UkDate();

    /// <summary>The UK wall-clock time of a moment.</summary>
    public static DateTime UkDateTime(this DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, Zone).DateTime;

    /// <summary>The UK date of a moment (an audit event's time, say).</summary>
    public static DateOnly UkDate(this DateTimeOffset moment) => DateOnly.FromDateTime(moment.UkDateTime());
}
