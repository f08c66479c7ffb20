using Hearth.Core.Data;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests.Infrastructure;

/// <summary>Families added to the demo council for a test, through the Core services as a worker would add them.</summary>
public static class DemoFamilies
{
    /// <summary>
    /// A new family of the practitioner's team (IFSS Site 1) with one child, Nia, born 1 April 2015, referred on
    /// 1 September 2026 as a child in need and accepted.
    /// </summary>
    public static async Task<(Guid Family, Guid Referral, Guid Child)> AcceptedChildInNeedAsync(IServiceProvider s, ActorContext actor, string reference, string surname)
    {
        var team = await s.GetRequiredService<HearthDbContext>().Set<Team>().SingleAsync(t => t.Code == "ifss-1-team");
        var people = s.GetRequiredService<PeopleService>();
        var family = await people.CreateFamilyAsync(actor, new NewFamily(reference, team.Id, team.Patch));
        var child = await people.AddPersonAsync(actor, new NewPerson(family.Id, "Nia", surname, new DateOnly(2015, 4, 1)) { NotADuplicate = true });
        var received = new DateOnly(2026, 9, 1);
        var referrals = s.GetRequiredService<ReferralService>();
        var referral = await referrals.RecordAsync(actor, new NewReferral(team.Id, family.Id, [child.Id], received, new TimeOnly(10, 0), ReferralChannel.Phone, "5A", "Children's services", "Jo", "01234",
            ["domestic_abuse"], true, SharingBasis.Consent,
            new Dictionary<string, bool> { ["parental_substance_misuse"] = true, ["child_in_need_or_at_risk"] = true, ["family_consents"] = true }, null));
        await referrals.TriageAsync(actor, referral.Id, referral.Version, new TriageDecision(TriageOutcome.Accepted, received));
        return (family.Id, referral.Id, child.Id);
    }
}
