using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Measures;
using Hearth.Core.People;
using Hearth.Core.Security;
using Hearth.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Measures;

/// <summary>Change for each person and instrument in a family, from the stored scores.</summary>
public sealed class MeasureChangeTests : JourneyTestBase
{
    private static readonly DateOnly Received = new(2026, 9, 1);

    private Task Record(Episode episode, Guid personId, string instrument, TimePoint point, int? number, DateOnly on, params string?[] responses) =>
        InScope(s => Get<MeasureService>(s).RecordAsync(Practitioner, new NewAdministration(episode.Id, personId, instrument, point, number, Respondent.Parent, on, responses)));

    private static string?[] Same(int count, string value) => Enumerable.Repeat<string?>(value, count).ToArray();

    [Fact]
    public async Task Wemwbs_change_from_baseline_gives_raw_change_rci_and_reliable_and_meaningful_verdicts()
    {
        var episode = await AcceptedEpisodeAsync("C-1", Received);
        var parent = await InScope(s => Get<PeopleService>(s).AddPersonAsync(Practitioner,
            new NewPerson(episode.FamilyId, "Jo", "C-1", new DateOnly(1990, 3, 1)) { Relationship = Relationship.Parent, NotADuplicate = true }));
        // Recorded out of order: the review first, then the baseline.
        await Record(episode, parent.Id, "wemwbs", TimePoint.Review, 1, Received.AddDays(40), [.. Same(13, "3"), "4"]);
        await Record(episode, parent.Id, "wemwbs", TimePoint.Baseline, null, Received.AddDays(5), Same(14, "3"));
        await Record(episode, parent.Id, "wemwbs", TimePoint.Closure, null, Received.AddDays(60), Same(14, "4"));

        var trajectory = Assert.Single(await InScope(s => Get<MeasureChangeQuery>(s).ForFamilyAsync(Practitioner, episode.FamilyId)));

        Assert.Equal("wemwbs", trajectory.InstrumentId);
        Assert.Equal([TimePoint.Baseline, TimePoint.Review, TimePoint.Closure], trajectory.Points.Select(p => p.TimePoint));
        Assert.Equal([42m, 43m, 56m], trajectory.Points.Select(p => p.Score));
        Assert.Null(trajectory.Baseline!.Change);
        // Review: +1, RCI = 1 / (8.79 x sqrt(1 - 0.83) x sqrt 2) = 0.1951: neither reliable nor meaningful (threshold 3).
        var review = trajectory.Points[1].Change!;
        Assert.Equal(1m, review.Raw);
        Assert.Equal(0.1951, review.Rci!.Value, 4);
        Assert.Equal(ChangeVerdict.NoChange, review.Reliable);
        Assert.Equal(ChangeVerdict.NoChange, review.Meaningful);
        // Closure (latest): +14, RCI = 14 / 5.1255 = 2.7315 > 1.96: reliable and meaningful improvement.
        var latest = trajectory.Latest!;
        Assert.Equal(TimePoint.Closure, latest.TimePoint);
        Assert.Equal(14m, latest.Change!.Raw);
        Assert.Equal(2.7315, latest.Change.Rci!.Value, 4);
        Assert.Equal(ChangeVerdict.Improved, latest.Change.Reliable);
        Assert.Equal(ChangeVerdict.Improved, latest.Change.Meaningful);
    }

    [Fact]
    public async Task Sdq_change_is_raw_only_without_published_norms()
    {
        var episode = await AcceptedEpisodeAsync("C-2", Received);
        var child = await InScope(s => Get<HearthDbContext>(s).Set<Person>().SingleAsync(p => p.FamilyId == episode.FamilyId));
        var parent = await InScope(s => Get<PeopleService>(s).AddPersonAsync(Practitioner,
            new NewPerson(episode.FamilyId, "Jo", "C-2", new DateOnly(1990, 3, 1)) { Relationship = Relationship.Parent, NotADuplicate = true }));
        await Record(episode, child.Id, "sdq-parent", TimePoint.Baseline, null, Received.AddDays(5), [.. Same(25, "1"), .. new string?[8]]);
        // All 0: emotional 0, conduct 2, hyperactivity 4, peer 4 (reverse-scored items give 2) = total 10.
        await Record(episode, child.Id, "sdq-parent", TimePoint.Closure, null, Received.AddDays(50), [.. Same(25, "0"), .. new string?[8]]);
        await Record(episode, parent.Id, "wemwbs", TimePoint.Baseline, null, Received.AddDays(5), Same(14, "3"));

        var all = await InScope(s => Get<MeasureChangeQuery>(s).ForFamilyAsync(Practitioner, episode.FamilyId));

        var sdq = all.Single(t => t.InstrumentId == "sdq-parent");
        Assert.Equal(child.Id, sdq.PersonId);
        Assert.Equal(-10m, sdq.Latest!.Change!.Raw);
        Assert.Equal(Direction.LowerIsBetter, sdq.Direction);
        Assert.Equal(ChangeVerdict.NotAvailable, sdq.Latest.Change.Reliable);
        Assert.Equal(ChangeVerdict.NotAvailable, sdq.Latest.Change.Meaningful);
        // A baseline alone has no change yet.
        Assert.Null(all.Single(t => t.InstrumentId == "wemwbs").Latest);

        var childOnly = await InScope(s => Get<MeasureChangeQuery>(s).ForFamilyAsync(Practitioner, episode.FamilyId, child.Id));
        Assert.Equal(["sdq-parent"], childOnly.Select(t => t.InstrumentId));
        await Assert.ThrowsAsync<AccessDeniedException>(() => InScope(s => Get<MeasureChangeQuery>(s).ForFamilyAsync(Outsider, episode.FamilyId)));
    }
}
