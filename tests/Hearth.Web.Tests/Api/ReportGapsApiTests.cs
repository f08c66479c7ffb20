using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Hearth.Core.Reporting;
using Hearth.Core.Security;
using Hearth.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests.Api;

/// <summary>/api/v1/report-gaps: a system records, lists and removes the figures a service did not record.</summary>
public sealed class ReportGapsApiTests(HearthWebFactory app) : IClassFixture<HearthWebFactory>
{
    private async Task<HttpClient> TokenClientAsync(string role)
    {
        using var scope = app.Services.CreateScope();
        var issued = await scope.ServiceProvider.GetRequiredService<TokenService>().CreateAsync(ActorContext.System("test"), HearthWebFactory.EmailFor(role), "gaps script", null);
        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Token);
        return client;
    }

    private static async Task<string?> AcceptedAsync(HttpClient api, string service)
    {
        var report = await api.GetFromJsonAsync<JsonElement>("/api/v1/reports/funnel?period=2019-20&format=json");
        var row = report.GetProperty("tables")[0].GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("service").GetString() == service);
        var accepted = row.GetProperty("accepted");
        return accepted.ValueKind == JsonValueKind.Null ? null : accepted.GetRawText();
    }

    [Fact]
    public async Task A_system_records_lists_and_removes_a_gap_with_errors_per_field_and_stale_removals_refused()
    {
        var api = await TokenClientAsync("Performance");
        var figures = await api.GetFromJsonAsync<JsonElement>("/api/v1/report-gaps/figures");
        Assert.Equal(FunnelReport.AcceptedGap, figures[0].GetProperty("key").GetString());
        Assert.Equal("0", await AcceptedAsync(api, "IFSS Site 2"));

        var bad = await api.PostAsJsonAsync("/api/v1/report-gaps", new { serviceCode = "nowhere", figure = "funnel.accepted", from = "2020-03-31", note = "" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["Service", "To", "Note"], errors.EnumerateObject().Select(p => p.Name));
        Assert.Equal("There is no service with code nowhere", errors.GetProperty("Service")[0].GetString());
        Assert.Equal(0, (await api.GetFromJsonAsync<JsonElement>("/api/v1/report-gaps")).GetArrayLength());

        var created = await api.PostAsJsonAsync("/api/v1/report-gaps", new { serviceCode = "ifss-2", figure = "funnel.accepted", from = "2019-04-01", to = "2020-03-31", note = "Acceptances not known before the case system" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var gap = await created.Content.ReadFromJsonAsync<JsonElement>();
        var (id, version) = (gap.GetProperty("id").GetGuid(), gap.GetProperty("version").GetInt32());
        Assert.Equal($"/api/v1/report-gaps/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal(("IFSS Site 2", "Referral funnel: accepted to the intensive phase", "2019-04-01"),
            (gap.GetProperty("service").GetString(), gap.GetProperty("figureLabel").GetString(), gap.GetProperty("from").GetString()));
        Assert.Single((await api.GetFromJsonAsync<JsonElement>("/api/v1/report-gaps")).EnumerateArray());
        Assert.Null(await AcceptedAsync(api, "IFSS Site 2"));

        Assert.Equal(HttpStatusCode.BadRequest, (await api.DeleteAsync($"/api/v1/report-gaps/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await api.DeleteAsync($"/api/v1/report-gaps/{id}?version={version + 1}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/report-gaps/{id}?version={version}")).StatusCode);
        Assert.Equal(0, (await api.GetFromJsonAsync<JsonElement>("/api/v1/report-gaps")).GetArrayLength());
        Assert.Equal("0", await AcceptedAsync(api, "IFSS Site 2"));
    }

    [Theory]
    [InlineData("Admin")]
    [InlineData("Manager")]
    public async Task A_role_without_import_data_is_refused(string role)
    {
        var api = await TokenClientAsync(role);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/v1/report-gaps")).StatusCode);
        var posted = await api.PostAsJsonAsync("/api/v1/report-gaps", new { serviceCode = "ifss-1", figure = "funnel.accepted", from = "2018-04-01", to = "2019-03-31", note = "Sneaky" });
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        var performance = await TokenClientAsync("Performance");
        Assert.DoesNotContain((await performance.GetFromJsonAsync<JsonElement>("/api/v1/report-gaps")).EnumerateArray(), g => g.GetProperty("note").GetString() == "Sneaky");
    }
}
