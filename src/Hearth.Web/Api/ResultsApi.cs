using Hearth.Core;
using System.Text;
using Hearth.Core.Data;
using Hearth.Core.Results;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;

namespace Hearth.Web.Api;

/// <summary>
/// Payment by results under /api/v1/results (docs/results.md): frameworks, evidence, identification, attachment, results,
/// claims and finance. Reading needs ViewResults; changing needs ManageClaims. Partners and volunteers have neither.
/// </summary>
public static class ResultsApi
{
    public static void MapResultsApi(this RouteGroupBuilder v1)
    {
        var results = v1.MapGroup("/results").RequireAuthorization(Policies.For(Permission.ViewResults));
        var manage = Policies.For(Permission.ManageClaims);
        DateOnly Today(TimeProvider time) => time.TodayInUk();

        results.MapGet("/frameworks", async (FrameworkService frameworks, CancellationToken ct) =>
        {
            var list = new List<FrameworkDefinition>();
            foreach (var code in ShippedFrameworks.All.Select(f => f.Code))
            {
                list.AddRange(await frameworks.VersionsAsync(code, ct));
            }
            return TypedResults.Ok(list);
        }).WithName("ListFrameworks").WithSummary("Every version of every framework: eligibility, result rules and payments, with the source cited.");
        results.MapGet("/identify", async (HttpContext http, ResultsService service, TimeProvider time, string framework, DateOnly? on, CancellationToken ct) =>
                TypedResults.Ok(await service.IdentifyAsync(http.User.ToActor(), framework, on ?? Today(time), ct)))
            .WithName("IdentifyFamilies").WithSummary("Families and not-yet-known households meeting the framework's eligibility on a date (?framework=&on=), with the qualifying evidence.");
        results.MapGet("/evaluate", async (HttpContext http, ResultsService service, TimeProvider time, string framework, DateOnly? asOf, string? format, CancellationToken ct) =>
        {
            var evaluated = await service.EvaluateAsync(http.User.ToActor(), framework, asOf ?? Today(time), ct);
            return format == "csv"
                ? Results.File(Encoding.UTF8.GetBytes(ResultsExport.EvaluationCsv(evaluated)), "text/csv", $"results-{framework}.csv")
                : Results.Ok(evaluated);
        }).WithName("EvaluateResults").WithSummary("Every attached family's results as of a date (?framework=&asOf=&format=csv|json).");
        results.MapGet("/families/{id:guid}", async (HttpContext http, ResultsService service, TimeProvider time, Guid id, DateOnly? asOf, CancellationToken ct) =>
                TypedResults.Ok(await service.ForFamilyAsync(http.User.ToActor(), id, asOf ?? Today(time), ct)))
            .WithName("GetFamilyResults").WithSummary("A family's attachments and results; the read is audited.");
        results.MapGet("/families/{id:guid}/evidence", async (HttpContext http, EvidenceService service, Guid id, CancellationToken ct) =>
                TypedResults.Ok(await service.ForFamilyAsync(http.User.ToActor(), id, ct)))
            .WithName("GetFamilyEvidence").WithSummary("The evidence about a family's members, with sources; the read is audited.");
        results.MapPost("/evidence", async (HttpContext http, EvidenceService service, EvidenceInput body, CancellationToken ct) =>
        {
            var fact = await service.EnterAsync(http.User.ToActor(), body, ct);
            return TypedResults.Created($"/api/v1/results/evidence/{fact.Id}", new JourneyApi.CreatedResponse(fact.Id, fact.Version));
        }).RequireAuthorization(manage).WithName("EnterEvidence").WithSummary("Enters one fact, named as the import's columns; refused whole (400, per column) on any problem.");
        results.MapPost("/attachments", async (HttpContext http, ResultsService service, AttachRequest body, CancellationToken ct) =>
        {
            var attachment = await service.AttachAsync(http.User.ToActor(), body.FamilyId, body.Framework ?? "", body.AttachedOn, ct);
            return TypedResults.Created($"/api/v1/results/families/{attachment.FamilyId}", new JourneyApi.CreatedResponse(attachment.Id, attachment.Version));
        }).RequireAuthorization(manage).WithName("AttachFamily").WithSummary("Attaches an eligible family to a framework on a date.");

        results.MapGet("/claims", async (HttpContext http, ClaimService claims, CancellationToken ct) =>
                TypedResults.Ok((await claims.BatchesAsync(http.User.ToActor(), ct)).Select(BatchSummary.From)))
            .WithName("ListClaimBatches");
        results.MapGet("/claims/windows", async (HttpContext http, ClaimService claims, CancellationToken ct) => TypedResults.Ok(await claims.WindowsAsync(http.User.ToActor(), ct)))
            .WithName("ListClaimWindows");
        results.MapPost("/claims/windows", async (HttpContext http, ClaimService claims, NewClaimWindow body, CancellationToken ct) =>
        {
            var window = await claims.CreateWindowAsync(http.User.ToActor(), body, ct);
            return TypedResults.Created($"/api/v1/results/claims/windows", new JourneyApi.CreatedResponse(window.Id, window.Version));
        }).RequireAuthorization(manage).WithName("CreateClaimWindow");
        results.MapPost("/claims", async (HttpContext http, ClaimService claims, NewBatchRequest body, CancellationToken ct) =>
        {
            var batch = await claims.CreateBatchAsync(http.User.ToActor(), body.WindowId, body.AsOf, body.AuditSharePercent ?? ClaimService.DefaultAuditSharePercent, body.Seed, ct);
            return TypedResults.Created($"/api/v1/results/claims/{batch.Id}", new JourneyApi.CreatedResponse(batch.Id, batch.Version));
        }).RequireAuthorization(manage).WithName("CreateClaimBatch").WithSummary("Builds a draft batch of achieved, unclaimed results as of a date and draws its audit sample.");
        results.MapGet("/claims/{id:guid}", async (HttpContext http, ClaimService claims, Guid id, string? format, CancellationToken ct) =>
        {
            var view = await claims.BatchAsync(http.User.ToActor(), id, ct);
            return format == "csv"
                ? Results.File(Encoding.UTF8.GetBytes(ClaimService.ExportCsv(view)), "text/csv", $"claim-{id:N}.csv")
                : Results.Ok(new BatchResponse(BatchSummary.From(view.Batch), view.Lines.Select(l => new LineResponse(l.Line.Id, l.Line.Version, l.FamilyReference, l.Line.ResultKey,
                    l.Line.Amount, l.Line.AchievedSince, l.Line.ClaimableFrom, l.Line.Computation, l.Line.InAuditSample, l.Line.AuditedBy, l.Line.AuditPassed)).ToList()));
        }).WithName("GetClaimBatch").WithSummary("A batch with its lines (?format=csv for the return's CSV).");
        results.MapPost("/claims/{id:guid}/status", async (HttpContext http, ClaimService claims, Guid id, StatusRequest body, CancellationToken ct) =>
        {
            var v = new Validator();
            var status = ApiEnum.Parse<ClaimStatus>(body.Status, "Status", v);
            v.ThrowIfAny();
            var batch = await claims.MoveAsync(http.User.ToActor(), id, body.Version, status, body.Reason, ct);
            return TypedResults.Ok(BatchSummary.From(batch));
        }).RequireAuthorization(manage).WithName("MoveClaimBatch").WithSummary("checked, submitted, paid or rejected (with a reason); a stale version gives 409.");
        results.MapPost("/claims/lines/{id:guid}/audit", async (HttpContext http, ClaimService claims, Guid id, AuditRequest body, CancellationToken ct) =>
        {
            var line = await claims.RecordAuditAsync(http.User.ToActor(), id, body.Version, new AuditChecklist(body.EvidenceSeen, body.EligibilityConfirmed, body.ResultConfirmed, body.Note), ct);
            return TypedResults.Ok(new JourneyApi.CreatedResponse(line.Id, line.Version));
        }).RequireAuthorization(manage).WithName("AuditClaimLine");
        results.MapGet("/finance", async (HttpContext http, FinanceService finance, TimeProvider time, string framework, DateOnly? asOf, CancellationToken ct) =>
                TypedResults.Ok(await finance.ReportAsync(http.User.ToActor(), framework, asOf ?? Today(time), ct)))
            .WithName("GetFinance").WithSummary("Each service's grant profile beside attachments, claims, payments and the forecast, by financial year.");
        results.MapPut("/finance/profile", async (HttpContext http, FinanceService finance, NewGrantProfileYear body, CancellationToken ct) =>
        {
            var row = await finance.SetProfileAsync(http.User.ToActor(), body, ct);
            return TypedResults.Ok(new JourneyApi.CreatedResponse(row.Id, row.Version));
        }).RequireAuthorization(manage).WithName("SetGrantProfile");
    }

