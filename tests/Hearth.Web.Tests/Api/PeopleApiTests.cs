using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Hearth.Core.Auditing;
using Hearth.Core.Data;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Hearth.Web.Tests.Infrastructure;

namespace Hearth.Web.Tests.Api;

public sealed class PeopleApiTests(JourneyWebFactory app) : IClassFixture<JourneyWebFactory>
{
    private async Task<HttpClient> TokenClientAsync(Role role)
    {
        var issued = await app.WithAsync(s => s.GetRequiredService<TokenService>()
            .CreateAsync(ActorContext.System("test"), JourneyWebFactory.EmailFor(role.ToString()), "people api", null));
        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Token);
        return client;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task<string[]> ErrorFieldsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await JsonAsync(response)).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToArray();
    }

    [Fact]
    public async Task A_person_is_read_and_corrected_field_by_field_with_a_reason_and_the_version_read()
    {
        var (_, _, child) = await app.FamilyAsync();
        var practitioner = await TokenClientAsync(Role.Practitioner);
        var read = await JsonAsync(await practitioner.GetAsync($"/api/v1/people/{child}"));
        Assert.Equal(("Ava", "Pagetest", "2016-01-01"), (read.GetProperty("givenName").GetString(), read.GetProperty("familyName").GetString(), read.GetProperty("dateOfBirth").GetString()));
        var version = read.GetProperty("version").GetInt32();

        Assert.Equal(["NhsNumber", "Reason"], (await ErrorFieldsAsync(await practitioner.PatchAsJsonAsync($"/api/v1/people/{child}", new { version, nhsNumber = "9434765918" }))).Order());
        var patched = await practitioner.PatchAsJsonAsync($"/api/v1/people/{child}",
            new { version, reason = "Name from the birth certificate", givenName = "Mia", upn = "B801200005001", ethnicityCode = "wbri", knownAs = (string?)null });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var body = await JsonAsync(patched);
        Assert.Equal(("Mia", "Pagetest", "B801200005001", "WBRI", version + 1),
            (body.GetProperty("givenName").GetString(), body.GetProperty("familyName").GetString(), body.GetProperty("upn").GetString(), body.GetProperty("ethnicityCode").GetString(), body.GetProperty("version").GetInt32()));
        var audit = await app.WithAsync(s => s.GetRequiredService<HearthDbContext>().AuditEvents.AsNoTracking()
            .SingleAsync(a => a.EntityId == child.ToString() && a.Action == AuditAction.Updated));
        Assert.Equal("Name from the birth certificate", audit.Reason);

        // The version read before that change is stale now.
        Assert.Equal(HttpStatusCode.Conflict, (await practitioner.PatchAsJsonAsync($"/api/v1/people/{child}", new { version, reason = "Again", givenName = "Eve" })).StatusCode);

        var put = await practitioner.PutAsJsonAsync($"/api/v1/people/{child}", new
        {
            version = version + 1, reason = "Moved in with their aunt", givenName = "Mia", familyName = "Pagetest", dateOfBirth = "2016-01-01", sex = "female",
            upn = "B801200005001", ethnicityCode = "WBRI", disabilityCodes = new[] { "HEAR" }, moveTo = new { lines = "4 Aunt Lane, Swansea", postcode = "SA1 1AA", from = "2026-10-20" },
        });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var moved = await JsonAsync(put);
        Assert.Equal(("Female", "SA1 1AA", "4 Aunt Lane, Swansea", "2026-10-20"), (moved.GetProperty("sex").GetString(), moved.GetProperty("postcode").GetString(),
            moved.GetProperty("addresses")[0].GetProperty("lines").GetString(), moved.GetProperty("addresses")[0].GetProperty("from").GetString()));
        Assert.Equal(["HEAR"], moved.GetProperty("disabilityCodes").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Correcting_needs_the_casework_permission_and_the_person_in_the_callers_teams()
    {
        var (_, _, child) = await app.FamilyAsync();
        var performance = await TokenClientAsync(Role.Performance);
        Assert.Equal(HttpStatusCode.OK, (await performance.GetAsync($"/api/v1/people/{child}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await performance.PatchAsJsonAsync($"/api/v1/people/{child}", new { version = 0, reason = "x", givenName = "Eve" })).StatusCode);

        var (_, _, outsideChild) = await app.FamilyAsync("ifit-team");
        var practitioner = await TokenClientAsync(Role.Practitioner);
        Assert.Equal(HttpStatusCode.Forbidden, (await practitioner.GetAsync($"/api/v1/people/{outsideChild}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await practitioner.PatchAsJsonAsync($"/api/v1/people/{outsideChild}", new { version = 0, reason = "x", givenName = "Eve" })).StatusCode);
        Assert.Equal("Ava", (await app.WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<Hearth.Core.People.Person>().AsNoTracking().SingleAsync(p => p.Id == outsideChild))).GivenName);
    }
}
