using Hearth.Core.Returns.BankHolidays;

namespace Hearth.Core.Tests.Census;

public sealed class WorkingDaysTests
{
    [Theory]
    [InlineData("2024-03-31", 45, "2024-01-29")]
    [InlineData("2024-03-31", 15, "2024-03-11")]
    [InlineData("2025-03-31", 45, "2025-01-28")]
    [InlineData("2025-03-31", 15, "2025-03-11")]
    public void Counting_back_inclusively_matches_the_published_vectors(string end, int days, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            WorkingDays.StartOfPeriodEnding(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), days));
    }

    [Fact]
    public void Good_Friday_and_Easter_Monday_are_not_working_days()
    {
        Assert.False(WorkingDays.IsWorkingDay(new DateOnly(2024, 3, 29)));
        Assert.False(WorkingDays.IsWorkingDay(new DateOnly(2024, 4, 1)));
        Assert.True(WorkingDays.IsWorkingDay(new DateOnly(2024, 3, 28)));
        Assert.False(WorkingDays.IsWorkingDay(new DateOnly(2024, 3, 30)));
    }

    [Fact]
    public void The_table_covers_2018_to_2028_with_eight_or_more_holidays_a_year()
    {
        for (var year = 2018; year <= 2028; year++)
        {
            var count = EnglandAndWalesBankHolidays.All.Count(d => d.Year == year);
            Assert.InRange(count, 8, 10);
            Assert.Contains(EnglandAndWalesBankHolidays.All, d => d.Year == year && d.Month == 12 && d.Day >= 25);
        }
        Assert.True(EnglandAndWalesBankHolidays.IsBankHoliday(new DateOnly(2022, 9, 19)));
        Assert.True(EnglandAndWalesBankHolidays.IsBankHoliday(new DateOnly(2023, 5, 8)));
    }

    [Fact]
    public void Dates_outside_the_table_are_refused_rather_than_guessed()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkingDays.IsWorkingDay(new DateOnly(2030, 1, 2)));
    }

    [Fact]
    public void Previous_working_day_skips_weekends_and_holidays()
    {
        // 1 April 2024 is Easter Monday; before it come Sunday, Saturday and Good Friday.
        Assert.Equal(new DateOnly(2024, 3, 28), WorkingDays.PreviousWorkingDay(new DateOnly(2024, 4, 1)));
        Assert.Equal(new DateOnly(2023, 3, 31), WorkingDays.PreviousWorkingDay(new DateOnly(2023, 4, 1)));
    }
}
