using Hearth.Core.Results;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Results;

/// <summary>
/// Check before submitting a checked claim batch (GOV.UK check answers): what goes to the government and for how much.
/// Submitting cannot be taken back short of rejecting the batch, so it is confirmed here rather than by one button on the batch.
/// </summary>
[RequirePermission(Permission.ManageClaims)]
public sealed class SubmitClaimModel(ClaimService claims, TimeProvider time) : ResultsPageModel(time)
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public int BatchVersion { get; set; }
    public ClaimBatchView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        View = await claims.BatchAsync(Actor, Id, ct);
        if (View.Batch.Status != ClaimStatus.Checked)
        {
            return RedirectToPage("/Results/Claim", new { id = Id });
        }
        BatchVersion = View.Batch.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        await SaveAsync(() => claims.MoveAsync(Actor, Id, BatchVersion, ClaimStatus.Submitted, null, ct),
            () => RedirectToPage("/Results/Claim", new { id = Id }), "Status", async () => View = await claims.BatchAsync(Actor, Id, ct));
}
