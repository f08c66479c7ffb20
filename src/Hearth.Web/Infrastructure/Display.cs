namespace Hearth.Web.Infrastructure;

/// <summary>Dates and times as GOV.UK style writes them, in en-GB and UK time.</summary>
public static class Display
{
    public static string Date(DateOnly? date) => date?.ToString("d MMMM yyyy", WebSetup.Culture) ?? "";

    public static string DateTime(DateTimeOffset? moment)
    {
        if (moment is not { } m)
        {
            return "";
        }
        var local = TimeZoneInfo.ConvertTime(m, WebSetup.LondonTime);
        // GOV.UK style: "midnight" and "midday", not 12am and 12pm; minutes only when not on the hour.
        // "%h", not "h": a one-letter format string is read as a standard format, and "h" is not one.
        var time = (local.Hour, local.Minute) switch
        {
            (0, 0) => "midnight",
            (12, 0) => "midday",
            _ => local.ToString(local.Minute == 0 ? "%h" : "h:mm", WebSetup.Culture) + (local.Hour < 12 ? "am" : "pm"),
        };
        return $"{local.ToString("d MMMM yyyy", WebSetup.Culture)} at {time}";
    }
}
