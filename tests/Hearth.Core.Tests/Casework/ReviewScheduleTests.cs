using Hearth.Core.Casework;
using Hearth.Core.Programmes;

namespace Hearth.Core.Tests.Casework;

public sealed class ReviewScheduleTests
{
    private static ProgrammeDefinition Programme(string code) => ShippedProgrammes.All.Single(p => p.Code == code).Definition;

    [Fact]
    public void Ifss_step_down_reviews_fall_1_3_6_and_12_months_from_the_phase_start_clamped_to_month_end()
    {
        var dates = ReviewSchedule.DueDates(Programme(ShippedProgrammes.Ifss), "phase2", new DateOnly(2026, 1, 31));

        // 31 January + 1 month has no 31st: the last day of February. Each point counts from the start, not the last review.
        Assert.Equal([new DateOnly(2026, 2, 28), new DateOnly(2026, 4, 30), new DateOnly(2026, 7, 31), new DateOnly(2027, 1, 31)], dates);
    }

    [Fact]
    public void In_a_leap_year_31_January_plus_one_month_is_29_February()
    {
        var dates = ReviewSchedule.DueDates(Programme(ShippedProgrammes.Ifss), "phase2", new DateOnly(2028, 1, 31));

        Assert.Equal(new DateOnly(2028, 2, 29), dates[0]);
        Assert.Equal(new DateOnly(2028, 4, 30), dates[1]);
    }

    [Fact]
    public void Ifss_phases_without_review_points_have_no_reviews()
    {
        Assert.Empty(ReviewSchedule.DueDates(Programme(ShippedProgrammes.Ifss), "phase1", new DateOnly(2026, 1, 31)));
        Assert.Empty(ReviewSchedule.DueDates(Programme(ShippedProgrammes.Ifss), "no-such-phase", new DateOnly(2026, 1, 31)));
    }

    [Fact]
    public void Cin_plans_are_reviewed_every_6_weeks_for_the_phase_expected_length()
    {
        var dates = ReviewSchedule.DueDates(Programme(ShippedProgrammes.CinPod), "cin-plan", new DateOnly(2026, 1, 1));

        // 366 days allow 8 reviews of 42 days (336); a 9th would fall on day 378.
        Assert.Equal(8, dates.Count);
        Assert.Equal(new DateOnly(2026, 2, 12), dates[0]);
        Assert.Equal(new DateOnly(2026, 3, 26), dates[1]);
        Assert.Equal(new DateOnly(2026, 12, 3), dates[7]);
    }

    [Fact]
    public void Ifit_intensive_work_is_reviewed_every_4_weeks_up_to_its_84_days()
    {
        var dates = ReviewSchedule.DueDates(Programme(ShippedProgrammes.Ifit), "intensive", new DateOnly(2026, 3, 1));

        Assert.Equal([new DateOnly(2026, 3, 29), new DateOnly(2026, 4, 26), new DateOnly(2026, 5, 24)], dates);
    }

    [Fact]
    public void Troubled_families_plans_are_reviewed_at_3_6_9_and_12_months()
    {
        var dates = ReviewSchedule.DueDates(Programme(ShippedProgrammes.TroubledFamilies), "plan", new DateOnly(2025, 11, 30));

        Assert.Equal([new DateOnly(2026, 2, 28), new DateOnly(2026, 5, 30), new DateOnly(2026, 8, 30), new DateOnly(2026, 11, 30)], dates);
    }
}
