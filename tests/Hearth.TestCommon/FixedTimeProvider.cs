namespace Hearth.TestCommon;

/// <summary>A clock that tests set and move by hand.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public static FixedTimeProvider At(int year, int month, int day, int hour = 12) =>
        new(new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
