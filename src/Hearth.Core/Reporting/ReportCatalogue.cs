using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Core.Reporting;

/// <summary>Every report Hearth ships. Add a report here and it appears on the web, in the API and in the CLI.</summary>
public static class ReportCatalogue
{
    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<ReportDefinition, FunnelReport>();
        services.AddSingleton<ReportDefinition, CinActivityReport>();
        services.AddSingleton<ReportDefinition, OutcomesReport>();
        services.AddSingleton<ReportDefinition, CapacityReport>();
        services.AddSingleton<ReportDefinition, CostReport>();
        services.AddSingleton<ReportDefinition, EqualityReport>();
        services.AddSingleton<ReportDefinition, MeasuresReport>();
        services.AddSingleton<ReportDefinition, TimeUseReport>();
        services.AddSingleton<ReportDefinition, CohortStarReport>();
    }
}
