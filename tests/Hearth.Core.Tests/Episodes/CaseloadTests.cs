using Hearth.Core.Episodes;
using Hearth.Core.Tests.Support;

namespace Hearth.Core.Tests.Episodes;

public sealed class CaseloadTests : JourneyTestBase
{
    [Fact]
    public async Task Team_and_worker_caseloads_list_open_episodes_with_phase_overdue_flag_and_workers()
    {
        var worker = await WorkerAsync("Sian", TeamA);
        var late = await AcceptedEpisodeAsync("C-1", Today.AddDays(-30));
        var fresh = await AcceptedEpisodeAsync("C-2", Today.AddDays(-1));
        var closed = await AcceptedEpisodeAsync("C-3", Today.AddDays(-5));
        await ActAsync(closed.Id, (s, v) => s.CloseAsync(Manager, closed.Id, v, new ClosureInput(Today, ClosureReason.Other, ClosureDestination.OtherService, false)));
        await InScope(s => Get<AllocationService>(s).AllocateAsync(Manager, new NewAllocation(late.Id, worker.Id, Today.AddDays(-29))));

        var team = await InScope(s => Get<EpisodeService>(s).CaseloadAsync(Manager, TeamA.Id, null, Today));
        Assert.Equal([late.Id, fresh.Id], team.Select(r => r.EpisodeId));
        Assert.Equal(("C-1", "consultation", true, true), (team[0].FamilyReference, team[0].Phase, team[0].Overdue, team[0].IsIntensive));
        Assert.Equal(["Sian"], team[0].Workers);
        Assert.False(team[1].Overdue);
        Assert.Empty(team[1].Workers);

        var mine = await InScope(s => Get<EpisodeService>(s).CaseloadAsync(Practitioner, null, worker.Id, Today));
        Assert.Equal([late.Id], mine.Select(r => r.EpisodeId));
        Assert.Empty(await InScope(s => Get<EpisodeService>(s).CaseloadAsync(Outsider, TeamA.Id, null, Today)));
    }

    [Fact]
    public async Task A_family_closed_twice_in_the_period_appears_once_in_the_closures_with_its_earlier_closure_beside_it()
    {
        var (family, child) = await FamilyWithChildAsync("R-1");
        var firstReferral = await TriageAsync((await RecordAsync(Referral(family, child.Id, Today.AddDays(-200)))).Id, new Core.Referrals.TriageDecision(Core.Referrals.TriageOutcome.Accepted, Today.AddDays(-200)));
        var first = firstReferral.EpisodeId!.Value;
        await ActAsync(first, (s, v) => s.CloseAsync(Manager, first, v, new ClosureInput(Today.AddDays(-150), ClosureReason.SteppedDownEarlyHelp, ClosureDestination.EarlyHelp, false)));
        // Re-referred after the reopen window, so a new episode opens, and closed again.
        var again = await TriageAsync((await RecordAsync(Referral(family, child.Id, Today.AddDays(-40)))).Id, new Core.Referrals.TriageDecision(Core.Referrals.TriageOutcome.Accepted, Today.AddDays(-40)));
        var second = again.EpisodeId!.Value;
        Assert.NotEqual(first, second);
        await ActAsync(second, (s, v) => s.CloseAsync(Manager, second, v, new ClosureInput(Today.AddDays(-10), ClosureReason.GoalsAchieved, ClosureDestination.NoFurtherService, false)));
        var other = await AcceptedEpisodeAsync("R-2", Today.AddDays(-90));
        await ActAsync(other.Id, (s, v) => s.CloseAsync(Manager, other.Id, v, new ClosureInput(Today.AddDays(-30), ClosureReason.Other, ClosureDestination.OtherService, false)));

        var closures = await InScope(s => Get<EpisodeService>(s).ClosuresAsync(Manager, TeamA.Id, Today.AddMonths(-12).AddDays(1), Today));

        Assert.Equal(["R-1", "R-2"], closures.Select(c => c.FamilyReference));
        Assert.Equal((second, Today.AddDays(-10), 30), (closures[0].EpisodeId, closures[0].ClosedOn, closures[0].DaysOpen));
        Assert.Equal([(first, Today.AddDays(-150), ClosureReason.SteppedDownEarlyHelp)], closures[0].Earlier.Select(e => (e.EpisodeId, e.ClosedOn, e.Reason)));
        Assert.Empty(closures[1].Earlier);
    }
}
