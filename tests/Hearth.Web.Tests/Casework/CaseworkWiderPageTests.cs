using System.Net;
using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests.Casework;

/// <summary>The chronology, team around the family, wider services, boosters and time pages, the merged due list and the long forms' drafts.</summary>
public sealed partial class CaseworkPageTests
{
    private static List<string> SummaryLinks(AngleSharp.Html.Dom.IHtmlDocument doc) =>
        doc.QuerySelectorAll("main > .govuk-error-summary a").Select(a => a.GetAttribute("href")!).ToList();

    private static List<string> SummaryTexts(AngleSharp.Html.Dom.IHtmlDocument doc) =>
        doc.QuerySelectorAll("main > .govuk-error-summary a").Select(a => a.TextContent.Trim()).ToList();

    private Task<T> Db<T>(Func<HearthDbContext, Task<T>> query) => WithAsync(s => query(s.GetRequiredService<HearthDbContext>()));

    [Fact]
    public async Task The_chronology_page_lists_the_familys_entries_filters_them_and_can_be_printed()
    {
        var (episode, workerId, members) = await SamsEpisodeAsync();
        await WithAsync(s => s.GetRequiredService<SessionService>().RecordAsync(System,
            new SessionInput(episode.Id, new DateOnly(2026, 10, 5), new TimeOnly(10, 0), new TimeOnly(11, 15), SessionType.HomeVisit, false, [members[0]], [workerId], null, null, null)));
        var client = await app.SignedInClientAsync("Practitioner");
        var path = $"/casework/families/{episode.FamilyId}/chronology";

        var doc = await HearthWebFactory.HtmlAsync(await client.GetAsync(path + $"?episode={episode.Id}"));

        Assert.Equal("Chronology", doc.QuerySelector("h1")!.TextContent);
        var rows = doc.QuerySelectorAll("main table tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(["5 October 2026", "Session", "Home visit, 75 minutes"], rows[0]);
        Assert.Contains(rows, r => r[1] == "Referral" && r[0] == "1 September 2026");
        Assert.Contains(rows, r => r[1] == "Allocation");
        Assert.NotNull(doc.QuerySelector("button[data-hearth-print]"));
        Assert.Equal($"/casework/episodes/{episode.Id}", doc.QuerySelector(".govuk-back-link")!.GetAttribute("href"));

        var sessionsOnly = await HearthWebFactory.HtmlAsync(await client.GetAsync(path + "?type=Session"));
        Assert.Equal(["Session"], sessionsOnly.QuerySelectorAll("main table tbody tr").Select(r => r.Children[1].TextContent.Trim()).ToList());
        // The referral was about the child (the second member), so filtering by the parent leaves the session alone.
        var parent = await HearthWebFactory.HtmlAsync(await client.GetAsync(path + $"?person={members[0]}"));
        Assert.Equal(["Session"], parent.QuerySelectorAll("main table tbody tr").Select(r => r.Children[1].TextContent.Trim()).Distinct().ToList());

        var episodePage = await HearthWebFactory.HtmlAsync(await client.GetAsync($"/casework/episodes/{episode.Id}"));
        var links = episodePage.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"/casework/families/{episode.FamilyId}/chronology?episode={episode.Id}", links);
        Assert.Contains($"/casework/episodes/{episode.Id}/team", links);
        Assert.Contains($"/casework/episodes/{episode.Id}/services", links);
        Assert.Contains($"/casework/episodes/{episode.Id}/boosters", links);
        Assert.Contains("/casework/time", links);
    }

