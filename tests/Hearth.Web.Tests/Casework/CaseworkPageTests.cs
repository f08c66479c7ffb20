using System.Net;
using System.Net.Http.Json;
using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Hearth.TestCommon;
using Hearth.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests.Casework;

public sealed partial class CaseworkPageTests(HearthWebFactory app) : IClassFixture<HearthWebFactory>
{
    private static readonly DateOnly Today = new(2026, 11, 2);
    private static readonly ActorContext System = ActorContext.System("casework page tests");
    private static KeyValuePair<string, string> F(string k, string v) => new(k, v);

    private async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        using var scope = app.Services.CreateScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>A fresh open episode of the practitioner's team, allocated to Sam Practitioner's worker record.</summary>
    private async Task<(Episode Episode, Guid WorkerId, IReadOnlyList<Guid> Members)> SamsEpisodeAsync()
    {
        // Signing in starts the app (the demo council is already in its database).
        await app.SignedInClientAsync("Practitioner");
        var sam = await WithAsync(s => s.GetRequiredService<HearthDbContext>().Users.SingleAsync(u => u.Email == HearthWebFactory.EmailFor("Practitioner")));
        // A new family each time, referred on 1 September and accepted the same day, so tests do not share episodes.
        var family = await TestData.CreateFamilyAsync(app.Services, f => f.By(System).Accepted(new DateOnly(2026, 9, 1)).AllocatedTo(sam.WorkerId!.Value));
        return (family.Episode!, sam.WorkerId!.Value, [family.Parent!.Id, .. family.Children.Select(c => c.Id)]);
    }

    /// <summary>
    /// A review row due on a given date. The demo episodes sit in varied phases, so rather than depend on which has
    /// review points the fixture writes the row itself (as the scheduler would).
    /// </summary>
    private Task<Review> ReviewDueAsync(Episode episode, DateOnly due) => WithAsync(async s =>
    {
        var db = s.GetRequiredService<HearthDbContext>();
        var r = new Review { EpisodeId = episode.Id, TeamId = episode.TeamId, PhaseKey = episode.CurrentPhase, Sequence = 1, DueOn = due };
        db.Add(r);
        await db.SaveChangesAsync(System);
        return r;
    });

