using Hearth.Core.Referrals;

namespace Hearth.Core.Tests.Referrals;

/// <summary>The day arithmetic of the re-referral window (docs/journey.md).</summary>
public sealed class ReReferralRuleTests
{
    [Theory]
    [InlineData("2025-06-15", "2026-06-15", true)]   // exactly 12 calendar months earlier: inside
    [InlineData("2025-06-14", "2026-06-15", false)]  // one day more: outside
    [InlineData("2026-06-14", "2026-06-15", true)]   // the day before
    [InlineData("2026-06-15", "2026-06-15", false)]  // the same day is not a re-referral
    [InlineData("2026-06-16", "2026-06-15", false)]  // later referrals never count
    [InlineData("2023-02-28", "2024-02-29", true)]   // from 29 February the window opens on 28 February
    [InlineData("2023-02-27", "2024-02-29", false)]
    [InlineData("2024-02-28", "2025-02-28", true)]   // a leap year's 28 February is 12 months before
    [InlineData("2024-02-29", "2025-02-28", true)]   // ... and 29 February falls inside
    [InlineData("2024-02-27", "2025-02-28", false)]
    [InlineData("2024-03-01", "2025-03-01", true)]
    [InlineData("2024-02-29", "2025-03-01", false)]
    public void An_earlier_referral_counts_from_this_date_minus_12_calendar_months_inclusive(string earlier, string received, bool counts) =>
        Assert.Equal(counts, ReReferralRule.Counts(DateOnly.Parse(earlier), DateOnly.Parse(received)));

    [Fact]
    public void The_window_start_uses_AddMonths()
    {
        Assert.Equal(new DateOnly(2023, 2, 28), ReReferralRule.WindowStart(new DateOnly(2024, 2, 29)));
        Assert.Equal(new DateOnly(2025, 8, 31), ReReferralRule.WindowStart(new DateOnly(2026, 8, 31)));
    }
}