    [Fact]
    public async Task The_team_around_the_family_adds_and_changes_professionals_with_errors_named_and_stale_edits_refused()
    {
        var (episode, _, _) = await SamsEpisodeAsync();
        var client = await app.SignedInClientAsync("Practitioner");
        var path = $"/casework/episodes/{episode.Id}/team";

        var bad = await HearthWebFactory.PostFormAsync(client, path, [F("Name", ""), F("Agency", "Greenfield Primary"), F("Role", "Safeguarding lead"), F("Version", "0")]);

        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var doc = await HearthWebFactory.HtmlAsync(bad);
        Assert.Equal(["#name", "#consent"], SummaryLinks(doc));
        Assert.Equal(["Enter the professional's name", "Select whether the family consents to sharing information with them"], SummaryTexts(doc));
        Assert.False(await Db(d => d.Set<Professional>().AnyAsync(p => p.EpisodeId == episode.Id)));

        var added = await HearthWebFactory.PostFormAsync(client, path, [F("Name", "Jo Head"), F("Agency", "Greenfield Primary"), F("Role", "Safeguarding lead"), F("Contact", "01234 567890"), F("Consent", "yes"), F("Version", "0")]);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var professional = await Db(d => d.Set<Professional>().SingleAsync(p => p.EpisodeId == episode.Id));
        Assert.Equal(("Greenfield Primary", "Safeguarding lead", true), (professional.Agency, professional.Role, professional.ConsentToShare));
        var list = await HearthWebFactory.HtmlAsync(await client.GetAsync(path));
        Assert.Equal("Jo Head", list.QuerySelector("main table tbody th")!.TextContent);

        var edit = $"{path}/{professional.Id}";
        var changed = await HearthWebFactory.PostFormAsync(client, edit, [F("Name", "Jo Head"), F("Agency", "Greenfield Primary"), F("Role", "Headteacher"), F("Consent", "no"), F("Version", professional.Version.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        // A colleague's form still carries the version read before that change.
        var stale = await HearthWebFactory.PostFormAsync(client, edit, [F("Name", "Jo Head"), F("Agency", "Greenfield Primary"), F("Role", "Teacher"), F("Consent", "yes"), F("Version", professional.Version.ToString())]);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("changed by someone else", Assert.Single(SummaryTexts(await HearthWebFactory.HtmlAsync(stale))));
        var now = await Db(d => d.Set<Professional>().AsNoTracking().SingleAsync(p => p.Id == professional.Id));
        Assert.Equal(("Headteacher", false), (now.Role, now.ConsentToShare));

        var outsider = await OutsiderAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(edit)).StatusCode);
    }

    [Fact]
    public async Task A_goals_page_changes_that_goal_rather_than_adding_another()
    {
        var (episode, _, _) = await SamsEpisodeAsync();
        var goal = await WithAsync(s => s.GetRequiredService<GoalService>().AddGoalAsync(System, episode.Id, new GoalInput(null, "Calmer mornings", "Mum", null, new GasLevels(null, null, null, null, null), [])));
        var client = await app.SignedInClientAsync("Practitioner");
        var path = $"/casework/episodes/{episode.Id}/goal/{goal.Id}";

        Assert.Equal("Calmer mornings", (await HearthWebFactory.HtmlAsync(await client.GetAsync(path))).QuerySelector("#title")!.GetAttribute("value"));
        var saved = await HearthWebFactory.PostFormAsync(client, path, [F("Title", "Calm school mornings"), F("Owner", "Mum"), F("PersonId", ""), F("Version", goal.Version.ToString())]);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(["Calm school mornings"], await Db(d => d.Set<Goal>().Where(g => g.EpisodeId == episode.Id).Select(g => g.Title).ToListAsync()));
    }

    [Fact]
    public async Task Wider_service_referrals_are_made_and_moved_on_with_their_waits_shown_and_stale_changes_refused()
    {
        var (episode, _, members) = await SamsEpisodeAsync();
        var service = await Db(d => d.Set<DirectoryService>().OrderBy(x => x.Name).FirstAsync(x => x.Category == "Housing"));
        var client = await app.SignedInClientAsync("Practitioner");
        var path = $"/casework/episodes/{episode.Id}/services";

        var bad = await HearthWebFactory.PostFormAsync(client, path, [F("DirectoryServiceId", ""), F("PersonId", ""), F("ReferredOn.Day", "1"), F("ReferredOn.Month", "10"), F("ReferredOn.Year", "2026")]);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var doc = await HearthWebFactory.HtmlAsync(bad);
        Assert.Equal(["#directory-service-id"], SummaryLinks(doc));
        Assert.Equal(["Choose a service from the directory"], SummaryTexts(doc));
        Assert.NotNull(doc.QuerySelector("#directory-service-id"));

        var made = await HearthWebFactory.PostFormAsync(client, path, [F("DirectoryServiceId", service.Id.ToString()), F("PersonId", members[0].ToString()), F("ReferredOn.Day", "1"), F("ReferredOn.Month", "10"), F("ReferredOn.Year", "2026")]);
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        var referral = await Db(d => d.Set<ServiceReferral>().SingleAsync(r => r.EpisodeId == episode.Id));
        // Referred 1 October and still waiting on 2 November: 32 days so far.
        var row = (await HearthWebFactory.HtmlAsync(await client.GetAsync(path))).QuerySelector("main table tbody tr")!;
        Assert.Equal("32 days so far", row.Children[5].TextContent.Trim());

        var page = $"/casework/service-referrals/{referral.Id}";
        var noStatus = await HearthWebFactory.PostFormAsync(client, page, [F("On.Day", "20"), F("On.Month", "10"), F("On.Year", "2026"), F("Version", referral.Version.ToString())]);
        Assert.Equal(["#status"], SummaryLinks(await HearthWebFactory.HtmlAsync(noStatus)));
        var accepted = await HearthWebFactory.PostFormAsync(client, page, [F("Status", "Accepted"), F("On.Day", "20"), F("On.Month", "10"), F("On.Year", "2026"), F("Version", referral.Version.ToString())]);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var stale = await HearthWebFactory.PostFormAsync(client, page, [F("Status", "Engaged"), F("On.Day", "25"), F("On.Month", "10"), F("On.Year", "2026"), F("Version", referral.Version.ToString())]);
        Assert.Contains("changed by someone else", Assert.Single(SummaryTexts(await HearthWebFactory.HtmlAsync(stale))));

        var after = await Db(d => d.Set<ServiceReferral>().AsNoTracking().SingleAsync(r => r.Id == referral.Id));
        Assert.Equal((ServiceReferralStatus.Accepted, new DateOnly(2026, 10, 20)), (after.Status, after.StartedOn!.Value));
        Assert.Equal(2, await Db(d => d.Set<ServiceReferralStatusChange>().CountAsync(h => h.ServiceReferralId == referral.Id)));
        var shown = await HearthWebFactory.HtmlAsync(await client.GetAsync(page));
        Assert.Contains("19 days", shown.QuerySelector("main .govuk-summary-list")!.TextContent);

        var outsider = await OutsiderAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(page)).StatusCode);
    }

    [Fact]
    public async Task The_time_page_logs_non_family_time_and_shows_the_split_with_families()
    {
        var (episode, workerId, members) = await SamsEpisodeAsync();
        var before = await WithAsync(s => s.GetRequiredService<SessionService>().TimeSplitAsync(System, workerId, Today.AddDays(-27), Today));
        await WithAsync(s => s.GetRequiredService<SessionService>().RecordAsync(System,
            new SessionInput(episode.Id, Today.AddDays(-1), new TimeOnly(9, 0), new TimeOnly(10, 30), SessionType.HomeVisit, false, [members[0]], [workerId], null, null, null)));
        var client = await app.SignedInClientAsync("Practitioner");

        var bad = await HearthWebFactory.PostFormAsync(client, "/casework/time", [F("Date.Day", "2"), F("Date.Month", "11"), F("Date.Year", "2026"), F("Minutes", "0"), F("Activity", "AgencyLiaison")]);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Equal(["Enter minutes from 1 to 1440"], SummaryTexts(await HearthWebFactory.HtmlAsync(bad)));
        Assert.Equal(before.OtherMinutes.Values.Sum(), await WithAsync(async s => (await s.GetRequiredService<SessionService>().TimeSplitAsync(System, workerId, Today.AddDays(-27), Today)).OtherMinutes.Values.Sum()));

        var good = await HearthWebFactory.PostFormAsync(client, "/casework/time", [F("Date.Day", "2"), F("Date.Month", "11"), F("Date.Year", "2026"), F("Minutes", "45"), F("Activity", "AgencyLiaison"), F("Note", "Core group")]);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var page = await HearthWebFactory.HtmlAsync(await client.GetAsync(good.Headers.Location!.ToString()));
        var rows = page.QuerySelectorAll("main table tbody tr").ToDictionary(r => r.Children[0].TextContent.Trim(), r => r.Children[1].TextContent.Trim());
        Assert.Equal(EpisodeModelHours(before.FamilyMinutes + 90), rows["With families (sessions)"]);
        Assert.Equal(EpisodeModelHours(before.OtherMinutes.GetValueOrDefault(NonFamilyActivity.AgencyLiaison) + 45), rows["Liaison with other agencies"]);

        var outsider = await OutsiderAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/casework/time?worker={workerId}")).StatusCode);
    }

    private static string EpisodeModelHours(int minutes) => $"{minutes / 60}h {minutes % 60:00}m";

    [Fact]
    public async Task Booster_approvals_need_a_manager_and_a_reason()
    {
        var (episode, _, _) = await SamsEpisodeAsync();
        var path = $"/casework/episodes/{episode.Id}/boosters";
        var practitioner = await app.SignedInClientAsync("Practitioner");
        var page = await HearthWebFactory.HtmlAsync(await practitioner.GetAsync(path));
        Assert.Null(page.QuerySelector("main form"));
        // The page has no form for a practitioner, so the token comes from another of their forms.
        var token = await HearthWebFactory.AntiforgeryTokenAsync(await practitioner.GetAsync($"/casework/episodes/{episode.Id}/team"));
        var refused = await practitioner.PostAsync(path, new FormUrlEncodedContent([F("Reason", "Relapse risk"), F("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var manager = await app.SignedInClientAsync("Manager");
        var blank = await HearthWebFactory.PostFormAsync(manager, path, [F("Reason", " ")]);
        Assert.Equal(["#reason"], SummaryLinks(await HearthWebFactory.HtmlAsync(blank)));
        var approved = await HearthWebFactory.PostFormAsync(manager, path, [F("Reason", "Relapse risk at Christmas")]);
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);

        var shown = await HearthWebFactory.HtmlAsync(await manager.GetAsync(path));
        var values = shown.QuerySelectorAll("main .govuk-summary-list__value").Select(v => v.TextContent.Trim()).ToList();
        // IFSS allows 3; one extra approved; none used yet.
        Assert.Equal(["3", "1", "0", "4"], values);
        Assert.Contains("Relapse risk at Christmas", shown.QuerySelector("main table")!.TextContent);
        var outsider = await OutsiderAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task The_whats_due_page_includes_the_measures_due_with_a_link_to_record_them()
    {
        var (episode, _, _) = await SamsEpisodeAsync();
        var client = await app.SignedInClientAsync("Practitioner");

        var doc = await HearthWebFactory.HtmlAsync(await client.GetAsync("/casework/due"));

        // Opened 1 September: the baseline forms were due by 15 September, 48 days before 2 November.
        var rows = doc.QuerySelectorAll("main table tbody tr").Where(r => r.QuerySelector("a")!.GetAttribute("href") == $"/casework/episodes/{episode.Id}")
            .Where(r => r.Children[1].TextContent.Contains("(Baseline)")).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("48 days overdue", r.Children[3].TextContent.Trim()));
        Assert.All(rows, r => Assert.StartsWith($"/measures/record?episode={episode.Id}&instrument=", r.Children[1].QuerySelector("a")!.GetAttribute("href")));
    }

    [Fact]
    public async Task The_plan_and_assessment_forms_keep_a_draft_across_a_new_sign_in_until_saved()
    {
        var (episode, _, _) = await SamsEpisodeAsync();
        var client = await app.SignedInClientAsync("Practitioner");
        var plan = $"/casework/episodes/{episode.Id}/plan/WholeFamilyPlan";

        var refused = await HearthWebFactory.PostFormAsync(client, plan, [F("PlanText", "Kim attends Recovery Steps weekly"), F("ReviewBy.Day", "31"), F("ReviewBy.Month", "2"), F("ReviewBy.Year", "2027")]);
        Assert.Equal(["#review-by"], SummaryLinks(await HearthWebFactory.HtmlAsync(refused)));

        // The sign-in expires; a new browser signs in and finds what was typed.
        var again = await app.SignedInClientAsync("Practitioner");
        var resumed = await HearthWebFactory.HtmlAsync(await again.GetAsync(plan));
        Assert.Contains("We kept what you entered last time", resumed.QuerySelector(".govuk-notification-banner")!.TextContent);
        Assert.Equal("Kim attends Recovery Steps weekly", resumed.QuerySelector("#content")!.TextContent);
        var saved = await HearthWebFactory.PostFormAsync(again, plan, [F("PlanText", "Kim attends Recovery Steps weekly"), F("ReviewBy.Day", "28"), F("ReviewBy.Month", "2"), F("ReviewBy.Year", "2027")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Null((await HearthWebFactory.HtmlAsync(await again.GetAsync(plan))).QuerySelector(".govuk-notification-banner"));

        var assessment = $"/casework/episodes/{episode.Id}/assessment";
        var noDate = await HearthWebFactory.PostFormAsync(client, assessment, [F("Worries", "Kim's drinking at weekends"), F("SafetyScale", "4"), F("action", "draft")]);
        Assert.Equal(["#started-on"], SummaryLinks(await HearthWebFactory.HtmlAsync(noDate)));
        Assert.False(await Db(d => d.Set<Assessment>().AnyAsync(a => a.EpisodeId == episode.Id)));
        var back = await HearthWebFactory.HtmlAsync(await again.GetAsync(assessment));
        Assert.NotNull(back.QuerySelector(".govuk-notification-banner"));
        Assert.Equal("Kim's drinking at weekends", back.QuerySelector("#worries")!.GetAttribute("value"));
        Assert.Equal("4", back.QuerySelector("#safety-scale")!.GetAttribute("value"));
        var kept = await HearthWebFactory.PostFormAsync(again, assessment,
            // Started today, so the demo-data test (which counts assessments started before yesterday) does not count it.
            [F("StartedOn.Day", "2"), F("StartedOn.Month", "11"), F("StartedOn.Year", "2026"), F("Worries", "Kim's drinking at weekends"), F("SafetyScale", "4"), F("action", "draft"), F("Version", "0")]);
        Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        Assert.False(await Db(d => d.Set<Draft>().AnyAsync(x => x.RecordKey == episode.Id.ToString())));
        var outsider = await OutsiderAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/casework/families/{episode.FamilyId}/chronology")).StatusCode);
    }
}
