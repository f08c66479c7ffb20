using Hearth.Core;
using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;

namespace Hearth.Web.Api;

/// <summary>
/// Casework under /api/v1: an episode's sessions, reviews, assessments, plans and their agreements, goals and service
/// referrals (RecordCasework), a manager's authorisation of an assessment (ManageCases), and a worker's due list (ViewFamilies). Every call is scoped to the caller's teams by the Core services.
/// </summary>
public static class CaseworkApi
{
    public sealed record SessionsRequest(IReadOnlyList<SessionInput> Sessions);
    public sealed record PlanRequest(int? Version, string Content, DateOnly? ReviewBy, string? ChangeSummary);
    public sealed record GoalRequest(int? Version, GoalInput Goal);
    public sealed record ReviewRequest(int Version, ReviewInput Review);
    public sealed record StatusRequest(int Version, ServiceReferralStatus Status, DateOnly On, string? Note);
    public sealed record BoosterApprovalRequest(string Reason);
    public sealed record ProfessionalRequest(int Version, ProfessionalInput Professional);
    /// <summary>AuthorisedOn defaults to today.</summary>
    public sealed record AuthorisationRequest(int Version, DateOnly? AuthorisedOn);
    /// <summary>Format: signed, verbal, pictorial, electronic or interpreted.</summary>
    public sealed record AgreementRequest(Guid PersonId, DateOnly AgreedOn, string? Format);
    /// <summary>An assessment's contents; Answers are keyed by the programme's question keys. Version is the one read (not for a new one).</summary>
    public sealed record AssessmentRequest(int Version, DateOnly? StartedOn, string? Worries, string? WorkingWell, string? NeedsToHappen, int? SafetyScale,
        IReadOnlyList<MemberAssessmentInput>? Members, IReadOnlyDictionary<string, string?>? Answers, bool Complete)
    {
        public AssessmentInput Input()
        {
            if (StartedOn is null)
            {
                throw new ValidationFailedException("StartedOn", "Enter the date the assessment started");
            }
            return new AssessmentInput(StartedOn.Value, Worries, WorkingWell, NeedsToHappen, SafetyScale, Members ?? [], Answers ?? new Dictionary<string, string?>());
        }
    }

