using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Caseload;

/// <summary>
/// The resource panel: every waiting or newly accepted referral across the manager's teams beside each team's free
/// capacity; each referral links to its triage (waiting) or allocation (accepted), so the panel is decided in one sitting.
/// </summary>
[RequirePermission(Permission.ManageCases)]
public sealed class ResourcePanelModel(WaitingListService waitingLists, IStringLocalizer<SharedResource> t) : HearthPageModel
{
    public IReadOnlyList<(PanelTeam Team, TableModel Workers)> Teams { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var panel = await waitingLists.ResourcePanelAsync(Actor, Actor.TeamIds.ToList(), ct);
        Teams = panel.Select(x => (x,
            new TableModel(t["{0}: workers’ free capacity", x.TeamName], [t["Worker"], t["Intensive cases"], t["Maximum"], t["Free"]],
                x.Workers.Select(w => (IReadOnlyList<string>)[w.Name, Number(w.OpenIntensive), Number(w.MaxIntensiveCases), Number(w.FreeCapacity)]).ToList(),
                NumericColumns: new HashSet<int> { 1, 2, 3 }))).ToList();
    }
}
