using Hearth.Core.Security;
using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Hearth.Core.Referrals;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Caseload;

/// <summary>My caseload, each of my teams' caseloads beside their workers' capacity, and each team's waiting list.</summary>
[RequirePermission(Permission.ViewFamilies)]
public sealed class IndexModel(EpisodeService episodes, AllocationService allocations, WaitingListService waitingLists, OrganisationService organisation, TimeProvider time,
    IStringLocalizer<SharedResource> t) : HearthPageModel
{
    public IReadOnlyList<CaseloadRow> Mine { get; private set; } = [];
    public List<(Team Team, IReadOnlyList<CaseloadRow> Caseload, TableModel Capacity, int Waiting, int FollowUpsDue)> Teams { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = UkToday(time);
        Mine = await episodes.MyCaseloadAsync(Actor, today, ct);
        // Council-wide roles would see every team here; the page lists the user's own teams, which is what they carry.
        var teams = (await organisation.ListTeamsAsync(Actor, ct)).Where(x => Actor.TeamIds.Contains(x.Id)).ToList();
        foreach (var team in teams)
        {
            var caseload = await episodes.CaseloadAsync(Actor, team.Id, null, today, ct);
            var loads = await allocations.LoadsAsync(Actor, [team.Id], ct);
            var waiting = await waitingLists.WaitingListAsync(Actor, team.Id, today, ct);
            var followUps = await episodes.FollowUpsDueAsync(Actor, team.Id, today, ct);
            Teams.Add((team, caseload,
                new TableModel(t["{0}: capacity", team.Name], [t["Worker"], t["Open cases"], t["Intensive cases"], t["Maximum"], t["Free"]],
                    loads.Select(l => (IReadOnlyList<string>)[l.Name, Number(l.OpenCases), l.OverCapacity ? t["{0} (over maximum)", l.OpenIntensive] : Number(l.OpenIntensive),
                        Number(l.MaxIntensiveCases), Number(l.FreeCapacity)]).ToList(),
                    NumericColumns: new HashSet<int> { 1, 2, 3, 4 }),
                waiting.Count, followUps.Count));
        }
    }
}

public sealed record CaseloadTableModel(string Caption, IReadOnlyList<CaseloadRow> Rows);
