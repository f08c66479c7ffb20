using Hearth.Core.Episodes;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Episodes;

/// <summary>An episode: where it is in its programme, who holds it, how it closed, its follow-ups and outcomes, and a link to every next step.</summary>
[RequirePermission(Permission.ViewFamilies)]
public sealed class ShowModel(EpisodeService episodes, TimeProvider time, IStringLocalizer<SharedResource> t) : HearthPageModel
{
    [FromQuery(Name = "saved")] public string? Saved { get; set; }

    public EpisodeView View { get; private set; } = null!;
    public Episode Episode => View.Episode;
    public SummaryListModel Summary { get; private set; } = null!;
    public TableModel Phases { get; private set; } = null!;
    public TableModel Allocations { get; private set; } = null!;
    public TableModel Outcomes { get; private set; } = null!;
    public bool Overdue { get; private set; }

    public bool CanManage => User.Has(Permission.ManageCases);
    public bool CanRecord => User.Has(Permission.RecordCasework);
    public bool CanDecideAssessment => Episode.IsOpen && Episode.AssessmentDecision is null && View.Programme.AssessmentPhase is { } a
        && View.Programme.IndexOf(Episode.CurrentPhase) >= View.Programme.IndexOf(a.Key);
    public bool CanMoveOn => Episode.IsOpen && View.Programme.IndexOf(Episode.CurrentPhase) < View.Programme.Phases.Count - 1;
    public bool CanReopen { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        View = await episodes.ViewAsync(Actor, id, ct);
        var today = UkToday(time);
        Overdue = Episode.IsOpen && Episode.CurrentPhaseDueOn < today;
        CanReopen = Episode.ClosedOn is { } closed && closed.AddDays(View.Programme.ReopenWindowDays) >= today;
        var rows = new List<SummaryRow>
        {
            new(t["Status"], Episode.ClosedOn is { } c ? t["Closed on {0}", Display.Date(c)] : t["Open"]),
            new(t["Opened"], Display.Date(Episode.OpenedOn)),
        };
        if (Episode.IsOpen)
        {
            rows.Add(new(t["Current phase"], t["{0}, since {1}", View.PhaseName(Episode.CurrentPhase), Display.Date(Episode.CurrentPhaseStartedOn)]));
            rows.Add(new(t["Phase due to end"], Episode.CurrentPhaseDueOn is { } due ? Display.Date(due) + (Overdue ? " " + t["(overdue)"] : "") : t["No expected length"]));
        }
        if (Episode.Mode is not null)
        {
            rows.Add(new(t["Mode"], Episode.Mode));
        }
        rows.Add(new(t["Assessment decision"], Episode.AssessmentDecision is { } d ? t["{0} on {1}", t[CodeLabels.Of(d)], Display.Date(Episode.AssessmentDecidedOn)] : t["Not yet made"]));
        rows.Add(new(t["Workers"], Episode.Allocations.Where(a => a.To == null).Select(a => View.WorkerNames.GetValueOrDefault(a.WorkerId, "")).DefaultIfEmpty(t["Not allocated"]).Aggregate((x, y) => $"{x}, {y}")));
        if (Episode.ClosureReason is { } reason)
        {
            rows.Add(new(t["Closure reason"], t[CodeLabels.Of(reason)]));
            rows.Add(new(t["Destination"], Episode.ClosureDestination is { } dest ? t[CodeLabels.Of(dest)] : ""));
            rows.Add(new(t["Unmet need remains"], Episode.UnmetNeed ? t["Yes"] : t["No"]));
            rows.Add(new(t["DfE reason for closure"], Episode.DfeReasonForClosure ?? ""));
        }
        Summary = new SummaryListModel(rows);
        Phases = new TableModel(t["Phases"], [t["Phase"], t["Started"], t["Recorded by"], t["Ended"], t["Completed"]],
            Episode.Phases.OrderBy(p => p.StartedOn).ThenBy(p => View.Programme.IndexOf(p.PhaseKey)).Select(p => (IReadOnlyList<string>)
                [View.PhaseName(p.PhaseKey), Display.Date(p.StartedOn), p.StartedBy, Display.Date(p.EndedOn), p.EndedOn is null ? "" : p.Completed ? t["Yes"] : t["No"]]).ToList());
        Allocations = new TableModel(t["Allocations"], [t["Worker"], t["From"], t["To"], t["Lead"], t["Capacity override"], t["Why it ended"]],
            Episode.Allocations.OrderBy(a => a.From).ThenBy(a => a.To is null).Select(a => (IReadOnlyList<string>)
                [View.WorkerNames.GetValueOrDefault(a.WorkerId, ""), Display.Date(a.From), Display.Date(a.To), a.IsLead ? t["Yes"] : t["No"], a.OverrideReason ?? "",
                 a.EndReason is { } why ? t[AllocationEndReasons.Label(why)] + (a.EndNote is null ? "" : $": {a.EndNote}") : ""]).ToList());
        var names = View.Children.ToDictionary(c => c.PersonId, c => c.Name);
        Outcomes = new TableModel(t["Outcomes for the children"], [t["Date"], t["Child"], t["What happened"], t["Note"]],
            View.Outcomes.Select(o => (IReadOnlyList<string>)[Display.Date(o.OccurredOn), names.GetValueOrDefault(o.PersonId, ""), t[CodeLabels.Of(o.Kind)], o.Note ?? ""]).ToList());
        return Page();
    }
}
