using Hearth.Core.Security;
using Hearth.Core.Organisation;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Admin.Workers;

/// <summary>A worker leaves: the leaving date, the worker inactive and their user account deactivated, in one change.</summary>
[RequirePermission(Permission.Administer)]
public sealed class LeaveModel(OrganisationService organisation, TimeProvider time) : AdminPageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public DateParts LeavingDate { get; set; } = new();
    public Worker Current { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        (Version, LeavingDate) = (Current.Version, DateParts.Of(UkToday(time)));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        var leftOn = Date(LeavingDate, nameof(LeavingDate), "The date they left must be a real date, like 31 3 2026");
        return await SaveAsync(() => organisation.WorkerLeavesAsync(Actor, Id, Version, leftOn, ct), () => RedirectToPage("/Admin/Workers/Index", new { saved = Current.Name }), nameof(LeavingDate));
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var worker = await organisation.WorkerAsync(Actor, Id, ct);
        Current = worker!;
        return worker is not null;
    }
}
