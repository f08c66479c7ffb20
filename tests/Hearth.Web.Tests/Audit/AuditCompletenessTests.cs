using System.Net;
using System.Text.RegularExpressions;
using Hearth.Core.Auditing;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Security;
using Hearth.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests.Audit;

/// <summary>
/// Every GET route that shows a family's record (pages and API, discovered from the endpoint data source under the family,
/// episode and casework routes) writes at least one access event for the reader; refusals are written without personal data.
/// </summary>
public sealed class AuditCompletenessTests(HearthWebFactory app) : IClassFixture<HearthWebFactory>
{
    // The routes whose only parameter is a family or an episode: each shows that family's record.
    private static readonly (Regex Prefix, string Kind)[] PersonalRoutes =
    [
        (new(@"^/(statutory/|casework/)?families/\{id[^}]*\}"), "family"),
        (new(@"^/api/v1/families/\{(id|familyId)[^}]*\}"), "family"),
        (new(@"^/api/v1/results/families/\{id[^}]*\}"), "family"),
        (new(@"^/(casework/)?episodes/\{id[^}]*\}"), "episode"),
        (new(@"^/api/v1/(measures/)?episodes/\{(id|episodeId)[^}]*\}"), "episode"),
    ];

    // Forms that ask for new details and show none of the family's record.
    private static readonly string[] NoRecordShown = ["/families/{id:guid}/people/add"];

    [Fact]
    public async Task Every_get_route_showing_a_familys_record_writes_an_access_event_for_the_reader()
    {
        Guid episodeId, familyId, userId;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
            var user = await db.Users.SingleAsync(u => u.Email == HearthWebFactory.EmailFor("Performance"));
            userId = user.Id;
            var episode = await db.Set<Episode>().Where(e => e.ClosedOn == null).OrderBy(e => e.OpenedOn).FirstAsync();
            (episodeId, familyId) = (episode.Id, episode.FamilyId);
        }
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is not { } m || m.HttpMethods.Contains("GET"))
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").Trim('/'))
            .Select(t => (Template: t, Match: PersonalRoutes.FirstOrDefault(p => p.Prefix.IsMatch(t))))
            .Where(r => r.Match.Prefix is not null && !NoRecordShown.Contains(r.Template))
            .Select(r => (r.Template, Path: Regex.Replace(r.Match.Prefix.Replace(r.Template, m => Regex.Replace(m.Value, @"\{[^}]*\}", (r.Match.Kind == "family" ? familyId : episodeId).ToString())), @"/\{[^}]*\?\}", ""), r.Match.Kind))
            // Routes naming a second record (a person, an allocation) are checked by their own tests.
            .Where(r => !r.Path.Contains('{'))
            .DistinctBy(r => r.Path).ToList();
        Assert.True(routes.Count >= 15, $"only {routes.Count} routes found: {string.Join(", ", routes.Select(r => r.Template))}");

        // A performance officer sees the whole council's families; a manager records casework.
        var performance = await app.SignedInClientAsync("Performance");
        var manager = await app.SignedInClientAsync("Manager");
        var missing = new List<string>();
        foreach (var (template, path, _) in routes)
        {
            foreach (var (client, role) in new[] { (performance, "Performance"), (manager, "Manager") })
            {
                var actor = await UserIdAsync(role);
                var before = await ReadsAsync(actor);
                var response = await client.GetAsync(path);
                if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
                {
                    continue;
                }
                if (response.StatusCode == HttpStatusCode.OK && await ReadsAsync(actor) == before)
                {
                    missing.Add($"{role} GET {template}: no access event");
                }
                break;
            }
        }
        Assert.Empty(missing);
        _ = userId;
    }

    [Fact]
    public async Task A_policy_refusal_and_a_scoped_404_are_written_to_the_trail_without_the_query_or_the_record()
    {
        var partner = await app.SignedInClientAsync("Partner");
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync("/search?q=Zebedee")).StatusCode);
        var partnerId = await UserIdAsync("Partner");
        using (var scope = app.Services.CreateScope())
        {
            var denied = await scope.ServiceProvider.GetRequiredService<HearthDbContext>().AuditEvents.AsNoTracking()
                .Where(e => e.ActorUserId == partnerId && e.Action == AuditAction.Denied).ToListAsync();
            var e = Assert.Single(denied);
            Assert.Equal("/search", AuditChanges.Parse(e.Changes).Single(c => c.Field == "route").To);
            Assert.Equal("403", AuditChanges.Parse(e.Changes).Single(c => c.Field == "status").To);
            Assert.DoesNotContain("Zebedee", e.Changes + e.EntityId + e.Reason);
        }

        // A practitioner asking for a family outside their teams gets the 404 that hides it, and the refusal is recorded.
        Guid outside;
        var practitionerId = await UserIdAsync("Practitioner");
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
            var teams = await db.Set<UserTeam>().Where(t => t.UserId == practitionerId).Select(t => t.TeamId).ToListAsync();
            outside = await db.Set<Hearth.Core.People.Family>().Where(f => !teams.Contains(f.TeamId)).Select(f => f.Id).FirstAsync();
        }
        var practitioner = await app.SignedInClientAsync("Practitioner");
        Assert.Equal(HttpStatusCode.NotFound, (await practitioner.GetAsync($"/families/{outside}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await TokenClientAsync("Practitioner")).GetAsync($"/api/v1/families/{outside}")).StatusCode);
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
            var denied = await db.AuditEvents.AsNoTracking().Where(e => e.ActorUserId == practitionerId && e.Action == AuditAction.Denied).OrderBy(e => e.Id).ToListAsync();
            Assert.Equal(2, denied.Count);
            Assert.All(denied, e => Assert.Equal(outside.ToString(), e.EntityId));
            Assert.Equal(["/families/{id:guid}", "404"], AuditChanges.Parse(denied[0].Changes).Select(c => c.To!));
            Assert.Equal("403", AuditChanges.Parse(denied[1].Changes).Single(c => c.Field == "status").To);
            Assert.False(await db.AuditEvents.AnyAsync(e => e.ActorUserId == practitionerId && e.Action == AuditAction.Read && e.EntityId == outside.ToString()));
        }
    }

    private async Task<Guid> UserIdAsync(string role)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<HearthDbContext>().Users.Where(u => u.Email == HearthWebFactory.EmailFor(role)).Select(u => u.Id).SingleAsync();
    }

    private async Task<int> ReadsAsync(Guid userId)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<HearthDbContext>().AuditEvents.CountAsync(e => e.ActorUserId == userId && e.Action == AuditAction.Read);
    }

    private async Task<HttpClient> TokenClientAsync(string role)
    {
        using var scope = app.Services.CreateScope();
        var issued = await scope.ServiceProvider.GetRequiredService<TokenService>()
            .CreateAsync(ActorContext.System("test"), HearthWebFactory.EmailFor(role), "test client", null);
        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", issued.Token);
        return client;
    }
}
