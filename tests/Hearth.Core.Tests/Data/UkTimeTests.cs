using Hearth.Core.Reporting;
using Hearth.TestCommon;

namespace Hearth.Core.Tests.Data;

public sealed class UkTimeTests
{
    [Fact]
    public void Half_past_midnight_in_summer_time_on_1_April_is_1_April_and_the_new_financial_year()
    {
        // 23:30 UTC on 31 March 2026 is 00:30 BST on 1 April 2026.
        var clock = new FixedTimeProvider(new DateTimeOffset(2026, 3, 31, 23, 30, 0, TimeSpan.Zero));
        var today = clock.TodayInUk();
        Assert.Equal(new DateOnly(2026, 4, 1), today);
        Assert.Equal("2026-27", ReportPeriod.FinancialYearLabel(ReportPeriod.FinancialYearOf(today)));
        Assert.Equal(new DateTime(2026, 4, 1, 0, 30, 0), clock.GetUtcNow().UkDateTime());
    }

    [Theory]
    [InlineData("2025-12-31T23:30:00Z", "2025-12-31")]
    [InlineData("2026-01-01T00:30:00Z", "2026-01-01")]
    [InlineData("2026-03-28T23:30:00Z", "2026-03-28")] // the night before the clocks go forward: still GMT
    [InlineData("2026-10-25T00:30:00Z", "2026-10-25")] // 01:30 BST, just before the clocks go back
    [InlineData("2026-10-25T23:30:00Z", "2026-10-25")] // GMT again
    public void In_winter_the_UK_date_is_the_UTC_date(string utc, string expected)
    {
        var clock = new FixedTimeProvider(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), clock.TodayInUk());
    }
}
