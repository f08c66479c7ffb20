using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Core.Reporting;

/// <summary>Every report Hearth ships. Add a report here and it appears on the web, in the API and in the CLI.</summary>
public static class ReportCatalogue
{
    public static void Register(IServiceCollection services)
    {
    }
}
