using Hearth.Core.Security;
using Hearth.Core.Organisation;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Admin.Workers;

[RequirePermission(Permission.Administer)]
public sealed class IndexModel(OrganisationService organisation) : HearthPageModel
{
    [BindProperty(SupportsGet = true)] public string? Saved { get; set; }
    public IReadOnlyList<Worker> Workers { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Workers = await organisation.WorkersAsync(Actor, null, ct);
}