    private async Task<HttpClient> OutsiderAsync()
    {
        await WithAsync(async s =>
        {
            var db = s.GetRequiredService<HearthDbContext>();
            if (!await db.Users.AnyAsync(u => u.Email == "outsider@demo.hearth.example"))
            {
                await s.GetRequiredService<UserService>().CreateAsync(System, new NewUser("Olly Outsider", "outsider@demo.hearth.example", "Practitioner", ["ifss-3-team"], HearthWebFactory.Password));
            }
            return true;
        });
        var client = app.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await app.SignInAsync(client, "outsider@demo.hearth.example")).StatusCode);
        return client;
    }

    [Fact]
    public async Task The_whats_due_page_lists_the_workers_goals_without_levels_and_links_to_them()
    {
        var (episode, _, _) = await SamsEpisodeAsync();
        var goal = await WithAsync(s => s.GetRequiredService<GoalService>().AddGoalAsync(System, episode.Id, new GoalInput(null, "Family tea together twice a week", "Parent", null, new GasLevels(null, null, null, null, null), [])));
        var client = await app.SignedInClientAsync("Practitioner");

        var response = await client.GetAsync("/casework/due");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await HearthWebFactory.HtmlAsync(response);
        Assert.Equal("What's due for you", doc.QuerySelector("h1")!.TextContent);
        var link = doc.QuerySelectorAll("main table a").Single(a => a.TextContent.Contains("Family tea together twice a week"));
        Assert.Equal($"/casework/episodes/{episode.Id}/goal/{goal.Id}", link.GetAttribute("href"));
    }

    [Fact]
    public async Task Quick_entry_saves_several_sessions_or_none_with_the_bad_row_named()
    {
        var (episode, _, members) = await SamsEpisodeAsync();
        var client = await app.SignedInClientAsync("Practitioner");
        var path = $"/casework/episodes/{episode.Id}/sessions";
        KeyValuePair<string, string>[] Row(int i, string day, string start, string end, string type) =>
            [F($"Rows[{i}].Date.Day", day), F($"Rows[{i}].Date.Month", "10"), F($"Rows[{i}].Date.Year", "2026"), F($"Rows[{i}].Start", start), F($"Rows[{i}].End", end),
             F($"Rows[{i}].Type", type), F($"Rows[{i}].Mode", "planned"), F($"Rows[{i}].PersonIds", members[0].ToString())];

        var bad = await HearthWebFactory.PostFormAsync(client, path, [.. Row(0, "5", "09:00", "10:30", "HomeVisit"), .. Row(1, "5", "14:00", "13:00", "Phone")]);

        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var doc = await HearthWebFactory.HtmlAsync(bad);
        var error = Assert.Single(doc.QuerySelectorAll("main > .govuk-error-summary a"));
        Assert.Equal("Session 2: The session must end after it starts", error.TextContent);
        Assert.NotNull(doc.QuerySelector(error.GetAttribute("href")!.Replace("[", "\\[").Replace("]", "\\]").Replace(".", "\\.")));
        Assert.Equal(0, await SessionCountAsync(episode.Id));

        var good = await HearthWebFactory.PostFormAsync(client, path, [.. Row(0, "5", "09:00", "10:30", "HomeVisit"), .. Row(1, "5", "14:00", "14:20", "Phone")]);

        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var sessions = await WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<Session>().Where(x => x.EpisodeId == episode.Id).OrderBy(x => x.Start).ToListAsync());
        Assert.Equal([90, 20], sessions.Select(x => x.Minutes));
        Assert.Equal([SessionType.HomeVisit, SessionType.Phone], sessions.Select(x => x.Type));
    }

    private Task<int> SessionCountAsync(Guid episodeId) =>
        WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<Session>().CountAsync(x => x.EpisodeId == episodeId));

    [Fact]
    public async Task The_goal_form_needs_all_five_levels_or_none()
    {
        var (episode, _, _) = await SamsEpisodeAsync();
        var client = await app.SignedInClientAsync("Practitioner");
        var path = $"/casework/episodes/{episode.Id}/goal";

        var bad = await HearthWebFactory.PostFormAsync(client, path,
            [F("Title", "Calmer mornings"), F("Owner", "Mum"), F("PersonId", ""), F("LevelMinus2", "Shouting every day"), F("Level0", "Calm most days"), F("LevelPlus2", "Calm every day")]);

        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var links = (await HearthWebFactory.HtmlAsync(bad)).QuerySelectorAll("main > .govuk-error-summary a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["#level-minus1", "#level-plus1"], links);
        Assert.False(await WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<Goal>().AnyAsync(g => g.EpisodeId == episode.Id)));

        var good = await HearthWebFactory.PostFormAsync(client, path,
            [F("Title", "Calmer mornings"), F("Owner", "Mum"), F("PersonId", ""), F("LevelMinus2", "Shouting every day"), F("LevelMinus1", "Shouting most days"),
             F("Level0", "Calm most days"), F("LevelPlus1", "Calm nearly every day"), F("LevelPlus2", "Calm every day")]);

        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var goal = await WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<Goal>().SingleAsync(g => g.EpisodeId == episode.Id));
        Assert.Equal(("Calm most days", Today), (goal.Level0, goal.LevelsSetOn));
    }

    [Fact]
    public async Task The_review_form_rates_goals_and_keeps_a_draft_across_a_new_sign_in()
    {
        var (episode, _, _) = await SamsEpisodeAsync();
        var goal = await WithAsync(s => s.GetRequiredService<GoalService>().AddGoalAsync(System, episode.Id, new GoalInput(null, "Calmer mornings", "Mum", null, new GasLevels("a", "b", "Calm most days", "d", "e"), [])));
        var review = await ReviewDueAsync(episode, Today.AddDays(-3));
        var client = await app.SignedInClientAsync("Practitioner");
        var path = $"/casework/reviews/{review.Id}";

        var unrated = await HearthWebFactory.PostFormAsync(client, path,
            [F("Version", review.Version.ToString()), F("HeldOn.Day", "1"), F("HeldOn.Month", "11"), F("HeldOn.Year", "2026"), F("Attendees", "Mum, Jo from school"), F("Decision", "Continue")]);
        Assert.Equal(HttpStatusCode.OK, unrated.StatusCode);
        var summary = (await HearthWebFactory.HtmlAsync(unrated)).QuerySelectorAll("main > .govuk-error-summary a").Select(a => a.TextContent).ToList();
        Assert.Equal(["Rate \"Calmer mornings\" from -2 to +2"], summary);

        // The sign-in expires: a brand-new browser signs in again and finds the draft.
        var again = await app.SignedInClientAsync("Practitioner");
        var resumed = await HearthWebFactory.HtmlAsync(await again.GetAsync(path));
        Assert.Contains("We kept what you entered last time", resumed.QuerySelector(".govuk-notification-banner")!.TextContent);
        Assert.Equal("Mum, Jo from school", resumed.QuerySelector("#attendees")!.GetAttribute("value"));

        var saved = await HearthWebFactory.PostFormAsync(again, path,
            [F("Version", review.Version.ToString()), F("HeldOn.Day", "1"), F("HeldOn.Month", "11"), F("HeldOn.Year", "2026"), F("Attendees", "Mum, Jo from school"),
             F("Decision", "Continue"), F($"Ratings[{goal.Id}]", "1")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var held = await WithAsync(s => s.GetRequiredService<ReviewService>().ReadReviewAsync(System, review.Id));
        Assert.Equal((new DateOnly(2026, 11, 1), ReviewDecision.Continue, 1), (held.HeldOn!.Value, held.Decision!.Value, Assert.Single(held.Ratings).Level));
        Assert.False(await WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<Draft>().AnyAsync(d => d.RecordKey == review.Id.ToString())));
    }

    [Fact]
    public async Task A_practitioner_of_another_team_gets_not_found_on_every_casework_page_and_forbidden_from_the_api()
    {
        var (episode, workerId, _) = await SamsEpisodeAsync();
        var goal = await WithAsync(s => s.GetRequiredService<GoalService>().AddGoalAsync(System, episode.Id, new GoalInput(null, "Goal", "Mum", null, new GasLevels("a", "b", "c", "d", "e"), [])));
        var review = await ReviewDueAsync(episode, Today.AddDays(-400));
        var outsider = await OutsiderAsync();

        foreach (var path in new[] { $"/casework/episodes/{episode.Id}", $"/casework/episodes/{episode.Id}/sessions", $"/casework/episodes/{episode.Id}/goal", $"/casework/episodes/{episode.Id}/goal/{goal.Id}", $"/casework/reviews/{review.Id}", $"/casework/due?worker={workerId}",
            $"/casework/episodes/{episode.Id}/assessment", $"/casework/episodes/{episode.Id}/plan/SafetyPlan", $"/casework/due?team={episode.TeamId}",
            $"/casework/families/{episode.FamilyId}/chronology", $"/casework/episodes/{episode.Id}/team", $"/casework/episodes/{episode.Id}/services",
            $"/casework/episodes/{episode.Id}/boosters", $"/casework/time?worker={workerId}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(path)).StatusCode);
        }
        foreach (var path in new[] { $"/api/v1/workers/{workerId}/due", $"/api/v1/episodes/{episode.Id}/sessions", $"/api/v1/episodes/{episode.Id}/goals", $"/api/v1/episodes/{episode.Id}/reviews", $"/api/v1/episodes/{episode.Id}/plans", $"/api/v1/episodes/{episode.Id}/service-referrals", $"/api/v1/episodes/{episode.Id}/time", $"/api/v1/families/{episode.FamilyId}/chronology",
            $"/api/v1/episodes/{episode.Id}/professionals", $"/api/v1/workers/{workerId}/time" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync(path)).StatusCode);
        }
        var writes = new (string Method, string Path, object Body)[]
        {
            ("PUT", $"/api/v1/goals/{goal.Id}", new { version = goal.Version, goal = new { title = "x", owner = "y", levels = new { }, needIds = Array.Empty<Guid>() } }),
            ("PUT", $"/api/v1/reviews/{review.Id}", new { version = review.Version, review = new { heldOn = "2026-11-01", decision = "Continue", ratings = new Dictionary<string, int>() } }),
            ("PUT", $"/api/v1/episodes/{episode.Id}/plans/SafetyPlan", new { content = "x" }),
            ("POST", $"/api/v1/episodes/{episode.Id}/goals", new { title = "x", owner = "y", levels = new { }, needIds = Array.Empty<Guid>() }),
            ("POST", $"/api/v1/episodes/{episode.Id}/reviews/schedule", new { }),
            ("POST", $"/api/v1/episodes/{episode.Id}/boosters/approvals", new { reason = "x" }),
            ("POST", $"/api/v1/episodes/{episode.Id}/professionals", new { name = "x", agency = "y", role = "z", consentToShare = true }),
        };
        foreach (var (method, path, body) in writes)
        {
            var response = await outsider.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(body) });
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} answered {response.StatusCode}");
        }
        var post = await outsider.PostAsJsonAsync($"/api/v1/episodes/{episode.Id}/sessions", new
        {
            sessions = new[] { new { episodeId = episode.Id, date = "2026-10-01", start = "10:00:00", end = "11:00:00", type = "Phone", emergency = false, personIds = Array.Empty<Guid>(), workerIds = new[] { workerId }, otherProfessionals = "School", place = (string?)null, note = (string?)null } },
        });
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        var volunteer = await app.SignedInClientAsync("Volunteer");
        Assert.Equal(HttpStatusCode.Forbidden, (await volunteer.GetAsync("/casework/due")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignedInClientAsync("Practitioner")).GetAsync($"/casework/episodes/{episode.Id}")).StatusCode);
    }

    [Fact]
    public async Task The_demo_gives_open_episodes_believable_casework()
    {
        await app.SignedInClientAsync("Practitioner");
        var counts = await WithAsync(async s =>
        {
            var db = s.GetRequiredService<HearthDbContext>();
            var demo = db.Set<Assessment>().Where(a => a.StartedOn < Today.AddDays(-1)).Select(a => a.EpisodeId);
            return new
            {
                Assessed = await demo.CountAsync(),
                Plans = await db.Set<Plan>().CountAsync(p => demo.Contains(p.EpisodeId)),
                WithoutThreePlans = await demo.CountAsync(e => db.Set<Plan>().Count(p => p.EpisodeId == e) != 3),
                WithoutSessions = await demo.CountAsync(e => !db.Set<Session>().Any(x => x.EpisodeId == e)),
                Goals = await db.Set<Goal>().CountAsync(g => demo.Contains(g.EpisodeId)),
                Referrals = await db.Set<ServiceReferral>().CountAsync(r => demo.Contains(r.EpisodeId)),
                Directory = await db.Set<DirectoryService>().CountAsync(),
                HeldReviews = await db.Set<Review>().CountAsync(r => r.HeldOn != null && demo.Contains(r.EpisodeId)),
            };
        });

        Assert.InRange(counts.Assessed, 1, DemoCaseworkCap);
        Assert.Equal(3 * counts.Assessed, counts.Plans);
        Assert.Equal(0, counts.WithoutThreePlans);
        Assert.Equal(0, counts.WithoutSessions);
        Assert.InRange(counts.Goals, counts.Assessed, 2 * counts.Assessed);
        Assert.Equal(counts.Assessed, counts.Referrals);
        Assert.Equal(8, counts.Directory);
        Assert.True(counts.HeldReviews > 0, "Some demo reviews fell due long enough ago to have been held");
    }

    private const int DemoCaseworkCap = 24;

    [Fact]
    public async Task The_api_lists_a_workers_due_items_and_refuses_bad_sessions_naming_the_field()
    {
        var (episode, workerId, members) = await SamsEpisodeAsync();
        await WithAsync(s => s.GetRequiredService<GoalService>().AddGoalAsync(System, episode.Id, new GoalInput(null, "Api goal", "Mum", null, new GasLevels(null, null, null, null, null), [])));
        var client = await app.SignedInClientAsync("Practitioner");

        var due = await client.GetFromJsonAsync<List<DueItem>>($"/api/v1/workers/{workerId}/due");
        Assert.Contains(due!, d => d.Kind == DueKind.GoalWithoutLevels && d.Description.Contains("Api goal") && d.EpisodeId == episode.Id);

        var bad = await client.PostAsJsonAsync($"/api/v1/episodes/{episode.Id}/sessions", new
        {
            sessions = new[]
            {
                new { episodeId = episode.Id, date = "2026-11-03", start = "10:00:00", end = "11:00:00", type = "HomeVisit", emergency = false, personIds = new[] { members[0] }, workerIds = new[] { workerId }, otherProfessionals = (string?)null, place = (string?)null, note = (string?)null },
            },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal("A session cannot be dated after today", problem.GetProperty("errors").GetProperty("Date")[0].GetString());
        Assert.Equal(0, await SessionCountAsync(episode.Id));

        var chronology = await client.GetFromJsonAsync<List<Hearth.Core.Casework.ChronologyEntry>>($"/api/v1/families/{episode.FamilyId}/chronology?type=Goal");
        Assert.Equal("Goal: Api goal", Assert.Single(chronology!).Summary);

        var noMinutes = await client.PostAsJsonAsync($"/api/v1/workers/{workerId}/time", new { date = "2026-11-02", minutes = 0, activity = "Travel" });
        Assert.Equal(HttpStatusCode.BadRequest, noMinutes.StatusCode);
        Assert.True((await noMinutes.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("errors").TryGetProperty("Minutes", out _));
        var travel = await client.PostAsJsonAsync($"/api/v1/workers/{workerId}/time", new { date = "2026-11-02", minutes = 45, activity = "Travel" });
        Assert.Equal(HttpStatusCode.OK, travel.StatusCode);
        var split = await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/workers/{workerId}/time?from=2026-11-02&to=2026-11-02");
        Assert.Equal(45, split.GetProperty("otherMinutes").GetProperty("Travel").GetInt32());

        var added = await client.PostAsJsonAsync($"/api/v1/episodes/{episode.Id}/professionals", new { name = "Jo Head", agency = "Greenfield Primary", role = "Safeguarding lead", consentToShare = true });
        var professional = await added.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var id = professional.GetProperty("id").GetGuid();
        var version = professional.GetProperty("version").GetInt32();
        var body = new { version, professional = new { name = "Jo Head", agency = "Greenfield Primary", role = "Headteacher", consentToShare = true } };
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/v1/professionals/{id}", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PutAsJsonAsync($"/api/v1/professionals/{id}", body)).StatusCode);
    }
}
