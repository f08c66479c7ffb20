using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hearth.Core.Programmes;
using Hearth.Core.Security;
using Hearth.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests.Api;

public sealed class ProgrammesApiTests(HearthWebFactory app) : IClassFixture<HearthWebFactory>
{
    private async Task<HttpClient> TokenClientAsync(Role role)
    {
        using var scope = app.Services.CreateScope();
        var issued = await scope.ServiceProvider.GetRequiredService<TokenService>()
            .CreateAsync(ActorContext.System("test"), HearthWebFactory.EmailFor(role.ToString()), "programme set-up", null);
        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Token);
        return client;
    }

    private async Task<IReadOnlyList<int>> NumbersAsync(string code)
    {
        using var scope = app.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<ProgrammeService>().HistoryAsync(code)).Select(v => v.Number).ToList();
    }

    [Fact]
    public async Task A_council_reads_a_version_edits_it_checks_the_changes_and_publishes_it_by_api()
    {
        var admin = await TokenClientAsync(Role.Admin);
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/programmes");
        Assert.Contains(list.EnumerateArray(), p => p.GetProperty("code").GetString() == "cin-pod" && p.GetProperty("latestNumber").GetInt32() == 1);

        var v1 = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/programmes/cin-pod/versions/1"))!;
        Assert.Equal("Children in need family practitioner pod", (string?)v1["name"]);
        var definition = v1["definition"]!.AsObject();
        definition["phases"]![1]!["expectedMaxDays"] = 183;
        definition["closureReasons"] = new JsonArray("goals_achieved", "stepped_up_cp", "moved_away");
        var body = new JsonObject { ["name"] = "Children in need pod", ["effectiveFrom"] = "2027-04-01", ["definition"] = definition.DeepClone() };

        var dry = await admin.PostAsJsonAsync("/api/v1/programmes/cin-pod/versions?dryRun=true", body);
        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
        var preview = await dry.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, preview.GetProperty("number").GetInt32());
        var changes = preview.GetProperty("changes").EnumerateArray().Select(c => $"{c.GetProperty("part").GetString()}: {c.GetProperty("item").GetString()}: {string.Join("; ", c.GetProperty("details").EnumerateArray().Select(d => d.GetString()))}").ToList();
        Assert.Equal(
            [
                "Programme: Children in need pod: Name: Children in need family practitioner pod → Children in need pod",
                "Phases: Child in need plan: Expected length: 0 to 366 days → 0 to 183 days",
                "Closure reasons: stepped_down_early_help: ",
                "Closure reasons: stepped_down_universal: ",
                "Closure reasons: looked_after: ",
                "Closure reasons: disengaged: ",
                "Closure reasons: other: ",
            ],
            changes);
        Assert.Equal([1], await NumbersAsync("cin-pod"));

        var created = await admin.PostAsJsonAsync("/api/v1/programmes/cin-pod/versions", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/programmes/cin-pod/versions/2", created.Headers.Location!.OriginalString);
        Assert.Equal([1, 2], await NumbersAsync("cin-pod"));
        var versions = await admin.GetFromJsonAsync<JsonElement>("/api/v1/programmes/cin-pod/versions");
        Assert.Equal(["2000-01-01", "2027-04-01"], versions.EnumerateArray().Select(v => v.GetProperty("effectiveFrom").GetString()));
        var diff = await admin.GetFromJsonAsync<JsonElement>("/api/v1/programmes/cin-pod/diff?from=1&to=2");
        Assert.Equal(7, diff.GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/programmes/cin-pod/draft/preview")).StatusCode);
    }

    [Fact]
    public async Task A_bad_version_is_refused_naming_each_field_and_nothing_is_published_and_other_roles_are_forbidden()
    {
        var admin = await TokenClientAsync(Role.Admin);
        var bad = await admin.PostAsJsonAsync("/api/v1/programmes/ifss/versions", new { name = "IFSS", effectiveFrom = "1 April", definition = new { phases = Array.Empty<object>(), closureReasons = new[] { "struck_by_lightning" } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("The date the new version takes effect must be a real date in the form 2027-04-01", errors.GetProperty("EffectiveFrom")[0].GetString());
        Assert.Contains("$.closureReasons", errors.GetProperty("Definition")[0].GetString());

        var early = await admin.PostAsJsonAsync("/api/v1/programmes/ifss/versions", new { name = "IFSS", effectiveFrom = "1999-04-01", definition = new { phases = Array.Empty<object>() } });
        var earlyErrors = (await early.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("A programme needs at least one phase", earlyErrors.GetProperty("Definition")[0].GetString());
        Assert.Equal("A new version must take effect on or after 1 January 2000, when version 1 did", earlyErrors.GetProperty("EffectiveFrom")[0].GetString());
        Assert.Equal([1], await NumbersAsync("ifss"));

        var manager = await TokenClientAsync(Role.Manager);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/v1/programmes")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsJsonAsync("/api/v1/programmes/ifss/versions?dryRun=true", new { name = "IFSS" })).StatusCode);
    }
}
