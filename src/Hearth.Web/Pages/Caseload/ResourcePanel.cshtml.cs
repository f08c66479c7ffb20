using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Authorization;

namespace Hearth.Web.Pages.Caseload;

/// <summary>The resource panel: every waiting or newly accepted referral across the manager's teams beside each team's free capacity.</summary>
[Authorize(Policy = "permission:" + nameof(Permission.ManageCases))]
public sealed class ResourcePanelModel(ReferralService referrals) : HearthPageModel
{
    public IReadOnlyList<(PanelTeam Team, TableModel Referrals, TableModel Workers)> Teams { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var panel = await referrals.ResourcePanelAsync(Actor, Actor.TeamIds.ToList(), ct);
        Teams = panel.Select(t => (t,
            new TableModel($"{t.TeamName}: waiting and unallocated referrals", ["Family", "Received", "Status", "Priority", "Waiting since"],
                t.Referrals.Select(r => (IReadOnlyList<string>)[r.FamilyReference, Display.Date(r.ReceivedOn), r.Status == ReferralStatus.Accepted ? "Accepted, not allocated" : "Waiting list",
                    r.Priority?.ToString() ?? "", Display.Date(r.WaitingSince)]).ToList()),
            new TableModel($"{t.TeamName}: workers' free capacity", ["Worker", "Intensive cases", "Maximum", "Free"],
                t.Workers.Select(w => (IReadOnlyList<string>)[w.Name, Number(w.OpenIntensive), Number(w.MaxIntensiveCases), Number(w.FreeCapacity)]).ToList(),
                NumericColumns: new HashSet<int> { 1, 2, 3 }))).ToList();
    }

    private static string Number(int n) => n.ToString(WebSetup.Culture);
}
