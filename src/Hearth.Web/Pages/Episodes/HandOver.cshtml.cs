using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Episodes;

/// <summary>
/// Hands a case from one worker to another in one step: the old allocation ends and the new one starts on the same
/// day. The team's other workers are offered in the order AllocationService suggests.
/// </summary>
[RequirePermission(Permission.ManageCases)]
public sealed class HandOverModel(EpisodeService episodes, AllocationService allocations, TimeProvider time, IStringLocalizer<SharedResource> t) : HearthPageModel
{
    [BindProperty] public string? ToWorkerId { get; set; }
    [BindProperty] public DateParts On { get; set; } = new();
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? OverrideReason { get; set; }
    [BindProperty] public int Version { get; set; }

    public EpisodeView View { get; private set; } = null!;
    public Allocation Allocation { get; private set; } = null!;
    public string WorkerName => View.WorkerNames.GetValueOrDefault(Allocation.WorkerId, "");
    public IReadOnlyList<Choice> Reasons => AllocationEndChoices.For(t);
    public IReadOnlyList<Choice> WorkerChoices { get; private set; } = [];

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
        if (!Guid.TryParse(ToWorkerId, out var worker))
        {
            Errors.Add(new FieldError(nameof(ToWorkerId), t["Choose the worker to hand the case to"]));
        }
        if (On.Value is null)
        {
            Errors.Add(new FieldError(nameof(On), t["Enter the date of the handover as a real date, for example 27 3 2026"]));
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
        try
        {
            return await SaveAsync(() => allocations.HandOverAsync(Actor, new Handover(allocationId, Version, worker, new AllocationEnding(On.Value!.Value, reason, Note), OverrideReason), ct), () => RedirectToPage("/Episodes/Show", new { id, saved = "handover" }), nameof(ToWorkerId));
        }
        catch (CapacityExceededException e)
        {
            Errors.Add(new FieldError(nameof(OverrideReason), t["{0} Enter the reason to override it.", e.Message]));
        }
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, Guid allocationId, CancellationToken ct)
    {
        View = await episodes.ViewAsync(Actor, id, ct);
        Allocation = View.Episode.Allocations.FirstOrDefault(a => a.Id == allocationId)!;
        if (Allocation is not { To: null })
        {
            return false;
        }
        var held = View.Episode.Allocations.Where(a => a.To == null).Select(a => a.WorkerId).ToHashSet();
        WorkerChoices = (await allocations.SuggestAsync(Actor, id, ct)).Where(s => !held.Contains(s.Worker.WorkerId))
            .Select(s => new Choice(s.Worker.WorkerId.ToString(), s.Worker.Name,
                s.Worker.FreeCapacity > 0 ? t["{0} free intensive places", s.Worker.FreeCapacity] : t["At their maximum: handing over needs an override reason"])).ToList();
        return true;
    }
}
