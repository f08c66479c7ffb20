using Hearth.Core;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.People;
using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;

namespace Hearth.Web.Api;

/// <summary>
/// A family's journey under /api/v1: families and people, referrals, triage decisions, allocations (and their ending and
/// handover), episode transitions and closures, caseloads, waiting lists and cases needing reallocation, so a council's front door can push referrals. Enum values are accepted in
/// snake_case ("waiting_list") or as named ("WaitingList"); edits carry the version the caller read.
/// </summary>
public static class JourneyApi
{
    public static void MapJourneyApi(this RouteGroupBuilder v1)
    {
        var casework = Policies.For(Permission.RecordCasework);
        var manage = Policies.For(Permission.ManageCases);

        var families = v1.MapGroup("/families").RequireAuthorization(Policies.For(Permission.ViewFamilies));
        families.MapGet("/{id:guid}", async (HttpContext http, FamilyRecordService records, Guid id, CancellationToken ct) =>
            TypedResults.Ok(FamilyRecordResponse.From(await records.ReadAsync(http.User.ToActor(), id, ct))))
            .WithName("GetFamilyRecord").WithSummary("A family's members, referrals, episodes and chronology; the read is written to the audit trail.");
        families.MapPost("/", async (HttpContext http, PeopleService people, NewFamilyRequest body, CancellationToken ct) =>
        {
            var family = await people.CreateFamilyAsync(http.User.ToActor(), new NewFamily(body.Reference ?? "", body.TeamId, body.Patch), ct);
            return TypedResults.Created($"/api/v1/families/{family.Id}", new CreatedResponse(family.Id, family.Version));
        }).RequireAuthorization(casework).WithName("CreateFamily");
        families.MapPost("/{id:guid}/people", async (HttpContext http, PeopleService people, Guid id, NewPersonRequest body, CancellationToken ct) =>
        {
            var v = new Validator();
            var sex = ApiEnum.Parse<Sex>(body.Sex ?? "Unknown", "Sex", v);
            var relationship = ApiEnum.Parse<Relationship>(body.Relationship ?? "Child", "Relationship", v);
            v.ThrowIfAny();
            var person = await people.AddPersonAsync(http.User.ToActor(), new NewPerson(id, body.GivenName ?? "", body.FamilyName ?? "", body.DateOfBirth)
            {
                ExpectedDateOfBirth = body.ExpectedDateOfBirth, Sex = sex, EthnicityCode = body.EthnicityCode, DisabilityCodes = body.DisabilityCodes ?? [],
                FirstLanguage = body.FirstLanguage, CouncilChildId = body.CouncilChildId, Upn = body.Upn, NhsNumber = body.NhsNumber, Postcode = body.Postcode,
                Relationship = relationship, NotADuplicate = body.NotADuplicate,
            }, ct);
            return TypedResults.Created($"/api/v1/families/people/{person.Id}", new CreatedResponse(person.Id, person.Version));
        }).RequireAuthorization(casework).WithName("AddPerson").WithSummary("Adds a person; a likely duplicate is refused (409) with the candidates unless notADuplicate is true.");
        families.MapPost("/people/{id:guid}/merge", async (HttpContext http, PeopleService people, Guid id, MergeRequest body, CancellationToken ct) =>
        {
            var kept = await people.MergeAsync(http.User.ToActor(), id, body.Version, body.MergeId, body.MergeVersion, body.Reason ?? "", ct);
            return TypedResults.Ok(new CreatedResponse(kept.Id, kept.Version));
        }).RequireAuthorization(manage).WithName("MergePerson")
            .WithSummary("Merges the duplicate mergeId into this person with a reason; both versions as read (409 when stale).");

        var referrals = v1.MapGroup("/referrals").RequireAuthorization(casework);
        referrals.MapPost("/", async (HttpContext http, ReferralService service, NewReferralRequest body, CancellationToken ct) =>
        {
            var v = new Validator();
            var channel = ApiEnum.Parse<ReferralChannel>(body.Channel, "Channel", v);
            var basis = ApiEnum.Parse<SharingBasis>(body.SharingBasis, "SharingBasis", v);
            var input = new NewReferral(body.TeamId, body.FamilyId, body.ChildIds ?? [], body.ReceivedOn, body.ReceivedAt,
                channel, body.Source ?? "", body.ReferrerAgency, body.ReferrerName, body.ReferrerContact, body.PresentingNeeds ?? [], body.ConsentToShare,
                v.Errors.Any(e => e.Field == "SharingBasis") ? SharingBasis.PublicTask : basis, body.EligibilityAnswers, body.Reference);
            if (v.Errors.Count > 0)
            {
                // Name every problem at once: the unreadable values, then Core's for the rest.
                var more = await service.CheckAsync(http.User.ToActor(), input, ct);
                throw new ValidationFailedException(v.Errors.Concat(more.Where(e => v.Errors.All(x => x.Field != e.Field))).ToList());
            }
            var referral = await service.RecordAsync(http.User.ToActor(), input, ct);
            return TypedResults.Created($"/api/v1/referrals/{referral.Id}", new ReferralCreatedResponse(referral.Id, referral.Version, referral.IsReReferral));
        }).WithName("CreateReferral").WithSummary("Records a referral; the response says whether it is a re-referral.");
        referrals.MapGet("/{id:guid}/earlier", async (HttpContext http, ReferralService service, Guid id, CancellationToken ct) =>
            TypedResults.Ok(await service.EarlierReferralsAsync(http.User.ToActor(), id, ct)))
            .WithName("GetEarlierReferrals").WithSummary("Earlier referrals of the same children to the same service within 12 months.");
        referrals.MapPost("/{id:guid}/decision", async (HttpContext http, TriageService service, Guid id, TriageRequest body, CancellationToken ct) =>
        {
            var v = new Validator();
            var outcome = ApiEnum.Parse<TriageOutcome>(body.Outcome, "Outcome", v);
            WaitingPriority? priority = body.Priority is null ? null : ApiEnum.Parse<WaitingPriority>(body.Priority, "Priority", v);
            v.ThrowIfAny();
            var referral = await service.TriageAsync(http.User.ToActor(), id, body.Version, new TriageDecision(outcome, body.DecidedOn, body.Reason, body.ReferredOnTo, priority, body.Mode), ct);
            return TypedResults.Ok(new DecisionResponse(referral.Id, referral.Version, referral.Status.ToString(), referral.EpisodeId));
        }).RequireAuthorization(manage).WithName("DecideReferral").WithSummary("Triage: accepted opens (or reopens) an episode.");

        var episodes = v1.MapGroup("/episodes").RequireAuthorization(casework);
        episodes.MapGet("/{id:guid}", async (HttpContext http, EpisodeService service, Guid id, CancellationToken ct) =>
            TypedResults.Ok(EpisodeResponse.From(await service.ReadAsync(http.User.ToActor(), id, ct)))).WithName("GetEpisode");
        episodes.MapPost("/{id:guid}/assessment-decision", async (HttpContext http, EpisodeService service, Guid id, AssessmentDecisionRequest body, CancellationToken ct) =>
        {
            var v = new Validator();
            var decision = ApiEnum.Parse<AssessmentDecision>(body.Decision, "Decision", v);
            v.ThrowIfAny();
            return TypedResults.Ok(EpisodeResponse.From(await service.RecordAssessmentDecisionAsync(http.User.ToActor(), id, body.Version, decision, body.DecidedOn, ct)));
        }).WithName("RecordAssessmentDecision");
        episodes.MapPost("/{id:guid}/transitions", async (HttpContext http, EpisodeService service, Guid id, TransitionRequest body, CancellationToken ct) =>
            TypedResults.Ok(EpisodeResponse.From(await service.MoveToPhaseAsync(http.User.ToActor(), id, body.Version, body.Phase ?? "", body.On, ct))))
            .WithName("MoveEpisodeToPhase");
        episodes.MapPost("/{id:guid}/allocations", async (HttpContext http, AllocationService service, Guid id, AllocationRequest body, CancellationToken ct) =>
        {
            var allocation = await service.AllocateAsync(http.User.ToActor(), new NewAllocation(id, body.WorkerId, body.From, body.IsLead ?? true, body.OverrideReason, body.Version), ct);
            return TypedResults.Created($"/api/v1/episodes/{id}", new CreatedResponse(allocation.Id, allocation.Version));
        }).RequireAuthorization(manage).WithName("AllocateEpisode").WithSummary("A worker at their maximum needs overrideReason, else 409.");
        episodes.MapPost("/{id:guid}/closure", async (HttpContext http, EpisodeService service, Guid id, ClosureRequest body, CancellationToken ct) =>
        {
            var v = new Validator();
            ClosureReason? reason = body.Reason is null ? null : ApiEnum.Parse<ClosureReason>(body.Reason, "ClosureReason", v);
            ClosureDestination? destination = body.Destination is null ? null : ApiEnum.Parse<ClosureDestination>(body.Destination, "ClosureDestination", v);
            v.ThrowIfAny();
            return TypedResults.Ok(EpisodeResponse.From(await service.CloseAsync(http.User.ToActor(), id, body.Version, new ClosureInput(body.ClosedOn, reason, destination, body.UnmetNeed), ct)));
        }).RequireAuthorization(manage).WithName("CloseEpisode");
        episodes.MapGet("/{id:guid}/follow-ups", async (HttpContext http, EpisodeService service, Guid id, CancellationToken ct) =>
            TypedResults.Ok((await service.FollowUpsAsync(http.User.ToActor(), id, ct)).Select(FollowUpResponse.From)))
            .WithName("ListFollowUps").WithSummary("The episode's follow-ups after closure and what each found (no_event, event, could_not_check; null while not done).");
        episodes.MapPost("/{id:guid}/follow-ups/{followUpId:guid}", async (HttpContext http, EpisodeService service, Guid id, Guid followUpId, FollowUpRequest body, CancellationToken ct) =>
        {
            var v = new Validator();
            FollowUpResult? result = body.Result is null ? null : ApiEnum.Parse<FollowUpResult>(body.Result, "Result", v);
            var events = (body.Events ?? []).Select((e, i) => new NewOutcomeEvent(e.PersonId, id, ApiEnum.Parse<OutcomeKind>(e.Kind, $"Events[{i}].Kind", v), e.OccurredOn, e.Note)).ToList();
            v.ThrowIfAny();
            var actor = http.User.ToActor();
            if (!(await service.FollowUpsAsync(actor, id, ct)).Any(f => f.Id == followUpId))
            {
                return Results.NotFound();
            }
            var saved = await service.RecordFollowUpAsync(actor, followUpId, body.Version, new FollowUpFinding(body.CheckedOn, result, body.Note, events), ct);
            return Results.Ok(FollowUpResponse.From(saved));
        }).WithName("RecordFollowUp").WithSummary("Records what a follow-up found: result no_event, event (with events: personId, kind re_referral|child_protection_plan|became_looked_after, occurredOn) or could_not_check.");

        var allocations = v1.MapGroup("/allocations/{id:guid}").RequireAuthorization(manage);
        allocations.MapPost("/end", async (HttpContext http, AllocationService service, Guid id, EndAllocationRequest body, CancellationToken ct) =>
        {
            var v = new Validator();
            var reason = EndReason(body.Reason, v);
            v.ThrowIfAny();
            var ended = await service.EndAllocationAsync(http.User.ToActor(), id, body.Version, new AllocationEnding(body.On, reason, body.Note), ct);
            return TypedResults.Ok(AllocationResponse.Of(ended));
        }).WithName("EndAllocation").WithSummary("Ends an allocation on a date with a reason: left_team, rebalancing, sickness or other (with a note).");
        allocations.MapPost("/hand-over", async (HttpContext http, AllocationService service, Guid id, HandOverRequest body, CancellationToken ct) =>
        {
            var v = new Validator();
            var reason = EndReason(body.Reason, v);
            v.ThrowIfAny();
            var next = await service.HandOverAsync(http.User.ToActor(), new Handover(id, body.Version, body.ToWorkerId, new AllocationEnding(body.On, reason, body.Note), body.OverrideReason), ct);
            return TypedResults.Created($"/api/v1/episodes/{next.EpisodeId}", AllocationResponse.Of(next));
        }).WithName("HandOverAllocation")
            .WithSummary("Ends the allocation and starts toWorkerId's on the same day, in one transaction; a worker at their maximum needs overrideReason, else 409.");

        var caseload = v1.MapGroup("/caseload").RequireAuthorization(Policies.For(Permission.ViewFamilies));
        caseload.MapGet("/", async (HttpContext http, EpisodeService service, TimeProvider time, Guid? team, Guid? worker, CancellationToken ct) =>
            TypedResults.Ok(await service.CaseloadAsync(http.User.ToActor(), team, worker, Today(time), ct)))
            .WithName("GetCaseload").WithSummary("Open episodes in the caller's teams; filter by ?team= or ?worker=.");
        caseload.MapGet("/waiting-list", async (HttpContext http, WaitingListService service, TimeProvider time, Guid team, CancellationToken ct) =>
            TypedResults.Ok(await service.WaitingListAsync(http.User.ToActor(), team, Today(time), ct)))
            .WithName("GetWaitingList");
        caseload.MapGet("/needing-reallocation", async (HttpContext http, AllocationService service, Guid? team, CancellationToken ct) =>
            TypedResults.Ok(await service.NeedingReallocationAsync(http.User.ToActor(), team, ct)))
            .RequireAuthorization(manage).WithName("GetCasesNeedingReallocation")
            .WithSummary("Open episodes with no open allocation, or held by a worker who is no longer active; ?team= narrows to one team.");
        caseload.MapGet("/resource-panel", async (HttpContext http, WaitingListService service, Guid[]? team, CancellationToken ct) =>
        {
            var actor = http.User.ToActor();
            return TypedResults.Ok(await service.ResourcePanelAsync(actor, team is { Length: > 0 } ? team : actor.TeamIds.ToList(), ct));
        }).RequireAuthorization(manage).WithName("GetResourcePanel").WithSummary("Waiting and unallocated referrals across ?team=&team= (default: the caller's teams) beside free capacity.");
    }

