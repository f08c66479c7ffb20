using Hearth.Web.Infrastructure;
using System.Text;
using Hearth.Core.Data;
using Hearth.Core.Results;
using Hearth.Core.Security;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Results;

/// <summary>One claim batch: its lines, the internal audit of the sample, moving it on, and its CSV export.</summary>
[RequirePermission(Permission.ViewResults)]
public sealed class ClaimModel(ClaimService claims, TimeProvider time) : ResultsPageModel(time)
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    public ClaimBatchView View { get; private set; } = null!;
    public bool CanManage => Actor.Has(Permission.ManageClaims);

    public async Task OnGetAsync(CancellationToken ct) => View = await claims.BatchAsync(Actor, Id, ct);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var view = await claims.BatchAsync(Actor, Id, ct);
        return File(Encoding.UTF8.GetBytes(ClaimService.ExportCsv(view)), "text/csv", $"claim-{view.Batch.FrameworkCode}-{view.Batch.AsOf:yyyy-MM-dd}.csv");
    }

    public async Task<IActionResult> OnPostAuditAsync(Guid lineId, int lineVersion, string[]? checks, string? note, CancellationToken ct)
    {
        var set = (checks ?? []).ToHashSet();
        return await TryAsync(() => claims.RecordAuditAsync(Actor, lineId, lineVersion, new AuditChecklist(set.Contains("evidence"), set.Contains("eligibility"), set.Contains("result"), note), ct), ct);
    }

    public async Task<IActionResult> OnPostMoveAsync(ClaimStatus to, int batchVersion, string? reason, CancellationToken ct) =>
        await TryAsync(() => claims.MoveAsync(Actor, Id, batchVersion, to, reason, ct), ct);

    private Task<IActionResult> TryAsync(Func<Task> action, CancellationToken ct) =>
        SaveAsync(action, () => RedirectToPage("/Results/Claim", new { id = Id }), "Status", async () => View = await claims.BatchAsync(Actor, Id, ct));
}
