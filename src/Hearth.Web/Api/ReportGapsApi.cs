using Hearth.Core.Data;
using Hearth.Core.Reporting;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;

namespace Hearth.Web.Api;

/// <summary>
/// Figures a service did not record for a period (report gaps), under /api/v1/report-gaps: reports show them as n/a
/// with the note instead of 0. A removal sends the version it read; a stale one answers 409.
/// </summary>
public static class ReportGapsApi
{
    public static void MapReportGapsApi(this RouteGroupBuilder v1)
    {
        var gaps = v1.MapGroup("/report-gaps").RequireAuthorization(Policies.For(Permission.ImportData));

        gaps.MapGet("/", async (HttpContext http, ReportService reports, CancellationToken ct) =>
            TypedResults.Ok(await reports.GapsAsync(http.User.ToActor(), ct)))
            .WithName("ListReportGaps").WithSummary("Every figure recorded as not recorded: service, figure, period, note and version.");
        gaps.MapGet("/figures", () => TypedResults.Ok(ReportGap.Figures))
            .WithName("ListReportGapFigures").WithSummary("The figures a gap can be recorded for, with their labels.");
        gaps.MapPost("/", async (HttpContext http, ReportService reports, ReportGapRequest body, CancellationToken ct) =>
        {
            var actor = http.User.ToActor();
            var gap = await reports.RecordGapAsync(actor, body.ServiceCode, body.Figure, body.From, body.To, body.Note, ct);
            return TypedResults.Created($"/api/v1/report-gaps/{gap.Id}", (await reports.GapsAsync(actor, ct)).Single(g => g.Id == gap.Id));
        }).WithName("RecordReportGap").WithSummary("Records that a service did not record a figure (see /figures) from one date to another, with why.");
        gaps.MapDelete("/{id:guid}", async (HttpContext http, ReportService reports, Guid id, int? version, CancellationToken ct) =>
        {
            if (version is null)
            {
                throw new ValidationFailedException("Version", "Send the version you read, as ?version=");
            }
            await reports.RemoveGapAsync(http.User.ToActor(), id, version.Value, ct);
            return TypedResults.NoContent();
        }).WithName("RemoveReportGap").WithSummary("Removes a recorded gap (?version= the version read; 409 when stale): reports count the figure again.");
    }

    public sealed record ReportGapRequest(string? ServiceCode, string? Figure, DateOnly? From, DateOnly? To, string? Note);
}
