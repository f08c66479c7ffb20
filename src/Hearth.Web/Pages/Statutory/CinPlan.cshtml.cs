using Hearth.Core.Statutory;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Statutory;

/// <summary>Adds a CIN plan for the child, or changes one.</summary>
public sealed class CinPlanModel(StatutoryService statutory) : StatutoryPageModel
{
    [BindProperty] public DateParts StartedOn { get; set; } = new();
    [BindProperty] public DateParts EndedOn { get; set; } = new();
    [BindProperty] public int Version { get; set; }

    public CinPlanPeriod? Current { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid referralId, Guid personId, Guid? planId, CancellationToken ct)
    {
        if (!await FindAsync(referralId, personId, planId, ct))
        {
            return NotFound();
        }
        if (Current is { } p)
        {
            (StartedOn, EndedOn, Version) = (DateParts.Of(p.StartedOn), DateParts.Of(p.EndedOn), p.Version);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid referralId, Guid personId, Guid? planId, CancellationToken ct)
    {
        if (!await FindAsync(referralId, personId, planId, ct))
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
            ? statutory.AddCinPlanAsync(Actor, referralId, personId, input, ct)
            : statutory.UpdateCinPlanAsync(Actor, Current.Id, Version, input, ct), nameof(StartedOn), Page);
    }

    private async Task<bool> FindAsync(Guid referralId, Guid personId, Guid? planId, CancellationToken ct)
    {
        await LoadAsync(statutory, referralId, personId, ct);
        Current = planId is { } id ? Child.Record?.CinPlans.FirstOrDefault(p => p.Id == id) : null;
        return planId is null || Current is not null;
    }
}
