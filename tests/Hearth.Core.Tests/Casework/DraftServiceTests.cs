using Hearth.Core.Auditing;
using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Casework;

/// <summary>Drafts kept across a lost sign-in, out of the audit trail.</summary>
public sealed class DraftServiceTests : CaseworkTestBase
{
    [Fact]
    public async Task A_draft_survives_a_simulated_session_expiry_and_is_the_users_alone()
    {
        await SetUpEpisodeAsync(toPhase2: false);
        var fields = new Dictionary<string, string?> { ["Worries"] = "Kim's drinking at weekends", ["SafetyScale"] = "4" };
        await InScope(s => Get<DraftService>(s).SaveAsync(Practitioner, "assessment", Episode.Id.ToString(), fields));
        fields["SafetyScale"] = "5";
        await InScope(s => Get<DraftService>(s).SaveAsync(Practitioner, "assessment", Episode.Id.ToString(), fields));

        // The session expires: a new sign-in is a new actor object and a new request scope; only the user id is the same.
        var signedInAgain = ActorContext.ForUser(Practitioner.UserId!.Value, "Sam Practitioner", Role.Practitioner, [TeamA.Id]);
        var resumed = await InScope(s => Get<DraftService>(s).LoadAsync(signedInAgain, "assessment", Episode.Id.ToString()));

        Assert.NotNull(resumed);
        Assert.Equal("Kim's drinking at weekends", resumed["Worries"]);
        Assert.Equal("5", resumed["SafetyScale"]);
        Assert.Null(await InScope(s => Get<DraftService>(s).LoadAsync(Manager, "assessment", Episode.Id.ToString())));
        Assert.Equal(1, await Query(d => d.Set<Draft>().CountAsync()));
        await InScope(s => Get<DraftService>(s).DiscardAsync(signedInAgain, "assessment", Episode.Id.ToString()));
        Assert.Null(await InScope(s => Get<DraftService>(s).LoadAsync(signedInAgain, "assessment", Episode.Id.ToString())));
    }

    [Fact]
    public async Task Drafts_stay_out_of_the_audit_trail_and_the_final_save_is_audited()
    {
        await SetUpEpisodeAsync(toPhase2: false);
        var before = await Query(d => d.AuditEvents.CountAsync());
        var lastId = await Query(d => d.AuditEvents.MaxAsync(a => a.Id));
        var typed = "Kim has started drinking again";
        for (var n = 1; n <= 3; n++)
        {
            var fields = new Dictionary<string, string?> { ["PlanText"] = $"{typed}, draft {n}" };
            await InScope(s => Get<DraftService>(s).SaveAsync(Practitioner, "plan-WholeFamilyPlan", Episode.Id.ToString(), fields));
        }
        Assert.Equal(1, await Query(d => d.Set<Draft>().CountAsync()));
        Assert.Equal(before, await Query(d => d.AuditEvents.CountAsync()));

        var plan = await Plans(c => c.SavePlanAsync(Practitioner, Episode.Id, null, new PlanInput(PlanKind.WholeFamilyPlan, $"{typed}; Kim attends Recovery Steps weekly.", null)));
        await InScope(s => Get<DraftService>(s).DiscardAsync(Practitioner, "plan-WholeFamilyPlan", Episode.Id.ToString()));

        var events = await Query(d => d.AuditEvents.AsNoTracking().Where(a => a.Id > lastId).ToListAsync());
        Assert.DoesNotContain(events, e => e.EntityType == nameof(Draft));
        Assert.DoesNotContain(events, e => e.Changes != null && e.Changes.Contains("draft ", StringComparison.Ordinal));
        var created = Assert.Single(events, e => e.EntityType == nameof(Plan) && e.EntityId == plan.Id.ToString());
        Assert.Equal(AuditAction.Created, created.Action);
        Assert.Contains("Kim attends Recovery Steps weekly.", created.Changes);
        Assert.False(await Query(d => d.Set<Draft>().AnyAsync()));
    }
}
