using Hearth.Core.Auditing;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Hearth.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Episodes;

public sealed class EpisodeTransitionTests : JourneyTestBase
{
    private static readonly DateOnly Received = new(2026, 9, 1);

    private Task<Episode> Move(Guid id, string phase, DateOnly on, ActorContext? actor = null) =>
        ActAsync(id, (s, v) => s.MoveToPhaseAsync(actor ?? Practitioner, id, v, phase, on));

    private Task<Episode> Decide(Guid id, DateOnly on, AssessmentDecision decision = AssessmentDecision.Proceed) =>
        ActAsync(id, (s, v) => s.RecordAssessmentDecisionAsync(Practitioner, id, v, decision, on));

    private Task<Episode> Close(Guid id, ClosureInput input, ActorContext? actor = null) =>
        ActAsync(id, (s, v) => s.CloseAsync(actor ?? Manager, id, v, input));

    [Fact]
    public async Task Accepting_a_referral_opens_an_episode_in_the_programmes_first_phase_under_the_version_in_effect()
    {
        var episode = await AcceptedEpisodeAsync("F-1", Received);

        Assert.Equal("consultation", episode.CurrentPhase);
        Assert.Equal(Received, episode.OpenedOn);
        Assert.True(episode.IsIntensive);
        var phase = Assert.Single(episode.Phases);
        Assert.Equal("Morgan Manager", phase.StartedBy);
        Assert.Equal(Received, phase.StartedOn);
    }

    [Fact]
    public async Task No_intensive_phase_before_an_assessment_decision()
    {
        var episode = await AcceptedEpisodeAsync("F-2", Received);
        await Move(episode.Id, "assessment", Received.AddDays(1));

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => Move(episode.Id, "phase1", Received.AddDays(4)));
        Assert.Equal("Phase", Assert.Single(e.Errors).Field);
        Assert.Contains("72-hour assessment decision", e.Errors[0].Message);

