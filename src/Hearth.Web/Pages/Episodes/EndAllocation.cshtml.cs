using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Episodes;

/// <summary>Ends a worker's allocation to an episode with a reason; their place is free from that day.</summary>
[RequirePermission(Permission.ManageCases)]
public sealed class EndAllocationModel(EpisodeService episodes, AllocationService allocations, TimeProvider time, IStringLocalizer<SharedResource> t) : HearthPageModel
{
    [BindProperty] public DateParts On { get; set; } = new();
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public int Version { get; set; }

    public EpisodeView View { get; private set; } = null!;
    public Allocation Allocation { get; private set; } = null!;
    public string WorkerName => View.WorkerNames.GetValueOrDefault(Allocation.WorkerId, "");
    public IReadOnlyList<Choice> Reasons => AllocationEndChoices.For(t);

    public async Task<IActionResult> OnGetAsync(Guid id, Guid allocationId, CancellationToken ct)
    {
        if (!await LoadAsync(id, allocationId, ct))
        {
            return NotFound();
        }
        Version = Allocation.Version;
        On = DateParts.Of(UkToday(time));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid allocationId, CancellationToken ct)
    {
        if (!await LoadAsync(id, allocationId, ct))
        {
            return NotFound();
        }
        if (On.Value is null)
        {
            Errors.Add(new FieldError(nameof(On), t["Enter the date the allocation ends as a real date, for example 27 3 2026"]));
        }
        var reason = AllocationEndChoices.Parse(Reason);
        if (Errors.Count > 0)
        {
            if (reason is null)
            {
                Errors.Add(new FieldError(nameof(Reason), t["Choose why the allocation is ending"]));
            }
            return Page();
        }
        return await SaveAsync(() => allocations.EndAllocationAsync(Actor, allocationId, Version, new AllocationEnding(On.Value!.Value, reason, Note), ct), () => RedirectToPage("/Episodes/Show", new { id, saved = "allocation-end" }), nameof(On));
    }

    private async Task<bool> LoadAsync(Guid id, Guid allocationId, CancellationToken ct)
    {
        View = await episodes.ViewAsync(Actor, id, ct);
        Allocation = View.Episode.Allocations.FirstOrDefault(a => a.Id == allocationId)!;
        return Allocation is { To: null };
    }
}

/// <summary>The reasons a manager can give for ending an allocation, as radios.</summary>
public static class AllocationEndChoices
{
    public static IReadOnlyList<Choice> For(IStringLocalizer<SharedResource> t) =>
        AllocationEndReasons.Chosen.Select(r => new Choice(r.ToString(), t[AllocationEndReasons.Label(r)], r == AllocationEndReason.Other ? t["Say why in the note"].Value : null)).ToList();

    public static AllocationEndReason? Parse(string? value) =>
        Enum.TryParse<AllocationEndReason>(value, out var r) && AllocationEndReasons.Chosen.Contains(r) ? r : null;
}
