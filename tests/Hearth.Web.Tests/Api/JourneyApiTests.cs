using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Hearth.Core.Data;
using Hearth.Core.Organisation;
using Hearth.Core.Security;
using Hearth.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests.Api;

public sealed class JourneyApiTests(HearthWebFactory app) : IClassFixture<HearthWebFactory>
{
    private static readonly Dictionary<string, bool> Eligible = new() { ["parental_substance_misuse"] = true, ["child_in_need_or_at_risk"] = true, ["family_consents"] = true };

    private async Task<HttpClient> TokenClientAsync(Role role)
    {
        using var scope = app.Services.CreateScope();
        var issued = await scope.ServiceProvider.GetRequiredService<TokenService>()
            .CreateAsync(ActorContext.System("test"), HearthWebFactory.EmailFor(role.ToString()), "front door", null);
        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Token);
        return client;
    }

    private async Task<(Guid Team, Guid Worker, DateOnly Today)> TeamAsync(string code)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
        var team = await db.Set<Team>().SingleAsync(t => t.Code == code);
        var worker = await db.Set<Worker>().Where(w => w.TeamId == team.Id).OrderBy(w => w.Name).FirstAsync();
        return (team.Id, worker.Id, DateOnly.FromDateTime(scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime));
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonElement>());

    [Fact]
    public async Task A_front_door_takes_a_family_from_referral_to_closure_through_the_api()
    {
        var (team, worker, today) = await TeamAsync("ifss-1-team");
        var practitioner = await TokenClientAsync(Role.Practitioner);
        var manager = await TokenClientAsync(Role.Manager);

        var family = await JsonAsync(await practitioner.PostAsJsonAsync("/api/v1/families", new { reference = "API-1", teamId = team }));
        var familyId = family.GetProperty("id").GetGuid();
        var childResponse = await practitioner.PostAsJsonAsync($"/api/v1/families/{familyId}/people",
            new { givenName = "Cerys", familyName = "Api", dateOfBirth = "2017-06-01", sex = "female", upn = "P207000016049", notADuplicate = true });
        Assert.Equal(HttpStatusCode.Created, childResponse.StatusCode);
        var childId = (await JsonAsync(childResponse)).GetProperty("id").GetGuid();

        var referralResponse = await practitioner.PostAsJsonAsync("/api/v1/referrals", new
        {
            teamId = team, familyId, childIds = new[] { childId }, receivedOn = today.AddDays(-20).ToString("yyyy-MM-dd"), channel = "portal", source = "3B",
            presentingNeeds = new[] { "parental_mental_health" }, consentToShare = true, sharingBasis = "consent", eligibilityAnswers = Eligible, reference = "FD-1",
        });
        Assert.Equal(HttpStatusCode.Created, referralResponse.StatusCode);
        var referral = await JsonAsync(referralResponse);
        Assert.False(referral.GetProperty("isReReferral").GetBoolean());
        var referralId = referral.GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.Forbidden, (await practitioner.PostAsJsonAsync($"/api/v1/referrals/{referralId}/decision",
            new { version = 0, outcome = "accepted", decidedOn = today.AddDays(-19).ToString("yyyy-MM-dd") })).StatusCode);
        var decision = await JsonAsync(await manager.PostAsJsonAsync($"/api/v1/referrals/{referralId}/decision",
            new { version = referral.GetProperty("version").GetInt32(), outcome = "accepted", decidedOn = today.AddDays(-19).ToString("yyyy-MM-dd") }));
        Assert.Equal("Accepted", decision.GetProperty("status").GetString());
        var episodeId = decision.GetProperty("episodeId").GetGuid();

        var episode = await JsonAsync(await practitioner.PostAsJsonAsync($"/api/v1/episodes/{episodeId}/transitions", new { version = 0, phase = "assessment", on = today.AddDays(-18).ToString("yyyy-MM-dd") }));
        var early = await practitioner.PostAsJsonAsync($"/api/v1/episodes/{episodeId}/transitions", new { version = episode.GetProperty("version").GetInt32(), phase = "phase1", on = today.AddDays(-15).ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.True((await JsonAsync(early)).GetProperty("errors").TryGetProperty("Phase", out _));
        episode = await JsonAsync(await practitioner.PostAsJsonAsync($"/api/v1/episodes/{episodeId}/assessment-decision", new { version = episode.GetProperty("version").GetInt32(), decision = "proceed", decidedOn = today.AddDays(-15).ToString("yyyy-MM-dd") }));
        episode = await JsonAsync(await practitioner.PostAsJsonAsync($"/api/v1/episodes/{episodeId}/transitions", new { version = episode.GetProperty("version").GetInt32(), phase = "phase1", on = today.AddDays(-15).ToString("yyyy-MM-dd") }));
        Assert.Equal("phase1", episode.GetProperty("currentPhase").GetString());

        var staleAllocation = await manager.PostAsJsonAsync($"/api/v1/episodes/{episodeId}/allocations", new { workerId = worker, from = today.AddDays(-15).ToString("yyyy-MM-dd"), overrideReason = "Demo team is at capacity", version = 0 });
        Assert.Equal(HttpStatusCode.Conflict, staleAllocation.StatusCode);
        var allocation = await manager.PostAsJsonAsync($"/api/v1/episodes/{episodeId}/allocations", new { workerId = worker, from = today.AddDays(-15).ToString("yyyy-MM-dd"), overrideReason = "Demo team is at capacity", version = episode.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.Created, allocation.StatusCode);

        var stale = await manager.PostAsJsonAsync($"/api/v1/episodes/{episodeId}/closure", new { version = 0, closedOn = today.ToString("yyyy-MM-dd"), reason = "goals_achieved", destination = "no_further_service" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var noReason = await manager.PostAsJsonAsync($"/api/v1/episodes/{episodeId}/closure", new { version = episode.GetProperty("version").GetInt32(), closedOn = today.ToString("yyyy-MM-dd") });
        var errors = (await JsonAsync(noReason)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("ClosureReason", out _) && errors.TryGetProperty("ClosureDestination", out _));
        var closed = await JsonAsync(await manager.PostAsJsonAsync($"/api/v1/episodes/{episodeId}/closure",
            new { version = episode.GetProperty("version").GetInt32(), closedOn = today.ToString("yyyy-MM-dd"), reason = "stepped_up_cp", destination = "child_protection", unmetNeed = true }));
        Assert.Equal(("stepped_up_cp", "RC7"), (closed.GetProperty("closureReason").GetString(), closed.GetProperty("dfeReasonForClosure").GetString()));

        var record = await JsonAsync(await practitioner.GetAsync($"/api/v1/families/{familyId}"));
        Assert.Equal("API-1", record.GetProperty("reference").GetString());
        Assert.Equal(1, record.GetProperty("episodes").GetArrayLength());
        Assert.Contains(record.GetProperty("chronology").EnumerateArray(), c => c.GetProperty("kind").GetString() == "Closure");
    }

    [Fact]
    public async Task Bad_referrals_get_problem_details_naming_each_field_and_other_teams_get_403()
    {
        var (team, _, today) = await TeamAsync("ifss-1-team");
        var (otherTeam, _, _) = await TeamAsync("ifit-team");
        var practitioner = await TokenClientAsync(Role.Practitioner);
        var family = await JsonAsync(await practitioner.PostAsJsonAsync("/api/v1/families", new { reference = "API-2", teamId = team }));

        var bad = await practitioner.PostAsJsonAsync("/api/v1/referrals", new { teamId = team, familyId = family.GetProperty("id").GetGuid(), receivedOn = today.AddDays(3).ToString("yyyy-MM-dd"), channel = "pigeon", source = "99", sharingBasis = "consent" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await JsonAsync(bad)).GetProperty("errors");
        Assert.Equal(["Channel", "ChildIds", "ReceivedOn", "Source"], errors.EnumerateObject().Select(p => p.Name).Take(4));
        Assert.True(errors.TryGetProperty("Eligibility.family_consents", out _));

        var outside = await practitioner.PostAsJsonAsync("/api/v1/families", new { reference = "API-3", teamId = otherTeam });
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        var partner = await TokenClientAsync(Role.Partner);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync($"/api/v1/families/{family.GetProperty("id").GetGuid()}")).StatusCode);
        var ifitFamily = await OtherTeamFamilyAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await practitioner.GetAsync($"/api/v1/families/{ifitFamily}")).StatusCode);
    }

    [Fact]
    public async Task A_manager_merges_a_duplicate_through_the_api_with_both_versions_and_a_reason()
    {
        var (team, _, _) = await TeamAsync("ifss-1-team");
        var practitioner = await TokenClientAsync(Role.Practitioner);
        var manager = await TokenClientAsync(Role.Manager);
        async Task<JsonElement> PersonAsync(string reference)
        {
            var family = await JsonAsync(await practitioner.PostAsJsonAsync("/api/v1/families", new { reference, teamId = team }));
            return await JsonAsync(await practitioner.PostAsJsonAsync($"/api/v1/families/{family.GetProperty("id").GetGuid()}/people",
                new { givenName = "Osian", familyName = "Apimerge", dateOfBirth = "2012-04-05", notADuplicate = true }));
        }
        var keep = await PersonAsync("API-MERGE-1");
        var duplicate = await PersonAsync("API-MERGE-2");
        var path = $"/api/v1/families/people/{keep.GetProperty("id").GetGuid()}/merge";
        object Body(string? reason, int mergeVersion) => new { version = keep.GetProperty("version").GetInt32(), mergeId = duplicate.GetProperty("id").GetGuid(), mergeVersion, reason };

        Assert.Equal(HttpStatusCode.Forbidden, (await practitioner.PostAsJsonAsync(path, Body("same boy", 0))).StatusCode);
        var noReason = await manager.PostAsJsonAsync(path, Body(null, duplicate.GetProperty("version").GetInt32()));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Reason", await noReason.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, (await manager.PostAsJsonAsync(path, Body("same boy", duplicate.GetProperty("version").GetInt32() + 1))).StatusCode);

        var merged = await manager.PostAsJsonAsync(path, Body("Same boy, recorded by two teams", duplicate.GetProperty("version").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        using var scope = app.Services.CreateScope();
        var person = await scope.ServiceProvider.GetRequiredService<HearthDbContext>().Set<Hearth.Core.People.Person>().SingleAsync(p => p.Id == duplicate.GetProperty("id").GetGuid());
        Assert.Equal(keep.GetProperty("id").GetGuid(), person.MergedIntoId);
    }

    [Fact]
    public async Task Caseload_and_waiting_list_are_served_for_the_callers_teams_only()
    {
        var (team, _, _) = await TeamAsync("ifss-1-team");
        var (otherTeam, _, _) = await TeamAsync("ifit-team");
        var manager = await TokenClientAsync(Role.Manager);
        var caseload = await JsonAsync(await manager.GetAsync($"/api/v1/caseload?team={team}"));
        Assert.True(caseload.GetArrayLength() > 0);
        Assert.Equal(0, (await JsonAsync(await manager.GetAsync($"/api/v1/caseload?team={otherTeam}"))).GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/v1/caseload/waiting-list?team={team}")).StatusCode);
        Assert.Equal(0, (await JsonAsync(await manager.GetAsync($"/api/v1/caseload/waiting-list?team={otherTeam}"))).GetArrayLength());
        var panel = await JsonAsync(await manager.GetAsync($"/api/v1/caseload/resource-panel?team={team}&team={otherTeam}"));
        Assert.Equal([team], panel.EnumerateArray().Select(t => t.GetProperty("teamId").GetGuid()));
        var practitioner = await TokenClientAsync(Role.Practitioner);
        Assert.Equal(HttpStatusCode.Forbidden, (await practitioner.GetAsync("/api/v1/caseload/resource-panel")).StatusCode);
    }

    private async Task<Guid> OtherTeamFamilyAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
        var team = await db.Set<Team>().SingleAsync(t => t.Code == "ifit-team");
        return await db.Set<Hearth.Core.People.Family>().Where(f => f.TeamId == team.Id).Select(f => f.Id).FirstAsync();
    }
}
