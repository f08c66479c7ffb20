using Hearth.Core.Auditing;
using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Casework;

public sealed class CaseworkTests : CaseworkTestBase
{
    [Fact]
    public async Task Reviews_are_scheduled_from_the_phase_start_once_and_overdue_ones_are_flagged_on_the_due_list()
    {
        await SetUpEpisodeAsync(toPhase2: true);

        var reviews = await Casework(c => c.ScheduleReviewsAsync(Practitioner, Episode.Id));
        var again = await Casework(c => c.ScheduleReviewsAsync(Practitioner, Episode.Id));

        Assert.Equal([new DateOnly(2026, 2, 28), new DateOnly(2026, 4, 30), new DateOnly(2026, 7, 31), new DateOnly(2027, 1, 31)], reviews.Select(r => r.DueOn));
        Assert.Equal([1, 2, 3, 4], reviews.Select(r => r.Sequence));
        Assert.Equal(4, again.Count);
        var due = await InScope(s => Get<DueList>(s).ForWorkerAsync(Practitioner, Worker.Id, Today));
        var overdue = due.Where(d => d.Kind == DueKind.ReviewOverdue).ToList();
        // Today is 2 November 2026: 31 July is 94 days ago, 28 February 247 days ago.
        Assert.Equal([247, 186, 94], overdue.Select(d => d.DaysOverdue));
        Assert.DoesNotContain(due, d => d.Kind == DueKind.ReviewDue);
        Assert.All(due, d => Assert.Equal("C-1", d.FamilyReference));
    }

    [Fact]
    public async Task Booster_sessions_stop_at_the_programme_maximum_until_a_manager_approves_one_with_a_reason()
    {
        await SetUpEpisodeAsync(toPhase2: true);
        var day = new DateOnly(2026, 10, 1);
        for (var i = 0; i < 3; i++)
        {
            await Sessions(s => s.RecordAsync(Practitioner, SessionOn(day.AddDays(i), 10, 60, SessionType.Booster)));
        }

        var fourth = await Assert.ThrowsAsync<ValidationFailedException>(() => Sessions(s => s.RecordAsync(Practitioner, SessionOn(day.AddDays(5), 10, 60, SessionType.Booster))));
        Assert.Equal("Type", Assert.Single(fourth.Errors).Field);
        Assert.Contains("allows 3 booster sessions and 3 are used", fourth.Errors[0].Message);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Sessions(s => s.ApproveExtraBoosterAsync(Practitioner, Episode.Id, "Relapse risk at Christmas")));
        var blank = await Assert.ThrowsAsync<ValidationFailedException>(() => Sessions(s => s.ApproveExtraBoosterAsync(Manager, Episode.Id, " ")));
        Assert.Equal("Reason", blank.Errors.Single().Field);

        var approval = await Sessions(s => s.ApproveExtraBoosterAsync(Manager, Episode.Id, "Relapse risk at Christmas"));
        await Sessions(s => s.RecordAsync(Practitioner, SessionOn(day.AddDays(5), 10, 60, SessionType.Booster)));
        await Assert.ThrowsAsync<ValidationFailedException>(() => Sessions(s => s.RecordAsync(Practitioner, SessionOn(day.AddDays(6), 10, 60, SessionType.Booster))));

