using Hearth.Core.Casework;
using Hearth.Core.Episodes;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Casework;

/// <summary>An episode's casework at a glance: the assessment and its authorisation, goals, plans and who agreed them, reviews, sessions and time.</summary>
[RequirePermission(Permission.RecordCasework)]
public sealed class EpisodeModel(EpisodeService episodes, AssessmentService assessments, PlanService plans, GoalService goals, ReviewService reviews, SessionService sessions) : CaseworkPageModel
{
    public EpisodeSummary Summary { get; private set; } = null!;
    public IReadOnlyList<Goal> Goals { get; private set; } = [];
    public IReadOnlyList<Plan> Plans { get; private set; } = [];
    public Assessment? Assessment { get; private set; }
    public IReadOnlyList<PlanAgreement> Agreements { get; private set; } = [];
    public bool CanAuthorise => User.Has(Permission.ManageCases) && Assessment is { State: AssessmentState.Complete };
    public IReadOnlyList<Review> Reviews { get; private set; } = [];
    /// <summary>The GAS T-score of each held review with ratings, by review id.</summary>
    public IReadOnlyDictionary<Guid, GasReviewPoint> Gas { get; private set; } = new Dictionary<Guid, GasReviewPoint>();
    public IReadOnlyList<Session> Sessions { get; private set; } = [];
    public EpisodeTime Time { get; private set; } = new(0, 0, []);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Summary = await episodes.SummaryAsync(Actor, id, ct);
        Goals = await goals.GoalsAsync(Actor, id, ct);
        Plans = await plans.PlansAsync(Actor, id, ct);
        Assessment = (await assessments.AssessmentsAsync(Actor, id, ct)).LastOrDefault();
        Agreements = await plans.AgreementsAsync(Actor, id, ct);
        Reviews = await reviews.ReviewsAsync(Actor, id, ct);
        Gas = (await reviews.GasTrajectoryAsync(Actor, id, ct)).ToDictionary(p => p.ReviewId);
        Sessions = await sessions.SessionsAsync(Actor, id, ct);
        Time = await sessions.TimeTotalsAsync(Actor, id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostScheduleAsync(Guid id, CancellationToken ct)
    {
        await reviews.ScheduleReviewsAsync(Actor, id, ct);
        return RedirectToPage("/Casework/Episode", new { id });
    }

    /// <summary>The members who agreed the plan's current version, with when and how.</summary>
    public IEnumerable<(string Name, PlanAgreement Agreement)> AgreedCurrent(Plan plan) =>
        Agreements.Where(a => a.PlanId == plan.Id && a.PlanVersionNumber == plan.CurrentVersion)
            .Select(a => (Summary.Members.FirstOrDefault(m => m.Id == a.PersonId)?.Name ?? "", a));

    /// <summary>The family members who have not agreed the plan's current version.</summary>
    public IEnumerable<string> NotYetAgreed(Plan plan) =>
        Summary.Members.Where(m => !Agreements.Any(a => a.PlanId == plan.Id && a.PlanVersionNumber == plan.CurrentVersion && a.PersonId == m.Id)).Select(m => m.Name);

    public static string Hours(int minutes) => $"{minutes / 60}h {minutes % 60:00}m";
}
