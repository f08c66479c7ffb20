using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Core.Organisation;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Admin.Teams;

[RequirePermission(Permission.Administer)]
public sealed class CreateModel(OrganisationService organisation) : AdminPageModel
{
    [BindProperty(SupportsGet = true)] public string? Service { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Patch { get; set; }
    [BindProperty] public string? Base { get; set; }
    public IReadOnlyList<Choice> ServiceChoices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        return await SaveAsync(() => organisation.CreateTeamAsync(Actor, new NewTeam(Service ?? "", Name ?? "", Code ?? "", Patch, Base), ct), () => RedirectToPage("/Admin/Services/Index", new { saved = Name!.Trim() }), nameof(Name), () => LoadAsync(ct));
    }

    private async Task LoadAsync(CancellationToken ct) =>
        ServiceChoices = (await organisation.ServicesAsync(Actor, ct)).Where(s => s.ClosedOn is null).Select(s => new Choice(s.Code, s.Name)).ToList();
}
