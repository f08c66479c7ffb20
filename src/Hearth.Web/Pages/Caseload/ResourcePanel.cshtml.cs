using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;

namespace Hearth.Web.Pages.Caseload;

/// <summary>
/// The resource panel: every waiting or newly accepted referral across the manager's teams beside each team's workers'
/// caseloads and free places (<see cref="Hearth.Core.Episodes.Caseloads"/>); each referral links to its triage (waiting)
/// or allocation (accepted), and a worker with a free place to the next one, so the panel is decided in one sitting.
/// </summary>
[RequirePermission(Permission.ManageCases)]
public sealed class ResourcePanelModel(WaitingListService waitingLists) : HearthPageModel
{
    public IReadOnlyList<PanelTeam> Teams { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Teams = await waitingLists.ResourcePanelAsync(Actor, Actor.TeamIds.ToList(), ct);
}
