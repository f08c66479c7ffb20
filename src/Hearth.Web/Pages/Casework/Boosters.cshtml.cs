using Hearth.Core.Casework;
using Hearth.Core.Episodes;
using Hearth.Core.Data;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Casework;

/// <summary>Booster sessions used against the programme's maximum, managers' approvals of extra ones, and the form to approve one more.</summary>
[RequirePermission(Permission.RecordCasework)]
[RequirePermission(Permission.ManageCases, ForChanges = true)]
public sealed class BoostersModel(EpisodeService episodes, SessionService sessions) : CaseworkPageModel
{
    [BindProperty] public string? Reason { get; set; }

    public EpisodeSummary Summary { get; private set; } = null!;
    public BoosterCount Count { get; private set; } = new(0, 0, 0);
    public IReadOnlyList<BoosterApproval> Approvals { get; private set; } = [];
    public bool CanApprove => User.Has(Permission.ManageCases);
    public bool Approved { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, bool approved, CancellationToken ct)
    {
        Approved = approved;
        await LoadAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        return await SaveAsync(() => sessions.ApproveExtraBoosterAsync(Actor, id, Reason ?? "", ct), () => RedirectToPage("/Casework/Boosters", new { id, approved = "true" }), "Version");
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Summary = await episodes.SummaryAsync(Actor, id, ct);
        Count = await sessions.BoostersAsync(Actor, id, ct);
        Approvals = await sessions.BoosterApprovalsAsync(Actor, id, ct);
    }
}