        var count = await Sessions(s => s.BoostersAsync(Practitioner, Episode.Id));
        Assert.Equal(new BoosterCount(4, 3, 1), count);
        Assert.Equal(4, (await EpisodeAsync(Episode.Id)).BoosterSessions);
        var audit = await Query(d => d.AuditEvents.SingleAsync(e => e.EntityType == nameof(BoosterApproval) && e.EntityId == approval.Id.ToString()));
        Assert.Equal("Relapse risk at Christmas", audit.Reason);
        Assert.Equal("Morgan Manager", audit.ActorName);
    }

    [Fact]
    public async Task Quick_entry_of_boosters_beyond_the_limit_saves_none_of_the_day()
    {
        await SetUpEpisodeAsync(toPhase2: true);
        var day = new DateOnly(2026, 10, 1);
        await Sessions(s => s.RecordManyAsync(Practitioner, [SessionOn(day, 9, 60, SessionType.Booster), SessionOn(day, 11, 60, SessionType.Booster)]));

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => Sessions(s => s.RecordManyAsync(Practitioner,
            [SessionOn(day.AddDays(1), 9, 30), SessionOn(day.AddDays(1), 10, 60, SessionType.Booster), SessionOn(day.AddDays(1), 12, 60, SessionType.Booster)])));

        Assert.Equal("Sessions[2].Type", Assert.Single(e.Errors).Field);
        Assert.Equal(2, await Query(d => d.Set<Session>().CountAsync()));
    }

    [Fact]
    public async Task A_goal_cannot_be_rated_until_its_five_levels_are_written()
    {
        await SetUpEpisodeAsync(toPhase2: true);
        var goal = await Casework(c => c.AddGoalAsync(Practitioner, Episode.Id, new GoalInput(Child.Id, "Ava goes to school", "Kim", new DateOnly(2026, 12, 1), new GasLevels(null, null, null, null, null), [])));
        var reviews = await Casework(c => c.ScheduleReviewsAsync(Practitioner, Episode.Id));
        var review = reviews[0];

        var unrated = await Assert.ThrowsAsync<ValidationFailedException>(() => Casework(async c =>
            await c.RecordReviewAsync(Practitioner, review.Id, review.Version, new ReviewInput(new DateOnly(2026, 3, 2), "Kim, Ava, Wren", "Some progress", null, ReviewDecision.Continue, new Dictionary<Guid, int> { [goal.Id] = 0 }))));
        Assert.Equal($"Ratings[{goal.Id}]", Assert.Single(unrated.Errors).Field);
        Assert.Contains("no Goal Attainment Scaling levels", unrated.Errors[0].Message);

        var partial = await Assert.ThrowsAsync<ValidationFailedException>(() => Casework(async c =>
            await c.UpdateGoalAsync(Practitioner, goal.Id, goal.Version, new GoalInput(Child.Id, "Ava goes to school", "Kim", null, new GasLevels("a", "b", null, "d", null), []))));
        Assert.Equal(["Level0", "LevelPlus2"], partial.Errors.Select(x => x.Field));

        var levelled = await Casework(c => c.UpdateGoalAsync(Practitioner, goal.Id, goal.Version, new GoalInput(Child.Id, "Ava goes to school", "Kim", null, FiveLevels, [])));
        Assert.Equal(Today, levelled.LevelsSetOn);
        var held = await Casework(c => c.RecordReviewAsync(Practitioner, review.Id, review.Version,
            new ReviewInput(new DateOnly(2026, 3, 2), "Kim, Ava, Wren", "Attending four days", null, ReviewDecision.Continue, new Dictionary<Guid, int> { [goal.Id] = 1 })));
        Assert.Equal(1, Assert.Single(held.Ratings).Level);

        var later = reviews[1];
        var missing = await Assert.ThrowsAsync<ValidationFailedException>(() => Casework(c =>
            c.RecordReviewAsync(Practitioner, later.Id, later.Version, new ReviewInput(new DateOnly(2026, 5, 1), null, null, null, null, new Dictionary<Guid, int>()))));
        Assert.Equal(["Decision", $"Ratings[{goal.Id}]"], missing.Errors.Select(x => x.Field));
        var outOfRange = await Assert.ThrowsAsync<ValidationFailedException>(() => Casework(c =>
            c.RecordReviewAsync(Practitioner, later.Id, later.Version, new ReviewInput(new DateOnly(2026, 5, 1), null, null, null, ReviewDecision.Continue, new Dictionary<Guid, int> { [goal.Id] = 3 }))));
        Assert.Contains("from -2 to +2", outOfRange.Errors.Single().Message);
    }

    [Fact]
    public async Task Plan_versions_are_kept_and_a_review_can_amend_the_plan()
    {
        await SetUpEpisodeAsync(toPhase2: true);
        var plan = await Casework(c => c.SavePlanAsync(Practitioner, Episode.Id, null, new PlanInput(PlanKind.WholeFamilyPlan, "Kim attends the drug service weekly.", new DateOnly(2026, 12, 1))));
        plan = await Casework(c => c.SavePlanAsync(Practitioner, Episode.Id, plan.Version, new PlanInput(PlanKind.WholeFamilyPlan, "Kim attends the drug service weekly. Ava walks to school with her aunt.", new DateOnly(2026, 12, 1), "Added school run")));
        var review = (await Casework(c => c.ScheduleReviewsAsync(Practitioner, Episode.Id)))[0];
        await Casework(c => c.RecordReviewAsync(Practitioner, review.Id, review.Version, new ReviewInput(new DateOnly(2026, 3, 2), "Kim", "Good", "Fortnightly visits", ReviewDecision.StepDown,
            new Dictionary<Guid, int>(), new PlanInput(PlanKind.WholeFamilyPlan, "Fortnightly visits; Kim attends the drug service.", new DateOnly(2027, 1, 15), "Stepped down"))));

        var read = await Casework(c => c.ReadPlanAsync(Practitioner, plan.Id));
        Assert.Equal(3, read.CurrentVersion);
        Assert.Equal("Fortnightly visits; Kim attends the drug service.", read.Content);
        Assert.Equal([1, 2, 3], read.Versions.Select(v => v.Number));
        Assert.Equal("Kim attends the drug service weekly.", read.Versions[0].Content);
        Assert.Null(read.Versions[1].ReviewId);
        Assert.Equal(review.Id, read.Versions[2].ReviewId);

        // A stale edit (version read before the review amended it) is a conflict, not an overwrite.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Casework(c => c.SavePlanAsync(Practitioner, Episode.Id, plan.Version, new PlanInput(PlanKind.WholeFamilyPlan, "Overwrite", null))));
        Assert.Equal(3, (await Casework(c => c.ReadPlanAsync(Practitioner, plan.Id))).Versions.Count);
        var duplicate = await Assert.ThrowsAsync<ValidationFailedException>(() => Casework(c => c.SavePlanAsync(Practitioner, Episode.Id, null, new PlanInput(PlanKind.WholeFamilyPlan, "Again", null))));
        Assert.Equal("Kind", duplicate.Errors.Single().Field);
    }

    [Fact]
    public async Task Each_member_agrees_to_the_family_agreement_with_a_date_and_format()
    {
        await SetUpEpisodeAsync(toPhase2: false);
        var plan = await Casework(c => c.SavePlanAsync(Practitioner, Episode.Id, null, new PlanInput(PlanKind.FamilyAgreement, "We will be honest with each other.", null)));
        await Casework(c => c.RecordAgreementAsync(Practitioner, plan.Id, new AgreementInput(Parent.Id, new DateOnly(2025, 12, 5), AgreementFormat.Signed)));
        await Casework(c => c.RecordAgreementAsync(Practitioner, plan.Id, new AgreementInput(Child.Id, new DateOnly(2025, 12, 6), AgreementFormat.Pictorial)));
        var stranger = await FamilyWithChildAsync("C-2");

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => Casework(c => c.RecordAgreementAsync(Practitioner, plan.Id, new AgreementInput(stranger.Child.Id, Today.AddDays(1), AgreementFormat.Verbal))));

        Assert.Equal(["PersonId", "AgreedOn"], e.Errors.Select(x => x.Field));
        var read = await Casework(c => c.ReadPlanAsync(Practitioner, plan.Id));
        Assert.Equal([AgreementFormat.Signed, AgreementFormat.Pictorial], read.Agreements.OrderBy(a => a.AgreedOn).Select(a => a.Format));
        Assert.All(read.Agreements, a => Assert.Equal(1, a.PlanVersionNumber));
    }

    [Fact]
    public async Task Time_totals_are_summed_per_episode_and_phase()
    {
        await SetUpEpisodeAsync(toPhase2: true);
        await Sessions(s => s.RecordManyAsync(Practitioner,
        [
            SessionOn(new DateOnly(2025, 12, 10), 9, 120),
            SessionOn(new DateOnly(2025, 12, 10), 14, 90, SessionType.CommunityActivity),
            SessionOn(new DateOnly(2026, 1, 31), 10, 45, SessionType.Phone),
            SessionOn(new DateOnly(2026, 2, 10), 10, 60),
        ]));

        var totals = await Sessions(s => s.TimeTotalsAsync(Practitioner, Episode.Id));

        // 31 January is the day Phase 2 started, so that call counts in Phase 2.
        Assert.Equal(4, totals.Sessions);
        Assert.Equal(315, totals.Minutes);
        Assert.Equal([new PhaseTime("phase1", 2, 210), new PhaseTime("phase2", 2, 105)], totals.ByPhase);
    }

    [Fact]
    public async Task Bad_sessions_are_refused_whole_naming_each_field_and_the_row()
    {
        await SetUpEpisodeAsync(toPhase2: false);
        var backwards = SessionOn(new DateOnly(2025, 12, 10), 14, 60) with { End = new TimeOnly(13, 0) };
        var future = SessionOn(Today.AddDays(1), 10, 60);

        var one = await Assert.ThrowsAsync<ValidationFailedException>(() => Sessions(s => s.RecordAsync(Practitioner, backwards with { Date = Today.AddDays(1), WorkerIds = [] })));
        Assert.Equal(["Date", "End", "WorkerIds"], one.Errors.Select(x => x.Field));
        Assert.Contains("end after it starts", one.Errors[1].Message);

        var many = await Assert.ThrowsAsync<ValidationFailedException>(() => Sessions(s => s.RecordManyAsync(Practitioner, [SessionOn(new DateOnly(2025, 12, 11), 9, 30), backwards, future])));
        Assert.Equal(["Sessions[1].End", "Sessions[2].Date"], many.Errors.Select(x => x.Field));
        Assert.Contains("after today", many.Errors[1].Message);
        Assert.Equal(0, await Query(d => d.Set<Session>().CountAsync()));
        var today = await Sessions(s => s.RecordAsync(Practitioner, SessionOn(Today, 8, 30)));
        Assert.Equal(30, today.Minutes);
    }

    [Fact]
    public async Task Service_referral_waiting_time_runs_from_referral_to_acceptance_or_today()
    {
        await SetUpEpisodeAsync(toPhase2: true);
        var refs = Get<ServiceReferralService>;
        var drugs = await InScope(s => refs(s).AddToDirectoryAsync(Admin, new DirectoryServiceInput("Recovery Steps", "Drug and alcohol", "0191 000 0000")));
        var housing = await InScope(s => refs(s).AddToDirectoryAsync(Admin, new DirectoryServiceInput("Homes First", "Housing", null)));
        var debt = await InScope(s => refs(s).AddToDirectoryAsync(Admin, new DirectoryServiceInput("Money Matters", "Debt advice", null)));
        var a = await InScope(s => refs(s).ReferAsync(Practitioner, Episode.Id, new ServiceReferralInput(drugs.Id, Parent.Id, new DateOnly(2026, 2, 1), null)));
        a = await InScope(s => refs(s).ChangeStatusAsync(Practitioner, a.Id, a.Version, ServiceReferralStatus.Waiting, new DateOnly(2026, 2, 3), "On the waiting list"));
        a = await InScope(s => refs(s).ChangeStatusAsync(Practitioner, a.Id, a.Version, ServiceReferralStatus.Accepted, new DateOnly(2026, 3, 16), null));
        a = await InScope(s => refs(s).ChangeStatusAsync(Practitioner, a.Id, a.Version, ServiceReferralStatus.Engaged, new DateOnly(2026, 3, 20), null));
        await InScope(s => refs(s).ReferAsync(Practitioner, Episode.Id, new ServiceReferralInput(housing.Id, null, new DateOnly(2026, 10, 1), null)));
        var c = await InScope(s => refs(s).ReferAsync(Practitioner, Episode.Id, new ServiceReferralInput(debt.Id, null, new DateOnly(2026, 4, 1), null)));
        await InScope(s => refs(s).ChangeStatusAsync(Practitioner, c.Id, c.Version, ServiceReferralStatus.Declined, new DateOnly(2026, 4, 11), "Out of area"));

        var list = await InScope(s => refs(s).ForEpisodeAsync(Practitioner, Episode.Id));

        var recovery = list.Single(x => x.Service == "Recovery Steps");
        Assert.Equal((ServiceReferralStatus.Engaged, 43, false), (recovery.Status, recovery.DaysWaited, recovery.StillWaiting)); // 1 Feb -> 16 Mar
        var homes = list.Single(x => x.Service == "Homes First");
        Assert.Equal((32, true), (homes.DaysWaited, homes.StillWaiting)); // 1 Oct -> today, 2 Nov
        Assert.Equal(10, list.Single(x => x.Service == "Money Matters").DaysWaited);
        var history = await InScope(s => refs(s).HistoryAsync(Practitioner, a.Id));
        Assert.Equal([ServiceReferralStatus.Referred, ServiceReferralStatus.Waiting, ServiceReferralStatus.Accepted, ServiceReferralStatus.Engaged], history.Select(h => h.Status));
        var ended = await Assert.ThrowsAsync<ValidationFailedException>(() => InScope(s => refs(s).ChangeStatusAsync(Practitioner, c.Id, c.Version + 1, ServiceReferralStatus.Accepted, Today, null)));
        Assert.Equal("Status", ended.Errors.Single().Field);
    }

    [Fact]
    public async Task Due_lists_for_a_worker_and_a_team_show_reviews_goals_without_levels_plans_past_review_and_follow_ups()
    {
        await SetUpEpisodeAsync(toPhase2: true);
        await Casework(c => c.AddGoalAsync(Practitioner, Episode.Id, new GoalInput(null, "Family meals together", "Kim", null, new GasLevels(null, null, null, null, null), [])));
        var levelled = await Casework(c => c.AddGoalAsync(Practitioner, Episode.Id, new GoalInput(Child.Id, "Ava at school", "Kim", null, FiveLevels, [])));
        // Written a month ago with a review-by date two days ago (the clock is moved back, then forward).
        Time.Now = new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero);
        await Casework(c => c.SavePlanAsync(Practitioner, Episode.Id, null, new PlanInput(PlanKind.SafetyPlan, "Aunt Jo is the safe adult.", new DateOnly(2026, 10, 31))));
        Time.Now = new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);
        await Casework(c => c.ScheduleReviewsAsync(Practitioner, Episode.Id));
        var heldFirst = await Query(d => d.Set<Review>().OrderBy(r => r.DueOn).FirstAsync());
        await Casework(c => c.RecordReviewAsync(Practitioner, heldFirst.Id, heldFirst.Version, new ReviewInput(new DateOnly(2026, 3, 1), "Kim", null, null, ReviewDecision.Continue,
            new Dictionary<Guid, int> { [levelled.Id] = 0 })));

        // The measures due are checked in their own test; here only the casework items.
        var worker = (await InScope(s => Get<DueList>(s).ForWorkerAsync(Practitioner, Worker.Id, Today))).Where(d => d.Measure is null).ToList();
        var team = (await InScope(s => Get<DueList>(s).ForTeamAsync(Manager, TeamA.Id, Today))).Where(d => d.Measure is null).ToList();

        Assert.Equal([DueKind.ReviewOverdue, DueKind.ReviewOverdue, DueKind.PlanPastReview, DueKind.GoalWithoutLevels], worker.Select(d => d.Kind));
        Assert.Equal([186, 94, 2, 0], worker.Select(d => d.DaysOverdue));
        Assert.Contains("Family meals together", worker[3].Description);
        Assert.Equal(worker.Select(d => d.ItemId), team.Select(d => d.ItemId));
        // As of late January 2027 the 12-month review (31 January) comes within the 14-day window.
        var later = await InScope(s => Get<DueList>(s).ForTeamAsync(Manager, TeamA.Id, new DateOnly(2027, 1, 20)));
        Assert.Equal(new DateOnly(2027, 1, 31), later.Single(d => d.Kind == DueKind.ReviewDue).DueOn);
        await Assert.ThrowsAsync<AccessDeniedException>(() => InScope(s => Get<DueList>(s).ForWorkerAsync(Outsider, Worker.Id, Today)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => InScope(s => Get<DueList>(s).ForTeamAsync(Outsider, TeamA.Id, Today)));
    }

    [Fact]
    public async Task A_draft_survives_a_simulated_session_expiry_and_is_the_users_alone()
    {
        await SetUpEpisodeAsync(toPhase2: false);
        var fields = new Dictionary<string, string?> { ["Worries"] = "Kim's drinking at weekends", ["SafetyScale"] = "4" };
        await InScope(s => Get<DraftService>(s).SaveAsync(Practitioner, "assessment", Episode.Id.ToString(), fields));
        fields["SafetyScale"] = "5";
        await InScope(s => Get<DraftService>(s).SaveAsync(Practitioner, "assessment", Episode.Id.ToString(), fields));

        // The session expires: a new sign-in is a new actor object and a new request scope; only the user id is the same.
        var signedInAgain = ActorContext.ForUser(Practitioner.UserId!.Value, "Sam Practitioner", Role.Practitioner, [TeamA.Id]);
        var resumed = await InScope(s => Get<DraftService>(s).LoadAsync(signedInAgain, "assessment", Episode.Id.ToString()));

        Assert.NotNull(resumed);
        Assert.Equal("Kim's drinking at weekends", resumed["Worries"]);
        Assert.Equal("5", resumed["SafetyScale"]);
        Assert.Null(await InScope(s => Get<DraftService>(s).LoadAsync(Manager, "assessment", Episode.Id.ToString())));
        Assert.Equal(1, await Query(d => d.Set<Draft>().CountAsync()));
        await InScope(s => Get<DraftService>(s).DiscardAsync(signedInAgain, "assessment", Episode.Id.ToString()));
        Assert.Null(await InScope(s => Get<DraftService>(s).LoadAsync(signedInAgain, "assessment", Episode.Id.ToString())));
    }

    [Fact]
    public async Task Drafts_stay_out_of_the_audit_trail_and_the_final_save_is_audited()
    {
        await SetUpEpisodeAsync(toPhase2: false);
        var before = await Query(d => d.AuditEvents.CountAsync());
        var lastId = await Query(d => d.AuditEvents.MaxAsync(a => a.Id));
        var typed = "Kim has started drinking again";
        for (var n = 1; n <= 3; n++)
        {
            var fields = new Dictionary<string, string?> { ["PlanText"] = $"{typed}, draft {n}" };
            await InScope(s => Get<DraftService>(s).SaveAsync(Practitioner, "plan-WholeFamilyPlan", Episode.Id.ToString(), fields));
        }
        Assert.Equal(1, await Query(d => d.Set<Draft>().CountAsync()));
        Assert.Equal(before, await Query(d => d.AuditEvents.CountAsync()));

        var plan = await Casework(c => c.SavePlanAsync(Practitioner, Episode.Id, null, new PlanInput(PlanKind.WholeFamilyPlan, $"{typed}; Kim attends Recovery Steps weekly.", null)));
        await InScope(s => Get<DraftService>(s).DiscardAsync(Practitioner, "plan-WholeFamilyPlan", Episode.Id.ToString()));

        var events = await Query(d => d.AuditEvents.AsNoTracking().Where(a => a.Id > lastId).ToListAsync());
        Assert.DoesNotContain(events, e => e.EntityType == nameof(Draft));
        Assert.DoesNotContain(events, e => e.Changes != null && e.Changes.Contains("draft ", StringComparison.Ordinal));
        var created = Assert.Single(events, e => e.EntityType == nameof(Plan) && e.EntityId == plan.Id.ToString());
        Assert.Equal(AuditAction.Created, created.Action);
        Assert.Contains("Kim attends Recovery Steps weekly.", created.Changes);
        Assert.False(await Query(d => d.Set<Draft>().AnyAsync()));
    }

    [Fact]
    public async Task Assessments_go_from_draft_to_complete_to_authorised_by_a_manager_with_programme_questions_checked()
    {
        await SetUpEpisodeAsync(toPhase2: false);
        var input = new AssessmentInput(Received.AddDays(1), "Kim's drug use", "Grandparents help", "Kim engages with treatment", null,
            [new MemberAssessmentInput(Parent.Id, "Treatment", "Loves Ava", "Relapse")], new Dictionary<string, string?> { ["motivation_to_change"] = "11", ["no_such"] = "x" });

        var bad = await Assert.ThrowsAsync<ValidationFailedException>(() => Casework(c => c.StartAssessmentAsync(Practitioner, Episode.Id, input)));
        Assert.Equal(["Answers.motivation_to_change", "Answers.no_such"], bad.Errors.Select(e => e.Field));
        Assert.Equal(0, await Query(d => d.Set<Assessment>().CountAsync()));

        var started = await Casework(c => c.StartAssessmentAsync(Practitioner, Episode.Id, input with { Answers = new Dictionary<string, string?> { ["motivation_to_change"] = "6" } }));
        Assert.Equal(("72-hour assessment", AssessmentState.Draft), (started.AssessmentType, started.State));
        var incomplete = await Assert.ThrowsAsync<ValidationFailedException>(() => Casework(c =>
            c.UpdateAssessmentAsync(Practitioner, started.Id, started.Version, input with { Answers = new Dictionary<string, string?> { ["motivation_to_change"] = "6" } }, complete: true)));
        Assert.Equal(["SafetyScale", "Answers.substances_used"], incomplete.Errors.Select(e => e.Field));

        var complete = await Casework(c => c.UpdateAssessmentAsync(Practitioner, started.Id, started.Version,
            input with { SafetyScale = 4, Answers = new Dictionary<string, string?> { ["motivation_to_change"] = "6", ["substances_used"] = "Heroin", ["last_use"] = "2025-11-30" } }, complete: true));
        Assert.Equal(AssessmentState.Complete, complete.State);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Casework(c => c.AuthoriseAssessmentAsync(Practitioner, complete.Id, complete.Version)));
        var authorised = await Casework(c => c.AuthoriseAssessmentAsync(Manager, complete.Id, complete.Version));
        Assert.Equal((AssessmentState.Authorised, "Morgan Manager", Today), (authorised.State, authorised.AuthorisedBy, authorised.AuthorisedOn));

        var member = Assert.Single((await Casework(c => c.ReadAssessmentAsync(Practitioner, complete.Id))).Members);
        var goal = await Casework(c => c.AddGoalAsync(Practitioner, Episode.Id, new GoalInput(Parent.Id, "Kim stays in treatment", "Kim", null, FiveLevels, [member.Id])));
        Assert.Equal([member.Id], goal.NeedIds);
        var wrongNeed = await Assert.ThrowsAsync<ValidationFailedException>(() => Casework(c => c.AddGoalAsync(Practitioner, Episode.Id, new GoalInput(null, "x", "Kim", null, FiveLevels, [Guid.CreateVersion7()]))));
        Assert.Equal("NeedIds", wrongNeed.Errors.Single().Field);
    }

    [Fact]
    public async Task A_stale_goal_edit_is_a_conflict_and_writes_nothing()
    {
        await SetUpEpisodeAsync(toPhase2: false);
        var goal = await Casework(c => c.AddGoalAsync(Practitioner, Episode.Id, new GoalInput(null, "Calmer mornings", "Kim", null, FiveLevels, [])));
        await Casework(c => c.UpdateGoalAsync(Manager, goal.Id, goal.Version, new GoalInput(null, "Calmer mornings before school", "Kim", null, FiveLevels, [])));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Casework(c => c.UpdateGoalAsync(Practitioner, goal.Id, goal.Version, new GoalInput(null, "Quiet mornings", "Kim", null, FiveLevels, []))));

        Assert.Equal("Calmer mornings before school", (await Casework(c => c.ReadGoalAsync(Practitioner, goal.Id))).Title);
    }

    [Fact]
    public async Task A_practitioner_of_another_team_can_neither_read_nor_record_anything_in_the_episode()
    {
        await SetUpEpisodeAsync(toPhase2: true);
        var goal = await Casework(c => c.AddGoalAsync(Practitioner, Episode.Id, new GoalInput(null, "Calmer mornings", "Kim", null, FiveLevels, [])));
        var plan = await Casework(c => c.SavePlanAsync(Practitioner, Episode.Id, null, new PlanInput(PlanKind.SafetyPlan, "Aunt Jo", null)));
        var review = (await Casework(c => c.ScheduleReviewsAsync(Practitioner, Episode.Id)))[0];
        var directory = await InScope(s => Get<ServiceReferralService>(s).AddToDirectoryAsync(Admin, new DirectoryServiceInput("Recovery Steps", "Drug and alcohol", null)));
        var referral = await InScope(s => Get<ServiceReferralService>(s).ReferAsync(Practitioner, Episode.Id, new ServiceReferralInput(directory.Id, null, Today, null)));
        var id = Episode.Id;
        var o = Outsider;
        Func<IServiceProvider, Task>[] attempts =
        [
            s => Svc<CaseworkService>(s).StartAssessmentAsync(o, id, new AssessmentInput(Today, null, null, null, null, [], new Dictionary<string, string?>())),
            s => Svc<CaseworkService>(s).SavePlanAsync(o, id, null, new PlanInput(PlanKind.FamilyAgreement, "x", null)),
            s => Svc<CaseworkService>(s).ReadPlanAsync(o, plan.Id),
            s => Svc<CaseworkService>(s).PlansAsync(o, id),
            s => Svc<CaseworkService>(s).AddGoalAsync(o, id, new GoalInput(null, "x", "y", null, FiveLevels, [])),
            s => Svc<CaseworkService>(s).UpdateGoalAsync(o, goal.Id, goal.Version, new GoalInput(null, "x", "y", null, FiveLevels, [])),
            s => Svc<CaseworkService>(s).ReadGoalAsync(o, goal.Id),
            s => Svc<CaseworkService>(s).GoalsAsync(o, id),
            s => Svc<CaseworkService>(s).ScheduleReviewsAsync(o, id),
            s => Svc<CaseworkService>(s).ReadReviewAsync(o, review.Id),
            s => Svc<CaseworkService>(s).RecordReviewAsync(o, review.Id, review.Version, new ReviewInput(Today, null, null, null, ReviewDecision.Continue, new Dictionary<Guid, int>())),
            s => Svc<CaseworkService>(s).AddProfessionalAsync(o, id, new ProfessionalInput("a", "b", "c", null, true)),
            s => Svc<SessionService>(s).RecordAsync(o, SessionOn(Today, 9, 30)),
            s => Svc<SessionService>(s).SessionsAsync(o, id),
            s => Svc<SessionService>(s).TimeTotalsAsync(o, id),
            s => Svc<SessionService>(s).ApproveExtraBoosterAsync(OutsideManager, id, "reason"),
            s => Svc<ServiceReferralService>(s).ReferAsync(o, id, new ServiceReferralInput(directory.Id, null, Today, null)),
            s => Svc<ServiceReferralService>(s).ChangeStatusAsync(o, referral.Id, referral.Version, ServiceReferralStatus.Waiting, Today, null),
            s => Svc<ServiceReferralService>(s).ForEpisodeAsync(o, id),
            s => Svc<Chronology>(s).ForFamilyAsync(o, Family.Id),
        ];
        foreach (var attempt in attempts)
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => InScope(s => attempt(s.ServiceProvider)));
        }
        Assert.Equal(0, await Query(d => d.Set<Session>().CountAsync()));
        Assert.Equal(1, await Query(d => d.Set<ServiceReferralStatusChange>().CountAsync()));
    }

    [Fact]
    public async Task The_chronology_lists_every_item_newest_first_filterable_by_type_and_member()
    {
        await SetUpEpisodeAsync(toPhase2: true);
        await Sessions(s => s.RecordAsync(Practitioner, SessionOn(new DateOnly(2026, 2, 10), 10, 60) with { PersonIds = [Parent.Id] }));
        await Casework(c => c.AddGoalAsync(Practitioner, Episode.Id, new GoalInput(Child.Id, "Ava at school", "Kim", null, FiveLevels, [])));
        await Casework(c => c.SavePlanAsync(Practitioner, Episode.Id, null, new PlanInput(PlanKind.SafetyPlan, "Aunt Jo", null)));
        await Casework(c => c.AddProfessionalAsync(Practitioner, Episode.Id, new ProfessionalInput("Dr Rees", "Valley Surgery", "GP", null, true)));

        var all = await InScope(s => Get<Chronology>(s).ForFamilyAsync(Practitioner, Family.Id));
        var sessions = await InScope(s => Get<Chronology>(s).ForFamilyAsync(Practitioner, Family.Id, ChronologyKind.Session));
        var ava = await InScope(s => Get<Chronology>(s).ForFamilyAsync(Practitioner, Family.Id, personId: Child.Id));

        // Same-day entries newest first: on 4 December the assessment decision, then the move to phase 1, then the allocation.
        Assert.Equal(
        [
            (Today, ChronologyKind.Professional), (Today, ChronologyKind.Goal), (Today, ChronologyKind.Plan), (new DateOnly(2026, 2, 10), ChronologyKind.Session), (Phase2On, ChronologyKind.Phase),
            (Phase1On, ChronologyKind.Allocation), (Phase1On, ChronologyKind.Phase), (Phase1On, ChronologyKind.Assessment), (Received.AddDays(1), ChronologyKind.Phase),
            (Received, ChronologyKind.Phase), (Received, ChronologyKind.Triage), (Received, ChronologyKind.Referral),
        ], all.Select(e => (e.On, e.Kind)));
        // The team around the family is dated by the day the professional was recorded.
        Assert.Equal("Team around the family: Dr Rees, GP (Valley Surgery)", all[0].Summary);
        Assert.Equal("Allocated to Wren Worker", all[5].Summary);
        Assert.Equal("Assessment decision: Proceed", all[7].Summary);
        Assert.Equal("Children's safety plan version 1", all[2].Summary);
        Assert.Equal("Home visit, 60 minutes", Assert.Single(sessions).Summary);
        Assert.Equal([ChronologyKind.Goal, ChronologyKind.Triage, ChronologyKind.Referral], ava.Select(e => e.Kind));
        Assert.True(await Query(d => d.AuditEvents.AnyAsync(e => e.Action == AuditAction.Read && e.EntityId == Family.Id.ToString())));

        // There is one chronology: the family record shows exactly these entries.
        var record = await InScope(s => Get<Core.People.FamilyRecordService>(s).ReadAsync(Practitioner, Family.Id));
        Assert.Equal(all.Select(e => (e.Kind, e.ItemId)), record.Chronology.Select(e => (e.Kind, e.ItemId)));
        var timeline = await InScope(s => Get<Chronology>(s).TimelineAsync(Practitioner, Family.Id, ChronologyKind.Referral));
        Assert.Equal(("C-1", 2), (timeline.FamilyReference, timeline.Members.Count));
        Assert.Equal(ChronologyKind.Referral, Assert.Single(timeline.Entries).Kind);
    }

    [Fact]
    public async Task The_due_list_brings_in_the_measures_due_so_the_worker_has_one_list_overdue_first()
    {
        await SetUpEpisodeAsync(toPhase2: true);
        await Casework(c => c.ScheduleReviewsAsync(Practitioner, Episode.Id));

        var due = await InScope(s => Get<DueList>(s).ForWorkerAsync(Practitioner, Worker.Id, Today));

        // The episode opened on 1 December 2025, so the baseline forms were due by 15 December: 322 days before 2 November 2026.
        var baseline = due.Where(d => d.DueOn == new DateOnly(2025, 12, 15)).OrderBy(d => d.Measure!.InstrumentId, StringComparer.Ordinal).ToList();
        Assert.Equal([("sdq-parent", Child.Id, 322), ("wemwbs", Parent.Id, 322)], baseline.Select(d => (d.Measure!.InstrumentId, d.ItemId, d.DaysOverdue)));
        Assert.All(baseline, d => Assert.Equal(DueKind.MeasureOverdue, d.Kind));
        Assert.Equal([322, 322], due.Take(2).Select(d => d.DaysOverdue));
        Assert.True(due.ToList().FindIndex(d => d.Kind == DueKind.ReviewOverdue) > 1);
        Assert.Equal([247, 186, 94], due.Where(d => d.Kind == DueKind.ReviewOverdue).Select(d => d.DaysOverdue));

        string?[] sdq = [.. Enumerable.Repeat("1", 25), .. Enumerable.Repeat<string?>(null, 8)];
        await InScope(s => Get<Core.Measures.MeasureService>(s).RecordAsync(Practitioner,
            new Core.Measures.NewAdministration(Episode.Id, Child.Id, "sdq-parent", Core.Measures.TimePoint.Baseline, null, Core.Measures.Respondent.Parent, new DateOnly(2025, 12, 10), sdq)));
        var after = await InScope(s => Get<DueList>(s).ForTeamAsync(Manager, TeamA.Id, Today));

        Assert.Equal(["wemwbs"], after.Where(d => d.DueOn == new DateOnly(2025, 12, 15)).Select(d => d.Measure!.InstrumentId));
        Assert.Contains(after, d => d.Kind == DueKind.ReviewOverdue);
    }

    [Fact]
    public async Task The_team_around_the_family_is_changed_only_from_the_version_read()
    {
        await SetUpEpisodeAsync(toPhase2: false);
        var added = await Casework(c => c.AddProfessionalAsync(Practitioner, Episode.Id, new ProfessionalInput("Jo Head", "Greenfield Primary", "Safeguarding lead", "01234 567890", false)));

        var changed = await Casework(c => c.UpdateProfessionalAsync(Practitioner, added.Id, added.Version, new ProfessionalInput("Jo Head", "Greenfield Primary", "Headteacher", null, true)));
        var stale = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Casework(c => c.UpdateProfessionalAsync(Practitioner, added.Id, added.Version, new ProfessionalInput("Jo Head", "Greenfield Primary", "Teacher", null, false))));
        var blank = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Casework(c => c.UpdateProfessionalAsync(Practitioner, added.Id, changed.Version, new ProfessionalInput(" ", "Greenfield Primary", "", null, false))));

        Assert.Equal(["Name", "Role"], blank.Errors.Select(e => e.Field));
        var now = await Casework(c => c.ReadProfessionalAsync(Practitioner, added.Id));
        Assert.Equal(("Headteacher", (string?)null, true), (now.Role, now.Contact, now.ConsentToShare));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Casework(c => c.ReadProfessionalAsync(Outsider, added.Id)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Casework(c => c.UpdateProfessionalAsync(Outsider, added.Id, now.Version, new ProfessionalInput("x", "y", "z", null, true))));
    }

    [Fact]
    public async Task A_workers_time_is_split_between_families_and_other_work_within_the_period()
    {
        await SetUpEpisodeAsync(toPhase2: true);
        await Sessions(s => s.RecordAsync(Practitioner, SessionOn(new DateOnly(2026, 10, 20), 10, 90)));
        await Sessions(s => s.RecordAsync(Practitioner, SessionOn(new DateOnly(2026, 10, 21), 14, 60)));
        await Sessions(s => s.RecordAsync(Practitioner, SessionOn(new DateOnly(2026, 9, 1), 14, 60)));
        foreach (var (day, minutes, activity) in new[] { (20, 45, NonFamilyActivity.Travel), (21, 30, NonFamilyActivity.AgencyLiaison), (22, 15, NonFamilyActivity.Travel) })
        {
            await Sessions(s => s.LogWorkerTimeAsync(Practitioner, new WorkerTimeInput(Worker.Id, new DateOnly(2026, 10, day), minutes, activity, null)));
        }

        var split = await Sessions(s => s.TimeSplitAsync(Practitioner, Worker.Id, new DateOnly(2026, 10, 6), Today));

        // 90 + 60 minutes with the family (the September session is outside), 60 travel, 30 with agencies: 240 in all.
        Assert.Equal(150, split.FamilyMinutes);
        Assert.Equal(new Dictionary<NonFamilyActivity, int> { [NonFamilyActivity.Travel] = 60, [NonFamilyActivity.AgencyLiaison] = 30 }, split.OtherMinutes);
        Assert.Equal(240, split.TotalMinutes);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Sessions(s => s.TimeSplitAsync(Outsider, Worker.Id, new DateOnly(2026, 10, 6), Today)));
    }

    [Fact]
    public async Task A_service_referral_is_read_with_its_wait_and_another_team_cannot_read_it()
    {
        await SetUpEpisodeAsync(toPhase2: true);
        var directory = await InScope(s => Get<ServiceReferralService>(s).AddToDirectoryAsync(Admin, new DirectoryServiceInput("Recovery Steps", "Drug and alcohol", null)));
        var referral = await InScope(s => Get<ServiceReferralService>(s).ReferAsync(Practitioner, Episode.Id, new ServiceReferralInput(directory.Id, Parent.Id, new DateOnly(2026, 10, 1), null)));
        await InScope(s => Get<ServiceReferralService>(s).ChangeStatusAsync(Practitioner, referral.Id, referral.Version, ServiceReferralStatus.Accepted, new DateOnly(2026, 10, 22), null));

        var view = await InScope(s => Get<ServiceReferralService>(s).ReadAsync(Practitioner, referral.Id));

        // Referred 1 October, accepted 22 October: 21 days.
        Assert.Equal(("Recovery Steps", ServiceReferralStatus.Accepted, 21, false), (view.Service, view.Status, view.DaysWaited, view.StillWaiting));
        await Assert.ThrowsAsync<AccessDeniedException>(() => InScope(s => Get<ServiceReferralService>(s).ReadAsync(Outsider, referral.Id)));
    }

    private static T Svc<T>(IServiceProvider s) where T : notnull => (T)s.GetService(typeof(T))!;
}