    // Closure sets its own end reason; a caller chooses one of the others.
    private static AllocationEndReason? EndReason(string? value, Validator v)
    {
        var reason = ApiEnum.Parse<AllocationEndReason>(value, "Reason", v);
        if (reason == AllocationEndReason.EpisodeClosed)
        {
            v.Add("Reason", "Choose one of: left_team, rebalancing, sickness, other");
        }
        return reason;
    }

    private static DateOnly Today(TimeProvider time) => time.TodayInUk();

    public sealed record NewFamilyRequest(string? Reference, Guid TeamId, string? Patch);
    public sealed record MergeRequest(int Version, Guid MergeId, int MergeVersion, string? Reason);

    public sealed record NewPersonRequest(string? GivenName, string? FamilyName, DateOnly? DateOfBirth, DateOnly? ExpectedDateOfBirth, string? Sex, string? EthnicityCode,
        IReadOnlyList<string>? DisabilityCodes, string? FirstLanguage, string? CouncilChildId, string? Upn, string? NhsNumber, string? Postcode, string? Relationship, bool NotADuplicate);
    public sealed record NewReferralRequest(Guid TeamId, Guid FamilyId, IReadOnlyList<Guid>? ChildIds, DateOnly ReceivedOn, TimeOnly? ReceivedAt, string? Channel, string? Source,
        string? ReferrerAgency, string? ReferrerName, string? ReferrerContact, IReadOnlyList<string>? PresentingNeeds, bool ConsentToShare, string? SharingBasis,
        IReadOnlyDictionary<string, bool>? EligibilityAnswers, string? Reference);
    public sealed record TriageRequest(int Version, string? Outcome, DateOnly DecidedOn, string? Reason, string? ReferredOnTo, string? Priority, string? Mode);
    public sealed record AssessmentDecisionRequest(int Version, string? Decision, DateOnly DecidedOn);
    public sealed record TransitionRequest(int Version, string? Phase, DateOnly On);
    /// <summary>Version, when given, is the episode version the caller read: a stale one is refused with 409.</summary>
    public sealed record AllocationRequest(Guid WorkerId, DateOnly From, bool? IsLead, string? OverrideReason, int? Version = null);
    public sealed record EndAllocationRequest(int Version, DateOnly On, string? Reason, string? Note);
    public sealed record HandOverRequest(int Version, Guid ToWorkerId, DateOnly On, string? Reason, string? Note, string? OverrideReason);
    public sealed record AllocationResponse(Guid Id, int Version, Guid EpisodeId, Guid WorkerId, DateOnly From, DateOnly? To, bool IsLead, string? OverrideReason, string? EndReason, string? EndNote)
    {
        public static AllocationResponse Of(Allocation a) => new(a.Id, a.Version, a.EpisodeId, a.WorkerId, a.From, a.To, a.IsLead, a.OverrideReason,
            a.EndReason is { } r ? System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(r.ToString()) : null, a.EndNote);
    }
    public sealed record ClosureRequest(int Version, DateOnly ClosedOn, string? Reason, string? Destination, bool UnmetNeed);

