using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Core.Organisation;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Admin.Services;

[RequirePermission(Permission.Administer)]
public sealed class CreateModel(OrganisationService organisation) : AdminPageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? ProgrammeCode { get; set; }
    public IReadOnlyList<Choice> ProgrammeChoices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Service? created = null;
        return await SaveAsync(async () => created = await organisation.CreateServiceAsync(Actor, new NewService(Name ?? "", Code ?? "", Description, ProgrammeCode), ct), () => RedirectToPage("/Admin/Services/Index", new { saved = created!.Name }), nameof(Name), () => LoadAsync(ct));
    }

    private async Task LoadAsync(CancellationToken ct) =>
        ProgrammeChoices = (await organisation.ProgrammesAsync(Actor, ct)).Select(p => new Choice(p.Code, $"{p.Name} ({p.Code})")).ToList();
}
