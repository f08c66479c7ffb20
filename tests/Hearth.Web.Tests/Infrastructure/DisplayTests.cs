using Hearth.Web.Infrastructure;

namespace Hearth.Web.Tests.Infrastructure;

public sealed class DisplayTests
{
    [Theory]
    // On the hour: GOV.UK style drops the minutes. This once threw, and broke the audit page whenever an event fell on the hour.
    [InlineData("2026-12-03T18:00:00+00:00", "3 December 2026 at 6pm")]
    [InlineData("2026-12-03T09:05:00+00:00", "3 December 2026 at 9:05am")]
    [InlineData("2026-12-03T00:00:00+00:00", "3 December 2026 at midnight")]
    [InlineData("2026-12-03T12:00:00+00:00", "3 December 2026 at midday")]
    [InlineData("2026-12-03T12:15:00+00:00", "3 December 2026 at 12:15pm")]
    // British Summer Time: 11:30 UTC is 12:30 in London.
    [InlineData("2026-07-01T11:30:00+00:00", "1 July 2026 at 12:30pm")]
    public void A_moment_is_written_in_UK_time_as_GOV_UK_style_writes_it(string moment, string expected)
    {
        Assert.Equal(expected, Display.DateTime(DateTimeOffset.Parse(moment, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void No_moment_is_written_as_nothing()
    {
        Assert.Equal("", Display.DateTime(null));
    }
}
