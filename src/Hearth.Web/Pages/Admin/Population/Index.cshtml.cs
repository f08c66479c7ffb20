using Hearth.Core.Security;
using Hearth.Core.Reporting;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Admin.Population;

[RequirePermission(Permission.Administer)]
public sealed class IndexModel(ReportInputService inputs) : HearthPageModel
{
    [BindProperty(SupportsGet = true)] public string? Saved { get; set; }
    public IReadOnlyList<PopulationFigure> Figures { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Figures = await inputs.PopulationAsync(Actor, null, ct);
}
