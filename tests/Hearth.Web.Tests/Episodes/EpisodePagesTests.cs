using System.Net;
using Hearth.Core.Auditing;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Hearth.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Hearth.Web.Tests.Infrastructure.JourneyWebFactory;

namespace Hearth.Web.Tests.Episodes;

/// <summary>The episode page and its steps: allocation, assessment decision, phase change, closure, reopening, outcomes, follow-ups.</summary>
public sealed class EpisodePagesTests(JourneyWebFactory app) : IClassFixture<JourneyWebFactory>
{
    private static string Stale(Episode e) => (e.Version + 1).ToString();

    [Fact]
    public async Task The_episode_page_links_each_next_step_by_permission_and_its_opening_is_audited()
    {
        var (episode, _) = await app.EpisodeAsync();
        var practitioner = await app.SignedInClientAsync("Practitioner");
        var manager = await app.SignedInClientAsync("Manager");

        var seen = await HearthWebFactory.HtmlAsync(await practitioner.GetAsync($"/episodes/{episode.Id}"));
        var managed = await HearthWebFactory.HtmlAsync(await manager.GetAsync($"/episodes/{episode.Id}"));

        string[] Links(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelectorAll("main ul.govuk-list a").Select(a => a.GetAttribute("href")!).ToArray();
        var id = episode.Id;
        Assert.Equal([$"/episodes/{id}/phase", $"/episodes/{id}/outcome", $"/casework/episodes/{id}"], Links(seen));
        Assert.Equal([$"/episodes/{id}/allocate", $"/episodes/{id}/phase", $"/episodes/{id}/close", $"/episodes/{id}/outcome", $"/casework/episodes/{id}"], Links(managed));
        Assert.Contains("Consultation", seen.QuerySelector("main .govuk-summary-list")!.TextContent);
        Assert.True(await app.WithAsync(s => s.GetRequiredService<HearthDbContext>().AuditEvents
            .AnyAsync(a => a.Action == AuditAction.Read && a.EntityType == "Family" && a.EntityId == episode.FamilyId.ToString())));
    }

    [Fact]
    public async Task Every_episode_page_of_another_team_is_not_found_and_manager_steps_are_forbidden_to_practitioners()
    {
        var (other, _) = await app.EpisodeAsync("ifit-team");
        var practitioner = await app.SignedInClientAsync("Practitioner");
        foreach (var step in new[] { "", "/phase", "/assessment-decision", "/outcome" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await practitioner.GetAsync($"/episodes/{other.Id}{step}")).StatusCode);
        }
        var manager = await app.SignedInClientAsync("Manager");
        foreach (var step in new[] { "/allocate", "/close", "/reopen" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/episodes/{other.Id}{step}")).StatusCode);
        }
        var (own, _) = await app.EpisodeAsync();
        foreach (var step in new[] { "/allocate", "/close", "/reopen" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await practitioner.GetAsync($"/episodes/{own.Id}{step}")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignedInClientAsync("Performance")).GetAsync($"/episodes/{own.Id}/phase")).StatusCode);
    }

