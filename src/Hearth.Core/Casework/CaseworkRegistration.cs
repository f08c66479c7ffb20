using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Core.Casework;

public static class CaseworkRegistration
{
    public static void Register(IServiceCollection services)
    {
        services.AddScoped<CaseworkService>();
        services.AddScoped<SessionService>();
        services.AddScoped<ServiceReferralService>();
        services.AddScoped<DraftService>();
        services.AddScoped<DueList>();
        services.AddScoped<Chronology>();
    }
}
