using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Hearth.Core.Programmes;
using Hearth.Core.Security;
using Hearth.TestCommon;
using Hearth.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests.NewCouncil;

/// <summary>
/// Hearth as a new council starts it: no demo data, an empty migrated database and a clock the test moves forward.
/// </summary>
public sealed class NewCouncilWebFactory : HearthWebFactory
{
    public NewCouncilWebFactory() => Clock = new FixedTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    protected override bool WithDemo => false;
}

/// <summary>
/// Issue 13's "done when": a council starting without demo data sets up its service, team, workers and programme, takes a
/// family from referral to closure and follow-up, hands the case over when a worker leaves, and every report figure below
/// comes only from what was entered here through the API or the pages, checked against hand-computed values.
/// </summary>
public sealed class NewCouncilJourneyTests(NewCouncilWebFactory app) : IClassFixture<NewCouncilWebFactory>
{
    private const string Password = "a long passphrase for tests";
    private FixedTimeProvider Clock => app.Clock!;

    private void MoveTo(int year, int month, int day) => Clock.Now = new DateTimeOffset(year, month, day, 9, 0, 0, TimeSpan.Zero);

    private static string D(int year, int month, int day) => new DateOnly(year, month, day).ToString("yyyy-MM-dd");

    // What `hearth users create` does: the Web tests cannot reference the CLI, so the same UserService call it makes.
    private async Task CreateUserAsync(string name, string email, string role, params string[] teams)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<UserService>().CreateAsync(ActorContext.System("hearth users create"), new NewUser(name, email, role, teams, Password));
    }

    // What `hearth tokens create --user EMAIL` does.
    private async Task<HttpClient> TokenClientAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        var issued = await scope.ServiceProvider.GetRequiredService<TokenService>().CreateAsync(ActorContext.System("hearth tokens create"), email, "set-up", null);
        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Token);
        return client;
    }

    private static async Task<JsonElement> OkJsonAsync(Task<HttpResponseMessage> call, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static JsonElement Table(JsonElement report, string key) => report.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("key").GetString() == key);

    private static JsonElement Row(JsonElement report, string table, string column, string value) =>
        Table(report, table).GetProperty("rows").EnumerateArray().Single(r => r.GetProperty(column).GetString() == value);

    private static long Count(JsonElement row, string column) => row.GetProperty(column).GetInt64();

    [Fact]
    public async Task A_new_council_sets_up_takes_a_family_to_follow_up_hands_over_a_leavers_case_and_reports_what_it_entered()
    {
        // 1. The first administrator, as the README says, and a bearer token for them.
        var client = app.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode); // starts the app: migrates, seeds nothing
        await CreateUserAsync("Alys Admin", "alys@newcouncil.example", "Admin");
        var admin = await TokenClientAsync("alys@newcouncil.example");
        Assert.Empty((await OkJsonAsync(admin.GetAsync("/api/v1/admin/services"))).EnumerateArray());

        // 2. Set-up. The shipped programmes come with the database; a service, a team and three users.
        var ifss = ShippedProgrammes.All.Single(p => p.Code == ShippedProgrammes.Ifss);
        var shipped = (await OkJsonAsync(admin.GetAsync("/api/v1/programmes/ifss/versions"))).EnumerateArray().Single();
        Assert.Equal(1, shipped.GetProperty("number").GetInt32());
        await OkJsonAsync(admin.PostAsJsonAsync("/api/v1/admin/services", new { name = "Family Support North", code = "fs-north", programmeCode = "ifss" }), HttpStatusCode.Created);
        await OkJsonAsync(admin.PostAsJsonAsync("/api/v1/admin/teams", new { serviceCode = "fs-north", name = "North team", code = "north-team", patch = "North", @base = "Riverside Hub" }), HttpStatusCode.Created);
        await CreateUserAsync("Nia Jenkins", "nia@newcouncil.example", "Practitioner", "north-team");
        await CreateUserAsync("Owen Price", "owen@newcouncil.example", "Practitioner", "north-team");
        await CreateUserAsync("Mari Evans", "mari@newcouncil.example", "Manager", "north-team");
        var workers = (await OkJsonAsync(admin.GetAsync("/api/v1/admin/workers?team=north-team"))).EnumerateArray().ToList();
        var workerA = workers.Single(w => w.GetProperty("name").GetString() == "Nia Jenkins");
        var workerB = workers.Single(w => w.GetProperty("name").GetString() == "Owen Price");
        var (workerAId, workerBId) = (workerA.GetProperty("id").GetGuid(), workerB.GetProperty("id").GetGuid());
        Assert.Equal(2, workerB.GetProperty("maxIntensiveCases").GetInt32());

        // A new programme version dated in the future: the dry run shows what changes and publishes nothing.
        var changed = JsonDocument.Parse(ifss.Definition.ToJson().Replace("\"expectedMaxDays\":42", "\"expectedMaxDays\":56", StringComparison.Ordinal)).RootElement;
        var preview = await OkJsonAsync(admin.PostAsJsonAsync("/api/v1/programmes/ifss/versions?dryRun=true", new { name = ifss.Name, effectiveFrom = D(2027, 4, 1), definition = changed }));
        Assert.Equal(2, preview.GetProperty("number").GetInt32());
        Assert.NotEmpty(preview.GetProperty("changes").EnumerateArray());
        Assert.Single((await OkJsonAsync(admin.GetAsync("/api/v1/programmes/ifss/versions"))).EnumerateArray());
        await OkJsonAsync(admin.PostAsJsonAsync("/api/v1/programmes/ifss/versions", new { name = ifss.Name, effectiveFrom = D(2027, 4, 1), definition = changed }), HttpStatusCode.Created);
        Assert.Equal(2, (await OkJsonAsync(admin.GetAsync("/api/v1/programmes/ifss/versions"))).GetArrayLength());

        var nia = await TokenClientAsync("nia@newcouncil.example");
        var manager = await TokenClientAsync("mari@newcouncil.example");
        // The admin API names teams by code; a practitioner's own teams come with their ids from /me.
        var teamId = (await OkJsonAsync(nia.GetAsync("/api/v1/me"))).GetProperty("teams").EnumerateArray().Single().GetGuid();

        // 3. The family, with the census characteristics, and a referral on 5 January 2026.
        var family = await OkJsonAsync(nia.PostAsJsonAsync("/api/v1/families", new { reference = "NC-0001", teamId, patch = "North" }), HttpStatusCode.Created);
        var familyId = family.GetProperty("id").GetGuid();
        await OkJsonAsync(nia.PostAsJsonAsync($"/api/v1/families/{familyId}/people",
            new { givenName = "Sian", familyName = "Morgan", dateOfBirth = "1990-03-02", sex = "female", ethnicityCode = "WBRI", firstLanguage = "ENG", relationship = "parent" }), HttpStatusCode.Created);
        var child = await OkJsonAsync(nia.PostAsJsonAsync($"/api/v1/families/{familyId}/people",
            new { givenName = "Cai", familyName = "Morgan", dateOfBirth = "2016-07-14", sex = "male", ethnicityCode = "WBRI", disabilityCodes = new[] { "NONE" }, firstLanguage = "ENG", relationship = "child" }), HttpStatusCode.Created);
        var childId = child.GetProperty("id").GetGuid();
        var person = await OkJsonAsync(nia.GetAsync($"/api/v1/people/{childId}"));
        Assert.Contains("WBRI", person.ToString());

        var referral = await OkJsonAsync(nia.PostAsJsonAsync("/api/v1/referrals", new
        {
            teamId, familyId, childIds = new[] { childId }, receivedOn = D(2026, 1, 5), channel = "phone", source = "5A", referrerAgency = "Children's services",
            presentingNeeds = new[] { "substance_misuse_drugs" }, consentToShare = true, sharingBasis = "consent",
            eligibilityAnswers = new Dictionary<string, bool> { ["parental_substance_misuse"] = true, ["child_in_need_or_at_risk"] = true, ["family_consents"] = true },
        }), HttpStatusCode.Created);
        var decision = await OkJsonAsync(manager.PostAsJsonAsync($"/api/v1/referrals/{referral.GetProperty("id").GetGuid()}/decision",
            new { version = referral.GetProperty("version").GetInt32(), outcome = "accepted", decidedOn = D(2026, 1, 5) }));
        var episodeId = decision.GetProperty("episodeId").GetGuid();
        var episode = await OkJsonAsync(nia.GetAsync($"/api/v1/episodes/{episodeId}"));
        var allocationA = await OkJsonAsync(manager.PostAsJsonAsync($"/api/v1/episodes/{episodeId}/allocations",
            new { workerId = workerAId, from = D(2026, 1, 5), version = episode.GetProperty("version").GetInt32() }), HttpStatusCode.Created);

        // The 72-hour assessment: recorded on its page, by Nia signed in through the sign-in form.
        MoveTo(2026, 1, 6);
        episode = await OkJsonAsync(nia.PostAsJsonAsync($"/api/v1/episodes/{episodeId}/transitions", new { version = episode.GetProperty("version").GetInt32(), phase = "assessment", on = D(2026, 1, 6) }));
        var browser = app.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await app.SignInAsync(browser, "nia@newcouncil.example", Password)).StatusCode);
        var assessed = await HearthWebFactory.PostFormAsync(browser, $"/casework/episodes/{episodeId}/assessment", new Dictionary<string, string>
        {
            ["StartedOn.Day"] = "6", ["StartedOn.Month"] = "1", ["StartedOn.Year"] = "2026", ["Worries"] = "Parent's drug use", ["WorkingWell"] = "Grandmother helps",
            ["NeedsToHappen"] = "Treatment and routines", ["SafetyScale"] = "5", ["Answers[substances_used]"] = "Cannabis", ["Answers[motivation_to_change]"] = "7", ["action"] = "complete",
        });
        Assert.Equal(HttpStatusCode.Redirect, assessed.StatusCode);
        var assessments = await OkJsonAsync(nia.GetAsync($"/api/v1/episodes/{episodeId}/assessments"));
        Assert.Equal(D(2026, 1, 6), assessments.EnumerateArray().Single().GetProperty("completedOn").GetString());

        MoveTo(2026, 1, 8);
        episode = await OkJsonAsync(nia.PostAsJsonAsync($"/api/v1/episodes/{episodeId}/assessment-decision", new { version = episode.GetProperty("version").GetInt32(), decision = "proceed", decidedOn = D(2026, 1, 8) }));
        episode = await OkJsonAsync(nia.PostAsJsonAsync($"/api/v1/episodes/{episodeId}/transitions", new { version = episode.GetProperty("version").GetInt32(), phase = "phase1", on = D(2026, 1, 8) }));

        // The plan with a goal, and a session.
        await OkJsonAsync(nia.PutAsJsonAsync($"/api/v1/episodes/{episodeId}/plans/FamilyAgreement", new { content = "Weekly visits; treatment referral", reviewBy = D(2026, 3, 15) }));
        var goal = await OkJsonAsync(nia.PostAsJsonAsync($"/api/v1/episodes/{episodeId}/goals", new
        {
            personId = childId, title = "Cai goes to school every day", owner = "Sian", targetDate = D(2026, 6, 30),
            levels = new { minus2 = "Misses most days", minus1 = "Misses two days a week", zero = "Misses one day a week", plus1 = "Misses one day a month", plus2 = "Never misses" },
            needIds = Array.Empty<Guid>(),
        }));
        var goalId = goal.GetProperty("id").GetGuid();
        MoveTo(2026, 1, 12);
        await OkJsonAsync(nia.PostAsJsonAsync($"/api/v1/episodes/{episodeId}/sessions", new
        {
            sessions = new[] { new { episodeId, date = D(2026, 1, 12), start = "10:00:00", end = "11:30:00", type = "HomeVisit", emergency = false, personIds = new[] { childId }, workerIds = new[] { workerAId }, place = "Home" } },
        }), HttpStatusCode.Created);

        // Phase 2 from 15 February; its first review (one month in) is held on 16 March and rates the goal +1.
        MoveTo(2026, 2, 15);
        episode = await OkJsonAsync(nia.PostAsJsonAsync($"/api/v1/episodes/{episodeId}/transitions", new { version = episode.GetProperty("version").GetInt32(), phase = "phase2", on = D(2026, 2, 15) }));
        var review = (await OkJsonAsync(nia.PostAsync($"/api/v1/episodes/{episodeId}/reviews/schedule", null))).EnumerateArray().OrderBy(r => r.GetProperty("dueOn").GetString()).First();
        MoveTo(2026, 3, 16);
        await OkJsonAsync(nia.PutAsJsonAsync($"/api/v1/reviews/{review.GetProperty("id").GetGuid()}", new
        {
            version = review.GetProperty("version").GetInt32(),
            review = new { heldOn = D(2026, 3, 16), attendees = "Sian, Cai, Nia", progress = "Attendance better", decision = "Continue", ratings = new Dictionary<Guid, int> { [goalId] = 1 } },
        }));
        var gas = (await OkJsonAsync(nia.GetAsync($"/api/v1/episodes/{episodeId}/gas"))).EnumerateArray().Single();
        Assert.Equal(60m, Math.Round(gas.GetProperty("tScore").GetDecimal(), 2)); // one goal at level L: 50 + 10L

        // Nia leaves on 20 March: her case needs reallocation until the manager hands it to Owen.
        MoveTo(2026, 3, 20);
        workerA = await OkJsonAsync(admin.GetAsync($"/api/v1/admin/workers/{workerAId}"));
        await OkJsonAsync(admin.PostAsJsonAsync($"/api/v1/admin/workers/{workerAId}/leave", new { version = workerA.GetProperty("version").GetInt32(), leavingDate = D(2026, 3, 20) }));
        Assert.Equal(HttpStatusCode.Unauthorized, (await nia.GetAsync($"/api/v1/episodes/{episodeId}")).StatusCode);
        var needing = (await OkJsonAsync(manager.GetAsync("/api/v1/caseload/needing-reallocation"))).EnumerateArray().Single();
        Assert.Equal(episodeId, needing.GetProperty("episodeId").GetGuid());
        var handedOver = await OkJsonAsync(manager.PostAsJsonAsync($"/api/v1/allocations/{allocationA.GetProperty("id").GetGuid()}/hand-over",
            new { version = allocationA.GetProperty("version").GetInt32(), toWorkerId = workerBId, on = D(2026, 3, 20), reason = "left_team" }), HttpStatusCode.Created);
        Assert.Equal(workerBId, handedOver.GetProperty("workerId").GetGuid());
        Assert.Empty((await OkJsonAsync(manager.GetAsync("/api/v1/caseload/needing-reallocation"))).EnumerateArray());

        // Capacity now (21 March): Owen holds the one open, intensive-no-longer (phase 2) case; Nia none.
        MoveTo(2026, 3, 21);
        var capacity = await OkJsonAsync(manager.GetAsync($"/api/v1/reports/capacity?from={D(2026, 1, 1)}&to={D(2026, 3, 21)}"));
        Assert.Equal(1, Count(Row(capacity, "workers", "worker", "Owen Price"), "open"));
        Assert.Equal(2, Count(Row(capacity, "workers", "worker", "Owen Price"), "max"));
        Assert.DoesNotContain(Table(capacity, "workers").GetProperty("rows").EnumerateArray(), r => r.GetProperty("worker").GetString() == "Nia Jenkins" && Count(r, "open") > 0);

        // Closure on 1 April 2026, goals achieved; the six-month follow-up is checked on 5 October 2026 and finds nothing.
        MoveTo(2026, 4, 1);
        episode = await OkJsonAsync(manager.GetAsync($"/api/v1/episodes/{episodeId}"));
        await OkJsonAsync(manager.PostAsJsonAsync($"/api/v1/episodes/{episodeId}/closure",
            new { version = episode.GetProperty("version").GetInt32(), closedOn = D(2026, 4, 1), reason = "goals_achieved", destination = "no_further_service" }));
        var owen = await TokenClientAsync("owen@newcouncil.example");
        var followUps = (await OkJsonAsync(owen.GetAsync($"/api/v1/episodes/{episodeId}/follow-ups"))).EnumerateArray().ToList();
        Assert.Equal([6, 12, 24], followUps.Select(f => f.GetProperty("monthsAfterClosure").GetInt32()).Order());
        var sixMonths = followUps.Single(f => f.GetProperty("monthsAfterClosure").GetInt32() == 6);
        Assert.Equal(D(2026, 10, 1), sixMonths.GetProperty("dueOn").GetString());
        MoveTo(2026, 10, 5);
        await OkJsonAsync(owen.PostAsJsonAsync($"/api/v1/episodes/{episodeId}/follow-ups/{sixMonths.GetProperty("id").GetGuid()}",
            new { version = sixMonths.GetProperty("version").GetInt32(), checkedOn = D(2026, 10, 5), result = "no_event" }));

        // 4. Reports over 2026 to date, each figure hand-computed from the one family above.
        var period = $"from={D(2026, 1, 1)}&to={D(2026, 10, 5)}";
        var funnel = Table(await OkJsonAsync(manager.GetAsync($"/api/v1/reports/funnel?{period}")), "funnel").GetProperty("rows").EnumerateArray()
            .Single(r => r.GetProperty("service").GetString() == "Family Support North");
        Assert.Equal((1, 0, 1, 1), (Count(funnel, "referrals"), Count(funnel, "inappropriate"), Count(funnel, "assessed"), Count(funnel, "accepted")));
        // Phase 1 completed by moving on; Phase 2 completed by closing with goals achieved.
        Assert.Equal((1, 1), (Count(funnel, "completed_1"), Count(funnel, "completed_2")));

        var measures = await OkJsonAsync(manager.GetAsync($"/api/v1/reports/measures?{period}"));
        var gasRow = Table(measures, "gas").GetProperty("rows").EnumerateArray().Single();
        Assert.Equal(1, Count(gasRow, "reviews"));
        Assert.Equal(60m, Math.Round(gasRow.GetProperty("mean").GetDecimal(), 2));

        var outcomes = await OkJsonAsync(manager.GetAsync($"/api/v1/reports/outcomes?{period}"));
        var six = Row(outcomes, "follow-ups", "window", "6 months");
        Assert.Equal((1, 1, 0, 1, 0), (Count(six, "eligible"), Count(six, "checked"), Count(six, "event"), Count(six, "no_event"), Count(six, "unknown")));
        Assert.Equal(100m, six.GetProperty("no_event_pct").GetDecimal());
        // Twelve months have not passed on 5 October 2026: nobody is eligible, and no share is claimed.
        var twelve = Row(outcomes, "follow-ups", "window", "12 months");
        Assert.Equal((0, 0, 0, 0), (Count(twelve, "eligible"), Count(twelve, "checked"), Count(twelve, "event"), Count(twelve, "no_event")));
        Assert.Equal(JsonValueKind.Null, twelve.GetProperty("no_event_pct").ValueKind);
        var first = Row(outcomes, "interventions", "intervention", "First intervention");
        Assert.Equal((1, 0, 1), (Count(first, "families"), Count(first, "sustained"), Count(first, "unknown")));
        Assert.Equal(JsonValueKind.Null, first.GetProperty("sustained_pct").ValueKind);

        // Worker B's figures alone: the report by worker gives Owen the case, Nia nothing after the handover.
        var owenCapacity = await OkJsonAsync(manager.GetAsync($"/api/v1/reports/capacity?from={D(2026, 1, 1)}&to={D(2026, 3, 21)}&worker={workerBId}"));
        Assert.Equal(1, Count(Row(owenCapacity, "workers", "worker", "Owen Price"), "open"));
    }
}
