using Hearth.Core.Security;
using Hearth.Core.Organisation;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Admin.Teams;

/// <summary>Rename a team or change its patch or base, or close it.</summary>
[RequirePermission(Permission.Administer)]
public sealed class EditModel(OrganisationService organisation, TimeProvider time) : AdminPageModel
{
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Patch { get; set; }
    [BindProperty] public string? Base { get; set; }
    [BindProperty] public DateParts ClosedOn { get; set; } = new();
    public Team Current { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        (Version, Name, Patch, Base, ClosedOn) = (Current.Version, Current.Name, Current.Patch, Current.Base, DateParts.Of(UkToday(time)));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        return await SaveAsync(() => organisation.UpdateTeamAsync(Actor, new TeamChange(Code, Version, Name ?? "", Patch, Base), ct), () => RedirectToPage("/Admin/Services/Index", new { saved = Name!.Trim() }), nameof(Name));
    }

    public async Task<IActionResult> OnPostCloseAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        var closedOn = Date(ClosedOn, nameof(ClosedOn), "The date the team closes must be a real date, like 31 3 2026");
        return await SaveAsync(() => organisation.CloseTeamAsync(Actor, Code, Version, closedOn, ct), () => RedirectToPage("/Admin/Services/Index", new { saved = Current.Name }), nameof(ClosedOn), () =>
        {
            (Name, Patch, Base) = (Current.Name, Current.Patch, Current.Base);
            return Task.CompletedTask;
        });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var team = await organisation.TeamAsync(Actor, Code, ct);
        Current = team!;
        return team is not null;
    }
}
