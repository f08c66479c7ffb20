using Hearth.Core.Security;
using Hearth.Core.Reporting;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Admin.Budgets;

[RequirePermission(Permission.Administer)]
public sealed class IndexModel(ReportInputService inputs) : HearthPageModel
{
    [BindProperty(SupportsGet = true)] public string? Saved { get; set; }
    public IReadOnlyList<BudgetRow> Budgets { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Budgets = await inputs.BudgetsAsync(Actor, ct);
}
