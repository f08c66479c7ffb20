using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Core;
using Hearth.Core.Casework;
using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Casework;

/// <summary>What is due: the signed-in worker's list, another worker's (?worker=) or a team's (?team=).</summary>
[RequirePermission(Permission.RecordCasework)]
public sealed class DueModel(DueList due, EpisodeService episodes, OrganisationService organisation, TimeProvider time) : CaseworkPageModel
{
    [FromQuery(Name = "worker")] public Guid? WorkerId { get; set; }
    [FromQuery(Name = "team")] public Guid? TeamId { get; set; }

    public string Heading { get; private set; } = "";
    public IReadOnlyList<DueItem> Items { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public bool NoWorkerRecord { get; private set; }
    /// <summary>The worker holds no open episode, so an empty list says nothing about their work.</summary>
    public bool HoldsNoCases { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Today = time.TodayInUk();
        if (TeamId is { } team)
        {
            Items = await due.ForTeamAsync(Actor, team, Today, ct);
            var name = (await organisation.ListTeamsAsync(Actor, ct)).FirstOrDefault(t => t.Id == team)?.Name ?? "Team";
            Heading = $"What's due for {name}";
            return Page();
        }
        var worker = WorkerId ?? await due.WorkerOfUserAsync(Actor.UserId!.Value, ct);
        if (worker is null)
        {
            NoWorkerRecord = true;
            Heading = "What's due";
            return Page();
        }
        Items = await due.ForWorkerAsync(Actor, worker.Value, Today, ct);
        HoldsNoCases = (await episodes.CaseloadAsync(Actor, null, worker.Value, Today, ct)).Count == 0;
        Heading = WorkerId is null ? "What's due for you" : "What's due for this worker";
        return Page();
    }

    public static string KindText(DueKind kind) => kind switch
    {
        DueKind.ReviewOverdue => "Review overdue",
        DueKind.ReviewDue => "Review due",
        DueKind.GoalWithoutLevels => "Goal needs levels",
        DueKind.PlanPastReview => "Plan review overdue",
        DueKind.MeasureDue or DueKind.MeasureOverdue => "Measure due",
        _ => "Follow-up",
    };

    /// <summary>Where the item is dealt with: the review, the goal, the measure's form or else the episode.</summary>
    public string Href(DueItem item) => Href(Url, item);

    public static string Href(IUrlHelper url, DueItem item) => item.Kind switch
    {
        DueKind.ReviewOverdue or DueKind.ReviewDue => url.Page("/Casework/Review", new { id = item.ItemId })!,
        DueKind.GoalWithoutLevels => url.Page("/Casework/Goal", new { id = item.EpisodeId, goalId = item.ItemId })!,
        DueKind.MeasureDue or DueKind.MeasureOverdue when item.Measure is { } m => url.Page("/Measures/Record", new
        {
            episode = m.EpisodeId, instrument = m.InstrumentId, personid = m.PersonId, timepoint = m.TimePoint, timepointnumber = m.TimePointNumber, respondent = m.Respondent,
        })!,
        _ => url.Page("/Casework/Episode", new { id = item.EpisodeId })!,
    };
}
