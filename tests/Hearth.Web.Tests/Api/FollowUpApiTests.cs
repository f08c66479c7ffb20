using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Security;
using Hearth.Web.Tests.Episodes;
using Hearth.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests.Api;

/// <summary>Follow-ups through /api/v1: listed per episode, and their result recorded or refused per field.</summary>
public sealed class FollowUpApiTests(JourneyWebFactory app) : IClassFixture<JourneyWebFactory>
{
    private async Task<HttpClient> TokenClientAsync(Role role)
    {
        await app.SignedInClientAsync("Practitioner");
        using var scope = app.Services.CreateScope();
        var issued = await scope.ServiceProvider.GetRequiredService<TokenService>()
            .CreateAsync(ActorContext.System("test"), HearthWebFactory.EmailFor(role.ToString()), "front door", null);
        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Token);
        return client;
    }

    [Fact]
    public async Task A_follow_ups_result_is_recorded_through_the_api_and_bad_input_is_refused_per_field()
    {
        var (episode, child) = await EpisodePagesTests.ClosedEpisodeWithFollowUpsAsync(app);
        var practitioner = await TokenClientAsync(Role.Practitioner);

        var list = await practitioner.GetFromJsonAsync<JsonElement>($"/api/v1/episodes/{episode.Id}/follow-ups");
        Assert.Equal([6, 12, 24], list.EnumerateArray().Select(f => f.GetProperty("monthsAfterClosure").GetInt32()));
        Assert.All(list.EnumerateArray(), f => Assert.Equal(JsonValueKind.Null, f.GetProperty("result").ValueKind));
        var six = list.EnumerateArray().First();
        var path = $"/api/v1/episodes/{episode.Id}/follow-ups/{six.GetProperty("id").GetGuid()}";
        var version = six.GetProperty("version").GetInt32();

        var bad = await practitioner.PostAsJsonAsync(path, new { version, checkedOn = "2026-04-07", result = "maybe" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("no_event", problem.GetProperty("errors").GetProperty("Result")[0].GetString());
        var noEvent = await practitioner.PostAsJsonAsync(path, new { version, checkedOn = "2026-04-07", result = "event" });
        Assert.Equal(HttpStatusCode.BadRequest, noEvent.StatusCode);
        Assert.Equal("Choose which event happened", (await noEvent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("Kind")[0].GetString());
        var forbidden = await (await TokenClientAsync(Role.Performance)).PostAsJsonAsync(path, new { version, checkedOn = "2026-04-07", result = "no_event" });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Null((await app.WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<FollowUp>().SingleAsync(f => f.Id == six.GetProperty("id").GetGuid()))).Result);

        var saved = await practitioner.PostAsJsonAsync(path, new
        {
            version, checkedOn = "2026-04-07", result = "event",
            events = new[] { new { personId = child, kind = "child_protection_plan", occurredOn = "2026-02-20" } },
        });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var body = await saved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("event", "2026-04-07"), (body.GetProperty("result").GetString(), body.GetProperty("checkedOn").GetString()));
        var outcome = await app.WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<OutcomeEvent>().SingleAsync(o => o.EpisodeId == episode.Id));
        Assert.Equal((child, OutcomeKind.ChildProtectionPlan, new DateOnly(2026, 2, 20)), (outcome.PersonId, outcome.Kind, outcome.OccurredOn));
        var elsewhere = await practitioner.PostAsJsonAsync($"/api/v1/episodes/{Guid.NewGuid()}/follow-ups/{six.GetProperty("id").GetGuid()}", new { version, checkedOn = "2026-04-07", result = "no_event" });
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
    }
}