    public sealed record AttachRequest(Guid FamilyId, string? Framework, DateOnly AttachedOn);

    public sealed record NewBatchRequest(Guid WindowId, DateOnly AsOf, int? AuditSharePercent, int? Seed);

    public sealed record StatusRequest(string? Status, int Version, string? Reason);

    public sealed record AuditRequest(int Version, bool EvidenceSeen, bool EligibilityConfirmed, bool ResultConfirmed, string? Note);

    public sealed record BatchSummary(Guid Id, int Version, string Framework, string Window, DateOnly AsOf, string Status, int Lines, decimal Total, int AuditSeed, int AuditSharePercent,
        string CreatedBy, string? CheckedBy, string? SubmittedBy, string? PaidBy, string? RejectedBy, string? RejectionReason)
    {
        public static BatchSummary From(ClaimBatch b) => new(b.Id, b.Version, b.FrameworkCode, b.Window?.Name ?? "", b.AsOf, b.Status.ToString().ToLowerInvariant(), b.Lines.Count,
            b.Lines.Sum(l => l.Amount), b.AuditSeed, b.AuditSharePercent, b.CreatedBy, b.CheckedBy, b.SubmittedBy, b.PaidBy, b.RejectedBy, b.RejectionReason);
    }

    public sealed record BatchResponse(BatchSummary Batch, IReadOnlyList<LineResponse> Lines);

    public sealed record LineResponse(Guid Id, int Version, string FamilyReference, string Result, decimal Amount, DateOnly AchievedSince, DateOnly ClaimableFrom, string Computation,
        bool InAuditSample, string? AuditedBy, bool AuditPassed);
}
