using Hearth.Core.Security;
using Hearth.Core.Organisation;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Admin.Workers;

[RequirePermission(Permission.Administer)]
public sealed class CreateModel(OrganisationService organisation) : AdminPageModel
{
    [BindProperty(SupportsGet = true)] public string? Team { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? JobTitle { get; set; }
    [BindProperty] public string? Fte { get; set; } = "1";
    [BindProperty] public string? MaxIntensiveCases { get; set; } = "2";
    [BindProperty] public string? Specialisms { get; set; }
    [BindProperty] public string? Patch { get; set; }
    [BindProperty] public DateParts StartDate { get; set; } = new();
    public IReadOnlyList<Choice> TeamChoices { get; private set; } = [];
    public WorkerForm Form => new(this, Name, JobTitle, Fte, MaxIntensiveCases, Specialisms, Patch, StartDate);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var fte = Decimal(Fte, nameof(Fte), "Full-time equivalent must be a number, like 0.6");
        var max = Whole(MaxIntensiveCases, nameof(MaxIntensiveCases), "Maximum intensive cases must be a whole number, like 2");
        var start = Date(StartDate, nameof(StartDate), "The start date must be a real date, like 2 9 2024");
        return await SaveAsync(() => organisation.CreateWorkerAsync(Actor, new NewWorker(Team ?? "", Name ?? "", JobTitle ?? "", fte, max, WorkerForm.SpecialismList(Specialisms), Patch, start), ct), () => RedirectToPage("/Admin/Workers/Index", new { saved = Name!.Trim() }), nameof(Name), () => LoadAsync(ct));
    }

    private async Task LoadAsync(CancellationToken ct) =>
        TeamChoices = (await organisation.ServicesAsync(Actor, ct)).Where(s => s.ClosedOn is null)
            .SelectMany(s => s.Teams.Where(t => t.ClosedOn is null).Select(t => new Choice(t.Code, $"{t.Name} ({s.Name})"))).ToList();
}
