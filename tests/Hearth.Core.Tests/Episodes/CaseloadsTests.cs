using Hearth.Core.Episodes;
using Hearth.Core.Referrals;
using Hearth.Core.Reporting;
using Hearth.Core.Tests.Support;

namespace Hearth.Core.Tests.Episodes;

/// <summary>The one definition of a worker's caseload and free places, and everything that shows it.</summary>
public sealed class CaseloadsTests : JourneyTestBase
{
    private static (int Open, int Intensive, int Max, int Free, bool Over) Figures(WorkerLoad l) => (l.OpenCases, l.OpenIntensive, l.MaxIntensiveCases, l.FreeCapacity, l.OverCapacity);

    [Fact]
    public async Task A_workers_caseload_is_the_open_episodes_they_hold_and_their_intensive_ones_count_against_the_maximum()
    {
        var wyn = await WorkerAsync("Wyn", TeamA, max: 1);
        var first = await AcceptedEpisodeAsync("L-1", Today.AddDays(-20));
        var second = await AcceptedEpisodeAsync("L-2", Today.AddDays(-10));
        var stepDown = await AcceptedEpisodeAsync("L-3", Today.AddDays(-60));
        var handedBack = await AcceptedEpisodeAsync("L-4", Today.AddDays(-15));
        var closed = await AcceptedEpisodeAsync("L-5", Today.AddDays(-40));
        // L-3 has moved on to phase 2 (step-down): held, but not intensive.
        await ActAsync(stepDown.Id, (s, v) => s.MoveToPhaseAsync(Practitioner, stepDown.Id, v, "assessment", Today.AddDays(-59)));
        await ActAsync(stepDown.Id, (s, v) => s.RecordAssessmentDecisionAsync(Practitioner, stepDown.Id, v, AssessmentDecision.Proceed, Today.AddDays(-57)));
        await ActAsync(stepDown.Id, (s, v) => s.MoveToPhaseAsync(Practitioner, stepDown.Id, v, "phase1", Today.AddDays(-57)));
        await ActAsync(stepDown.Id, (s, v) => s.MoveToPhaseAsync(Practitioner, stepDown.Id, v, "phase2", Today.AddDays(-20)));
        await InScope(s => Get<AllocationService>(s).AllocateAsync(Manager, new NewAllocation(stepDown.Id, wyn.Id, Today.AddDays(-58))));
        await InScope(s => Get<AllocationService>(s).AllocateAsync(Manager, new NewAllocation(first.Id, wyn.Id, Today.AddDays(-19))));
        // The second intensive case is over Wyn's maximum of one: only a manager's override allows it.
        await Assert.ThrowsAsync<CapacityExceededException>(() => InScope(s => Get<AllocationService>(s).AllocateAsync(Manager, new NewAllocation(second.Id, wyn.Id, Today.AddDays(-9)))));
        await InScope(s => Get<AllocationService>(s).AllocateAsync(Manager, new NewAllocation(second.Id, wyn.Id, Today.AddDays(-9), OverrideReason: "Sibling of L-1")));
        // An allocation that ended and an episode that closed no longer count.
        var ended = await InScope(s => Get<AllocationService>(s).AllocateAsync(Manager, new NewAllocation(handedBack.Id, wyn.Id, Today.AddDays(-14), OverrideReason: "Cover")));
        await InScope(s => Get<AllocationService>(s).EndAllocationAsync(Manager, ended.Id, ended.Version, new AllocationEnding(Today.AddDays(-2), AllocationEndReason.Rebalancing)));
        await InScope(s => Get<AllocationService>(s).AllocateAsync(Manager, new NewAllocation(closed.Id, wyn.Id, Today.AddDays(-39), OverrideReason: "Cover")));
        await ActAsync(closed.Id, (s, v) => s.CloseAsync(Manager, closed.Id, v, new ClosureInput(Today.AddDays(-1), ClosureReason.GoalsAchieved, ClosureDestination.NoFurtherService, false)));

        var load = (await InScope(s => Get<AllocationService>(s).LoadsAsync(Manager, [TeamA.Id]))).Single(l => l.WorkerId == wyn.Id);

        // Held: L-1, L-2 (intensive) and L-3 (step-down); L-4's allocation ended and L-5 closed.
        Assert.Equal((3, 2, 1, 0, true), (load.OpenCases, load.OpenIntensive, load.MaxIntensiveCases, load.FreeCapacity, load.OverCapacity));
        var mine = await InScope(s => Get<EpisodeService>(s).CaseloadAsync(Manager, null, wyn.Id, Today));
        Assert.Equal(new[] { first.Id, second.Id, stepDown.Id }.Order(), mine.Select(r => r.EpisodeId).Order());

        // The capacity report, the resource panel, allocation suggestions and the manager's home say the same.
        var report = await InScope(s => Get<ReportService>(s).RunAsync(Manager, "capacity", new ReportFilter(new ReportPeriod(Today, Today))));
        var workers = report.Tables.Single(t => t.Key == "workers");
        var row = workers.Rows.Single(r => (string)r[0]! == "Wyn");
        object? Cell(string key) => row[workers.Columns.Select(c => c.Key).ToList().IndexOf(key)];
        Assert.Equal((3L, 2L, 1L, 0L), ((long)Cell("open")!, (long)Cell("intensive")!, (long)Cell("max")!, (long)Cell("free")!));
        var panel = await InScope(s => Get<WaitingListService>(s).ResourcePanelAsync(Manager, [TeamA.Id]));
        Assert.Equal(Figures(load), Figures(panel.Single().Workers.Single(w => w.WorkerId == wyn.Id)));
        var fresh = await AcceptedEpisodeAsync("L-6", Today);
        var suggestions = await InScope(s => Get<AllocationService>(s).SuggestAsync(Manager, fresh.Id));
        Assert.Equal(Figures(load), Figures(suggestions.Single(w => w.Worker.WorkerId == wyn.Id).Worker));
        var home = await InScope(s => Get<Dashboard>(s).ManagerAsync(Manager));
        var onHome = home.Capacity.Single(w => w.Load.WorkerId == wyn.Id);
        Assert.Equal(Figures(load), Figures(onHome.Load));
        Assert.Equal([wyn.Id], home.OverCapacity.Select(w => w.Load.WorkerId));
        // The case to hand over is Wyn's latest intensive allocation, L-2's.
        Assert.Equal(second.Id, onHome.ToHandOver!.Value.EpisodeId);
    }
}
