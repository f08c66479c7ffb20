using Hearth.Core.Organisation;
using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Caseload;

/// <summary>A team's waiting list in order: who is waiting, since when, priority, days waited; managers triage, move or remove entries.</summary>
[RequirePermission(Permission.ViewFamilies)]
public sealed class WaitingListModel(WaitingListService waitingLists, OrganisationService organisation, TimeProvider time) : HearthPageModel
{
    public Team Team { get; private set; } = null!;
    public IReadOnlyList<WaitingListRow> Rows { get; private set; } = [];
    public bool CanManage => User.Has(Permission.ManageCases);

    public async Task<IActionResult> OnGetAsync(Guid team, CancellationToken ct)
    {
        if (!Actor.CanSeeTeam(team) || (await organisation.ListTeamsAsync(Actor, ct)).FirstOrDefault(x => x.Id == team) is not { } found)
        {
            return NotFound();
        }
        Team = found;
        Rows = await waitingLists.WaitingListAsync(Actor, team, UkToday(time), ct);
        return Page();
    }
}