        await Decide(episode.Id, Received.AddDays(4));
        var moved = await Move(episode.Id, "phase1", Received.AddDays(4));
        Assert.Equal("phase1", moved.CurrentPhase);
        var history = (await EpisodeAsync(episode.Id)).Phases.OrderBy(p => p.StartedOn).ThenBy(p => p.EndedOn == null).ToList();
        Assert.Equal(["consultation", "assessment", "phase1"], history.Select(p => p.PhaseKey));
        Assert.All(history.Take(2), p => Assert.True(p.Completed));
        Assert.Equal(Received.AddDays(4), history[1].EndedOn);
        Assert.Equal("Sam Practitioner", history[1].EndedBy);
    }

    [Fact]
    public async Task An_assessment_deciding_no_further_work_blocks_the_work_phases()
    {
        var episode = await AcceptedEpisodeAsync("F-3", Received);
        await Move(episode.Id, "assessment", Received.AddDays(1));
        await Decide(episode.Id, Received.AddDays(3), AssessmentDecision.NoFurtherWork);

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => Move(episode.Id, "phase1", Received.AddDays(4)));
        Assert.Contains("no further work", e.Message);
    }

    [Fact]
    public async Task Transition_dates_cannot_be_in_the_future_before_the_referral_or_before_the_current_phase()
    {
        var episode = await AcceptedEpisodeAsync("F-4", Received);

        var future = await Assert.ThrowsAsync<ValidationFailedException>(() => Move(episode.Id, "assessment", Today.AddDays(1)));
        Assert.Equal("Date", future.Errors.Single().Field);
        var early = await Assert.ThrowsAsync<ValidationFailedException>(() => Move(episode.Id, "assessment", Received.AddDays(-1)));
        Assert.Contains("before the referral was received", early.Message);
        await Move(episode.Id, "assessment", Received.AddDays(5));
        await Decide(episode.Id, Received.AddDays(6));
        var beforePhase = await Assert.ThrowsAsync<ValidationFailedException>(() => Move(episode.Id, "phase1", Received.AddDays(4)));
        Assert.Contains("before the current phase started", beforePhase.Message);
    }

    [Fact]
    public async Task Episodes_move_forward_only()
    {
        var episode = await AcceptedEpisodeAsync("F-5", Received);
        await Move(episode.Id, "assessment", Received.AddDays(1));

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => Move(episode.Id, "consultation", Received.AddDays(2)));
        Assert.Contains("moves forward", e.Message);
        var unknown = await Assert.ThrowsAsync<ValidationFailedException>(() => Move(episode.Id, "phase9", Received.AddDays(2)));
        Assert.Contains("no phase called phase9", unknown.Message);
    }

    [Fact]
    public async Task Closure_needs_a_reason_and_a_destination_naming_both_fields()
    {
        var episode = await AcceptedEpisodeAsync("F-6", Received);

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => Close(episode.Id, new ClosureInput(Received.AddDays(10), null, null, false)));
        Assert.Equal(["ClosureReason", "ClosureDestination"], e.Errors.Select(x => x.Field));
        Assert.Null((await EpisodeAsync(episode.Id)).ClosedOn);
    }

    [Fact]
    public async Task Only_a_manager_closes_an_episode()
    {
        var episode = await AcceptedEpisodeAsync("F-7", Received);
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Close(episode.Id, new ClosureInput(Received.AddDays(10), ClosureReason.GoalsAchieved, ClosureDestination.NoFurtherService, false), Practitioner));
    }

    [Fact]
    public async Task Closure_records_reason_destination_unmet_need_and_the_DfE_code_and_schedules_follow_ups()
    {
        var episode = await AcceptedEpisodeAsync("F-8", Received);
        await Move(episode.Id, "assessment", Received.AddDays(1));
        await Decide(episode.Id, Received.AddDays(4));
        await Move(episode.Id, "phase1", Received.AddDays(4));
        await Move(episode.Id, "phase2", Received.AddDays(40));
        var closedOn = Received.AddDays(60);

        var closed = await Close(episode.Id, new ClosureInput(closedOn, ClosureReason.SteppedDownEarlyHelp, ClosureDestination.EarlyHelp, true));

        Assert.Equal(closedOn, closed.ClosedOn);
        Assert.True(closed.UnmetNeed);
        Assert.Equal("RC7", closed.DfeReasonForClosure);
        Assert.False(closed.IsIntensive);
        var phases = (await EpisodeAsync(episode.Id)).Phases;
        Assert.True(phases.Single(p => p.PhaseKey == "phase2").Completed, "Stepping down from Phase 2 completes it under the IFSS programme");
        var followUps = await InScope(s => Get<HearthDbContext>(s).Set<FollowUp>().Where(f => f.EpisodeId == episode.Id).OrderBy(f => f.DueOn).ToListAsync());
        Assert.Equal([closedOn.AddMonths(6), closedOn.AddMonths(12), closedOn.AddMonths(24)], followUps.Select(f => f.DueOn));
    }

    [Fact]
    public async Task Closing_straight_after_assessment_maps_to_RC8_or_RC9()
    {
        var first = await AcceptedEpisodeAsync("F-9", Received);
        await Move(first.Id, "assessment", Received.AddDays(1));
        var early = await Close(first.Id, new ClosureInput(Received.AddDays(3), ClosureReason.SteppedDownEarlyHelp, ClosureDestination.EarlyHelp, false));
        Assert.Equal("RC9", early.DfeReasonForClosure);

        var second = await AcceptedEpisodeAsync("F-10", Received);
        await Move(second.Id, "assessment", Received.AddDays(1));
        var nfa = await Close(second.Id, new ClosureInput(Received.AddDays(3), ClosureReason.SteppedDownUniversal, ClosureDestination.UniversalServices, false));
        Assert.Equal("RC8", nfa.DfeReasonForClosure);
    }

    [Theory]
    [InlineData(ClosureReason.GoalsAchieved, false, "RC7")]
    [InlineData(ClosureReason.SteppedDownEarlyHelp, false, "RC7")]
    [InlineData(ClosureReason.SteppedDownEarlyHelp, true, "RC9")]
    [InlineData(ClosureReason.SteppedDownUniversal, true, "RC8")]
    [InlineData(ClosureReason.SteppedUpCp, true, "RC7")]
    [InlineData(ClosureReason.LookedAfter, false, "RC7")]
    [InlineData(ClosureReason.Disengaged, false, "RC7")]
    [InlineData(ClosureReason.MovedAway, false, "RC5")]
    [InlineData(ClosureReason.MovedAway, true, "RC5")]
    [InlineData(ClosureReason.Other, false, "RC7")]
    public void Closure_reasons_map_to_DfE_ReasonForClosure(ClosureReason reason, bool afterAssessmentOnly, string code) =>
        Assert.Equal(code, ClosureCodes.ToDfeReasonForClosure(reason, afterAssessmentOnly));

    [Fact]
    public async Task Overdue_phases_are_flagged_past_their_expected_length()
    {
        var late = await AcceptedEpisodeAsync("F-11", Today.AddDays(-40));
        await Move(late.Id, "assessment", Today.AddDays(-30));
        var onTime = await AcceptedEpisodeAsync("F-12", Today.AddDays(-3));

        var caseload = await InScope(s => Get<EpisodeService>(s).CaseloadAsync(Manager, null, null, Today));

        var row = Assert.Single(caseload, r => r.Overdue);
        Assert.Equal(late.Id, row.EpisodeId);
        Assert.Equal("assessment", row.Phase);
        Assert.Equal(23, Today.DayNumber - row.PhaseDueOn!.Value.DayNumber);
        Assert.Contains(caseload, r => r.EpisodeId == onTime.Id && !r.Overdue);
        Assert.DoesNotContain(await InScope(s => Get<EpisodeService>(s).CaseloadAsync(Outsider, null, null, Today)), r => r.EpisodeId == late.Id);
    }

    [Fact]
    public async Task An_episode_reopens_within_the_programmes_window_and_not_after()
    {
        var episode = await AcceptedEpisodeAsync("F-13", Today.AddDays(-200));
        await Close(episode.Id, new ClosureInput(Today.AddDays(-100), ClosureReason.Disengaged, ClosureDestination.NoFurtherService, false));

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => ActAsync(episode.Id, (s, v) => s.ReopenAsync(Manager, episode.Id, v, Today, "family asked again")));
        Assert.Contains("within 90 days", e.Message);

        var other = await AcceptedEpisodeAsync("F-14", Today.AddDays(-200));
        await Close(other.Id, new ClosureInput(Today.AddDays(-30), ClosureReason.Disengaged, ClosureDestination.NoFurtherService, false));
        var reopened = await ActAsync(other.Id, (s, v) => s.ReopenAsync(Manager, other.Id, v, Today, "family asked again"));
        Assert.Null(reopened.ClosedOn);
        Assert.Equal(1, reopened.ReopenCount);
        Assert.Equal("consultation", reopened.CurrentPhase);
        Assert.Empty(await InScope(s => Get<HearthDbContext>(s).Set<FollowUp>().Where(f => f.EpisodeId == other.Id).ToListAsync()));
        var audit = await InScope(s => Get<HearthDbContext>(s).AuditEvents.Where(a => a.EntityId == other.Id.ToString() && a.Reason == "family asked again").CountAsync());
        Assert.Equal(1, audit);
    }

    [Fact]
    public async Task A_later_referral_reopens_a_recent_episode_but_opens_a_new_one_after_the_window()
    {
        var (family, child) = await FamilyWithChildAsync("F-15");
        var first = await RecordAsync(Referral(family, child.Id, Today.AddDays(-300)));
        var firstEpisode = (await TriageAsync(first.Id, new(TriageOutcome.Accepted, Today.AddDays(-300)))).EpisodeId!.Value;
        await Close(firstEpisode, new ClosureInput(Today.AddDays(-250), ClosureReason.GoalsAchieved, ClosureDestination.NoFurtherService, false));

        var second = await RecordAsync(Referral(family, child.Id, Today.AddDays(-200)));
        var secondEpisode = (await TriageAsync(second.Id, new(TriageOutcome.Accepted, Today.AddDays(-200)))).EpisodeId!.Value;
        Assert.Equal(firstEpisode, secondEpisode);
        await Close(firstEpisode, new ClosureInput(Today.AddDays(-150), ClosureReason.GoalsAchieved, ClosureDestination.NoFurtherService, false));

        var third = await RecordAsync(Referral(family, child.Id, Today.AddDays(-10)));
        var thirdEpisode = (await TriageAsync(third.Id, new(TriageOutcome.Accepted, Today.AddDays(-10)))).EpisodeId!.Value;
        Assert.NotEqual(firstEpisode, thirdEpisode);
    }

    [Fact]
    public async Task Follow_ups_are_listed_as_due_for_the_team_until_done()
    {
        var episode = await AcceptedEpisodeAsync("F-16", Today.AddDays(-500));
        await Close(episode.Id, new ClosureInput(Today.AddDays(-400), ClosureReason.GoalsAchieved, ClosureDestination.NoFurtherService, false));

        var due = await InScope(s => Get<EpisodeService>(s).FollowUpsDueAsync(Manager, TeamA.Id, Today));
        Assert.Equal([6, 12], due.Select(d => d.MonthsAfterClosure));
        Assert.Empty(await InScope(s => Get<EpisodeService>(s).FollowUpsDueAsync(Outsider, TeamA.Id, Today)));

        await InScope(s => Get<EpisodeService>(s).RecordFollowUpAsync(Practitioner, due[0].FollowUpId, due[0].Version, new FollowUpFinding(Today, FollowUpResult.NoEvent, "No re-referral, no CP plan")));
        var after = await InScope(s => Get<EpisodeService>(s).FollowUpsDueAsync(Manager, TeamA.Id, Today));
        Assert.Equal([12], after.Select(d => d.MonthsAfterClosure));
    }

    [Fact]
    public async Task A_follow_up_is_recorded_once_with_its_findings_as_outcome_events_or_not_at_all_and_audited()
    {
        var (family, child) = await FamilyWithChildAsync("F-16b");
        var referral = await RecordAsync(Referral(family, child.Id, Today.AddDays(-500)));
        var episodeId = (await TriageAsync(referral.Id, new(TriageOutcome.Accepted, Today.AddDays(-500)))).EpisodeId!.Value;
        var closedOn = Today.AddDays(-400);
        await Close(episodeId, new ClosureInput(closedOn, ClosureReason.GoalsAchieved, ClosureDestination.NoFurtherService, false));
        var due = (await InScope(s => Get<EpisodeService>(s).FollowUpsDueAsync(Manager, TeamA.Id, Today))).Single(d => d.EpisodeId == episodeId && d.MonthsAfterClosure == 6);
        var stranger = await FamilyWithChildAsync("F-16c");
        Task<FollowUp> Record(FollowUpFinding finding, int? version = null) =>
            InScope(s => Get<EpisodeService>(s).RecordFollowUpAsync(Practitioner, due.FollowUpId, version ?? due.Version, finding));
        Task<List<OutcomeEvent>> Outcomes() => InScope(s => Get<HearthDbContext>(s).Set<OutcomeEvent>().Where(o => o.EpisodeId == episodeId).ToListAsync());

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => Record(new(Today, FollowUpResult.Event, null,
            [new NewOutcomeEvent(child.Id, episodeId, OutcomeKind.ReReferral, Today.AddDays(-30), null), new NewOutcomeEvent(stranger.Child.Id, episodeId, OutcomeKind.BecameLookedAfter, Today.AddDays(-30), null)])));
        Assert.Equal(["PersonId"], refused.Errors.Select(e => e.Field));
        var early = await Assert.ThrowsAsync<ValidationFailedException>(() => Record(new(due.DueOn.AddDays(-1), FollowUpResult.NoEvent, null)));
        Assert.Equal(("CheckedOn", $"The 6-month follow-up is due on {due.DueOn:d MMMM yyyy}: the date of the follow-up cannot be before that"), (early.Errors[0].Field, early.Errors[0].Message));
        var unsaid = await Assert.ThrowsAsync<ValidationFailedException>(() => Record(new(null, null, null)));
        Assert.Equal(["Result", "CheckedOn"], unsaid.Errors.Select(e => e.Field));
        var noEvent = await Assert.ThrowsAsync<ValidationFailedException>(() => Record(new(Today, FollowUpResult.Event, null)));
        Assert.Equal("Kind", Assert.Single(noEvent.Errors).Field);
        var beforeClosure = await Assert.ThrowsAsync<ValidationFailedException>(() => Record(new(Today, FollowUpResult.Event, null,
            [new NewOutcomeEvent(child.Id, episodeId, OutcomeKind.ChildProtectionPlan, closedOn.AddDays(-1), null)])));
        Assert.Equal("OccurredOn", Assert.Single(beforeClosure.Errors).Field);
        Assert.Empty(await Outcomes());
        Assert.Null((await InScope(s => Get<EpisodeService>(s).FollowUpsAsync(Practitioner, episodeId))).Single(f => f.Id == due.FollowUpId).Result);

        // Could not check: recorded, still unknown, and may be recorded again once someone has checked.
        var tried = await Record(new(Today.AddDays(-3), FollowUpResult.CouldNotCheck, "No answer"));
        Assert.False(tried.IsChecked);
        var done = await Record(new(Today, FollowUpResult.Event, "Re-referred by school", [new NewOutcomeEvent(child.Id, Guid.Empty, OutcomeKind.ReReferral, Today.AddDays(-30), null)]), tried.Version);

        var outcome = Assert.Single(await Outcomes());
        Assert.Equal((child.Id, OutcomeKind.ReReferral, Today.AddDays(-30), TeamA.Id), (outcome.PersonId, outcome.Kind, outcome.OccurredOn, outcome.TeamId));
        Assert.Equal((Today, "Sam Practitioner", FollowUpResult.Event), (done.CompletedOn!.Value, done.CompletedBy!, done.Result!.Value));
        var again = await Assert.ThrowsAsync<ValidationFailedException>(() => Record(new(Today, FollowUpResult.NoEvent, null), done.Version));
        Assert.Equal(("Result", $"The follow-up was already recorded on 2 November 2026"), (again.Errors[0].Field, again.Errors[0].Message));

        // Each save is audited in its own transaction: the attempt, then the result with its outcome event.
        var audit = await InScope(s => Get<HearthDbContext>(s).AuditEvents.Where(a => a.EntityId == due.FollowUpId.ToString() && a.Action == AuditAction.Updated).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Equal((AuditAction.Updated, "FollowUp", "Sam Practitioner"), (a.Action, a.EntityType, a.ActorName)));
        Assert.Contains("CouldNotCheck", audit[0].Changes);
        Assert.Contains("\"Event\"", audit[1].Changes);
        Assert.True(await InScope(s => Get<HearthDbContext>(s).AuditEvents.AnyAsync(a => a.EntityType == "OutcomeEvent" && a.EntityId == outcome.Id.ToString() && a.Action == AuditAction.Created)));
    }

    [Fact]
    public async Task Outcome_events_are_dated_per_child_of_the_episode()
    {
        var (family, child) = await FamilyWithChildAsync("F-17");
        var referral = await RecordAsync(Referral(family, child.Id, Today.AddDays(-300)));
        var episodeId = (await TriageAsync(referral.Id, new(TriageOutcome.Accepted, Today.AddDays(-300)))).EpisodeId!.Value;
        await Close(episodeId, new ClosureInput(Today.AddDays(-200), ClosureReason.GoalsAchieved, ClosureDestination.NoFurtherService, false));

        var outcome = await InScope(s => Get<EpisodeService>(s).RecordOutcomeAsync(Practitioner, new NewOutcomeEvent(child.Id, episodeId, OutcomeKind.ChildProtectionPlan, Today.AddDays(-20), null)));
        Assert.Equal(TeamA.Id, outcome.TeamId);

        var stranger = await FamilyWithChildAsync("F-18");
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            InScope(s => Get<EpisodeService>(s).RecordOutcomeAsync(Practitioner, new NewOutcomeEvent(stranger.Child.Id, episodeId, OutcomeKind.BecameLookedAfter, Today.AddDays(1), null))));
        Assert.Equal(["PersonId", "OccurredOn"], e.Errors.Select(x => x.Field));
    }

    [Fact]
    public async Task A_stale_version_is_refused_with_a_concurrency_conflict()
    {
        var episode = await AcceptedEpisodeAsync("F-20", Received);
        var stale = episode.Version;
        await Move(episode.Id, "assessment", Received.AddDays(1));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            InScope(s => Get<EpisodeService>(s).RecordAssessmentDecisionAsync(Practitioner, episode.Id, stale, AssessmentDecision.Proceed, Received.AddDays(2))));
        Assert.Null((await EpisodeAsync(episode.Id)).AssessmentDecision);
    }

    [Fact]
    public async Task Another_teams_practitioner_cannot_move_the_episode()
    {
        var episode = await AcceptedEpisodeAsync("F-21", Received);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Move(episode.Id, "assessment", Received.AddDays(1), Outsider));
        Assert.False(await InScope(s => Get<HearthDbContext>(s).AuditEvents.AnyAsync(a => a.ActorName == Outsider.Name)));
    }
}
