using System.Net;
using System.Net.Http.Json;
using Hearth.Core.Data;
using Hearth.Core.Results;
using Hearth.Core.Security;
using Hearth.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests.Results;

/// <summary>The payment-by-results pages and API on the demo council (Supporting Families evidence for the York-style team).</summary>
public sealed class ResultsPagesTests(HearthWebFactory app) : IClassFixture<HearthWebFactory>
{
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string handlerPath, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = await HearthWebFactory.AntiforgeryTokenAsync(await client.GetAsync(page));
        return await client.PostAsync(handlerPath, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
    }

    [Fact]
    public async Task Identification_shows_households_not_yet_known_and_a_performance_officer_attaches_a_known_family()
    {
        var client = await app.SignedInClientAsync("Performance");
        var doc = await HearthWebFactory.HtmlAsync(await client.GetAsync("/results?framework=supporting-families"));
        var cards = doc.QuerySelectorAll(".govuk-summary-card").ToList();
        Assert.Equal(3, cards.Count(c => c.QuerySelector(".govuk-tag--yellow")?.TextContent == "Not yet known"));
        Assert.Contains(cards, c => c.TextContent.Contains("Need \"housing\": housing:homeless-risk for", StringComparison.Ordinal));
        var known = cards.First(c => c.QuerySelector("form input[name=FamilyId]") is not null);
        var familyId = known.QuerySelector("input[name=FamilyId]")!.GetAttribute("value")!;

        // The date boxes open on today; attaching posts them back.
        var form = await HearthWebFactory.HtmlAsync(await client.GetAsync("/results"));
        var on = new[] { "day", "month", "year" }.Select(part => form.QuerySelector($"#on-{part}")!.GetAttribute("value")!).ToArray();
        Assert.Equal(app.Today.Day.ToString(System.Globalization.CultureInfo.InvariantCulture), on[0]);
        KeyValuePair<string, string>[] OnFields() => [new("On.Day", on[0]), new("On.Month", on[1]), new("On.Year", on[2])];
        var attached = await PostAsync(client, "/results", "/results",
            [new("FamilyId", familyId), new("Framework", ShippedFrameworks.SupportingFamilies), .. OnFields()]);
        Assert.Equal(HttpStatusCode.Redirect, attached.StatusCode);
        var after = await HearthWebFactory.HtmlAsync(await client.GetAsync(attached.Headers.Location!.ToString()));
        Assert.Contains("attached to Supporting Families", after.QuerySelector(".govuk-notification-banner")!.TextContent);

        // Attaching twice is refused with the error summary at the top of main.
        var again = await PostAsync(client, "/results", "/results", [new("FamilyId", familyId), new("Framework", ShippedFrameworks.SupportingFamilies), .. OnFields()]);
        var summary = (await HearthWebFactory.HtmlAsync(again)).QuerySelector(".govuk-error-summary")!;
        Assert.Contains("The family is already attached to this framework", summary.TextContent);

        // The family record shows the results panel to the performance officer.
        var record = await HearthWebFactory.HtmlAsync(await client.GetAsync($"/families/{familyId}"));
        Assert.Contains(record.QuerySelectorAll("h2"), h => h.TextContent == "Payment by results");
        var panel = record.QuerySelectorAll(".govuk-summary-card").Single(c => c.QuerySelector(".govuk-summary-card__title")!.TextContent.Contains("supporting-families version 1", StringComparison.Ordinal));
        Assert.Contains("Needs: ", panel.TextContent);
        Assert.Contains("Not met", panel.QuerySelector(".govuk-tag")!.TextContent);
    }

