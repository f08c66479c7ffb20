using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Hearth.Core.Auditing;
using Hearth.Core.Data;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Security;
using Hearth.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests.Infrastructure;

public sealed class AuthorizationTests(HearthWebFactory app) : IClassFixture<HearthWebFactory>
{
    // Every page folder and API group with the permission it demands.
    private static readonly (string Path, Permission Permission)[] Pages =
    [
        ("/families", Permission.ViewFamilies),
        ("/families?Status=Open&Sort=worker&Order=desc&PageNumber=2", Permission.ViewFamilies),
        ("/search", Permission.ViewFamilies),
        ("/search?q=Jones", Permission.ViewFamilies),
        ("/measures", Permission.ViewFamilies),
        ("/admin/users", Permission.Administer),
        ("/admin/users/create", Permission.Administer),
        ("/admin/programmes", Permission.Administer),
        ("/admin/programmes/ifss", Permission.Administer),
        ("/admin", Permission.Administer),
        ("/admin/services", Permission.Administer),
        ("/admin/workers", Permission.Administer),
        ("/admin/budgets", Permission.Administer),
        ("/admin/population", Permission.Administer),
        ("/admin/figures-to-enter", Permission.Administer),
        ("/admin/figures-not-recorded", Permission.ImportData),
        ("/admin/figures-not-recorded/record", Permission.ImportData),
        ("/audit", Permission.ViewAuditTrail),
        ("/shared-with-me", Permission.ViewSharedRecords),
        ("/reports", Permission.ViewReports),
        ("/caseload", Permission.ViewFamilies),
        ("/caseload/reallocation", Permission.ManageCases),
        ("/results", Permission.ViewResults),
        ("/results/claims", Permission.ViewResults),
        ("/results/finance", Permission.ViewResults),
    ];

    private static readonly (string Path, Permission Permission)[] ApiGroups =
    [
        ("/api/v1/families", Permission.ViewFamilies),
        ("/api/v1/search?q=Jones", Permission.ViewFamilies),
        ("/api/v1/admin/users", Permission.Administer),
        ("/api/v1/programmes", Permission.Administer),
        ("/api/v1/admin/services", Permission.Administer),
        ("/api/v1/admin/teams", Permission.Administer),
        ("/api/v1/admin/workers", Permission.Administer),
        ("/api/v1/admin/budgets", Permission.Administer),
        ("/api/v1/admin/figures-to-enter", Permission.Administer),
        ("/api/v1/report-gaps", Permission.ImportData),
        ("/api/v1/audit", Permission.ViewAuditTrail),
        ("/api/v1/shared", Permission.ViewSharedRecords),
        ("/api/v1/reports", Permission.ViewReports),
        ("/api/v1/caseload", Permission.ViewFamilies),
        ("/api/v1/caseload/needing-reallocation", Permission.ManageCases),
        ("/api/v1/results/claims", Permission.ViewResults),
        ("/api/v1/results/evaluate?framework=supporting-families", Permission.ViewResults),
    ];

    // Routes that name households' evidence need a case permission as well: a service manager sees results as counts.
    private static readonly Dictionary<string, Permission> AlsoNeeds = new()
    {
        ["/results"] = Permission.ViewFamilies,
        ["/api/v1/results/evaluate?framework=supporting-families"] = Permission.ViewFamilies,
    };

    private static bool May(Role role, string path, Permission permission) =>
        RolePermissions.Has(role, permission) && (!AlsoNeeds.TryGetValue(path, out var also) || RolePermissions.Has(role, also));

