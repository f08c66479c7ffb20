using Hearth.Core.Auditing;
using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Casework;

/// <summary>Referrals to wider services and their waits.</summary>
public sealed class ServiceReferralServiceTests : CaseworkTestBase
{
    [Fact]
    public async Task Service_referral_waiting_time_runs_from_referral_to_acceptance_or_today()
    {
        await SetUpEpisodeAsync(toPhase2: true);
        var refs = Get<ServiceReferralService>;
        var drugs = await InScope(s => refs(s).AddToDirectoryAsync(Admin, new DirectoryServiceInput("Recovery Steps", "Drug and alcohol", "0191 000 0000")));
        var housing = await InScope(s => refs(s).AddToDirectoryAsync(Admin, new DirectoryServiceInput("Homes First", "Housing", null)));
        var debt = await InScope(s => refs(s).AddToDirectoryAsync(Admin, new DirectoryServiceInput("Money Matters", "Debt advice", null)));
        var a = await InScope(s => refs(s).ReferAsync(Practitioner, Episode.Id, new ServiceReferralInput(drugs.Id, Parent.Id, new DateOnly(2026, 2, 1), null)));
        a = await InScope(s => refs(s).ChangeStatusAsync(Practitioner, a.Id, a.Version, ServiceReferralStatus.Waiting, new DateOnly(2026, 2, 3), "On the waiting list"));
        a = await InScope(s => refs(s).ChangeStatusAsync(Practitioner, a.Id, a.Version, ServiceReferralStatus.Accepted, new DateOnly(2026, 3, 16), null));
        a = await InScope(s => refs(s).ChangeStatusAsync(Practitioner, a.Id, a.Version, ServiceReferralStatus.Engaged, new DateOnly(2026, 3, 20), null));
        await InScope(s => refs(s).ReferAsync(Practitioner, Episode.Id, new ServiceReferralInput(housing.Id, null, new DateOnly(2026, 10, 1), null)));
        var c = await InScope(s => refs(s).ReferAsync(Practitioner, Episode.Id, new ServiceReferralInput(debt.Id, null, new DateOnly(2026, 4, 1), null)));
        await InScope(s => refs(s).ChangeStatusAsync(Practitioner, c.Id, c.Version, ServiceReferralStatus.Declined, new DateOnly(2026, 4, 11), "Out of area"));

        var list = await InScope(s => refs(s).ForEpisodeAsync(Practitioner, Episode.Id));

        var recovery = list.Single(x => x.Service == "Recovery Steps");
        Assert.Equal((ServiceReferralStatus.Engaged, 43, false), (recovery.Status, recovery.DaysWaited, recovery.StillWaiting)); // 1 Feb -> 16 Mar
        var homes = list.Single(x => x.Service == "Homes First");
        Assert.Equal((32, true), (homes.DaysWaited, homes.StillWaiting)); // 1 Oct -> today, 2 Nov
        Assert.Equal(10, list.Single(x => x.Service == "Money Matters").DaysWaited);
        var history = await InScope(s => refs(s).HistoryAsync(Practitioner, a.Id));
        Assert.Equal([ServiceReferralStatus.Referred, ServiceReferralStatus.Waiting, ServiceReferralStatus.Accepted, ServiceReferralStatus.Engaged], history.Select(h => h.Status));
        var ended = await Assert.ThrowsAsync<ValidationFailedException>(() => InScope(s => refs(s).ChangeStatusAsync(Practitioner, c.Id, c.Version + 1, ServiceReferralStatus.Accepted, Today, null)));
        Assert.Equal("Status", ended.Errors.Single().Field);
    }

    [Fact]
    public async Task A_service_referral_is_read_with_its_wait_and_another_team_cannot_read_it()
    {
        await SetUpEpisodeAsync(toPhase2: true);
        var directory = await InScope(s => Get<ServiceReferralService>(s).AddToDirectoryAsync(Admin, new DirectoryServiceInput("Recovery Steps", "Drug and alcohol", null)));
        var referral = await InScope(s => Get<ServiceReferralService>(s).ReferAsync(Practitioner, Episode.Id, new ServiceReferralInput(directory.Id, Parent.Id, new DateOnly(2026, 10, 1), null)));
        await InScope(s => Get<ServiceReferralService>(s).ChangeStatusAsync(Practitioner, referral.Id, referral.Version, ServiceReferralStatus.Accepted, new DateOnly(2026, 10, 22), null));

        var view = await InScope(s => Get<ServiceReferralService>(s).ReadAsync(Practitioner, referral.Id));

        // Referred 1 October, accepted 22 October: 21 days.
        Assert.Equal(("Recovery Steps", ServiceReferralStatus.Accepted, 21, false), (view.Service, view.Status, view.DaysWaited, view.StillWaiting));
        await Assert.ThrowsAsync<AccessDeniedException>(() => InScope(s => Get<ServiceReferralService>(s).ReadAsync(Outsider, referral.Id)));
    }
}
