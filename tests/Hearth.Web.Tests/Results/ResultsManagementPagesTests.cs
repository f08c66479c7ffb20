using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hearth.Core.Data;
using Hearth.Core.Results;
using Hearth.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests.Results;

/// <summary>
/// The pages a performance officer manages payment by results with: evidence upload, grant profiles and framework versions.
/// Its own app, because these tests change the evidence, profiles and versions the other results tests read.
/// </summary>
public sealed class ResultsManagementPagesTests(HearthWebFactory app) : IClassFixture<HearthWebFactory>
{
    private const string Header = "source,evidence_ref,kind,from,to,council_child_id,upn,nhs_number,household_ref,date_of_birth,sessions_possible,authorised_absences,unauthorised_absences,hours_per_week,code";

    [Fact]
    public async Task Evidence_upload_reports_each_error_by_row_and_column_and_imports_nothing()
    {
        var client = await app.SignedInClientAsync("Performance");
        var before = await WithDbAsync(db => db.Set<EvidenceFact>().CountAsync());
        var csv = $"{Header}\npolice,UPX-1,asb_warning,2025-10-01,,C-UPX,,,,,,,,,\npolice,UPX-2,asb_incident,2025-13-01,,C-UPX,,,,,,,,,\n";
        var doc = await HearthWebFactory.HtmlAsync(await UploadAsync(client, "bad.csv", csv));

        Assert.Contains("The file has 2 error(s) and nothing was imported", doc.QuerySelector("main > .govuk-error-summary")!.TextContent);
        var rows = doc.QuerySelectorAll("table tbody tr").Select(r => string.Join("|", r.Children.Select(c => c.TextContent.Trim()))).ToList();
        Assert.Equal(2, rows.Count);
        Assert.StartsWith("2|kind|\"asb_warning\" is not a kind of evidence; use one of: ", rows[0]);
        Assert.Equal("3|from|\"2025-13-01\" is not a date in the form YYYY-MM-DD", rows[1]);
        Assert.Null(doc.QuerySelector("form input[name=CheckedFile]"));
        Assert.Equal(before, await WithDbAsync(db => db.Set<EvidenceFact>().CountAsync()));

        // A header problem is reported on row 1, named by its column, as the CLI reports it.
        var header = await HearthWebFactory.HtmlAsync(await UploadAsync(client, "header.csv", Header + ",colour\n"));
        Assert.Equal("1|colour|The column is not one Hearth knows (see docs/results.md)",
            string.Join("|", header.QuerySelector("table tbody tr")!.Children.Select(c => c.TextContent.Trim())));

        var none = await HearthWebFactory.HtmlAsync(await UploadAsync(client, null, null));
        Assert.Contains("Select an evidence CSV file", none.QuerySelector("main > .govuk-error-summary")!.TextContent);
    }

