namespace Hearth.Core.Returns.BankHolidays;

/// <summary>Working-day arithmetic for England and Wales: Monday to Friday, not a bank holiday.</summary>
public static class WorkingDays
{
    public static bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !EnglandAndWalesBankHolidays.IsBankHoliday(date);

    /// <summary>
    /// The first day of a period of <paramref name="days"/> working days that ends on <paramref name="end"/>,
    /// counted inclusively: the end date itself is day 1 (whatever day of the week it is, because a census
    /// counts up to and including its reference date) and each earlier working day adds one.
    /// For 2024-03-31 (a Sunday), 45 gives 2024-01-29 and 15 gives 2024-03-11; for 2025-03-31, 2025-01-28 and 2025-03-11.
    /// </summary>
    public static DateOnly StartOfPeriodEnding(DateOnly end, int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var date = end;
        var counted = 1;
        while (counted < days)
        {
            date = date.AddDays(-1);
            if (IsWorkingDay(date))
            {
                counted++;
            }
        }
        return date;
    }

    /// <summary>The last working day strictly before <paramref name="date"/>.</summary>
    public static DateOnly PreviousWorkingDay(DateOnly date)
    {
        var d = date.AddDays(-1);
        while (!IsWorkingDay(d))
        {
            d = d.AddDays(-1);
        }
        return d;
    }
}
