using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.People;
using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Hearth.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Referrals;

public sealed class ReferralServiceTests : JourneyTestBase
{
    [Fact]
    public async Task A_referral_records_intake_details_and_the_children_it_concerns()
    {
        var (family, child) = await FamilyWithChildAsync("R-1");
        var referral = await RecordAsync(Referral(family, child.Id, Today.AddDays(-3), "REF-1"));

        var stored = await InScope(s => Get<HearthDbContext>(s).Set<Referral>().Include(r => r.Children).SingleAsync(r => r.Id == referral.Id));
        Assert.Equal(ReferralStatus.Received, stored.Status);
        Assert.Equal(Ifss.Id, stored.ServiceId);
        Assert.Equal(new TimeOnly(10, 15), stored.ReceivedAt);
        Assert.Equal("5A", stored.Source);
        Assert.Equal(["substance_misuse_drugs"], stored.PresentingNeeds);
        Assert.Equal(child.Id, Assert.Single(stored.Children).PersonId);
        Assert.False(stored.IsReReferral);
        Assert.Contains("\"family_consents\":true", stored.EligibilityAnswersJson);
    }

    [Fact]
    public async Task Bad_intake_is_refused_whole_naming_each_field()
    {
        var (family, _) = await FamilyWithChildAsync("R-2");
        var (_, stranger) = await FamilyWithChildAsync("R-3");
        var bad = Referral(family, stranger.Id, Today.AddDays(1), needs: ["astrology"]) with
        {
            Source = "11",
            ConsentToShare = false,
            SharingBasis = SharingBasis.Consent,
            EligibilityAnswers = new Dictionary<string, bool> { ["family_consents"] = true },
        };

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => RecordAsync(bad));