    [Fact]
    public async Task Evidence_upload_is_a_dry_run_until_the_checked_file_is_imported()
    {
        var client = await app.SignedInClientAsync("Performance");
        var before = await WithDbAsync(db => db.Set<EvidenceFact>().CountAsync());
        var csv = $"{Header}\npolice,UPD-1,asb_incident,2025-10-01,,C-UPD,,,H-UPD,2012-05-01,,,,,\npolice,UPD-2,asb_incident,2025-11-01,,C-UPD,,,H-UPD,2012-05-01,,,,,\n";
        var check = await HearthWebFactory.HtmlAsync(await UploadAsync(client, "police.csv", csv));

        Assert.Null(check.QuerySelector(".govuk-error-summary"));
        Assert.Contains("police.csv is ready to import", check.QuerySelector("main h2")!.TextContent);
        var report = check.QuerySelectorAll("main ul.govuk-list li").Select(li => li.TextContent).ToList();
        Assert.Contains(report, l => l.StartsWith("row 2: police UPD-1 added (asb_incident for", StringComparison.Ordinal) && l.EndsWith("not yet known to the service)", StringComparison.Ordinal));
        Assert.Contains(report, l => l.StartsWith("row 3: police UPD-2 added", StringComparison.Ordinal));
        Assert.Equal(before, await WithDbAsync(db => db.Set<EvidenceFact>().CountAsync()));

        var form = check.QuerySelector("form input[name=CheckedFile]")!.ParentElement!;
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var imported = await client.PostAsync("/results/evidence?handler=import", new FormUrlEncodedContent(
        [
            new("CheckedFile", form.QuerySelector("input[name=CheckedFile]")!.GetAttribute("value")!),
            new("FileName", form.QuerySelector("input[name=FileName]")!.GetAttribute("value")!),
            new("__RequestVerificationToken", token),
        ]));
        var done = await HearthWebFactory.HtmlAsync(imported);
        Assert.Contains("police.csv imported: 2 fact(s) added, 0 already present and left unchanged", done.QuerySelector(".govuk-notification-banner")!.TextContent);
        Assert.Equal(before + 2, await WithDbAsync(db => db.Set<EvidenceFact>().CountAsync()));
        var run = await WithDbAsync(db => db.Set<EvidenceImportRun>().SingleAsync(r => r.FileName == "police.csv"));
        Assert.Equal((2, "Pat Performance"), (run.FactsCreated, run.ImportedBy));

        // Checking the same file again: every fact is already present, and importing it changes nothing.
        var again = await HearthWebFactory.HtmlAsync(await UploadAsync(client, "police.csv", csv));
        Assert.Contains(again.QuerySelectorAll("main ul.govuk-list li"), li => li.TextContent == "row 2: police UPD-1 already present, left unchanged");
        Assert.Equal("Import 0 fact(s)", again.QuerySelector("form button.govuk-button:not(.govuk-button--secondary)")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("Partner")]
    [InlineData("Volunteer")]
    [InlineData("ServiceManager")]
    [InlineData("Practitioner")]
    public async Task Only_those_who_manage_claims_reach_the_evidence_upload(string role)
    {
        var client = await app.SignedInClientAsync(role);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/results/evidence")).StatusCode);
        var token = await HearthWebFactory.AntiforgeryTokenAsync(await (await app.SignedInClientAsync("Performance")).GetAsync("/results/evidence"));
        var before = await WithDbAsync(db => db.Set<EvidenceFact>().CountAsync());
        var post = await client.PostAsync("/results/evidence?handler=import", new FormUrlEncodedContent(
            [new("CheckedFile", $"{Header}\npolice,RF-{role},asb_incident,2025-10-01,,C-RF,,,,,,,,,\n"), new("__RequestVerificationToken", token)]));
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(before, await WithDbAsync(db => db.Set<EvidenceFact>().CountAsync()));
    }

    [Fact]
    public async Task A_service_manager_is_shown_no_link_to_a_page_it_cannot_open()
    {
        var manager = await app.SignedInClientAsync("ServiceManager");
        var performance = await app.SignedInClientAsync("Performance");
        var pages = new[] { "/results", "/results/evaluate", "/results/claims", "/results/finance", "/results/frameworks" };
        var links = new HashSet<string>();
        foreach (var page in pages)
        {
            var doc = await HearthWebFactory.HtmlAsync(await manager.GetAsync(page));
            links.UnionWith(doc.QuerySelectorAll("main a[href^='/']").Select(a => a.GetAttribute("href")!));
        }
        Assert.Contains("/results/claims", links);
        Assert.DoesNotContain("/results/evidence", links);
        Assert.DoesNotContain(links, l => l.StartsWith("/families/", StringComparison.Ordinal));
        foreach (var link in links)
        {
            Assert.True((await manager.GetAsync(link)).StatusCode == HttpStatusCode.OK, $"{link} is linked for a service manager but does not open");
        }

        // The same identification page links a performance officer, who can open them, to the family records and the upload.
        var forPerformance = await HearthWebFactory.HtmlAsync(await performance.GetAsync("/results"));
        Assert.Contains(forPerformance.QuerySelectorAll("main a"), a => a.GetAttribute("href")!.StartsWith("/families/", StringComparison.Ordinal));
        Assert.Contains(forPerformance.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "/results/evidence");
    }

    [Fact]
    public async Task A_performance_officer_sets_and_changes_a_grant_profile_and_a_stale_change_is_refused()
    {
        var client = await app.SignedInClientAsync("Performance");
        const string page = "/results/finance?framework=troubled-families-2";
        var form = await HearthWebFactory.HtmlAsync(await client.GetAsync(page));
        var serviceId = form.QuerySelectorAll("select[name=ServiceId] option").Select(o => o.GetAttribute("value")).First(v => !string.IsNullOrEmpty(v))!;

        var bad = await HearthWebFactory.HtmlAsync(await PostAsync(client, page, "/results/finance?handler=profile",
            [new("Framework", "troubled-families-2"), new("ServiceId", serviceId), new("FinancialYear", "2026"), new("ExpectedFamilies", "twelve"), new("ExpectedAttachmentFees", "12000"), new("ExpectedResults", "£9,600")]));
        Assert.Contains("Enter the families expected as a whole number, for example 30", bad.QuerySelector("main > .govuk-error-summary")!.TextContent);
        Assert.Equal("#expected-families", bad.QuerySelector("main > .govuk-error-summary a")!.GetAttribute("href"));

        var saved = await PostAsync(client, page, "/results/finance?handler=profile",
            [new("Framework", "troubled-families-2"), new("ServiceId", serviceId), new("FinancialYear", "2026"), new("ExpectedFamilies", "12"), new("ExpectedAttachmentFees", "12000"), new("ExpectedResults", "£9,600")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await HearthWebFactory.HtmlAsync(await client.GetAsync(saved.Headers.Location!.ToString()));
        Assert.Contains("The grant profile is saved", after.QuerySelector(".govuk-notification-banner")!.TextContent);
        var row = after.QuerySelectorAll("table tbody tr").Single(r => r.QuerySelector("th")!.TextContent.EndsWith("2026/27", StringComparison.Ordinal));
        Assert.Equal(["12", "0", "£12,000", "£0", "£9,600"], row.QuerySelectorAll("td").Take(5).Select(td => td.TextContent).ToArray());

        // The same service and year again from the new-year form is refused rather than overwritten.
        var duplicate = await HearthWebFactory.HtmlAsync(await PostAsync(client, page, "/results/finance?handler=profile",
            [new("Framework", "troubled-families-2"), new("ServiceId", serviceId), new("FinancialYear", "2026"), new("ExpectedFamilies", "1"), new("ExpectedAttachmentFees", "1"), new("ExpectedResults", "1")]));
        Assert.Contains("This service already has a grant profile for that year", duplicate.QuerySelector("main > .govuk-error-summary")!.TextContent);

        // Change it from the table: the form is filled in with the year as read.
        var change = await HearthWebFactory.HtmlAsync(await client.GetAsync(row.QuerySelector("a")!.GetAttribute("href")!));
        Assert.Equal("12", change.QuerySelector("input[name=ExpectedFamilies]")!.GetAttribute("value"));
        var version = change.QuerySelector("input[name=ProfileVersion]")!.GetAttribute("value")!;
        IEnumerable<KeyValuePair<string, string>> Changed(string families) =>
            [new("Framework", "troubled-families-2"), new("ServiceId", serviceId), new("FinancialYear", "2026"), new("ProfileVersion", version), new("ExpectedFamilies", families), new("ExpectedAttachmentFees", "15000"), new("ExpectedResults", "12000")];
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, page, "/results/finance?handler=profile", Changed("15"))).StatusCode);
        var stale = await HearthWebFactory.HtmlAsync(await PostAsync(client, page, "/results/finance?handler=profile", Changed("16")));
        Assert.Contains("was changed by someone else while you were editing it", stale.QuerySelector("main > .govuk-error-summary")!.TextContent);
        Assert.Equal(15, await WithDbAsync(db => db.Set<GrantProfileYear>().Where(g => g.FrameworkCode == "troubled-families-2" && g.FinancialYear == 2026).Select(g => g.ExpectedFamilies).SingleAsync()));

        // A service manager reads the profile but has no form to set it.
        var read = await HearthWebFactory.HtmlAsync(await (await app.SignedInClientAsync("ServiceManager")).GetAsync(page));
        Assert.Null(read.QuerySelector("form input[name=ExpectedFamilies]"));
        Assert.DoesNotContain(read.QuerySelectorAll("main a"), a => a.GetAttribute("href")!.Contains("serviceId=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_performance_officer_publishes_a_framework_version_with_errors_named_by_field()
    {
        var client = await app.SignedInClientAsync("Performance");
        const string page = "/results/frameworks";
        var list = await HearthWebFactory.HtmlAsync(await client.GetAsync(page));
        Assert.Equal(3, list.QuerySelectorAll("main table").Length);
        var tf2 = list.QuerySelectorAll("main table").Single(t => t.QuerySelector("caption")!.TextContent.StartsWith("Troubled Families (phase 2", StringComparison.Ordinal));
        Assert.Contains("Financial framework for the expanded Troubled Families programme", tf2.TextContent);
        var json = await client.GetStringAsync(tf2.QuerySelector("a")!.GetAttribute("href")!);
        Assert.Contains("\"code\": \"troubled-families-2\"", json);

        var unreadable = await HearthWebFactory.HtmlAsync(await PostAsync(client, page, page, [new("Definition", "{ \"code\": "), new("Changes", "x"), new("EffectiveFrom.Day", "1"), new("EffectiveFrom.Month", "1"), new("EffectiveFrom.Year", "2099")]));
        Assert.Contains("The JSON cannot be read:", unreadable.QuerySelector("main > .govuk-error-summary")!.TextContent);
        Assert.Equal("#definition", unreadable.QuerySelector("main > .govuk-error-summary a")!.GetAttribute("href"));

        var plan = json.Replace("\"percent\": 10,", "\"percent\": 20,", StringComparison.Ordinal);
        Assert.NotEqual(json, plan);
        var refused = await HearthWebFactory.HtmlAsync(await PostAsync(client, page, page,
            [new("Definition", plan.Replace("\"troubled-families-2\"", "\"troubled-families-9\"", StringComparison.Ordinal)), new("Changes", ""), new("EffectiveFrom.Day", "1"), new("EffectiveFrom.Month", "13"), new("EffectiveFrom.Year", "2099")]));
        var summary = refused.QuerySelector("main > .govuk-error-summary")!.TextContent;
        Assert.Contains("The date the version takes effect must be a real date", summary);
        var wrongCode = await HearthWebFactory.HtmlAsync(await PostAsync(client, page, page,
            [new("Definition", plan.Replace("\"troubled-families-2\"", "\"troubled-families-9\"", StringComparison.Ordinal)), new("Changes", ""), new("EffectiveFrom.Day", "1"), new("EffectiveFrom.Month", "1"), new("EffectiveFrom.Year", "2099")]));
        var errors = wrongCode.QuerySelectorAll("main > .govuk-error-summary li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Contains(errors, e => e.StartsWith("\"code\": There is no framework \"troubled-families-9\"", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Say what this version changes from the one before", StringComparison.Ordinal));
        Assert.Equal(0, await WithDbAsync(db => db.Set<FrameworkVersion>().CountAsync(v => v.Code == "troubled-families-2")));

        var published = await PostAsync(client, page, page, [new("Definition", plan), new("Changes", "Our Family Outcomes Plan: under 20% unauthorised absence"), new("EffectiveFrom.Day", "1"), new("EffectiveFrom.Month", "1"), new("EffectiveFrom.Year", "2099")]);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var after = await HearthWebFactory.HtmlAsync(await client.GetAsync(published.Headers.Location!.ToString()));
        Assert.Contains("Troubled Families (phase 2, 2015-20) version 2 is published", after.QuerySelector(".govuk-notification-banner")!.TextContent);
        var v2 = after.QuerySelectorAll("main table").Single(t => t.QuerySelector("caption")!.TextContent.StartsWith("Troubled Families (phase 2", StringComparison.Ordinal))
            .QuerySelectorAll("tbody tr").Last();
        Assert.Equal(["2", "1 Jan 2099"], v2.Children.Take(2).Select(c => c.TextContent.Trim()).ToArray());
        Assert.Contains("Our Family Outcomes Plan: under 20% unauthorised absence", v2.TextContent);
        Assert.Contains("\"percent\": 20,", await client.GetStringAsync("/results/frameworks?handler=json&code=troubled-families-2&version=2"));

        // A service manager reads the versions but has no form to publish one (Core refuses it too: ResultsAndClaimsTests).
        var manager = await app.SignedInClientAsync("ServiceManager");
        var read = await HearthWebFactory.HtmlAsync(await manager.GetAsync(page));
        Assert.Equal(3, read.QuerySelectorAll("main table").Length);
        Assert.Null(read.QuerySelector("textarea[name=Definition]"));
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string handlerPath, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = await HearthWebFactory.AntiforgeryTokenAsync(await client.GetAsync(page));
        return await client.PostAsync(handlerPath, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string? name, string? csv)
    {
        var token = await HearthWebFactory.AntiforgeryTokenAsync(await client.GetAsync("/results/evidence"));
        var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        if (name is not null)
        {
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv!));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            content.Add(file, "Upload", name);
        }
        return await client.PostAsync("/results/evidence?handler=check", content);
    }

    private async Task<T> WithDbAsync<T>(Func<HearthDbContext, Task<T>> action)
    {
        using var scope = app.Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<HearthDbContext>());
    }
}
