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
}
