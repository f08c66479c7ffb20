using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Core.Casework;

public static class CaseworkRegistration
{
    public static void Register(IServiceCollection services)
    {
        services.AddScoped<AssessmentService>();
        services.AddScoped<PlanService>();
        services.AddScoped<GoalService>();
        services.AddScoped<ReviewService>();
        services.AddScoped<TeamAroundFamilyService>();
        services.AddScoped<SessionService>();
        services.AddScoped<ServiceReferralService>();
        services.AddScoped<DraftService>();
        services.AddScoped<DueList>();
        services.AddScoped<MyWorkQuery>();
        services.AddScoped<Chronology>();
    }
}
