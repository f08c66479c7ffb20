using Hearth.Core.Auditing;
using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Casework;

/// <summary>Reviews scheduled from the programme's review points.</summary>
public sealed class ReviewServiceTests : CaseworkTestBase
{
    [Fact]
    public async Task Reviews_are_scheduled_from_the_phase_start_once_and_overdue_ones_are_flagged_on_the_due_list()
    {
        await SetUpEpisodeAsync(toPhase2: true);

        var reviews = await Reviews(c => c.ScheduleReviewsAsync(Practitioner, Episode.Id));
        var again = await Reviews(c => c.ScheduleReviewsAsync(Practitioner, Episode.Id));

        Assert.Equal([new DateOnly(2026, 2, 28), new DateOnly(2026, 4, 30), new DateOnly(2026, 7, 31), new DateOnly(2027, 1, 31)], reviews.Select(r => r.DueOn));
        Assert.Equal([1, 2, 3, 4], reviews.Select(r => r.Sequence));
        Assert.Equal(4, again.Count);
        var due = await InScope(s => Get<DueList>(s).ForWorkerAsync(Practitioner, Worker.Id, Today));
        var overdue = due.Where(d => d.Kind == DueKind.ReviewOverdue).ToList();
        // Today is 2 November 2026: 31 July is 94 days ago, 28 February 247 days ago; the most recently due first.
        Assert.Equal([94, 186, 247], overdue.Select(d => d.DaysOverdue));
        Assert.DoesNotContain(due, d => d.Kind == DueKind.ReviewDue);
        Assert.All(due, d => Assert.Equal("C-1", d.FamilyReference));
    }
}
