using Hearth.Core.Security;
using Hearth.Core;
using Hearth.Core.Measures;
using Hearth.Core.Organisation;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Measures;

/// <summary>Measures due for a team: overdue first, then those due in the next two weeks, each with a link to record it.</summary>
[RequirePermission(Permission.ViewFamilies)]
public sealed class IndexModel(MeasuresDueQuery due, OrganisationService organisation, TimeProvider time) : HearthPageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Team { get; set; }

    public IReadOnlyList<Choice> TeamChoices { get; private set; } = [];
    public string? TeamName { get; private set; }
    public IReadOnlyList<MeasureDue> Due { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var teams = await organisation.ListTeamsAsync(Actor, ct);
        TeamChoices = teams.Select(t => new Choice(t.Id.ToString(), $"{t.Name} ({t.Service!.Name})")).ToList();
        if (Team is { } asked && teams.All(t => t.Id != asked))
        {
            return NotFound();
        }
        var team = teams.FirstOrDefault(t => t.Id == Team) ?? teams.FirstOrDefault();
        if (team is null)
        {
            return Page();
        }
        Team = team.Id;
        TeamName = team.Name;
        Today = time.TodayInUk();
        Due = await due.ForTeamAsync(Actor, team.Id, Today, ct: ct);
        return Page();
    }
}
