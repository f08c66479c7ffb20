using Hearth.Core.Security;
using Hearth.Core.Statutory;
using Hearth.Web.Infrastructure;

namespace Hearth.Web.Api;

/// <summary>
/// Statutory Children in Need records under /api/v1: read a family's (ViewFamilies); record a child's primary need and
/// factors, CIN plans, section 47 enquiries and child protection plans on a referral (RecordCasework). Changes pass the
/// version read; the Core service scopes every call to the caller's teams.
/// </summary>
public static class StatutoryApi
{
    public sealed record NeedRequest(int? Version, string? PrimaryNeedCode, IReadOnlyList<string>? AssessmentFactors);
    public sealed record Versioned<T>(int Version, T Record);

    public static void MapStatutoryApi(this RouteGroupBuilder v1)
    {
        v1.MapGroup("/families/{familyId:guid}/statutory").RequireAuthorization(Policies.For(Permission.ViewFamilies))
            .MapGet("/", async (HttpContext http, StatutoryService s, Guid familyId, CancellationToken ct) =>
                TypedResults.Ok(await s.ForFamilyAsync(http.User.ToActor(), familyId, ct)))
            .WithName("FamilyStatutoryRecords").WithSummary("Each referral's children with their primary need, factors, CIN plans, section 47 enquiries and child protection plans.");

        var child = v1.MapGroup("/referrals/{referralId:guid}/children/{personId:guid}").RequireAuthorization(Policies.For(Permission.RecordCasework));
        child.MapPut("/need", async (HttpContext http, StatutoryService s, Guid referralId, Guid personId, NeedRequest body, CancellationToken ct) =>
            TypedResults.Ok(await s.SetNeedAsync(http.User.ToActor(), referralId, personId, body.Version, new NeedInput(body.PrimaryNeedCode, body.AssessmentFactors ?? []), ct)))
            .WithName("SetPrimaryNeed").WithSummary("Records the child's primary need (N1-N9) and factors at assessment; no version when there is no record yet.");
        child.MapPost("/cin-plans", async (HttpContext http, StatutoryService s, Guid referralId, Guid personId, CinPlanInput body, CancellationToken ct) =>
            TypedResults.Ok(await s.AddCinPlanAsync(http.User.ToActor(), referralId, personId, body, ct))).WithName("AddCinPlan");
        child.MapPost("/section-47", async (HttpContext http, StatutoryService s, Guid referralId, Guid personId, Section47Input body, CancellationToken ct) =>
            TypedResults.Ok(await s.AddSection47Async(http.User.ToActor(), referralId, personId, body, ct))).WithName("AddSection47");
        child.MapPost("/protection-plans", async (HttpContext http, StatutoryService s, Guid referralId, Guid personId, ProtectionPlanInput body, CancellationToken ct) =>
            TypedResults.Ok(await s.AddProtectionPlanAsync(http.User.ToActor(), referralId, personId, body, ct))).WithName("AddProtectionPlan");

        var records = v1.MapGroup("").RequireAuthorization(Policies.For(Permission.RecordCasework));
        records.MapPut("/cin-plans/{id:guid}", async (HttpContext http, StatutoryService s, Guid id, Versioned<CinPlanInput> body, CancellationToken ct) =>
            TypedResults.Ok(await s.UpdateCinPlanAsync(http.User.ToActor(), id, body.Version, body.Record, ct))).WithName("UpdateCinPlan");
        records.MapPut("/section-47/{id:guid}", async (HttpContext http, StatutoryService s, Guid id, Versioned<Section47Input> body, CancellationToken ct) =>
            TypedResults.Ok(await s.UpdateSection47Async(http.User.ToActor(), id, body.Version, body.Record, ct))).WithName("UpdateSection47");
        records.MapPut("/protection-plans/{id:guid}", async (HttpContext http, StatutoryService s, Guid id, Versioned<ProtectionPlanInput> body, CancellationToken ct) =>
            TypedResults.Ok(await s.UpdateProtectionPlanAsync(http.User.ToActor(), id, body.Version, body.Record, ct))).WithName("UpdateProtectionPlan");
    }
}