    public sealed record FollowUpEventRequest(Guid PersonId, string? Kind, DateOnly OccurredOn, string? Note);
    public sealed record FollowUpRequest(int Version, DateOnly? CheckedOn, string? Result, IReadOnlyList<FollowUpEventRequest>? Events, string? Note);
    public sealed record FollowUpResponse(Guid Id, int Version, Guid EpisodeId, int MonthsAfterClosure, DateOnly DueOn, DateOnly? CheckedOn, string? CheckedBy, string? Result, string? Note)
    {
        public static FollowUpResponse From(FollowUp f) => new(f.Id, f.Version, f.EpisodeId, f.MonthsAfterClosure, f.DueOn, f.CompletedOn, f.CompletedBy,
            f.Result is { } r ? System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(r.ToString()) : null, f.Note);
    }

    public sealed record CreatedResponse(Guid Id, int Version);
    public sealed record ReferralCreatedResponse(Guid Id, int Version, bool IsReReferral);
    public sealed record DecisionResponse(Guid Id, int Version, string Status, Guid? EpisodeId);

    public sealed record PhaseResponse(string Phase, DateOnly StartedOn, string StartedBy, DateOnly? EndedOn, bool Completed);

    public sealed record EpisodeResponse(Guid Id, int Version, Guid FamilyId, Guid TeamId, string CurrentPhase, DateOnly CurrentPhaseStartedOn, DateOnly? CurrentPhaseDueOn,
        bool IsIntensive, string? AssessmentDecision, DateOnly? ClosedOn, string? ClosureReason, string? ClosureDestination, bool UnmetNeed, string? DfeReasonForClosure,
        IReadOnlyList<PhaseResponse> Phases)
    {
        public static EpisodeResponse From(Episode e) => new(e.Id, e.Version, e.FamilyId, e.TeamId, e.CurrentPhase, e.CurrentPhaseStartedOn, e.CurrentPhaseDueOn, e.IsIntensive,
            e.AssessmentDecision?.ToString(), e.ClosedOn, e.ClosureReason is { } r ? ClosureCodes.Code(r) : null, e.ClosureDestination?.ToString(), e.UnmetNeed, e.DfeReasonForClosure,
            e.Phases.OrderBy(p => p.StartedOn).Select(p => new PhaseResponse(p.PhaseKey, p.StartedOn, p.StartedBy, p.EndedOn, p.Completed)).ToList());
    }

