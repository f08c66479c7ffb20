using Hearth.Core.Security;
using System.Globalization;
using Hearth.Core.Organisation;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Admin.Workers;

[RequirePermission(Permission.Administer)]
public sealed class EditModel(OrganisationService organisation) : AdminPageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? JobTitle { get; set; }
    [BindProperty] public string? Fte { get; set; }
    [BindProperty] public string? MaxIntensiveCases { get; set; }
    [BindProperty] public string? Specialisms { get; set; }
    [BindProperty] public string? Patch { get; set; }
    [BindProperty] public DateParts StartDate { get; set; } = new();
    [BindProperty] public DateParts LeavingDate { get; set; } = new();
    public Worker Current { get; private set; } = null!;
    public WorkerForm Form => new(this, Name, JobTitle, Fte, MaxIntensiveCases, Specialisms, Patch, StartDate);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        (Version, Name, JobTitle, Patch) = (Current.Version, Current.Name, Current.JobTitle, Current.Patch);
        Fte = Current.Fte.ToString("0.##", CultureInfo.InvariantCulture);
        MaxIntensiveCases = Current.MaxIntensiveCases.ToString(CultureInfo.InvariantCulture);
        Specialisms = string.Join(", ", Current.Specialisms);
        (StartDate, LeavingDate) = (DateParts.Of(Current.StartDate), DateParts.Of(Current.LeavingDate));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var fte = Decimal(Fte, nameof(Fte), "Full-time equivalent must be a number, like 0.6");
        var max = Whole(MaxIntensiveCases, nameof(MaxIntensiveCases), "Maximum intensive cases must be a whole number, like 2");
        var start = Date(StartDate, nameof(StartDate), "The start date must be a real date, like 2 9 2024");
        var leaving = Date(LeavingDate, nameof(LeavingDate), "The leaving date must be a real date, like 31 3 2026");
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        return await SaveAsync(() => organisation.UpdateWorkerAsync(Actor, new WorkerChange(Id, Version, Name ?? "", JobTitle ?? "", fte, max, WorkerForm.SpecialismList(Specialisms), Patch, start, leaving), ct), () => RedirectToPage("/Admin/Workers/Index", new { saved = Name!.Trim() }), nameof(Name));
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var worker = await organisation.WorkerAsync(Actor, Id, ct);
        Current = worker!;
        return worker is not null;
    }
}