    [Fact]
    public async Task A_claim_is_built_audited_exported_and_evidenced_through_the_pages()
    {
        var client = await app.SignedInClientAsync("Performance");
        var windowId = await WithDbAsync(db => db.Set<ClaimWindow>().Select(w => w.Id).SingleAsync());
        var claimsPage = await HearthWebFactory.HtmlAsync(await client.GetAsync("/results/claims"));
        string Box(string part) => claimsPage.QuerySelector($"#as-of-{part}")!.GetAttribute("value")!;
        var built = await PostAsync(client, "/results/claims", "/results/claims?handler=batch",
            [new("WindowId", windowId.ToString()), new("AsOf.Day", Box("day")), new("AsOf.Month", Box("month")), new("AsOf.Year", Box("year")), new("AuditSharePercent", "20")]);
        Assert.Equal(HttpStatusCode.Redirect, built.StatusCode);
        var batchPath = built.Headers.Location!.ToString();
        var page = await HearthWebFactory.HtmlAsync(await client.GetAsync(batchPath));
        Assert.Equal(5, page.QuerySelectorAll("table.govuk-table tbody tr").Length);
        Assert.Contains("20% of the batch, drawn with seed", page.QuerySelector(".govuk-summary-list")!.TextContent);
        var auditForms = page.QuerySelectorAll("form").Where(f => f.QuerySelector("input[name=LineId]") is not null).ToList();
        Assert.Single(auditForms); // 20% of 5

        // Checked is refused until the sample is audited.
        var version = page.QuerySelector("input[name=BatchVersion]")!.GetAttribute("value")!;
        var refused = await PostAsync(client, batchPath, batchPath + "?handler=move", [new("To", "Checked"), new("BatchVersion", version)]);
        Assert.Contains("1 line(s) drawn for audit have not been audited", (await HearthWebFactory.HtmlAsync(refused)).QuerySelector(".govuk-error-summary")!.TextContent);
        var lineId = auditForms[0].QuerySelector("input[name=LineId]")!.GetAttribute("value")!;
        var lineVersion = auditForms[0].QuerySelector("input[name=LineVersion]")!.GetAttribute("value")!;
        var audited = await PostAsync(client, batchPath, batchPath + "?handler=audit",
            [new("LineId", lineId), new("LineVersion", lineVersion), new("Checks", "evidence"), new("Checks", "eligibility"), new("Checks", "result"), new("Note", "Seen")]);
        Assert.Equal(HttpStatusCode.Redirect, audited.StatusCode);
        var checkedPage = await HearthWebFactory.HtmlAsync(await client.GetAsync(batchPath));
        var moved = await PostAsync(client, batchPath, batchPath + "?handler=move", [new("To", "Checked"), new("BatchVersion", checkedPage.QuerySelector("input[name=BatchVersion]")!.GetAttribute("value")!)]);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Contains("Pat Performance", (await HearthWebFactory.HtmlAsync(await client.GetAsync(batchPath))).QuerySelectorAll(".govuk-summary-list__row")
            .Single(r => r.QuerySelector("dt")!.TextContent.Trim() == "Checked").TextContent);

        // Submitting is checked on its own page first: the batch links there rather than submitting at once.
        var afterCheck = await HearthWebFactory.HtmlAsync(await client.GetAsync(batchPath));
        Assert.Equal(batchPath + "/submit", afterCheck.QuerySelector("main a.govuk-button")!.GetAttribute("href"));
        Assert.DoesNotContain(afterCheck.QuerySelectorAll("input[name=To]"), i => i.GetAttribute("value") == "Submitted");
        var check = await HearthWebFactory.HtmlAsync(await client.GetAsync(batchPath + "/submit"));
        Assert.Equal("Check the claim before you submit it", check.QuerySelector("h1")!.TextContent.Trim());
        var familiesRow = check.QuerySelectorAll(".govuk-summary-list__row").Single(r => r.QuerySelector("dt")!.TextContent.Trim() == "Families' results");
        Assert.StartsWith("5, ", familiesRow.QuerySelector(".govuk-summary-list__value")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(batchPath, familiesRow.QuerySelector(".govuk-summary-list__actions a")!.GetAttribute("href"));
        Assert.Equal(ClaimStatus.Checked, await WithDbAsync(db => db.Set<ClaimBatch>().Where(b => b.Id == Guid.Parse(batchPath.Split('/').Last())).Select(b => b.Status).SingleAsync()));
        var submitVersion = check.QuerySelector("main form input[name=BatchVersion]")!.GetAttribute("value")!;
        var stale = await PostAsync(client, batchPath + "/submit", batchPath + "/submit", [new("BatchVersion", (int.Parse(submitVersion, System.Globalization.CultureInfo.InvariantCulture) - 1).ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var staleText = (await HearthWebFactory.HtmlAsync(stale)).QuerySelector("main")!.TextContent;
        Assert.Contains("changed by someone else", staleText);
        var submitted = await PostAsync(client, batchPath + "/submit", batchPath + "/submit", [new("BatchVersion", submitVersion)]);
        Assert.Equal(batchPath, submitted.Headers.Location!.ToString());
        Assert.Contains("Pat Performance", (await HearthWebFactory.HtmlAsync(await client.GetAsync(batchPath))).QuerySelectorAll(".govuk-summary-list__row")
            .Single(r => r.QuerySelector("dt")!.TextContent.Trim() == "Submitted").TextContent);

        var csv = await client.GetAsync(batchPath + "?handler=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Trim().Split('\n');
        Assert.Equal(string.Join(",", ClaimService.ExportColumns), lines[0].Trim());
        Assert.Equal(6, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.Contains(",supporting-families,1,outcomes,", l));

        var pack = await HearthWebFactory.HtmlAsync(await client.GetAsync(batchPath.Replace("/results/claim/", "/results/pack/", StringComparison.Ordinal)));
        Assert.Equal(5, pack.QuerySelectorAll("section h2").Length);
        Assert.Contains(pack.QuerySelectorAll("td"), td => td.TextContent == "need_outcome_achieved" || td.TextContent == "outcomes achieved");

        // The service manager sees the batch but may not move it; the API says the same.
        var manager = await app.SignedInClientAsync("ServiceManager");
        Assert.Empty((await HearthWebFactory.HtmlAsync(await manager.GetAsync(batchPath))).QuerySelectorAll("input[name=BatchVersion]"));
        var batchId = batchPath.Split('/').Last();
        var api = await manager.PostAsJsonAsync($"/api/v1/results/claims/{batchId}/status", new { status = "submitted", version = 0 });
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
    }

    [Fact]
    public async Task Partners_and_volunteers_never_see_evidence_through_pages_or_api()
    {
        var familyId = await WithDbAsync(db => db.Set<Attachment>().Select(a => a.FamilyId).FirstAsync());
        foreach (var role in new[] { "Partner", "Volunteer" })
        {
            var client = await app.SignedInClientAsync(role);
            foreach (var path in new[] { "/results", "/results/evaluate", $"/api/v1/results/families/{familyId}/evidence", $"/api/v1/results/families/{familyId}", "/api/v1/results/identify?framework=supporting-families" })
            {
                Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(path)).StatusCode);
            }
            var record = await client.GetAsync($"/families/{familyId}");
            Assert.NotEqual(HttpStatusCode.OK, record.StatusCode);
        }
        // A service manager sees results as counts only: named evidence and identification are refused to them too.
        var manager = await app.SignedInClientAsync("ServiceManager");
        foreach (var path in new[] { "/results", "/results/evaluate", $"/api/v1/results/families/{familyId}/evidence", "/api/v1/results/identify?framework=supporting-families" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync(path)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/results/claims")).StatusCode);
        // The performance officer, who holds the case permission, reads the evidence, and the read is audited.
        var performance = await app.SignedInClientAsync("Performance");
        var evidence = await performance.GetFromJsonAsync<List<EvidenceView>>($"/api/v1/results/families/{familyId}/evidence");
        Assert.True(evidence!.Count >= 3);
        Assert.True(await WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.EntityType == "FamilyEvidence" && e.EntityId == familyId.ToString() && e.ActorName == "Pat Performance")));
    }

    [Fact]
    public async Task The_api_enters_evidence_with_errors_by_column_and_evaluates_as_csv()
    {
        var client = await app.SignedInClientAsync("Performance");
        var bad = await client.PostAsJsonAsync("/api/v1/results/evidence", new EvidenceInput("police", "API-1", "asb_incident", "2026-99-01", CouncilChildId: "C-API"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>();
        Assert.Equal(["\"2026-99-01\" is not a date in the form YYYY-MM-DD"], problem!.Errors["from"]);
        var good = await client.PostAsJsonAsync("/api/v1/results/evidence", new EvidenceInput("police", "API-1", "asb_incident", "2026-01-01", CouncilChildId: "C-API"));
        Assert.Equal(HttpStatusCode.Created, good.StatusCode);

        var csv = await client.GetStringAsync("/api/v1/results/evaluate?framework=supporting-families&format=csv");
        Assert.StartsWith(string.Join(",", ResultsExport.Columns), csv);
        var frameworks = await client.GetFromJsonAsync<List<FrameworkDefinition>>("/api/v1/results/frameworks");
        Assert.Contains(frameworks!, f => f.Code == ShippedFrameworks.TroubledFamilies1 && f.Source.Contains("Financial framework", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Finance_shows_the_grant_profile_beside_income()
    {
        var doc = await HearthWebFactory.HtmlAsync(await (await app.SignedInClientAsync("Performance")).GetAsync("/results/finance?framework=supporting-families"));
        var rows = doc.QuerySelectorAll("table tbody tr").Select(r => r.QuerySelector("th")!.TextContent).ToList();
        Assert.Contains(rows, r => r.StartsWith("Integrated Family Service", StringComparison.Ordinal));
        Assert.Contains(doc.QuerySelectorAll("td"), td => td.TextContent == "£24,000"); // 30 families x £800 expected this year

        // The chart draws each row's forecast beside what its profile expects (attachment fees and results together).
        var svg = doc.QuerySelector("figure svg[role=img]")!;
        var drawn = svg.QuerySelectorAll("text").Where(t => t.QuerySelector("tspan") is null).Select(t => t.TextContent).ToList();
        var headers = doc.QuerySelectorAll("table thead th").Select(h => h.TextContent.Trim()).ToList();
        int Col(string h) => headers.IndexOf(h) - 1; // the row header is a th
        static decimal Pounds(string s) => decimal.Parse(s.TrimStart('£'), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
        var expected = doc.QuerySelectorAll("table tbody tr").SelectMany(r =>
        {
            var cells = r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
            var profiled = r.QuerySelector("a")!.TextContent.StartsWith("Change", StringComparison.Ordinal);
            var expectedTotal = Pounds(cells[Col("Attachment fees expected")]) + Pounds(cells[Col("Results expected")]);
            return new[] { profiled ? expectedTotal.ToString("£#,##0", System.Globalization.CultureInfo.GetCultureInfo("en-GB")) : "no profile", cells[Col("Forecast")] };
        }).ToList();
        Assert.Equal(expected, drawn);
    }

    private async Task<T> WithDbAsync<T>(Func<HearthDbContext, Task<T>> action)
    {
        using var scope = app.Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<HearthDbContext>());
    }
    [Fact]
    public async Task A_date_that_is_not_real_is_named_in_the_error_summary_and_the_boxes_keep_what_was_typed()
    {
        var client = await app.SignedInClientAsync("Performance");
        foreach (var path in new[] { "/results", "/results/evaluate", "/results/finance" })
        {
            var doc = await HearthWebFactory.HtmlAsync(await client.GetAsync($"{path}?framework=supporting-families&On.Day=31&On.Month=2&On.Year=2026"));
            var summary = doc.QuerySelector(".govuk-error-summary")!;
            Assert.Contains("The date must be a real date", summary.TextContent);
            Assert.Equal("#on", summary.QuerySelector("a")!.GetAttribute("href"));
            Assert.Equal("31", doc.QuerySelector("#on-day")!.GetAttribute("value"));
        }
        var csv = await client.GetAsync("/results/evaluate?handler=csv&framework=supporting-families&On.Day=31&On.Month=2&On.Year=2026");
        Assert.Equal(HttpStatusCode.BadRequest, csv.StatusCode);
        Assert.Contains("The date must be a real date", await csv.Content.ReadAsStringAsync());
    }
}
