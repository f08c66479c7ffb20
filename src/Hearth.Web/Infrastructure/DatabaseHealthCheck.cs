using Hearth.Core.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hearth.Web.Infrastructure;

/// <summary>/health is healthy only when the database answers.</summary>
public sealed class DatabaseHealthCheck(HearthDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy("The database answers.")
            : HealthCheckResult.Unhealthy("The database does not answer.");
}
