using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Hearth.Core.Referrals;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;

namespace Hearth.Web.Pages.Caseload;

/// <summary>My caseload, each of my teams' caseloads beside their workers' capacity, and each team's waiting list.</summary>
public sealed class IndexModel(EpisodeService episodes, AllocationService allocations, ReferralService referrals, OrganisationService organisation, TimeProvider time) : HearthPageModel
{
    public TableModel? Mine { get; private set; }
    public List<(Team Team, TableModel Caseload, TableModel Capacity, TableModel Waiting)> Teams { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var mine = await episodes.MyCaseloadAsync(Actor, today, ct);
        if (mine.Count > 0)
        {
            Mine = Caseload("My caseload", mine);
        }
        // Council-wide roles would see every team here; the page lists the user's own teams, which is what they carry.
        var teams = (await organisation.ListTeamsAsync(Actor, ct)).Where(t => Actor.TeamIds.Contains(t.Id)).ToList();
        foreach (var team in teams)
        {
            var caseload = await episodes.CaseloadAsync(Actor, team.Id, null, today, ct);
            var loads = await allocations.LoadsAsync(Actor, [team.Id], ct);
            var waiting = await referrals.WaitingListAsync(Actor, team.Id, today, ct);
            Teams.Add((team,
                Caseload($"{team.Name}: open episodes", caseload),
                new TableModel($"{team.Name}: capacity", ["Worker", "Intensive cases", "Maximum", "Free"],
                    loads.Select(l => (IReadOnlyList<string>)[l.Name, Number(l.OpenIntensive), Number(l.MaxIntensiveCases), Number(l.FreeCapacity)]).ToList(),
                    NumericColumns: new HashSet<int> { 1, 2, 3 }),
                new TableModel($"{team.Name}: waiting list", ["Position", "Family", "Priority", "Waiting since", "Days waited", "Reason"],
                    waiting.Select(w => (IReadOnlyList<string>)[Number(w.Position), w.FamilyReference, w.Priority.ToString(), Display.Date(w.Since), Number(w.DaysWaited), w.Reason]).ToList(),
                    NumericColumns: new HashSet<int> { 4 })));
        }
    }

    private static TableModel Caseload(string caption, IReadOnlyList<CaseloadRow> rows) =>
        new(caption, ["Family", "Phase", "Since", "Due", "Workers"],
            rows.Select(r => (IReadOnlyList<string>)[r.FamilyReference, r.Phase + (r.Overdue ? " (overdue)" : ""), Display.Date(r.PhaseStartedOn), Display.Date(r.PhaseDueOn),
                r.Workers.Count == 0 ? "Not allocated" : string.Join(", ", r.Workers)]).ToList());

    private static string Number(int n) => n.ToString(WebSetup.Culture);
}
