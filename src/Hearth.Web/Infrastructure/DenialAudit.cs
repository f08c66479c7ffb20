using Hearth.Core.Data;
using Hearth.Core.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Hearth.Web.Infrastructure;

/// <summary>
/// Writes every refusal of a signed-in user to the audit trail: a policy's 403 (<see cref="AuditingAuthorizationResultHandler"/>),
/// and Core's <see cref="AccessDeniedException"/> answered as the page's 404 or the API's 403. The event names the route
/// template (never the raw URL, whose query may hold a name searched for) and the record the route names, if any; not
/// the refusal's message. It is written through a context of its own, so it commits though the refused request does not.
/// </summary>
public static class DenialAudit
{
    public static async Task RecordAsync(HttpContext http, int status)
    {
        if (http.User.Identity?.IsAuthenticated != true || http.User.HearthRole() is null)
        {
            return;
        }
        var actor = http.User.ToActor();
        var endpoint = http.GetEndpoint();
        var route = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? endpoint?.DisplayName ?? "(unknown)";
        string? entityType = null, entityId = null;
        // The record the route names: its first id, typed by the route parameter's name (familyId: Family); a bare id
        // is typed by the route itself, which the event names too.
        foreach (var (name, value) in http.Request.RouteValues)
        {
            if (value is not null && Guid.TryParse(value.ToString(), out var id))
            {
                entityType = name.Equals("id", StringComparison.OrdinalIgnoreCase) ? "Record"
                    : char.ToUpperInvariant(name[0]) + (name.EndsWith("Id", StringComparison.Ordinal) ? name[1..^2] : name[1..]);
                entityId = id.ToString();
                break;
            }
        }
        await using var scope = http.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
        await db.RecordDenialAsync(actor, "/" + route.TrimStart('/'), entityType, entityId, status, CancellationToken.None);
    }
}

/// <summary>Answers a policy failure as ASP.NET Core does, after writing a 403 to the audit trail.</summary>
public sealed class AuditingAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            await DenialAudit.RecordAsync(context, StatusCodes.Status403Forbidden);
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
