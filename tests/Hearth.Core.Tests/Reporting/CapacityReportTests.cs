using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Referrals;
using Hearth.Core.Reporting;
using Hearth.Core.Security;
using Hearth.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Reporting;

public sealed class CapacityReportTests : JourneyTestBase
{
    private Task<ReportResult> RunAsync(ActorContext actor, ReportPeriod period) =>
        InScope(s => Get<ReportService>(s).RunAsync(actor, "capacity", new ReportFilter(period)));

    [Fact]
    public async Task Caseloads_waits_and_time_to_allocation_are_counted_by_the_database()
    {
        var sian = await WorkerAsync("Sian", TeamA, max: 2);
        var owen = await WorkerAsync("Owen", TeamA, max: 2);
        // Two episodes opened 1 and 11 March 2026, allocated to Sian 4 and 21 days after referral.
        var first = await AcceptedEpisodeAsync("CAP-1", new DateOnly(2026, 3, 1));
        var second = await AcceptedEpisodeAsync("CAP-2", new DateOnly(2026, 3, 11));
        await InScope(s => Get<AllocationService>(s).AllocateAsync(Manager, new NewAllocation(first.Id, sian.Id, new DateOnly(2026, 3, 5))));
        await InScope(s => Get<AllocationService>(s).AllocateAsync(Manager, new NewAllocation(second.Id, sian.Id, new DateOnly(2026, 4, 1))));
        // CAP-1 passes from Sian to Owen on 10 April: it is Owen's at the end of the period, and its first allocation
        // is still Sian's.
        await InScope(s => Get<AllocationService>(s).AllocateAsync(Manager, new NewAllocation(first.Id, owen.Id, new DateOnly(2026, 4, 10))));
        await InScope(async s =>
        {
            var sians = await Get<HearthDbContext>(s).Set<Allocation>().SingleAsync(a => a.EpisodeId == first.Id && a.WorkerId == sian.Id);
            await Get<AllocationService>(s).EndAllocationAsync(Manager, sians.Id, sians.Version, new AllocationEnding(new DateOnly(2026, 4, 10), AllocationEndReason.Rebalancing));
        });
        // Three families waited: 10, 20 and 40 days; one still waits.
        foreach (var (reference, received, leaves) in new[] { ("W-1", new DateOnly(2026, 4, 1), (DateOnly?)new DateOnly(2026, 4, 11)), ("W-2", new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 21)), ("W-3", new DateOnly(2026, 4, 1), new DateOnly(2026, 5, 11)), ("W-4", new DateOnly(2026, 4, 15), null) })
        {
            var (family, child) = await FamilyWithChildAsync(reference);
            var referral = await RecordAsync(Referral(family, child.Id, received));
            await TriageAsync(referral.Id, new TriageDecision(TriageOutcome.WaitingList, received, "No capacity", Priority: WaitingPriority.Medium));
            if (leaves is { } on)
            {
                await InScope(async s =>
                {
                    var entry = await Get<HearthDbContext>(s).Set<WaitingListEntry>().SingleAsync(e => e.ReferralId == referral.Id);
                    await Get<WaitingListService>(s).RemoveFromWaitingListAsync(Manager, entry.Id, entry.Version, WaitingOutcome.Withdrawn, on, "Family moved on");
                });
            }
        }

        var result = await RunAsync(Manager, new ReportPeriod(new DateOnly(2026, 3, 1), new DateOnly(2026, 5, 31)));

