using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.People;
using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Hearth.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Referrals;

/// <summary>Triage decisions: their details, dates, attribution and versions.</summary>
public sealed class TriageServiceTests : JourneyTestBase
{
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
}
