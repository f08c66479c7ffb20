using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Hearth.Core.Auditing;
using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Core.Security;
using Hearth.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Hearth.Web.Tests.Infrastructure.JourneyWebFactory;

namespace Hearth.Web.Tests.Api;

/// <summary>Recording an assessment through the API, as the assessment page does: start a draft, then complete it.</summary>
public sealed class AssessmentApiTests(JourneyWebFactory app) : IClassFixture<JourneyWebFactory>
{
    private async Task<HttpClient> TokenClientAsync(string role)
    {
        var issued = await app.WithAsync(s => s.GetRequiredService<TokenService>().CreateAsync(Seeder, HearthWebFactory.EmailFor(role), "assessment tests", null));
        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Token);
        return client;
    }

    private Task<List<Assessment>> AssessmentsAsync(Guid episodeId) =>
        app.WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<Assessment>().AsNoTracking().Where(a => a.EpisodeId == episodeId).ToListAsync());

    [Fact]
    public async Task A_practitioner_starts_and_completes_an_assessment_bad_input_names_the_field_and_other_roles_get_403()
    {
        var (episode, _) = await app.EpisodeAsync();
        var practitioner = await TokenClientAsync("Practitioner");
        var path = $"/api/v1/episodes/{episode.Id}/assessments";
        var answers = new Dictionary<string, string?> { ["substances_used"] = "Heroin", ["motivation_to_change"] = "6" };

        Assert.Equal(HttpStatusCode.Forbidden, (await (await TokenClientAsync("Performance")).PostAsJsonAsync(path, new { startedOn = "2026-09-02" })).StatusCode);
        var noDate = await practitioner.PostAsJsonAsync(path, new { worries = "Kim's drug use" });
        Assert.Equal(HttpStatusCode.BadRequest, noDate.StatusCode);
        Assert.Equal("Enter the date the assessment started", (await noDate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("StartedOn")[0].GetString());
        Assert.Empty(await AssessmentsAsync(episode.Id));

        var started = await practitioner.PostAsJsonAsync(path, new { startedOn = "2026-09-02", worries = "Kim's drug use", answers });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var draft = await started.Content.ReadFromJsonAsync<JsonElement>();
        var id = draft.GetProperty("id").GetGuid();

        // Completing needs the safety scale: refused naming it, and the draft is left as it was.
        var incomplete = await practitioner.PutAsJsonAsync($"/api/v1/assessments/{id}", new { version = draft.GetProperty("version").GetInt32(), startedOn = "2026-09-02", answers, complete = true });
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        Assert.True((await incomplete.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("SafetyScale", out _));
        Assert.Equal(AssessmentState.Draft, (await AssessmentsAsync(episode.Id)).Single().State);

        var stale = await practitioner.PutAsJsonAsync($"/api/v1/assessments/{id}", new { version = draft.GetProperty("version").GetInt32() + 1, startedOn = "2026-09-02", worries = "Changed", answers });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("Kim's drug use", (await AssessmentsAsync(episode.Id)).Single().Worries);

        var completed = await practitioner.PutAsJsonAsync($"/api/v1/assessments/{id}",
            new { version = draft.GetProperty("version").GetInt32(), startedOn = "2026-09-02", worries = "Kim's drug use", safetyScale = 4, answers, complete = true });
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        var saved = (await AssessmentsAsync(episode.Id)).Single();
        Assert.Equal((AssessmentState.Complete, (DateOnly?)Today, 4), (saved.State, saved.CompletedOn, saved.SafetyScale));

        var practitionerUser = await app.WithAsync(s => s.GetRequiredService<HearthDbContext>().Users.AsNoTracking().SingleAsync(u => u.Email == HearthWebFactory.EmailFor("Practitioner")));
        Assert.Equal(2, await app.WithAsync(s => s.GetRequiredService<HearthDbContext>().AuditEvents
            .CountAsync(a => a.EntityType == nameof(Assessment) && a.EntityId == id.ToString() && a.ActorUserId == practitionerUser.Id
                && (a.Action == AuditAction.Created || a.Action == AuditAction.Updated))));
    }
}