        var workers = result.Tables[0].Rows.ToDictionary(r => (string)r[0]!);
        // Open episodes at the period's end, intensive episodes now, and free intensive places (of 2) now.
        Assert.Equal(new object?[] { 1L, 1L, 1L }, workers["Sian"].Skip(4));
        Assert.Equal(new object?[] { 1L, 1L, 1L }, workers["Owen"].Skip(4));
        var waiting = result.Tables[1].Rows;
        Assert.Equal([["31 March 2026", 0L], ["30 April 2026", 2L], ["31 May 2026", 1L]], waiting);
        var waits = result.Tables[2].Rows;
        // Nearest rank: of 10, 20, 40 the median is the 2nd (20) and the 90th percentile the 3rd (40).
        Assert.Equal(["Left the waiting list in the period", 3L, 20L, 40L], waits[0]);
        // Of 4 and 21 days: median is the 1st (4), 90th percentile the 2nd (21).
        Assert.Equal(["Referral to first allocation", 2L, 4L, 21L], waits[1]);
        // 2 episodes opened over 2.0 FTE of case-holding workers.
        Assert.Equal(["Episodes opened per FTE", 1.0], result.Tables[3].Rows[2]);
    }

    [Fact]
    public async Task The_waiting_list_by_month_stops_at_today_and_does_not_give_months_to_come_a_value()
    {
        var (family, child) = await FamilyWithChildAsync("W-NOW");
        var referral = await RecordAsync(Referral(family, child.Id, new DateOnly(2026, 9, 10)));
        await TriageAsync(referral.Id, new TriageDecision(TriageOutcome.WaitingList, new DateOnly(2026, 9, 10), "No capacity", Priority: WaitingPriority.Medium));

        // The financial year 2026-27, run on 2 November 2026: October's end, then today; nothing for November to March.
        var result = await RunAsync(Manager, ReportPeriod.FinancialYear(2026));

        var months = result.Tables[1].Rows.Select(r => (string)r[0]!).ToList();
        Assert.Equal(["30 April 2026", "31 May 2026", "30 June 2026", "31 July 2026", "31 August 2026", "30 September 2026", "31 October 2026", "2 November 2026"], months);
        Assert.Equal(1L, result.Tables[1].Rows[^1][1]);
    }

    [Fact]
    public async Task Only_open_allocations_count_so_an_ended_allocation_frees_a_place_and_a_handover_day_counts_the_new_worker_only()
    {
        var sian = await WorkerAsync("Sian", TeamA, max: 2);
        var owen = await WorkerAsync("Owen", TeamA, max: 2);
        var first = await AcceptedEpisodeAsync("CAP-H1", new DateOnly(2026, 3, 1));
        var second = await AcceptedEpisodeAsync("CAP-H2", new DateOnly(2026, 3, 1));
        var kept = await InScope(s => Get<AllocationService>(s).AllocateAsync(Manager, new NewAllocation(first.Id, sian.Id, new DateOnly(2026, 3, 5))));
        var ended = await InScope(s => Get<AllocationService>(s).AllocateAsync(Manager, new NewAllocation(second.Id, sian.Id, new DateOnly(2026, 3, 5))));
        // CAP-H2's allocation ends on 10 April (Sian is off sick); CAP-H1 passes to Owen on 30 April, the period's last day.
        await InScope(s => Get<AllocationService>(s).EndAllocationAsync(Manager, ended.Id, ended.Version, new AllocationEnding(new DateOnly(2026, 4, 10), AllocationEndReason.Sickness)));
        await InScope(s => Get<AllocationService>(s).HandOverAsync(Manager, new Handover(kept.Id, kept.Version, owen.Id, new AllocationEnding(new DateOnly(2026, 4, 30), AllocationEndReason.Rebalancing))));

        var result = await RunAsync(Manager, new ReportPeriod(new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 30)));

        var workers = result.Tables[0].Rows.ToDictionary(r => (string)r[0]!);
        // Open episodes at the period's end, intensive episodes now, and free intensive places (of 2) now: Sian holds
        // nothing (both her allocations have ended), Owen holds CAP-H1 from the handover day.
        Assert.Equal(new object?[] { 0L, 0L, 2L }, workers["Sian"].Skip(4));
        Assert.Equal(new object?[] { 1L, 1L, 1L }, workers["Owen"].Skip(4));
    }

    [Fact]
    public async Task A_manager_sees_only_their_teams_workers()
    {
        await WorkerAsync("Sian", TeamA);
        await WorkerAsync("Bryn", TeamB);
        var result = await RunAsync(Manager, new ReportPeriod(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31)));
        Assert.Equal(["Sian"], result.Tables[0].Rows.Select(r => (string)r[0]!));
        Assert.Equal("Your teams", result.Scope);
    }
}