        Assert.Equal(
            ["ChildIds", "ReceivedOn", "Source", "SharingBasis", "PresentingNeeds", "Eligibility.parental_substance_misuse", "Eligibility.child_in_need_or_at_risk"],
            e.Errors.Select(x => x.Field));
        Assert.False(await InScope(s => Get<HearthDbContext>(s).Set<Referral>().AnyAsync()));
    }

    [Fact]
    public async Task A_child_referred_again_to_the_same_service_within_12_months_is_a_re_referral_showing_the_earlier_one()
    {
        var (family, child) = await FamilyWithChildAsync("R-4");
        var first = await RecordAsync(Referral(family, child.Id, new DateOnly(2025, 11, 2), "A"));
        var second = await RecordAsync(Referral(family, child.Id, new DateOnly(2026, 11, 2), "B"));

        Assert.False(first.IsReReferral);
        Assert.True(second.IsReReferral, "Exactly 12 calendar months later is inside the window");
        var earlier = await InScope(s => Get<ReferralService>(s).EarlierReferralsAsync(Practitioner, second.Id));
        Assert.Equal("A", Assert.Single(earlier).Reference);
    }

    [Fact]
    public async Task One_day_outside_the_window_is_a_new_referral_not_a_re_referral()
    {
        var (family, child) = await FamilyWithChildAsync("R-5");
        await RecordAsync(Referral(family, child.Id, new DateOnly(2025, 11, 1)));
        var second = await RecordAsync(Referral(family, child.Id, new DateOnly(2026, 11, 2)));
        Assert.False(second.IsReReferral);
    }

    [Fact]
    public async Task A_back_dated_referral_makes_the_later_one_a_re_referral()
    {
        var (family, child) = await FamilyWithChildAsync("R-6");
        var later = await RecordAsync(Referral(family, child.Id, new DateOnly(2026, 10, 1), "L"));
        await RecordAsync(Referral(family, child.Id, new DateOnly(2026, 3, 1), "E"));

        Assert.True(await InScope(s => Get<HearthDbContext>(s).Set<Referral>().Where(r => r.Id == later.Id).Select(r => r.IsReReferral).SingleAsync()));
    }

    [Fact]
    public async Task A_referral_to_another_service_is_not_a_re_referral()
    {
        var (family, child) = await FamilyWithChildAsync("R-7");
        await RecordAsync(Referral(family, child.Id, new DateOnly(2026, 5, 1)));
        var otherTeam = await InScope(async s =>
        {
            var org = Get<Hearth.Core.Organisation.OrganisationService>(s);
            await org.CreateServiceAsync(Admin, new Hearth.Core.Organisation.NewService("IFIT", "ifit", null, "ifit"));
            return await org.CreateTeamAsync(Admin, new Hearth.Core.Organisation.NewTeam("ifit", "IFIT team", "ifit-team", null));
        });
        var ifitReferral = Referral(family, child.Id, new DateOnly(2026, 9, 1), team: otherTeam) with
        {
            EligibilityAnswers = new Dictionary<string, bool> { ["child_at_risk_of_care"] = true, ["family_consents"] = true },
        };
        var second = await RecordAsync(ifitReferral, ActorContext.System("test: both services"));
        Assert.False(second.IsReReferral);
    }

    [Theory]
    [InlineData(TriageOutcome.Inappropriate, "Reason")]
    [InlineData(TriageOutcome.ReferredOn, "ReferredOnTo")]
    [InlineData(TriageOutcome.WaitingList, "Priority")]
    public async Task Triage_decisions_need_their_details(TriageOutcome outcome, string field)
    {
        var (family, child) = await FamilyWithChildAsync("R-8");
        var referral = await RecordAsync(Referral(family, child.Id, Today.AddDays(-5)));

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => TriageAsync(referral.Id, new TriageDecision(outcome, Today)));
        Assert.Contains(field, e.Errors.Select(x => x.Field));
    }

    [Fact]
    public async Task Triage_is_dated_attributed_and_refuses_dates_before_the_referral_or_in_the_future()
    {
        var (family, child) = await FamilyWithChildAsync("R-9");
        var referral = await RecordAsync(Referral(family, child.Id, Today.AddDays(-5)));

        var before = await Assert.ThrowsAsync<ValidationFailedException>(() => TriageAsync(referral.Id, new TriageDecision(TriageOutcome.Advice, Today.AddDays(-6))));
        Assert.Equal("DecidedOn", before.Errors.Single().Field);
        await Assert.ThrowsAsync<ValidationFailedException>(() => TriageAsync(referral.Id, new TriageDecision(TriageOutcome.Advice, Today.AddDays(1))));
        await Assert.ThrowsAsync<AccessDeniedException>(() => TriageAsync(referral.Id, new TriageDecision(TriageOutcome.Advice, Today), Practitioner));

        var decided = await TriageAsync(referral.Id, new TriageDecision(TriageOutcome.ReferredOn, Today, ReferredOnTo: "Early Help hub"));
        Assert.Equal(ReferralStatus.ReferredOn, decided.Status);
        Assert.Equal("Morgan Manager", decided.DecidedBy);
        Assert.Equal(Manager.UserId, decided.DecidedByUserId);
        Assert.Equal("Early Help hub", decided.ReferredOnTo);
        Assert.Null(decided.EpisodeId);
        var again = await Assert.ThrowsAsync<ValidationFailedException>(() => TriageAsync(referral.Id, new TriageDecision(TriageOutcome.Accepted, Today)));
        Assert.Contains("already been decided", again.Message);
    }

    [Fact]
    public async Task Triage_with_a_stale_version_is_refused()
    {
        var (family, child) = await FamilyWithChildAsync("R-10");
        var referral = await RecordAsync(Referral(family, child.Id, Today.AddDays(-5)));
        var stale = referral.Version;
        await TriageAsync(referral.Id, new TriageDecision(TriageOutcome.WaitingList, Today.AddDays(-4), "No capacity", Priority: WaitingPriority.High));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            InScope(s => Get<TriageService>(s).TriageAsync(Manager, referral.Id, stale, new TriageDecision(TriageOutcome.Accepted, Today))));
    }

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
    public async Task Referrals_are_scoped_to_the_actors_teams()
    {
        var (family, child) = await FamilyWithChildAsync("S-1");
        var referral = await RecordAsync(Referral(family, child.Id, Today.AddDays(-3)));

        await Assert.ThrowsAsync<AccessDeniedException>(() => InScope(s => Get<ReferralService>(s).EarlierReferralsAsync(Outsider, referral.Id)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => TriageAsync(referral.Id, new TriageDecision(TriageOutcome.Advice, Today), OutsideManager));
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => RecordAsync(Referral(family, child.Id, Today), Outsider));
        Assert.Equal(["TeamId", "FamilyId"], e.Errors.Select(x => x.Field));
    }
}