    public static void MapCaseworkApi(this RouteGroupBuilder v1)
    {
        var episodes = v1.MapGroup("/episodes/{episodeId:guid}").RequireAuthorization(Policies.For(Permission.RecordCasework));
        episodes.MapGet("/sessions", async (HttpContext http, SessionService s, Guid episodeId, CancellationToken ct) =>
            TypedResults.Ok(await s.SessionsAsync(http.User.ToActor(), episodeId, ct))).WithName("ListSessions");
        episodes.MapPost("/sessions", async (HttpContext http, SessionService s, Guid episodeId, SessionsRequest body, CancellationToken ct) =>
        {
            // The route's episode applies to every session in the batch.
            var saved = await s.RecordManyAsync(http.User.ToActor(), body.Sessions.Select(x => x with { EpisodeId = episodeId }).ToList(), ct);
            return TypedResults.Created($"/api/v1/episodes/{episodeId}/sessions", saved);
        }).WithName("RecordSessions").WithSummary("Records several sessions at once; if any is refused none is saved.");
        episodes.MapGet("/time", async (HttpContext http, SessionService s, Guid episodeId, CancellationToken ct) =>
            TypedResults.Ok(await s.TimeTotalsAsync(http.User.ToActor(), episodeId, ct))).WithName("EpisodeTime");
        episodes.MapGet("/boosters", async (HttpContext http, SessionService s, Guid episodeId, CancellationToken ct) =>
            TypedResults.Ok(await s.BoostersAsync(http.User.ToActor(), episodeId, ct))).WithName("EpisodeBoosters");
        episodes.MapPost("/boosters/approvals", async (HttpContext http, SessionService s, Guid episodeId, BoosterApprovalRequest body, CancellationToken ct) =>
            TypedResults.Ok(await s.ApproveExtraBoosterAsync(http.User.ToActor(), episodeId, body.Reason, ct))).WithName("ApproveBooster")
            .WithSummary("A manager approves one booster session beyond the programme's maximum, with a reason.");

        episodes.MapGet("/reviews", async (HttpContext http, ReviewService c, Guid episodeId, CancellationToken ct) =>
            TypedResults.Ok(await c.ReviewsAsync(http.User.ToActor(), episodeId, ct))).WithName("ListReviews");
        episodes.MapGet("/gas", async (HttpContext http, ReviewService c, Guid episodeId, CancellationToken ct) =>
            TypedResults.Ok(await c.GasTrajectoryAsync(http.User.ToActor(), episodeId, ct))).WithName("GetGasTrajectory")
            .WithSummary("The GAS T-score at each held review, from the goal ratings recorded there.");
        episodes.MapPost("/reviews/schedule", async (HttpContext http, ReviewService c, Guid episodeId, CancellationToken ct) =>
            TypedResults.Ok(await c.ScheduleReviewsAsync(http.User.ToActor(), episodeId, ct))).WithName("ScheduleReviews")
            .WithSummary("Creates the current phase's reviews from the programme's review points; safe to repeat.");
        episodes.MapGet("/plans", async (HttpContext http, PlanService c, Guid episodeId, CancellationToken ct) =>
            TypedResults.Ok(await c.PlansAsync(http.User.ToActor(), episodeId, ct))).WithName("ListPlans");
        episodes.MapPut("/plans/{kind}", async (HttpContext http, PlanService c, Guid episodeId, PlanKind kind, PlanRequest body, CancellationToken ct) =>
            TypedResults.Ok(await c.SavePlanAsync(http.User.ToActor(), episodeId, body.Version, new PlanInput(kind, body.Content, body.ReviewBy, body.ChangeSummary), ct)))
            .WithName("SavePlan").WithSummary("Writes the plan's next version; pass the version you read (none for a new plan).");
        episodes.MapGet("/assessments", async (HttpContext http, AssessmentService c, Guid episodeId, CancellationToken ct) =>
            TypedResults.Ok(await c.AssessmentsAsync(http.User.ToActor(), episodeId, ct))).WithName("ListAssessments");
        episodes.MapPost("/assessments", async (HttpContext http, AssessmentService c, Guid episodeId, AssessmentRequest body, CancellationToken ct) =>
        {
            var started = await c.StartAssessmentAsync(http.User.ToActor(), episodeId, body.Input(), ct);
            return TypedResults.Created($"/api/v1/assessments/{started.Id}", started);
        }).WithName("StartAssessment").WithSummary("Starts the programme's assessment as a draft; complete it with PUT /assessments/{id} and complete: true.");
        episodes.MapGet("/agreements", async (HttpContext http, PlanService c, Guid episodeId, CancellationToken ct) =>
            TypedResults.Ok(await c.AgreementsAsync(http.User.ToActor(), episodeId, ct))).WithName("ListAgreements")
            .WithSummary("Every family member's agreement to the episode's plans: who, which version, when and how.");
        episodes.MapGet("/goals", async (HttpContext http, GoalService c, Guid episodeId, CancellationToken ct) =>
            TypedResults.Ok(await c.GoalsAsync(http.User.ToActor(), episodeId, ct))).WithName("ListGoals");
        episodes.MapPost("/goals", async (HttpContext http, GoalService c, Guid episodeId, GoalInput body, CancellationToken ct) =>
            TypedResults.Ok(await c.AddGoalAsync(http.User.ToActor(), episodeId, body, ct))).WithName("AddGoal");
        episodes.MapGet("/service-referrals", async (HttpContext http, ServiceReferralService r, Guid episodeId, CancellationToken ct) =>
            TypedResults.Ok(await r.ForEpisodeAsync(http.User.ToActor(), episodeId, ct))).WithName("ListServiceReferrals");
        episodes.MapPost("/service-referrals", async (HttpContext http, ServiceReferralService r, Guid episodeId, ServiceReferralInput body, CancellationToken ct) =>
            TypedResults.Ok(await r.ReferAsync(http.User.ToActor(), episodeId, body, ct))).WithName("ReferToService");

        episodes.MapGet("/professionals", async (HttpContext http, TeamAroundFamilyService c, Guid episodeId, CancellationToken ct) =>
            TypedResults.Ok(await c.ProfessionalsAsync(http.User.ToActor(), episodeId, ct))).WithName("ListProfessionals").WithSummary("The team around the family.");
        episodes.MapPost("/professionals", async (HttpContext http, TeamAroundFamilyService c, Guid episodeId, ProfessionalInput body, CancellationToken ct) =>
            TypedResults.Ok(await c.AddProfessionalAsync(http.User.ToActor(), episodeId, body, ct))).WithName("AddProfessional");

        var casework = v1.MapGroup("").RequireAuthorization(Policies.For(Permission.RecordCasework));
        casework.MapPut("/professionals/{id:guid}", async (HttpContext http, TeamAroundFamilyService c, Guid id, ProfessionalRequest body, CancellationToken ct) =>
            TypedResults.Ok(await c.UpdateProfessionalAsync(http.User.ToActor(), id, body.Version, body.Professional, ct))).WithName("UpdateProfessional");
        casework.MapGet("/service-referrals/{id:guid}", async (HttpContext http, ServiceReferralService r, Guid id, CancellationToken ct) =>
            TypedResults.Ok(await r.ReadAsync(http.User.ToActor(), id, ct))).WithName("ReadServiceReferral").WithSummary("A referral to a wider service with its wait so far.");
        casework.MapGet("/workers/{id:guid}/time", async (HttpContext http, SessionService s, TimeProvider time, Guid id, DateOnly? from, DateOnly? to, CancellationToken ct) =>
        {
            var until = to ?? time.TodayInUk();
            return TypedResults.Ok(await s.TimeSplitAsync(http.User.ToActor(), id, from ?? until.AddDays(-27), until, ct));
        }).WithName("WorkerTimeSplit").WithSummary("A worker's minutes with families against other work; ?from=&to= (the last 28 days by default).");
        casework.MapPut("/goals/{id:guid}", async (HttpContext http, GoalService c, Guid id, GoalRequest body, CancellationToken ct) =>
            TypedResults.Ok(await c.UpdateGoalAsync(http.User.ToActor(), id, body.Version ?? 0, body.Goal, ct))).WithName("UpdateGoal");
        casework.MapPut("/reviews/{id:guid}", async (HttpContext http, ReviewService c, Guid id, ReviewRequest body, CancellationToken ct) =>
            TypedResults.Ok(await c.RecordReviewAsync(http.User.ToActor(), id, body.Version, body.Review, ct))).WithName("RecordReview");
        casework.MapPut("/assessments/{id:guid}", async (HttpContext http, AssessmentService c, Guid id, AssessmentRequest body, CancellationToken ct) =>
            TypedResults.Ok(await c.UpdateAssessmentAsync(http.User.ToActor(), id, body.Version, body.Input(), body.Complete, ct))).WithName("UpdateAssessment")
            .WithSummary("Saves a draft assessment; complete: true also completes it, which needs every required answer and the safety scale (409 when the version is stale).");
        casework.MapPost("/service-referrals/{id:guid}/status", async (HttpContext http, ServiceReferralService r, Guid id, StatusRequest body, CancellationToken ct) =>
            TypedResults.Ok(await r.ChangeStatusAsync(http.User.ToActor(), id, body.Version, body.Status, body.On, body.Note, ct))).WithName("ChangeServiceReferralStatus");

        casework.MapPost("/plans/{id:guid}/agreements", async (HttpContext http, PlanService c, Guid id, AgreementRequest body, CancellationToken ct) =>
        {
            var v = new Validator();
            var format = ApiEnum.Parse<AgreementFormat>(body.Format, "Format", v);
            v.ThrowIfAny();
            var agreement = await c.RecordAgreementAsync(http.User.ToActor(), id, new AgreementInput(body.PersonId, body.AgreedOn, format), ct);
            return TypedResults.Created($"/api/v1/plans/{id}/agreements", agreement);
        }).WithName("RecordAgreement").WithSummary("A family member agreed the plan's current version: personId, agreedOn and format.");
        v1.MapPost("/assessments/{id:guid}/authorisation", async (HttpContext http, AssessmentService c, Guid id, AuthorisationRequest body, CancellationToken ct) =>
            TypedResults.Ok(await c.AuthoriseAssessmentAsync(http.User.ToActor(), id, body.Version, body.AuthorisedOn, ct)))
            .RequireAuthorization(Policies.For(Permission.ManageCases)).WithName("AuthoriseAssessment")
            .WithSummary("A manager authorises a complete assessment; pass the version you read (409 when stale).");

        casework.MapPost("/workers/{id:guid}/time", async (HttpContext http, SessionService s, Guid id, WorkerTimeInput body, CancellationToken ct) =>
            TypedResults.Ok(await s.LogWorkerTimeAsync(http.User.ToActor(), body with { WorkerId = id }, ct))).WithName("LogWorkerTime")
            .WithSummary("Non-family time: agency liaison, travel, training, supervision or admin.");

        v1.MapGroup("/families/{familyId:guid}/chronology").RequireAuthorization(Policies.For(Permission.ViewFamilies))
            .MapGet("/", async (HttpContext http, Chronology chronology, Guid familyId, ChronologyKind? type, Guid? person, CancellationToken ct) =>
                TypedResults.Ok(await chronology.ForFamilyAsync(http.User.ToActor(), familyId, type, person, ct)))
            .WithName("FamilyChronology").WithSummary("Every casework item, referral and phase change for a family, newest first; ?type=Session&person={id} filter it.");

        v1.MapGroup("/workers").RequireAuthorization(Policies.For(Permission.ViewFamilies))
            .MapGet("/{id:guid}/due", async (HttpContext http, DueList due, TimeProvider time, Guid id, DateOnly? asOf, CancellationToken ct) =>
                TypedResults.Ok(await due.ForWorkerAsync(http.User.ToActor(), id, asOf ?? time.TodayInUk(), ct)))
            .WithName("WorkerDue").WithSummary("Reviews due and overdue, goals without levels, plans past review, follow-ups and measures due for a worker.");
    }
}