    [Fact]
    public async Task Allocation_offers_ranked_suggestions_and_needs_an_audited_override_reason_beyond_a_workers_maximum()
    {
        var team = await app.TeamAsync("ifss-1-team");
        var worker = await app.WithAsync(s => s.GetRequiredService<OrganisationService>().CreateWorkerAsync(Seeder,
            new NewWorker("ifss-1-team", $"Robin Full {Guid.NewGuid():N}"[..16], "Family worker", 1m, 1, [], team.Patch)));
        var (first, _) = await app.EpisodeAsync();
        await app.WithAsync(s => s.GetRequiredService<AllocationService>().AllocateAsync(Seeder, new NewAllocation(first.Id, worker.Id, first.OpenedOn)));
        var (episode, _) = await app.EpisodeAsync();
        var manager = await app.SignedInClientAsync("Manager");
        var path = $"/episodes/{episode.Id}/allocate";

        var form = await HearthWebFactory.HtmlAsync(await manager.GetAsync(path));
        var rows = form.QuerySelectorAll("main table tbody tr").Select(r => r.QuerySelector("th")!.TextContent.Trim()).ToList();
        Assert.Equal(worker.Name, rows[^1]);
        Assert.Contains("At their maximum", form.QuerySelector($"input[value='{worker.Id}'] ~ .govuk-hint")!.TextContent);

        var refused = await AssertRefusedAsync(await PostAsync(manager, path, [F("WorkerId", worker.Id.ToString()), F("IsLead", "yes"), F("Version", episode.Version.ToString()), .. Date("From", Today)]));
        Assert.Equal(["#override-reason"], ErrorLinks(refused));
        Assert.Contains($"{worker.Name} already holds 1 intensive case(s)", ErrorSummary(refused));
        var stale = await AssertRefusedAsync(await PostAsync(manager, path, [F("WorkerId", worker.Id.ToString()), F("IsLead", "yes"), F("OverrideReason", "Only Welsh speaker"), F("Version", Stale(episode)), .. Date("From", Today)]));
        Assert.Contains("changed by someone else", ErrorSummary(stale));
        var missing = await AssertRefusedAsync(await PostAsync(manager, path, [F("Version", episode.Version.ToString())]));
        Assert.Equal(["#worker-id", "#from", "#is-lead"], ErrorLinks(missing));
        Assert.Empty((await app.ReadEpisodeAsync(episode.Id)).Allocations);

        var saved = await PostAsync(manager, path, [F("WorkerId", worker.Id.ToString()), F("IsLead", "yes"), F("OverrideReason", "Only Welsh speaker"), F("Version", episode.Version.ToString()), .. Date("From", Today)]);

        Assert.Equal($"/episodes/{episode.Id}?saved=allocation", saved.Headers.Location!.OriginalString);
        var allocation = Assert.Single((await app.ReadEpisodeAsync(episode.Id)).Allocations);
        Assert.Equal((worker.Id, "Only Welsh speaker", true), (allocation.WorkerId, allocation.OverrideReason, allocation.IsLead));
        Assert.True(await app.WithAsync(s => s.GetRequiredService<HearthDbContext>().AuditEvents
            .AnyAsync(a => a.EntityId == allocation.Id.ToString() && a.Reason == "capacity override: Only Welsh speaker")));
    }

    [Fact]
    public async Task Phase_changes_are_guarded_by_the_assessment_decision_and_refuse_a_stale_version()
    {
        var episode = await app.EpisodeInPhaseAsync("assessment");
        var practitioner = await app.SignedInClientAsync("Practitioner");
        var phase = $"/episodes/{episode.Id}/phase";
        var decide = $"/episodes/{episode.Id}/assessment-decision";

        var guarded = await AssertRefusedAsync(await PostAsync(practitioner, phase, [F("PhaseKey", "phase1"), F("Version", episode.Version.ToString()), .. Date("StartedOn", new DateOnly(2026, 9, 10))]));
        Assert.Equal(["#phase-key"], ErrorLinks(guarded));
        Assert.Contains("Record the 72-hour assessment decision before starting Phase 1 (intensive)", ErrorSummary(guarded));
        var noDecision = await AssertRefusedAsync(await PostAsync(practitioner, decide, [F("Version", episode.Version.ToString()), .. Date("DecidedOn", new DateOnly(2026, 9, 5))]));
        Assert.Equal(["#decision"], ErrorLinks(noDecision));
        var staleDecision = await AssertRefusedAsync(await PostAsync(practitioner, decide, [F("Decision", "Proceed"), F("Version", Stale(episode)), .. Date("DecidedOn", new DateOnly(2026, 9, 5))]));
        Assert.Contains("changed by someone else", ErrorSummary(staleDecision));

        var decided = await PostAsync(practitioner, decide, [F("Decision", "Proceed"), F("Version", episode.Version.ToString()), .. Date("DecidedOn", new DateOnly(2026, 9, 5))]);
        Assert.Equal($"/episodes/{episode.Id}?saved=decision", decided.Headers.Location!.OriginalString);
        var afterDecision = await app.ReadEpisodeAsync(episode.Id);
        var stalePhase = await AssertRefusedAsync(await PostAsync(practitioner, phase, [F("PhaseKey", "phase1"), F("Version", episode.Version.ToString()), .. Date("StartedOn", new DateOnly(2026, 9, 10))]));
        Assert.Contains("changed by someone else", ErrorSummary(stalePhase));
        var early = await AssertRefusedAsync(await PostAsync(practitioner, phase, [F("PhaseKey", "phase1"), F("Version", afterDecision.Version.ToString()), .. Date("StartedOn", new DateOnly(2026, 9, 4))]));
        Assert.Equal(["#started-on"], ErrorLinks(early));

        var moved = await PostAsync(practitioner, phase, [F("PhaseKey", "phase1"), F("Version", afterDecision.Version.ToString()), .. Date("StartedOn", new DateOnly(2026, 9, 10))]);

        Assert.Equal($"/episodes/{episode.Id}?saved=phase", moved.Headers.Location!.OriginalString);
        var now = await app.ReadEpisodeAsync(episode.Id);
        Assert.Equal(("phase1", new DateOnly(2026, 9, 10), AssessmentDecision.Proceed), (now.CurrentPhase, now.CurrentPhaseStartedOn, now.AssessmentDecision));
        Assert.Equal("Sam Practitioner", now.Phases.Single(p => p.PhaseKey == "phase1").StartedBy);
    }

