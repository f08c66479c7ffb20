using Hearth.Core.Security;
using Hearth.Core.Organisation;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Admin.Services;

/// <summary>Rename a service or change its description, or close it.</summary>
[RequirePermission(Permission.Administer)]
public sealed class EditModel(OrganisationService organisation, TimeProvider time) : AdminPageModel
{
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public DateParts ClosedOn { get; set; } = new();
    public Service Current { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        (Version, Name, Description, ClosedOn) = (Current.Version, Current.Name, Current.Description, DateParts.Of(UkToday(time)));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        return await SaveAsync(() => organisation.UpdateServiceAsync(Actor, new ServiceChange(Code, Version, Name ?? "", Description), ct), () => RedirectToPage("/Admin/Services/Index", new { saved = Name!.Trim() }), nameof(Name));
    }

    public async Task<IActionResult> OnPostCloseAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        var closedOn = Date(ClosedOn, nameof(ClosedOn), "The date the service closes must be a real date, like 31 3 2026");
        return await SaveAsync(() => organisation.CloseServiceAsync(Actor, Code, Version, closedOn, ct), () => RedirectToPage("/Admin/Services/Index", new { saved = Current.Name }), nameof(ClosedOn), () =>
        {
            (Name, Description) = (Current.Name, Current.Description);
            return Task.CompletedTask;
        });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var service = await organisation.ServiceAsync(Actor, Code, ct);
        Current = service!;
        return service is not null;
    }
}