    public static TheoryData<Role> Roles => new(Enum.GetValues<Role>());

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Every_page_folder_refuses_each_role_that_lacks_its_permission(Role role)
    {
        var client = await app.SignedInClientAsync(role.ToString());
        foreach (var (path, permission) in Pages)
        {
            var response = await client.GetAsync(path);
            var expected = May(role, path, permission) ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
            Assert.True(expected == response.StatusCode, $"{role} GET {path}: expected {expected}, got {response.StatusCode}");
        }
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Every_api_group_refuses_each_role_that_lacks_its_permission(Role role)
    {
        var client = await TokenClientAsync(role);
        foreach (var (path, permission) in ApiGroups)
        {
            var response = await client.GetAsync(path);
            var expected = May(role, path, permission) ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
            Assert.True(expected == response.StatusCode, $"{role} GET {path}: expected {expected}, got {response.StatusCode}");
        }
        var me = await client.GetFromJsonAsync<MeDto>("/api/v1/me");
        Assert.Equal(role.ToString(), me!.Role);
        Assert.Equal(RolePermissions.For(role).Select(p => p.ToString()).Order(), me.Permissions);
    }

    [Fact]
    public async Task A_revoked_or_unknown_token_gets_401()
    {
        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "hearth_not-a-real-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);

        using var scope = app.Services.CreateScope();
        var tokens = scope.ServiceProvider.GetRequiredService<TokenService>();
        var issued = await tokens.CreateAsync(ActorContext.System("test"), HearthWebFactory.EmailFor("Admin"), "revoke me", null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
        await tokens.RevokeAsync(ActorContext.System("test"), issued.Id);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Practitioners_see_only_their_own_teams_families_and_reading_a_person_is_audited()
    {
        Guid insidePerson, outsidePerson;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
            var people = scope.ServiceProvider.GetRequiredService<PeopleService>();
            var system = ActorContext.System("test");
            var mine = await db.Set<Team>().SingleAsync(t => t.Code == "ifss-1-team");
            var other = await db.Set<Team>().SingleAsync(t => t.Code == "ifit-team");
            var inside = await people.CreateFamilyAsync(system, new NewFamily("SCOPE-IN", mine.Id));
            var outside = await people.CreateFamilyAsync(system, new NewFamily("SCOPE-OUT", other.Id));
            insidePerson = (await people.AddPersonAsync(system, new NewPerson(inside.Id, "Ava", "Inside", null))).Id;
            outsidePerson = (await people.AddPersonAsync(system, new NewPerson(outside.Id, "Ben", "Outside", null))).Id;
        }

        // The list is paged: read every page of it.
        var practitioner = await app.SignedInClientAsync("Practitioner");
        var main = "";
        for (var n = 1; ; n++)
        {
            var page = await HearthWebFactory.HtmlAsync(await practitioner.GetAsync($"/families?PageNumber={n}"));
            main += page.QuerySelector("main")!.TextContent;
            if (page.QuerySelector(".govuk-pagination__next") is null)
            {
                break;
            }
        }
        Assert.Contains("SCOPE-IN", main);
        Assert.DoesNotContain("SCOPE-OUT", main);

        var api = await TokenClientAsync(Role.Practitioner);
        var families = await api.GetFromJsonAsync<List<FamilyDto>>("/api/v1/families");
        Assert.Contains(families!, f => f.Reference == "SCOPE-IN");
        Assert.DoesNotContain(families!, f => f.Reference == "SCOPE-OUT");
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/families/people/{insidePerson}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync($"/api/v1/families/people/{outsidePerson}")).StatusCode);

        using var check = app.Services.CreateScope();
        var audit = check.ServiceProvider.GetRequiredService<HearthDbContext>().AuditEvents;
        Assert.Equal(1, await audit.CountAsync(e => e.Action == AuditAction.Read && e.EntityId == insidePerson.ToString()));
        Assert.Equal(0, await audit.CountAsync(e => e.Action == AuditAction.Read && e.EntityId == outsidePerson.ToString()));
    }

    private async Task<HttpClient> TokenClientAsync(Role role)
    {
        using var scope = app.Services.CreateScope();
        var issued = await scope.ServiceProvider.GetRequiredService<TokenService>()
            .CreateAsync(ActorContext.System("test"), HearthWebFactory.EmailFor(role.ToString()), "test client", null);
        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Token);
        return client;
    }

    private sealed record MeDto(string Role, List<string> Permissions);
    private sealed record FamilyDto(Guid Id, string Reference);
}
