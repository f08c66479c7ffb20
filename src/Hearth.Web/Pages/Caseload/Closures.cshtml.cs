using Hearth.Core.Security;
using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Caseload;

/// <summary>A team's closures over the last 12 months, one row per family: how long each episode lasted, why it closed and where the family went.</summary>
[RequirePermission(Permission.ViewFamilies)]
public sealed class ClosuresModel(EpisodeService episodes, OrganisationService organisation, TimeProvider time) : HearthPageModel
{
    public Team Team { get; private set; } = null!;
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public IReadOnlyList<ClosedEpisode> Closures { get; private set; } = [];
    /// <summary>Every episode closed in the period, each family's latest and earlier ones.</summary>
    private IEnumerable<ClosedEpisode> AllEpisodes => Closures.SelectMany(c => c.Earlier.Prepend(c));
    public int Episodes => AllEpisodes.Count();
    public int SteppedDownToEarlyHelp => AllEpisodes.Count(c => c.Reason == ClosureReason.SteppedDownEarlyHelp);

    public async Task<IActionResult> OnGetAsync(Guid team, CancellationToken ct)
    {
        if (!Actor.CanSeeTeam(team) || (await organisation.ListTeamsAsync(Actor, ct)).FirstOrDefault(x => x.Id == team) is not { } found)
        {
            return NotFound();
        }
        Team = found;
        To = UkToday(time);
        From = To.AddMonths(-12).AddDays(1);
        Closures = await episodes.ClosuresAsync(Actor, team, From, To, ct);
        return Page();
    }
}
