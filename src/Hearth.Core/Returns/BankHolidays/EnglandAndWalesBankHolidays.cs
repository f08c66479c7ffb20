namespace Hearth.Core.Returns.BankHolidays;

/// <summary>
/// Bank holidays in England and Wales (gov.uk/bank-holidays), shipped with the code so that
/// statutory timescales never depend on a network call. Extend the table before 2029.
/// </summary>
public static class EnglandAndWalesBankHolidays
{
    public static DateOnly FirstCovered { get; } = new(2018, 1, 1);
    public static DateOnly LastCovered { get; } = new(2028, 12, 31);

    private static readonly HashSet<DateOnly> Days =
    [
        // 2018
        new(2018, 1, 1), new(2018, 3, 30), new(2018, 4, 2), new(2018, 5, 7), new(2018, 5, 28), new(2018, 8, 27), new(2018, 12, 25), new(2018, 12, 26),
        // 2019
        new(2019, 1, 1), new(2019, 4, 19), new(2019, 4, 22), new(2019, 5, 6), new(2019, 5, 27), new(2019, 8, 26), new(2019, 12, 25), new(2019, 12, 26),
        // 2020: the early May holiday moved to Friday 8 May for VE Day 75.
        new(2020, 1, 1), new(2020, 4, 10), new(2020, 4, 13), new(2020, 5, 8), new(2020, 5, 25), new(2020, 8, 31), new(2020, 12, 25), new(2020, 12, 28),
        // 2021
        new(2021, 1, 1), new(2021, 4, 2), new(2021, 4, 5), new(2021, 5, 3), new(2021, 5, 31), new(2021, 8, 30), new(2021, 12, 27), new(2021, 12, 28),
        // 2022: Platinum Jubilee (2-3 June) and the State Funeral (19 September).
        new(2022, 1, 3), new(2022, 4, 15), new(2022, 4, 18), new(2022, 5, 2), new(2022, 6, 2), new(2022, 6, 3), new(2022, 8, 29), new(2022, 9, 19), new(2022, 12, 26), new(2022, 12, 27),
        // 2023: the Coronation (8 May).
        new(2023, 1, 2), new(2023, 4, 7), new(2023, 4, 10), new(2023, 5, 1), new(2023, 5, 8), new(2023, 5, 29), new(2023, 8, 28), new(2023, 12, 25), new(2023, 12, 26),
        // 2024
        new(2024, 1, 1), new(2024, 3, 29), new(2024, 4, 1), new(2024, 5, 6), new(2024, 5, 27), new(2024, 8, 26), new(2024, 12, 25), new(2024, 12, 26),
        // 2025
        new(2025, 1, 1), new(2025, 4, 18), new(2025, 4, 21), new(2025, 5, 5), new(2025, 5, 26), new(2025, 8, 25), new(2025, 12, 25), new(2025, 12, 26),
        // 2026
        new(2026, 1, 1), new(2026, 4, 3), new(2026, 4, 6), new(2026, 5, 4), new(2026, 5, 25), new(2026, 8, 31), new(2026, 12, 25), new(2026, 12, 28),
        // 2027
        new(2027, 1, 1), new(2027, 3, 26), new(2027, 3, 29), new(2027, 5, 3), new(2027, 5, 31), new(2027, 8, 30), new(2027, 12, 27), new(2027, 12, 28),
        // 2028
        new(2028, 1, 3), new(2028, 4, 14), new(2028, 4, 17), new(2028, 5, 1), new(2028, 5, 29), new(2028, 8, 28), new(2028, 12, 25), new(2028, 12, 26),
    ];

    public static IReadOnlyCollection<DateOnly> All => Days;

    public static bool IsBankHoliday(DateOnly date)
    {
        EnsureCovered(date);
        return Days.Contains(date);
    }

    internal static void EnsureCovered(DateOnly date)
    {
        if (date < FirstCovered || date > LastCovered)
        {
            throw new ArgumentOutOfRangeException(nameof(date), date, $"The bank holiday table covers {FirstCovered:yyyy} to {LastCovered:yyyy} only.");
        }
    }
}
