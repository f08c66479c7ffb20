using Hearth.Core.Security;
using Hearth.Core.Organisation;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Admin.Services;

[RequirePermission(Permission.Administer)]
public sealed class IndexModel(OrganisationService organisation) : HearthPageModel
{
    [BindProperty(SupportsGet = true)] public string? Saved { get; set; }
    public IReadOnlyList<Service> Services { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Services = await organisation.ServicesAsync(Actor, ct);
}
