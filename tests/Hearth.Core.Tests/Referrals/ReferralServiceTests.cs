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
