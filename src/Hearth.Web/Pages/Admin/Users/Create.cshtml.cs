using Hearth.Core.Data;
using Hearth.Core.Organisation;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Admin.Users;

[RequirePermission(Permission.Administer)]
public sealed class CreateModel(UserService users, OrganisationService organisation) : HearthPageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Role { get; set; }
    [BindProperty] public List<string> Team { get; set; } = [];
    [BindProperty] public string? Password { get; set; }

    public IReadOnlyList<Choice> RoleChoices { get; } = Enum.GetNames<Role>().Select(r => new Choice(r, r)).ToList();
    public IReadOnlyList<Choice> TeamChoices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        string? created = null;
        return await SaveAsync(async () => created = (await users.CreateAsync(Actor, new NewUser(Name ?? "", Email ?? "", Role ?? "", Team, Password ?? ""), ct)).Email,
            () => RedirectToPage("/Admin/Users/Index", new { created = created! }), nameof(Email), () => LoadAsync(ct));
    }

    private async Task LoadAsync(CancellationToken ct) =>
        TeamChoices = (await organisation.ListTeamsAsync(Actor, ct)).Select(t => new Choice(t.Code, $"{t.Name} ({t.Service!.Name})")).ToList();
}
