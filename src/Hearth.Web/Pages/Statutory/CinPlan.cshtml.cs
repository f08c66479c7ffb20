using Hearth.Core.Security;
using Hearth.Core.Statutory;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Statutory;

/// <summary>Adds a CIN plan for the child, or changes one.</summary>
[RequirePermission(Permission.ViewFamilies)]
[RequirePermission(Permission.RecordCasework, ForChanges = true)]
public sealed class CinPlanModel(StatutoryService statutory) : StatutoryPageModel
{
    [BindProperty] public DateParts StartedOn { get; set; } = new();
    [BindProperty] public DateParts EndedOn { get; set; } = new();
    [BindProperty] public int Version { get; set; }

    public CinPlanPeriod? Current { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid referral, Guid person, Guid? plan, CancellationToken ct)
    {
        if (!await FindAsync(referral, person, plan, ct))
        {
            return NotFound();
        }
        if (Current is { } p)
        {
            (StartedOn, EndedOn, Version) = (DateParts.Of(p.StartedOn), DateParts.Of(p.EndedOn), p.Version);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid referral, Guid person, Guid? plan, CancellationToken ct)
    {
        if (!await FindAsync(referral, person, plan, ct))
        {
            return NotFound();
        }
        var ok = TryDate(StartedOn, nameof(StartedOn), "the date the plan started", required: true, out var start)
            & TryDate(EndedOn, nameof(EndedOn), "the date the plan ended", required: false, out var end);
        if (!ok)
        {
            return Page();
        }
        var input = new CinPlanInput(start!.Value, end);
        return await SaveAsync(() => Current is null
            ? statutory.AddCinPlanAsync(Actor, referral, person, input, ct)
            : statutory.UpdateCinPlanAsync(Actor, Current.Id, Version, input, ct), () => ToChild(), nameof(StartedOn));
    }

    private async Task<bool> FindAsync(Guid referral, Guid person, Guid? plan, CancellationToken ct)
    {
        await LoadAsync(statutory, referral, person, ct);
        Current = plan is { } id ? Child.Record?.CinPlans.FirstOrDefault(p => p.Id == id) : null;
        return plan is null || Current is not null;
    }
}