    [Fact]
    public async Task Closing_needs_a_reason_and_destination_maps_to_the_DfE_code_and_schedules_follow_ups()
    {
        var episode = await app.EpisodeInPhaseAsync("phase1");
        var manager = await app.SignedInClientAsync("Manager");
        var path = $"/episodes/{episode.Id}/close";
        var form = await HearthWebFactory.HtmlAsync(await manager.GetAsync(path));
        Assert.Contains("DfE code RC7", form.QuerySelector("#closure-reason-item-hint")!.TextContent);

        var missing = await AssertRefusedAsync(await PostAsync(manager, path, [F("Version", episode.Version.ToString()), .. Date("ClosedOn", Today)]));
        Assert.Equal(["#unmet-need", "#closure-reason", "#closure-destination"], ErrorLinks(missing));
        var core = await AssertRefusedAsync(await PostAsync(manager, path, [F("UnmetNeed", "no"), F("Version", episode.Version.ToString()), .. Date("ClosedOn", Today)]));
        Assert.Equal(["#closure-reason", "#closure-destination"], ErrorLinks(core));
        var stale = await AssertRefusedAsync(await PostAsync(manager, path, [F("ClosureReason", "SteppedDownEarlyHelp"), F("ClosureDestination", "EarlyHelp"), F("UnmetNeed", "yes"), F("Version", Stale(episode)), .. Date("ClosedOn", Today)]));
        Assert.Contains("changed by someone else", ErrorSummary(stale));
        Assert.True((await app.ReadEpisodeAsync(episode.Id)).IsOpen);

        var closed = await PostAsync(manager, path, [F("ClosureReason", "SteppedDownEarlyHelp"), F("ClosureDestination", "EarlyHelp"), F("UnmetNeed", "yes"), F("Version", episode.Version.ToString()), .. Date("ClosedOn", Today)]);

        Assert.Equal($"/episodes/{episode.Id}?saved=closure", closed.Headers.Location!.OriginalString);
        var now = await app.ReadEpisodeAsync(episode.Id);
        Assert.Equal((Today, ClosureReason.SteppedDownEarlyHelp, ClosureDestination.EarlyHelp, true, "RC7"),
            (now.ClosedOn!.Value, now.ClosureReason!.Value, now.ClosureDestination!.Value, now.UnmetNeed, now.DfeReasonForClosure!));
        var page = await HearthWebFactory.HtmlAsync(await manager.GetAsync($"/episodes/{episode.Id}"));
        Assert.Contains("Stepped down to early help", page.QuerySelector("main .govuk-summary-list")!.TextContent);
        Assert.Equal(["6", "12", "24"], page.QuerySelectorAll("main table").Single(t => t.QuerySelector("caption")!.TextContent == "Follow-ups after closure")
            .QuerySelectorAll("tbody th").Select(th => th.TextContent.Trim()));
        Assert.NotNull(page.QuerySelector($"a[href='/episodes/{episode.Id}/reopen']"));
        var closures = await HearthWebFactory.HtmlAsync(await manager.GetAsync($"/caseload/closures?team={now.TeamId}"));
        var row = closures.QuerySelectorAll("main tbody tr").Single(r => r.QuerySelector($"a[href='/episodes/{episode.Id}']") is not null);
        Assert.Equal(["2 November 2026", "62", "Stepped down to early help", "Early help", "Yes", "RC7"], row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public async Task The_close_form_continues_to_a_check_answers_page_with_change_links_and_saves_nothing_until_confirmed()
    {
        var episode = await app.EpisodeInPhaseAsync("phase1");
        var manager = await app.SignedInClientAsync("Manager");
        var path = $"/episodes/{episode.Id}/close";
        var form = await HearthWebFactory.HtmlAsync(await manager.GetAsync(path));
        Assert.Equal($"{path}?handler=Check", form.QuerySelector("main form")!.GetAttribute("action"));
        Assert.Equal("Continue", form.QuerySelector("main form button")!.TextContent.Trim());

        var incomplete = await AssertRefusedAsync(await PostAsync(manager, $"{path}?handler=Check", [F("Version", episode.Version.ToString()), .. Date("ClosedOn", Today)]));
        Assert.Equal(["#unmet-need", "#closure-reason", "#closure-destination"], ErrorLinks(incomplete));

        var check = await HearthWebFactory.HtmlAsync(await PostAsync(manager, $"{path}?handler=Check",
            [F("ClosureReason", "SteppedDownEarlyHelp"), F("ClosureDestination", "EarlyHelp"), F("UnmetNeed", "yes"), F("Version", episode.Version.ToString()), .. Date("ClosedOn", Today)]));
        Assert.Equal("Check your answers before closing the episode", check.QuerySelector("h1")!.TextContent.Trim());
        var rows = check.QuerySelectorAll("main .govuk-summary-list__row").Select(r => (
            r.QuerySelector("dt")!.TextContent.Trim(), r.QuerySelector(".govuk-summary-list__value")!.TextContent.Trim(), r.QuerySelector(".govuk-summary-list__actions a")!.GetAttribute("href")!)).ToList();
        Assert.Equal(["Why the episode is closing", "Where the family goes", "Unmet need remains", "Date closed"], rows.Select(r => r.Item1));
        Assert.Equal(["Stepped down to early help (DfE code RC7)", "Early help", "Yes", "2 November 2026"], rows.Select(r => r.Item2));
        Assert.All(rows, r => Assert.StartsWith($"{path}?", r.Item3, StringComparison.Ordinal));
        Assert.EndsWith("#closure-destination", rows[1].Item3, StringComparison.Ordinal);
        Assert.EndsWith("#closed-on-day", rows[3].Item3, StringComparison.Ordinal);
        Assert.True((await app.ReadEpisodeAsync(episode.Id)).IsOpen);

        // Change brings the form back with every answer kept.
        var change = await HearthWebFactory.HtmlAsync(await manager.GetAsync(rows[1].Item3.Split('#')[0]));
        Assert.Equal("SteppedDownEarlyHelp", change.QuerySelector("input[name=ClosureReason][checked]")!.GetAttribute("value"));
        Assert.Equal("EarlyHelp", change.QuerySelector("input[name=ClosureDestination][checked]")!.GetAttribute("value"));
        Assert.Equal("yes", change.QuerySelector("input[name=UnmetNeed][checked]")!.GetAttribute("value"));

        // The check page's own button closes it with the answers it showed.
        var confirm = check.QuerySelector("main form")!;
        Assert.Equal("Close the episode", confirm.QuerySelector("button")!.TextContent.Trim());
        Assert.Equal(path, confirm.GetAttribute("action"));
        var hidden = confirm.QuerySelectorAll("input[type=hidden]").Where(i => i.GetAttribute("name") != "__RequestVerificationToken")
            .Select(i => F(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
        var closed = await PostAsync(manager, confirm.GetAttribute("action")!, hidden);
        Assert.Equal($"/episodes/{episode.Id}?saved=closure", closed.Headers.Location!.OriginalString);
        var now = await app.ReadEpisodeAsync(episode.Id);
        Assert.Equal((Today, ClosureReason.SteppedDownEarlyHelp, ClosureDestination.EarlyHelp, true), (now.ClosedOn!.Value, now.ClosureReason!.Value, now.ClosureDestination!.Value, now.UnmetNeed));
    }

    [Fact]
    public async Task A_closed_episode_is_reopened_with_a_reason_within_its_window()
    {
        var (episode, _) = await app.EpisodeAsync();
        var closed = await app.WithAsync(s => s.GetRequiredService<EpisodeService>().CloseAsync(Seeder, episode.Id, episode.Version,
            new ClosureInput(new DateOnly(2026, 10, 1), ClosureReason.Disengaged, ClosureDestination.NoFurtherService, false)));
        var manager = await app.SignedInClientAsync("Manager");
        var path = $"/episodes/{episode.Id}/reopen";

        var missing = await AssertRefusedAsync(await PostAsync(manager, path, [F("Version", closed.Version.ToString()), .. Date("ReopenedOn", Today)]));
        Assert.Equal(["#reason"], ErrorLinks(missing));
        var stale = await AssertRefusedAsync(await PostAsync(manager, path, [F("Reason", "Family re-engaged"), F("Version", Stale(closed)), .. Date("ReopenedOn", Today)]));
        Assert.Contains("changed by someone else", ErrorSummary(stale));
        var reopened = await PostAsync(manager, path, [F("Reason", "Family re-engaged"), F("Version", closed.Version.ToString()), .. Date("ReopenedOn", Today)]);

        Assert.Equal($"/episodes/{episode.Id}?saved=reopening", reopened.Headers.Location!.OriginalString);
        var now = await app.ReadEpisodeAsync(episode.Id);
        Assert.Equal((null, Today, 1), (now.ClosedOn, now.ReopenedOn, now.ReopenCount));
    }

    [Fact]
    public async Task An_outcome_is_recorded_for_a_child_of_the_episode()
    {
        var (episode, child) = await app.EpisodeAsync();
        var practitioner = await app.SignedInClientAsync("Practitioner");
        var path = $"/episodes/{episode.Id}/outcome";

        var missing = await AssertRefusedAsync(await PostAsync(practitioner, path, [F("PersonId", child.ToString())]));
        Assert.Equal(["#kind", "#occurred-on"], ErrorLinks(missing));
        var early = await AssertRefusedAsync(await PostAsync(practitioner, path, [F("PersonId", child.ToString()), F("Kind", "ChildProtectionPlan"), .. Date("OccurredOn", new DateOnly(2026, 8, 1))]));
        Assert.Equal(["#occurred-on"], ErrorLinks(early));
        var saved = await PostAsync(practitioner, path, [F("PersonId", child.ToString()), F("Kind", "ChildProtectionPlan"), F("Note", "Initial conference"), .. Date("OccurredOn", new DateOnly(2026, 10, 1))]);

        Assert.Equal($"/episodes/{episode.Id}?saved=outcome", saved.Headers.Location!.OriginalString);
        var outcome = await app.WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<OutcomeEvent>().SingleAsync(o => o.EpisodeId == episode.Id));
        Assert.Equal((child, OutcomeKind.ChildProtectionPlan, new DateOnly(2026, 10, 1)), (outcome.PersonId, outcome.Kind, outcome.OccurredOn));
    }

    /// <summary>An episode closed on 1 October 2025: the 6-month follow-up fell due on 1 April 2026, the 12-month one on 1 October 2026.</summary>
    internal static async Task<(Episode Episode, Guid Child)> ClosedEpisodeWithFollowUpsAsync(JourneyWebFactory app)
    {
        var (episode, child) = await app.EpisodeAsync();
        await app.WithAsync(async s =>
        {
            var db = s.GetRequiredService<HearthDbContext>();
            var e = await db.Set<Episode>().SingleAsync(x => x.Id == episode.Id);
            e.OpenedOn = new DateOnly(2025, 9, 1);
            e.ClosedOn = new DateOnly(2025, 10, 1);
            e.ClosureReason = ClosureReason.GoalsAchieved;
            e.ClosureDestination = ClosureDestination.NoFurtherService;
            foreach (var months in new[] { 6, 12, 24 })
            {
                db.Add(new FollowUp { EpisodeId = e.Id, TeamId = e.TeamId, MonthsAfterClosure = months, DueOn = new DateOnly(2025, 10, 1).AddMonths(months) });
            }
            await db.SaveChangesAsync(Seeder);
            return true;
        });
        return (episode, child);
    }

    [Fact]
    public async Task A_due_follow_up_records_checked_with_an_event_for_a_child_or_nothing_is_saved()
    {
        var (episode, child) = await ClosedEpisodeWithFollowUpsAsync(app);
        var practitioner = await app.SignedInClientAsync("Practitioner");
        var due = await HearthWebFactory.HtmlAsync(await practitioner.GetAsync($"/caseload/follow-ups?team={episode.TeamId}"));
        var links = due.QuerySelectorAll($"main a[href^='/episodes/{episode.Id}/follow-ups/']").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(2, links.Count);
        var followUp = await app.WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<FollowUp>().SingleAsync(f => f.EpisodeId == episode.Id && f.MonthsAfterClosure == 12));
        var path = $"/episodes/{episode.Id}/follow-ups/{followUp.Id}";
        Assert.Contains(path, links);

        var form = await practitioner.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var page = await HearthWebFactory.HtmlAsync(form);
        Assert.Equal(["NoEvent", "Event", "CouldNotCheck"], page.QuerySelectorAll("input[name=Result]").Select(i => i.GetAttribute("value")!));
        Assert.Equal(["ReReferral", "ChildProtectionPlan", "BecameLookedAfter"], page.QuerySelectorAll("input[name=Kind]").Select(i => i.GetAttribute("value")!));

        var unsaid = await AssertRefusedAsync(await PostAsync(practitioner, path, [F("Version", followUp.Version.ToString()), .. Date("CheckedOn", Today)]));
        Assert.Equal(["#result"], ErrorLinks(unsaid));
        Assert.Contains("Say whether the follow-up was checked and what it found", ErrorSummary(unsaid));
        var incomplete = await AssertRefusedAsync(await PostAsync(practitioner, path, [F("Result", "Event"), F("Version", followUp.Version.ToString()), .. Date("CheckedOn", Today)]));
        Assert.Equal(["#kind", "#person-id", "#occurred-on"], ErrorLinks(incomplete));
        Assert.Contains("Choose which event happened", ErrorSummary(incomplete));
        var early = await AssertRefusedAsync(await PostAsync(practitioner, path, [F("Result", "NoEvent"), F("Version", followUp.Version.ToString()), .. Date("CheckedOn", new DateOnly(2026, 9, 30))]));
        Assert.Contains("The 12-month follow-up is due on 1 October 2026: the date of the follow-up cannot be before that", ErrorSummary(early));
        var stale = await AssertRefusedAsync(await PostAsync(practitioner, path, [F("Result", "NoEvent"), F("Version", (followUp.Version + 1).ToString()), .. Date("CheckedOn", Today)]));
        Assert.Contains("changed by someone else", ErrorSummary(stale));
        var untouched = await app.WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<FollowUp>().SingleAsync(f => f.Id == followUp.Id));
        Assert.Equal((null, null, followUp.Version), (untouched.Result, untouched.CompletedOn, untouched.Version));
        Assert.False(await app.WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<OutcomeEvent>().AnyAsync(o => o.EpisodeId == episode.Id)));

        var saved = await PostAsync(practitioner, path, [F("Result", "Event"), F("Kind", "BecameLookedAfter"), F("PersonId", child.ToString()), F("Note", "Section 20"),
            F("Version", followUp.Version.ToString()), .. Date("CheckedOn", Today), .. Date("OccurredOn", new DateOnly(2026, 6, 15))]);

        Assert.Equal($"/episodes/{episode.Id}?saved=follow-up", saved.Headers.Location!.OriginalString);
        var (done, outcome) = await app.WithAsync(async s =>
        {
            var db = s.GetRequiredService<HearthDbContext>();
            return (await db.Set<FollowUp>().SingleAsync(f => f.Id == followUp.Id), await db.Set<OutcomeEvent>().SingleAsync(o => o.EpisodeId == episode.Id));
        });
        Assert.Equal((Today, "Sam Practitioner", FollowUpResult.Event), (done.CompletedOn!.Value, done.CompletedBy!, done.Result!.Value));
        Assert.Equal((child, OutcomeKind.BecameLookedAfter, new DateOnly(2026, 6, 15)), (outcome.PersonId, outcome.Kind, outcome.OccurredOn));
        var shown = await HearthWebFactory.HtmlAsync(await practitioner.GetAsync($"/episodes/{episode.Id}"));
        Assert.Contains("Checked: event found, 2 November 2026 by Sam Practitioner", shown.QuerySelector("main")!.TextContent);
        var again = await AssertRefusedAsync(await PostAsync(practitioner, path, [F("Result", "NoEvent"), F("Version", done.Version.ToString()), .. Date("CheckedOn", Today)]));
        Assert.Contains("The follow-up was already recorded on 2 November 2026", ErrorSummary(again));
        var ifit = await app.TeamAsync("ifit-team");
        Assert.Equal(HttpStatusCode.NotFound, (await practitioner.GetAsync($"/caseload/follow-ups?team={ifit.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await practitioner.GetAsync($"/caseload/closures?team={ifit.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_follow_up_that_could_not_check_stays_unknown_can_be_recorded_again_and_is_forbidden_to_the_wrong_role()
    {
        var (episode, _) = await ClosedEpisodeWithFollowUpsAsync(app);
        var followUp = await app.WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<FollowUp>().SingleAsync(f => f.EpisodeId == episode.Id && f.MonthsAfterClosure == 6));
        var path = $"/episodes/{episode.Id}/follow-ups/{followUp.Id}";
        var performance = await app.SignedInClientAsync("Performance");
        Assert.Equal(HttpStatusCode.Forbidden, (await performance.GetAsync(path)).StatusCode);
        var practitioner = await app.SignedInClientAsync("Practitioner");

        var tried = await PostAsync(practitioner, path, [F("Result", "CouldNotCheck"), F("Note", "No answer at the address"), F("Version", followUp.Version.ToString()), .. Date("CheckedOn", new DateOnly(2026, 4, 7))]);

        Assert.Equal(HttpStatusCode.Redirect, tried.StatusCode);
        var episodePage = await HearthWebFactory.HtmlAsync(await practitioner.GetAsync($"/episodes/{episode.Id}"));
        Assert.Contains("Could not check, 7 April 2026 by Sam Practitioner", episodePage.QuerySelector("main")!.TextContent);
        Assert.NotNull(episodePage.QuerySelector($"main a[href='{path}']"));
        var version = (await app.WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<FollowUp>().SingleAsync(f => f.Id == followUp.Id))).Version;
        var checkedNow = await PostAsync(practitioner, path, [F("Result", "NoEvent"), F("Version", version.ToString()), .. Date("CheckedOn", Today)]);
        Assert.Equal(HttpStatusCode.Redirect, checkedNow.StatusCode);
        Assert.Equal(FollowUpResult.NoEvent, (await app.WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<FollowUp>().SingleAsync(f => f.Id == followUp.Id))).Result);
    }

    [Fact]
    public async Task The_caseload_links_each_family_to_its_episode_and_each_team_to_its_lists()
    {
        var (episode, _) = await app.EpisodeAsync();
        var manager = await app.SignedInClientAsync("Manager");

        var page = await HearthWebFactory.HtmlAsync(await manager.GetAsync("/caseload"));

        Assert.NotNull(page.QuerySelector($"main a[href='/episodes/{episode.Id}']"));
        foreach (var list in new[] { "waiting-list", "follow-ups", "closures" })
        {
            Assert.NotNull(page.QuerySelector($"main a[href='/caseload/{list}?team={episode.TeamId}']"));
        }
        var panel = await HearthWebFactory.HtmlAsync(await manager.GetAsync("/caseload/resource-panel"));
        Assert.NotNull(panel.QuerySelector($"main a[href='/episodes/{episode.Id}/allocate']"));
    }
}
