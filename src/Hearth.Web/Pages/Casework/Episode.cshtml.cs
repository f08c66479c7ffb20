using Hearth.Core.Casework;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Casework;

/// <summary>An episode's casework at a glance: goals, plans, reviews, sessions and time.</summary>
public sealed class EpisodeModel(CaseworkService casework, SessionService sessions) : CaseworkPageModel
{
    public EpisodeSummary Summary { get; private set; } = null!;
    public IReadOnlyList<Goal> Goals { get; private set; } = [];
    public IReadOnlyList<Plan> Plans { get; private set; } = [];
    public IReadOnlyList<Review> Reviews { get; private set; } = [];
    /// <summary>The GAS T-score of each held review with ratings, by review id.</summary>
    public IReadOnlyDictionary<Guid, GasReviewPoint> Gas { get; private set; } = new Dictionary<Guid, GasReviewPoint>();
    public IReadOnlyList<Session> Sessions { get; private set; } = [];
    public EpisodeTime Time { get; private set; } = new(0, 0, []);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Summary = await casework.SummaryAsync(Actor, id, ct);
        Goals = await casework.GoalsAsync(Actor, id, ct);
        Plans = await casework.PlansAsync(Actor, id, ct);
        Reviews = await casework.ReviewsAsync(Actor, id, ct);
        Gas = (await casework.GasTrajectoryAsync(Actor, id, ct)).ToDictionary(p => p.ReviewId);
        Sessions = await sessions.SessionsAsync(Actor, id, ct);
        Time = await sessions.TimeTotalsAsync(Actor, id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostScheduleAsync(Guid id, CancellationToken ct)
    {
        await casework.ScheduleReviewsAsync(Actor, id, ct);
        return Redirect($"/casework/episodes/{id}");
    }

    public static string Hours(int minutes) => $"{minutes / 60}h {minutes % 60:00}m";
}
