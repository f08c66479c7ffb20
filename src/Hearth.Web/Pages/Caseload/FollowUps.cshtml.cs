using Hearth.Core.Security;
using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Caseload;

/// <summary>A team's follow-up points (6, 12, 24 months after closure) that are due and not yet done.</summary>
[RequirePermission(Permission.ViewFamilies)]
public sealed class FollowUpsModel(EpisodeService episodes, OrganisationService organisation, TimeProvider time) : HearthPageModel
{
    public Team Team { get; private set; } = null!;
    public IReadOnlyList<FollowUpDue> Due { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid team, CancellationToken ct)
    {
        if (!Actor.CanSeeTeam(team) || (await organisation.ListTeamsAsync(Actor, ct)).FirstOrDefault(x => x.Id == team) is not { } found)
        {
            return NotFound();
        }
        Team = found;
        Due = await episodes.FollowUpsDueAsync(Actor, team, UkToday(time), ct);
        return Page();
    }
}