    public sealed record MemberResponse(Guid PersonId, int Version, string GivenName, string FamilyName, DateOnly? DateOfBirth, string Relationship, DateOnly From, DateOnly? To);
    public sealed record ReferralResponse(Guid Id, int Version, string? Reference, DateOnly ReceivedOn, string Source, string Status, DateOnly? DecidedOn, bool IsReReferral, Guid? EpisodeId, IReadOnlyList<Guid> ChildIds);

    public sealed record FamilyRecordResponse(Guid Id, int Version, string Reference, Guid TeamId, string TeamName, IReadOnlyList<MemberResponse> Members,
        IReadOnlyList<ReferralResponse> Referrals, IReadOnlyList<EpisodeResponse> Episodes, IReadOnlyList<Core.Casework.ChronologyEntry> Chronology)
    {
        public static FamilyRecordResponse From(FamilyRecord r) => new(r.Family.Id, r.Family.Version, r.Family.Reference, r.Family.TeamId, r.TeamName,
            r.Members.Select(m => new MemberResponse(m.Person.Id, m.Person.Version, m.Person.GivenName, m.Person.FamilyName, m.Person.DateOfBirth, m.Relationship.ToString(), m.From, m.To)).ToList(),
            r.Referrals.Select(x => new ReferralResponse(x.Id, x.Version, x.Reference, x.ReceivedOn, x.Source, x.Status.ToString(), x.DecidedOn, x.IsReReferral, x.EpisodeId, x.Children.Select(c => c.PersonId).ToList())).ToList(),
            r.Episodes.Select(EpisodeResponse.From).ToList(), r.Chronology);
    }
}

/// <summary>Enum values from JSON text: snake_case or the C# name, refused with the field named.</summary>
internal static class ApiEnum
{
    public static T Parse<T>(string? value, string field, Validator v) where T : struct, Enum
    {
        var compact = value?.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();
        if (!string.IsNullOrEmpty(compact) && !int.TryParse(compact, out _) && Enum.TryParse<T>(compact, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
        {
            return parsed;
        }
        v.Add(field, $"Choose one of: {string.Join(", ", Enum.GetNames<T>().Select(System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName))}");
        return default;
    }
}
