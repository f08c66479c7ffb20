using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Hearth.Core.Auditing;
using Hearth.Core.Data;
using Hearth.Core.Organisation;
using Hearth.Core.Security;
using Hearth.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests.Api;

/// <summary>User accounts by API (/api/v1/admin/users), and the ids the services and teams routes answer for scripts.</summary>
public sealed class UsersApiTests(HearthWebFactory app) : IClassFixture<HearthWebFactory>
{
    private Task<HttpClient> TokenClientAsync(string role) => TokenClientForAsync(HearthWebFactory.EmailFor(role));

    private async Task<HttpClient> TokenClientForAsync(string email)
    {
        using var scope = app.Services.CreateScope();
        var issued = await scope.ServiceProvider.GetRequiredService<TokenService>().CreateAsync(ActorContext.System("test"), email, "set-up script", null);
        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Token);
        return client;
    }

    private async Task<T> WithDb<T>(Func<HearthDbContext, Task<T>> read)
    {
        using var scope = app.Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<HearthDbContext>());
    }

    [Fact]
    public async Task The_team_id_a_script_gets_back_is_the_one_the_families_api_takes()
    {
        var api = await TokenClientAsync("Admin");
        var service = await (await api.PostAsJsonAsync("/api/v1/admin/services", new { name = "Id Service", code = "id-service" })).Content.ReadFromJsonAsync<JsonElement>();
        var serviceId = service.GetProperty("id").GetGuid();
        var created = await api.PostAsJsonAsync("/api/v1/admin/teams", new { serviceCode = "id-service", name = "Id Team", code = "id-team" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var teamId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var stored = await WithDb(db => db.Set<Team>().AsNoTracking().SingleAsync(t => t.Code == "id-team"));
        Assert.Equal((teamId, serviceId), (stored.Id, stored.ServiceId));

        var listed = (await api.GetFromJsonAsync<JsonElement>("/api/v1/admin/teams"))!.EnumerateArray().Single(t => t.GetProperty("code").GetString() == "id-team");
        Assert.Equal(teamId, listed.GetProperty("id").GetGuid());
        var inService = (await api.GetFromJsonAsync<JsonElement>("/api/v1/admin/services")).EnumerateArray().Single(s => s.GetProperty("code").GetString() == "id-service");
        Assert.Equal((serviceId, teamId), (inService.GetProperty("id").GetGuid(), inService.GetProperty("teams")[0].GetProperty("id").GetGuid()));

        // An administrator records no casework, so the script's new practitioner in that team adds the family.
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/v1/admin/users",
            new { name = "Ida Team", email = "ida.team@council.example", role = "Practitioner", teamCodes = new[] { "id-team" }, password = "a-long-enough-password" })).StatusCode);
        var practitioner = await TokenClientForAsync("ida.team@council.example");
        var family = await practitioner.PostAsJsonAsync("/api/v1/families", new { reference = "ID-TEAM-1", teamId });
        Assert.Equal(HttpStatusCode.Created, family.StatusCode);
        Assert.Equal(teamId, await WithDb(db => db.Set<Hearth.Core.People.Family>().Where(f => f.Reference == "ID-TEAM-1").Select(f => f.TeamId).SingleAsync()));
    }

    [Fact]
    public async Task An_administrator_creates_a_user_by_api_it_is_listed_and_audited()
    {
        var api = await TokenClientAsync("Admin");
        var response = await api.PostAsJsonAsync("/api/v1/admin/users",
            new { name = "Nia Api", email = "nia.api@council.example", role = "Practitioner", teamCodes = new[] { "ifss-2-team" }, password = "a-long-enough-password", jobTitle = "Senior practitioner" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetGuid();
        var workerId = body.GetProperty("workerId").GetGuid();

        var user = await WithDb(db => db.Users.Include(u => u.Teams).SingleAsync(u => u.Email == "nia.api@council.example"));
        Assert.Equal((id, workerId, Role.Practitioner, "Nia Api"), (user.Id, user.WorkerId!.Value, user.Role, user.DisplayName));
        var worker = await WithDb(db => db.Set<Worker>().Include(w => w.Team).SingleAsync(w => w.Id == workerId));
        Assert.Equal(("Senior practitioner", "ifss-2-team"), (worker.JobTitle, worker.Team!.Code));
        Assert.True(await WithDb(db => db.AuditEvents.AnyAsync(e => e.EntityType == nameof(HearthUser) && e.EntityId == id.ToString() && e.Action == AuditAction.Created && e.ActorName == "Alex Admin")),
            string.Join("; ", await WithDb(db => db.AuditEvents.Where(e => e.EntityId == id.ToString()).Select(e => e.ActorName + " " + e.Action).ToListAsync())));

        var listResponse = await api.GetAsync("/api/v1/admin/users");
        var text = await listResponse.Content.ReadAsStringAsync();
        Assert.DoesNotContain("passwordHash", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("stamp", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(user.PasswordHash!, text, StringComparison.Ordinal);
        var listed = JsonDocument.Parse(text).RootElement.EnumerateArray().Single(u => u.GetProperty("id").GetGuid() == id);
        Assert.Equal(("Nia Api", "nia.api@council.example", "Practitioner", true), (listed.GetProperty("name").GetString(), listed.GetProperty("email").GetString(),
            listed.GetProperty("role").GetString(), listed.GetProperty("active").GetBoolean()));
        Assert.Equal(["ifss-2-team"], listed.GetProperty("teamCodes").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task Bad_input_is_refused_with_each_field_named_and_nothing_created()
    {
        var api = await TokenClientAsync("Admin");
        var users = await WithDb(db => db.Users.CountAsync());
        var audit = await WithDb(db => db.AuditEvents.CountAsync());
        var response = await api.PostAsJsonAsync("/api/v1/admin/users",
            new { name = "", email = "not-an-email", role = "Wizard", teamCodes = new[] { "no-such-team" }, password = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["Email", "Name", "Password", "Role", "Team"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("Enter the user's name", errors.GetProperty("Name")[0].GetString());
        Assert.Equal("Enter an email address in the correct format, like name@example.org", errors.GetProperty("Email")[0].GetString());
        Assert.Equal("There is no team called no-such-team", errors.GetProperty("Team")[0].GetString());
        Assert.StartsWith("Role \"Wizard\" is not known", errors.GetProperty("Role")[0].GetString());
        Assert.Contains(errors.GetProperty("Password").EnumerateArray(), e => e.GetString()!.Contains("at least 12 characters", StringComparison.Ordinal));
        Assert.Equal((users, audit), (await WithDb(db => db.Users.CountAsync()), await WithDb(db => db.AuditEvents.CountAsync())));
    }

    [Fact]
    public async Task A_manager_is_refused_the_users_api_and_nothing_is_created()
    {
        var api = await TokenClientAsync("Manager");
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/v1/admin/users")).StatusCode);
        var response = await api.PostAsJsonAsync("/api/v1/admin/users",
            new { name = "Sneaky", email = "sneaky@council.example", role = "Admin", teamCodes = Array.Empty<string>(), password = "a-long-enough-password" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(await WithDb(db => db.Users.AnyAsync(u => u.Email == "sneaky@council.example")));
    }
}
