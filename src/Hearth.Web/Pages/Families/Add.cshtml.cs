using Hearth.Core.Data;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Families;

/// <summary>Starts a new family (household) in one of the user's teams; the next page adds its first person.</summary>
[RequirePermission(Permission.RecordCasework)]
public sealed class AddModel(PeopleService people, OrganisationService organisation, IStringLocalizer<SharedResource> t) : HearthPageModel
{
    [BindProperty] public string? Reference { get; set; }
    [BindProperty] public string? Team { get; set; }
    [BindProperty] public string? Patch { get; set; }

    public IReadOnlyList<Choice> Teams { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Team ??= Teams.Count == 1 ? Teams[0].Value : null;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!Guid.TryParse(Team, out var team))
        {
            Errors.Add(new FieldError(nameof(Team), t["Choose the team that will hold the family"]));
            return Page();
        }
        Family? family = null;
        return await SaveAsync(async () => family = await people.CreateFamilyAsync(Actor, new NewFamily(Reference ?? "", team, Patch), ct), () => RedirectToPage("/Families/AddPerson", new { id = family!.Id }), nameof(Reference));
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Teams = (await organisation.ListTeamsAsync(Actor, ct)).Where(x => Actor.CanSeeTeam(x.Id) && Actor.TeamIds.Contains(x.Id)).Select(x => new Choice(x.Id.ToString(), x.Name)).ToList();
}
