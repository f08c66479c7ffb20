using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.People;
using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Hearth.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Referrals;

/// <summary>Waiting lists and the resource panel.</summary>
public sealed class WaitingListServiceTests : JourneyTestBase
{
    [Fact]
    public async Task The_waiting_list_shows_who_waits_since_when_and_how_long_and_reorders_with_a_reason()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var (family, child) = await FamilyWithChildAsync($"W-{i}");
            var referral = await RecordAsync(Referral(family, child.Id, Today.AddDays(-30 + i)));
            await TriageAsync(referral.Id, new TriageDecision(TriageOutcome.WaitingList, Today.AddDays(-20 + i), "Team full", Priority: WaitingPriority.Medium));
            ids.Add(referral.Id);
        }

        var list = await InScope(s => Get<WaitingListService>(s).WaitingListAsync(Manager, TeamA.Id, Today));
        Assert.Equal(ids, list.Select(r => r.ReferralId));
        Assert.Equal([20, 19, 18], list.Select(r => r.DaysWaited));
        Assert.Equal("W-0", list[0].FamilyReference);
        Assert.Empty(await InScope(s => Get<WaitingListService>(s).WaitingListAsync(Outsider, TeamA.Id, Today)));

        var reason = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            InScope(s => Get<WaitingListService>(s).ReorderAsync(Manager, list[2].EntryId, list[2].Version, 1, " ")));
        Assert.Equal("Reason", reason.Errors.Single().Field);
        await InScope(s => Get<WaitingListService>(s).ReorderAsync(Manager, list[2].EntryId, list[2].Version, 1, "Baby due next month"));
        var reordered = await InScope(s => Get<WaitingListService>(s).WaitingListAsync(Manager, TeamA.Id, Today));
        Assert.Equal([ids[2], ids[0], ids[1]], reordered.Select(r => r.ReferralId));
        Assert.True(await InScope(s => Get<HearthDbContext>(s).AuditEvents.AnyAsync(a => a.EntityType == "WaitingListEntry" && a.Reason == "Baby due next month")));

        await InScope(s => Get<WaitingListService>(s).RemoveFromWaitingListAsync(Manager, reordered[1].EntryId, reordered[1].Version, WaitingOutcome.Withdrawn, Today, "Family moved on"));
        var accepted = await TriageAsync(ids[2], new TriageDecision(TriageOutcome.Accepted, Today));
        Assert.NotNull(accepted.EpisodeId);
        var final = await InScope(s => Get<WaitingListService>(s).WaitingListAsync(Manager, TeamA.Id, Today));
        Assert.Equal([ids[1]], final.Select(r => r.ReferralId));
        var withdrawn = await InScope(s => Get<HearthDbContext>(s).Set<Referral>().SingleAsync(r => r.Id == ids[0]));
        Assert.Equal(ReferralStatus.Advice, withdrawn.Status);
    }

    [Fact]
    public async Task The_resource_panel_lists_waiting_and_unallocated_referrals_across_teams_beside_free_capacity()
    {
        var panelManager = Manager with { TeamIds = new HashSet<Guid> { TeamA.Id, TeamB.Id } };
        await WorkerAsync("Sian", TeamA, 2);
        await WorkerAsync("Owen", TeamB, 1);
        var (fa, ca) = await FamilyWithChildAsync("P-A");
        var waiting = await RecordAsync(Referral(fa, ca.Id, Today.AddDays(-10)));
        await TriageAsync(waiting.Id, new TriageDecision(TriageOutcome.WaitingList, Today.AddDays(-9), "Full", Priority: WaitingPriority.High));
        var (fb, cb) = await FamilyWithChildAsync("P-B", TeamB);
        var accepted = await RecordAsync(Referral(fb, cb.Id, Today.AddDays(-5)), Outsider);
        await TriageAsync(accepted.Id, new TriageDecision(TriageOutcome.Accepted, Today.AddDays(-4)), OutsideManager);
        var (fc, cc) = await FamilyWithChildAsync("P-C");
        await TriageAsync((await RecordAsync(Referral(fc, cc.Id, Today.AddDays(-5)))).Id, new TriageDecision(TriageOutcome.Advice, Today));

        var panel = await InScope(s => Get<WaitingListService>(s).ResourcePanelAsync(panelManager, [TeamA.Id, TeamB.Id]));

        var a = panel.Single(t => t.TeamId == TeamA.Id);
        var b = panel.Single(t => t.TeamId == TeamB.Id);
        Assert.Equal(2, a.FreeCapacity);
        Assert.Equal(1, b.FreeCapacity);
        Assert.Equal(waiting.Id, Assert.Single(a.Referrals).ReferralId);
        Assert.Equal(WaitingPriority.High, a.Referrals[0].Priority);
        Assert.Equal(accepted.Id, Assert.Single(b.Referrals).ReferralId);

        var onlyMine = await InScope(s => Get<WaitingListService>(s).ResourcePanelAsync(Manager, [TeamA.Id, TeamB.Id]));
        Assert.Equal([TeamA.Id], onlyMine.Select(t => t.TeamId));
    }

    [Fact]
    public async Task Waiting_list_positions_are_1_to_n_even_after_families_leave_the_list()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            var (family, child) = await FamilyWithChildAsync($"N-{i}");
            var referral = await RecordAsync(Referral(family, child.Id, Today.AddDays(-30 + i)));
            await TriageAsync(referral.Id, new TriageDecision(TriageOutcome.WaitingList, Today.AddDays(-20 + i), "Team full", Priority: WaitingPriority.Medium));
            ids.Add(referral.Id);
        }
        // The first is accepted and the third withdrawn: the stored places of the other two stay 2 and 4.
        await TriageAsync(ids[0], new TriageDecision(TriageOutcome.Accepted, Today));
        var list = await InScope(s => Get<WaitingListService>(s).WaitingListAsync(Manager, TeamA.Id, Today));
        await InScope(s => Get<WaitingListService>(s).RemoveFromWaitingListAsync(Manager, list[1].EntryId, list[1].Version, WaitingOutcome.Withdrawn, Today, null));

        var left = await InScope(s => Get<WaitingListService>(s).WaitingListAsync(Manager, TeamA.Id, Today));

        Assert.Equal([ids[1], ids[3]], left.Select(r => r.ReferralId));
        Assert.Equal([1, 2], left.Select(r => r.Position));
        // The place shown is the place reordering takes: moving the second to 1 puts it first.
        await InScope(s => Get<WaitingListService>(s).ReorderAsync(Manager, left[1].EntryId, left[1].Version, 1, "Baby due"));
        var reordered = await InScope(s => Get<WaitingListService>(s).WaitingListAsync(Manager, TeamA.Id, Today));
        Assert.Equal([(ids[3], 1), (ids[1], 2)], reordered.Select(r => (r.ReferralId, r.Position)));
    }
}
