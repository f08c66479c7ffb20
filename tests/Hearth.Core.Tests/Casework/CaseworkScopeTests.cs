using Hearth.Core.Auditing;
using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Casework;

/// <summary>Every casework service refuses an episode outside the actor's teams.</summary>
public sealed class CaseworkScopeTests : CaseworkTestBase
{
    [Fact]
    public async Task A_practitioner_of_another_team_can_neither_read_nor_record_anything_in_the_episode()
    {
        await SetUpEpisodeAsync(toPhase2: true);
        var goal = await Goals(c => c.AddGoalAsync(Practitioner, Episode.Id, new GoalInput(null, "Calmer mornings", "Kim", null, FiveLevels, [])));
        await Plans(c => c.SavePlanAsync(Practitioner, Episode.Id, null, new PlanInput(PlanKind.SafetyPlan, "Aunt Jo", null)));
        var review = (await Reviews(c => c.ScheduleReviewsAsync(Practitioner, Episode.Id)))[0];
        var directory = await InScope(s => Get<ServiceReferralService>(s).AddToDirectoryAsync(Admin, new DirectoryServiceInput("Recovery Steps", "Drug and alcohol", null)));
        var referral = await InScope(s => Get<ServiceReferralService>(s).ReferAsync(Practitioner, Episode.Id, new ServiceReferralInput(directory.Id, null, Today, null)));
        var id = Episode.Id;
        var o = Outsider;
        Func<IServiceProvider, Task>[] attempts =
        [
            s => Svc<AssessmentService>(s).StartAssessmentAsync(o, id, new AssessmentInput(Today, null, null, null, null, [], new Dictionary<string, string?>())),
            s => Svc<PlanService>(s).SavePlanAsync(o, id, null, new PlanInput(PlanKind.FamilyAgreement, "x", null)),
            s => Svc<PlanService>(s).PlansAsync(o, id),
            s => Svc<GoalService>(s).AddGoalAsync(o, id, new GoalInput(null, "x", "y", null, FiveLevels, [])),
            s => Svc<GoalService>(s).UpdateGoalAsync(o, goal.Id, goal.Version, new GoalInput(null, "x", "y", null, FiveLevels, [])),
            s => Svc<GoalService>(s).ReadGoalAsync(o, goal.Id),
            s => Svc<GoalService>(s).GoalsAsync(o, id),
            s => Svc<ReviewService>(s).ScheduleReviewsAsync(o, id),
            s => Svc<ReviewService>(s).ReadReviewAsync(o, review.Id),
            s => Svc<ReviewService>(s).RecordReviewAsync(o, review.Id, review.Version, new ReviewInput(Today, null, null, null, ReviewDecision.Continue, new Dictionary<Guid, int>())),
            s => Svc<TeamAroundFamilyService>(s).AddProfessionalAsync(o, id, new ProfessionalInput("a", "b", "c", null, true)),
            s => Svc<SessionService>(s).RecordAsync(o, SessionOn(Today, 9, 30)),
            s => Svc<SessionService>(s).SessionsAsync(o, id),
            s => Svc<SessionService>(s).TimeTotalsAsync(o, id),
            s => Svc<SessionService>(s).ApproveExtraBoosterAsync(OutsideManager, id, "reason"),
            s => Svc<ServiceReferralService>(s).ReferAsync(o, id, new ServiceReferralInput(directory.Id, null, Today, null)),
            s => Svc<ServiceReferralService>(s).ChangeStatusAsync(o, referral.Id, referral.Version, ServiceReferralStatus.Waiting, Today, null),
            s => Svc<ServiceReferralService>(s).ForEpisodeAsync(o, id),
            s => Svc<Chronology>(s).ForFamilyAsync(o, Family.Id),
        ];
        foreach (var attempt in attempts)
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => InScope(s => attempt(s.ServiceProvider)));
        }
        Assert.Equal(0, await Query(d => d.Set<Session>().CountAsync()));
        Assert.Equal(1, await Query(d => d.Set<ServiceReferralStatusChange>().CountAsync()));
    }

    private static T Svc<T>(IServiceProvider s) where T : notnull => (T)s.GetService(typeof(T))!;
}
