using Hearth.Core.Security;
using System.Globalization;
using Hearth.Core.Organisation;
using Hearth.Core.Reporting;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Hearth.Web.Pages.Shared;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Admin;

/// <summary>The administration index: each part of the council's set-up, how much of it there is, and a link to it.</summary>
[RequirePermission(Permission.Administer)]
public sealed class IndexModel(OrganisationService organisation, ReportInputService inputs, IStringLocalizer<SharedResource> t) : HearthPageModel
{
    public IReadOnlyList<SummaryRow> Sections { get; private set; } = [];
    public ReportInputGaps Gaps { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var services = await organisation.ServicesAsync(Actor, ct);
        var workers = await organisation.WorkersAsync(Actor, null, ct);
        var budgets = await inputs.BudgetsAsync(Actor, ct);
        Gaps = await inputs.GapsAsync(Actor, ct);
        string N(int n) => n.ToString(CultureInfo.GetCultureInfo("en-GB"));
        Sections =
        [
            new(t["Services and teams"], t["{0} service(s), {1} team(s)", N(services.Count), N(services.Sum(s => s.Teams.Count))], Url.Page("/Admin/Services/Index")!, t["services and teams"]),
            new(t["Workers"], t["{0} working, {1} left", N(workers.Count(w => w.IsActive)), N(workers.Count(w => !w.IsActive))], Url.Page("/Admin/Workers/Index")!, t["workers"]),
            new(t["Users"], t["Who can sign in, their roles and teams"], Url.Page("/Admin/Users/Index")!, t["users"]),
            new(t["Budgets"], t["{0} budget year(s) entered", N(budgets.Count)], Url.Page("/Admin/Budgets/Index")!, t["budgets"]),
            new(t["Population"], t["The area's population, for the equality of reach report"], Url.Page("/Admin/Population/Index")!, t["population"]),
            new(t["Budgets and population figures to enter"], Gaps.None ? t["None: every budget and population figure has been entered"] : t["{0} missing", N(Gaps.Budgets.Count + Gaps.Population.Count)], Url.Page("/Admin/FiguresToEnter")!, t["budgets and population figures to enter"]),
            new(t["Service directory"], t["The wider services practitioners refer families to"], Url.Page("/Admin/Directory/Index")!, t["service directory"]),
        ];
    }
}
