using Hearth.Core.Auditing;
using Hearth.Core.Data;
using Hearth.Core.People;
using Hearth.Core.Reporting;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Api;

/// <summary>
/// The JSON API under /api/v1, described at /api/v1/openapi.json. Each group asks for one permission; callers use
/// a bearer token from `./hearth tokens create` (or the sign-in cookie from a browser).
/// </summary>
public static class HearthApi
{
    public static void MapHearthApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/api/v1").RequireAuthorization().AddEndpointFilter<ApiErrors>();

        v1.MapGet("/me", (HttpContext http) =>
        {
            var actor = http.User.ToActor();
            return TypedResults.Ok(new MeResponse(actor.UserId!.Value, actor.Name, http.User.Identity?.Name ?? "", actor.Role!.Value.ToString(),
                RolePermissions.For(actor.Role.Value).Select(p => p.ToString()).Order().ToList(), actor.TeamIds.ToList()));
        }).WithName("GetMe").WithSummary("Who the caller is, their role, permissions and teams.");

        var reports = v1.MapGroup("/reports").RequireAuthorization(Policies.For(Permission.ViewReports));
        reports.MapGet("/", (ReportService service) => TypedResults.Ok(service.All.Select(d => new ReportSummary(d.Name, d.Title, d.Description))))
            .WithName("ListReports");
        reports.MapGet("/{name}", async (HttpContext http, ReportService service, string name, string? period, string? from, string? to, string? team, string? worker, bool? suppress, bool? compare, string? format, CancellationToken ct) =>
        {
            var filter = new ReportFilter(ReportPeriod.Parse(period, from, to), http.Request.Query["service"], team, suppress ?? false, compare ?? false, worker);
            var result = await service.RunAsync(http.User.ToActor(), name, filter, ct);
            var fmt = ReportExport.ParseFormat(format ?? "json");
            if (fmt == ReportFormat.Json)
            {
                return Results.Json(ReportExport.ToJson(result));
            }
            var buffer = new MemoryStream();
            ReportExport.Write(result, fmt, buffer);
            return Results.File(buffer.ToArray(), ReportExport.ContentType(fmt), $"{result.Name}.{fmt.ToString().ToLowerInvariant()}");
        }).WithName("RunReport").WithSummary("Runs a report: period as ?period=2017-18 or ?from=&to=, optional ?service=&team=&worker=(worker id)&suppress=true&compare=true&format=csv|xlsx|json.");

        v1.MapCaseworkApi();
        v1.MapGroup("/families").RequireAuthorization(Policies.For(Permission.ViewFamilies)).MapFamiliesApi();
        v1.MapJourneyApi();
        v1.MapPeopleApi();
        v1.MapSearchApi();
        v1.MapMeasuresApi();
        v1.MapResultsApi();
        v1.MapStatutoryApi();
        v1.MapProgrammesApi();
        v1.MapOrganisationApi();
        v1.MapReportGapsApi();
        v1.MapGroup("/shared").RequireAuthorization(Policies.For(Permission.ViewSharedRecords))
            .MapGet("/", () => TypedResults.Ok(Array.Empty<FamilySummary>()))
            .WithName("GetSharedWithMe").WithSummary("Records shared with a partner agency or volunteer (none until something is shared).");
        v1.MapGroup("/audit").RequireAuthorization(Policies.For(Permission.ViewAuditTrail))
            .MapGet("/", async (HttpContext http, AuditTrail trail, string? entityType, string? entityId, int? page, CancellationToken ct) =>
                TypedResults.Ok(await trail.SearchAsync(http.User.ToActor(), new AuditFilter(EntityType: entityType, EntityId: entityId, Page: page ?? 1), ct)))
            .WithName("SearchAudit");
    }

    private static void MapFamiliesApi(this RouteGroupBuilder families)
    {
        families.MapGet("/", async (HttpContext http, PeopleService people, CancellationToken ct) =>
            TypedResults.Ok(await people.VisibleFamilies(http.User.ToActor()).AsNoTracking().OrderBy(f => f.Reference)
                .Select(f => new FamilySummary(f.Id, f.Reference, f.TeamId)).ToListAsync(ct)))
            .WithName("ListFamilies").WithSummary("Families in the caller's teams.");
        families.MapGet("/people/{id:guid}", async (HttpContext http, PeopleService people, Guid id, CancellationToken ct) =>
        {
            var person = await people.ReadPersonAsync(http.User.ToActor(), id, ct);
            return TypedResults.Ok(new PersonSummary(person.Id, person.GivenName, person.FamilyName, person.DateOfBirth, person.FamilyId));
        }).WithName("GetPerson").WithSummary("One person's record; the read is written to the audit trail.");
    }

    public sealed record ReportSummary(string Name, string Title, string Description);
    public sealed record MeResponse(Guid Id, string Name, string Email, string Role, IReadOnlyList<string> Permissions, IReadOnlyList<Guid> Teams);
    public sealed record FamilySummary(Guid Id, string Reference, Guid TeamId);
    public sealed record PersonSummary(Guid Id, string GivenName, string FamilyName, DateOnly? DateOfBirth, Guid? FamilyId);
}

/// <summary>Turns Core's refusals into problem-details responses that name the field.</summary>
public sealed class ApiErrors : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ValidationFailedException e)
        {
            return Results.ValidationProblem(e.Errors.GroupBy(x => x.Field).ToDictionary(g => g.Key, g => g.Select(x => x.Message).ToArray()));
        }
        catch (AccessDeniedException e)
        {
            await DenialAudit.RecordAsync(context.HttpContext, StatusCodes.Status403Forbidden);
            return Results.Problem(e.Message, statusCode: StatusCodes.Status403Forbidden);
        }
        catch (ConcurrencyConflictException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status409Conflict);
        }
        catch (Core.Episodes.CapacityExceededException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "Capacity exceeded");
        }
        catch (PossibleDuplicateException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "Possible duplicate",
                extensions: new Dictionary<string, object?> { ["candidates"] = e.Candidates });
        }
    }
}
