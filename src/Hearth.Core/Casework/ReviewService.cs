using Hearth.Core.Data;
using Hearth.Core.Measures;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;
using static Hearth.Core.Casework.CaseworkScope;

namespace Hearth.Core.Casework;

public sealed record ReviewInput(
    DateOnly HeldOn, string? Attendees, string? Progress, string? PlanChanges, ReviewDecision? Decision,
    IReadOnlyDictionary<Guid, int> Ratings, PlanInput? PlanAmendment = null);

/// <summary>An episode's Goal Attainment Scaling at one held review: the review's number in the episode, its goals rated and their T-score.</summary>
/// <summary>One recording or amendment of a held review: when, who, and the fields it changed.</summary>
public sealed record ReviewChange(DateTimeOffset At, string By, IReadOnlyList<string> Fields);

public sealed record GasReviewPoint(Guid ReviewId, int Number, DateOnly HeldOn, int Goals, decimal? TScore);

/// <summary>
/// An episode's reviews: scheduled from the programme's review points, recorded when held (goal ratings, decision and
/// any plan amendment, which becomes a new plan version) and read back as the GAS trajectory.
/// </summary>
public sealed class ReviewService(HearthDbContext db, PlanService plans)
{
    /// <summary>
    /// Creates the current phase's reviews from the programme's review points (see <see cref="ReviewSchedule"/>).
    /// Safe to call repeatedly: a review already scheduled for a date is left as it is.
    /// </summary>
    public async Task<IReadOnlyList<Review>> ScheduleReviewsAsync(ActorContext actor, Guid episodeId, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var (episode, programme) = await db.EpisodeInScopeAsync(actor, episodeId, ct);
        if (episode.ClosedOn is null)
        {
            var existing = await db.Set<Review>().Where(r => r.EpisodeId == episode.Id && r.PhaseKey == episode.CurrentPhase).Select(r => r.DueOn).ToListAsync(ct);
            var sequence = existing.Count;
            foreach (var due in ReviewSchedule.DueDates(programme, episode.CurrentPhase, episode.CurrentPhaseStartedOn).Where(d => !existing.Contains(d)))
            {
                db.Add(new Review { EpisodeId = episode.Id, TeamId = episode.TeamId, PhaseKey = episode.CurrentPhase, DueOn = due, Sequence = ++sequence });
            }
            await db.SaveChangesAsync(actor, ct);
        }
        return await db.Set<Review>().AsNoTracking().Where(r => r.EpisodeId == episode.Id).OrderBy(r => r.DueOn).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<Review>> ReviewsAsync(ActorContext actor, Guid episodeId, CancellationToken ct = default)
    {
        await db.ReadEpisodeInScopeAsync(actor, episodeId, ct);
        return await db.Set<Review>().AsNoTracking().Include(r => r.Ratings).Where(r => r.EpisodeId == episodeId).OrderBy(r => r.DueOn).ToListAsync(ct);
    }

    public async Task<Review> ReadReviewAsync(ActorContext actor, Guid reviewId, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var review = await db.Set<Review>().AsNoTracking().InScope(actor).Include(r => r.Ratings).SingleOrDefaultAsync(r => r.Id == reviewId, ct) ?? throw NotFound("review");
        await db.RecordReadAsync(actor, nameof(Review), review.Id, ct);
        return review;
    }

    /// <summary>
    /// The recording of a held review and each amendment after it: when, by whom and which fields changed, from the
    /// audit trail, oldest first. An amendment replaces the review's fields; the trail keeps what they said before.
    /// </summary>
    public async Task<IReadOnlyList<ReviewChange>> HistoryAsync(ActorContext actor, Guid reviewId, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var review = await db.Set<Review>().AsNoTracking().InScope(actor).SingleOrDefaultAsync(r => r.Id == reviewId, ct) ?? throw NotFound("review");
        var id = review.Id.ToString();
        var events = await db.AuditEvents.AsNoTracking()
            .Where(a => a.EntityType == nameof(Review) && a.EntityId == id && a.Action == Auditing.AuditAction.Updated)
            .OrderBy(a => a.Id)
            .Select(a => new { a.OccurredAt, a.ActorName, a.Changes })
            .ToListAsync(ct);
        // Before it was held a review is only rescheduled; its history starts when it was recorded as held.
        return events.Select(e => new ReviewChange(e.OccurredAt, e.ActorName, Auditing.AuditChanges.Fields(e.Changes)))
            .SkipWhile(c => !c.Fields.Contains(nameof(Review.HeldOn))).ToList();
    }

    public static string DecisionLabel(ReviewDecision decision) => decision switch
    {
        ReviewDecision.Continue => "Continue",
        ReviewDecision.StepDown => "Step down",
        ReviewDecision.Close => "Close",
        ReviewDecision.Escalate => "Escalate",
        _ => decision.ToString(),
    };

    /// <summary>
    /// The episode's GAS trajectory: at each held review with ratings, the Kiresuk-Sherman T-score of the goals rated
    /// there (equal weights). The ratings are the GAS administrations; nothing is entered twice. Reviews are numbered
    /// in due-date order within the episode, as the measures report numbers them.
    /// </summary>
    public async Task<IReadOnlyList<GasReviewPoint>> GasTrajectoryAsync(ActorContext actor, Guid episodeId, CancellationToken ct = default)
    {
        var reviews = await ReviewsAsync(actor, episodeId, ct);
        var held = reviews.Where(r => r.HeldOn is not null && r.Ratings.Count > 0)
            .Select(r => (Review: r, Number: reviews.Count(o => o.DueOn < r.DueOn) + 1)).ToList();
        var scores = ReliableChange.GasTrajectory(new GoalAttainmentScaling(), held.Select(x => (IReadOnlyList<Measures.GoalRating>)x.Review.Ratings.Select(g => Measures.GoalRating.Of(g.Level)).ToList()));
        return held.Select((x, i) => new GasReviewPoint(x.Review.Id, x.Number, x.Review.HeldOn!.Value, x.Review.Ratings.Count, scores[i])).ToList();
    }

    /// <summary>Records a held review: attendees, a GAS level for every goal with levels, progress, decision and any plan amendment.</summary>
    public async Task<Review> RecordReviewAsync(ActorContext actor, Guid reviewId, int version, ReviewInput input, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var review = await db.Set<Review>().InScope(actor).Include(r => r.Ratings).SingleOrDefaultAsync(r => r.Id == reviewId, ct) ?? throw NotFound("review");
        review.Version = version;
        var (episode, _) = await db.EpisodeInScopeAsync(actor, review.EpisodeId, ct);
        var goals = await db.Set<Goal>().Where(g => g.EpisodeId == episode.Id).ToListAsync(ct);
        var v = new Validator();
        if (input.HeldOn > db.Today())
        {
            v.Add("HeldOn", "The review date must be today or in the past");
        }
        else if (input.HeldOn < episode.OpenedOn)
        {
            v.Add("HeldOn", "The review cannot be before the episode opened");
        }
        if (input.Decision is null)
        {
            v.Add("Decision", "Choose the review's decision");
        }
        v.MaxLength("Attendees", input.Attendees, 2000, "Who attended").MaxLength("Progress", input.Progress, 4000, "Progress").MaxLength("PlanChanges", input.PlanChanges, 4000, "Plan changes");
        foreach (var (goalId, level) in input.Ratings)
        {
            var goal = goals.FirstOrDefault(g => g.Id == goalId);
            if (goal is null)
            {
                v.Add($"Ratings[{goalId}]", "This goal is not part of the episode");
            }
            else if (!goal.HasLevels)
            {
                v.Add($"Ratings[{goalId}]", $"\"{goal.Title}\" has no Goal Attainment Scaling levels yet: write its five levels before rating it");
            }
            else if (level is < -2 or > 2)
            {
                v.Add($"Ratings[{goalId}]", $"Rate \"{goal.Title}\" from -2 to +2");
            }
        }
        foreach (var goal in goals.Where(g => g.HasLevels && !input.Ratings.ContainsKey(g.Id)))
        {
            v.Add($"Ratings[{goal.Id}]", $"Rate \"{goal.Title}\" from -2 to +2");
        }
        Plan? amended = null;
        if (input.PlanAmendment is { } amendment)
        {
            plans.Check(amendment, "Plan.", v);
            amended = await db.Set<Plan>().SingleOrDefaultAsync(p => p.EpisodeId == episode.Id && p.Kind == amendment.Kind, ct);
            if (amended is null)
            {
                v.Add("Plan.Kind", "The episode has no plan of that kind to amend");
            }
        }
        v.ThrowIfAny();
        review.HeldOn = input.HeldOn;
        review.Attendees = Clean(input.Attendees);
        review.Progress = Clean(input.Progress);
        review.PlanChanges = Clean(input.PlanChanges);
        review.Decision = input.Decision;
        foreach (var (goalId, level) in input.Ratings)
        {
            var rating = review.Ratings.FirstOrDefault(r => r.GoalId == goalId);
            if (rating is null)
            {
                var added = new GoalRating { ReviewId = review.Id, GoalId = goalId, Level = level };
                review.Ratings.Add(added);
                db.Add(added);
            }
            else
            {
                rating.Level = level;
            }
        }
        if (amended is not null)
        {
            plans.AddVersion(actor, amended, input.PlanAmendment!, review.Id);
        }
        await db.SaveChangesAsync(actor, ct);
        return review;
    }
}
