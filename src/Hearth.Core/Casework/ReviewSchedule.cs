using Hearth.Core.Programmes;

namespace Hearth.Core.Casework;

/// <summary>
/// When a phase's reviews fall due. Month review points count from the phase start each time (never from the previous
/// review), and a date past the end of the target month falls on its last day: 31 January + 1 month is 28 February
/// (29 in a leap year), + 3 months is 30 April. Recurring points repeat every N weeks until the phase's expected maximum
/// length is reached.
/// </summary>
public static class ReviewSchedule
{
    public static IReadOnlyList<DateOnly> DueDates(ProgrammeDefinition programme, string phaseKey, DateOnly phaseStart)
    {
        var phase = programme.Phase(phaseKey);
        if (phase is null || phase.Reviews.Count == 0)
        {
            return [];
        }
        // Recurring reviews need an end; a phase without an expected length is scheduled for a year.
        var until = phaseStart.AddDays(phase.ExpectedMaxDays > 0 ? phase.ExpectedMaxDays : 366);
        return phase.Reviews
            .SelectMany(r => r.MonthsFromStart is { } m ? [phaseStart.AddMonths(m)] : r.DueDates(phaseStart, until))
            .Distinct()
            .Order()
            .ToList();
    }
}
