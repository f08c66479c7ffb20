using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Hearth.Core.Reporting;
using Hearth.Core.Security;
using Hearth.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests.Reports;

/// <summary>The worker filter on the report page, its downloads and the API (the figures themselves: Core's ReportsByWorkerTests).</summary>
public sealed class ReportsByWorkerPageTests(HearthWebFactory app) : IClassFixture<HearthWebFactory>
{
    private const string Query = "period=2025-26";

    private async Task<T> WithReportsAsync<T>(Func<ReportService, Task<T>> action)
    {
        using var scope = app.Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<ReportService>());
    }

    /// <summary>The demo worker with the most hours with families in 2025-26, and the time-use report narrowed to them.</summary>
    private Task<(ReportWorker Worker, ReportResult All, ReportResult Theirs)> BusiestWorkerAsync() => WithReportsAsync(async reports =>
    {
        var system = ActorContext.System("test");
        var all = await reports.RunAsync(system, "time-use", new ReportFilter(ReportPeriod.FinancialYear(2025)));
        var busiest = all.Tables.Single(t => t.Key == "workers").Rows.MaxBy(r => (double)r[1]!)!;
        var worker = (await reports.WorkersAsync(system)).Single(w => w.Name == (string)busiest[0]!);
        var theirs = await reports.RunAsync(system, "time-use", new ReportFilter(ReportPeriod.FinancialYear(2025), Worker: worker.Id.ToString()));
        return (worker, all, theirs);
    });

    private static List<string> Activity(ReportResult result) =>
        result.Tables[0].Rows.Select(r => $"{r[0]}:{r[1]}").ToList();

    [Fact]
    public async Task The_worker_chosen_in_the_query_string_narrows_the_page_and_its_downloads()
    {
        var (worker, all, theirs) = await BusiestWorkerAsync();
        Assert.NotEqual(Activity(all), Activity(theirs));
        var client = await app.SignedInClientAsync("Performance");

        var page = await HearthWebFactory.HtmlAsync(await client.GetAsync($"/reports/time-use?{Query}&worker={worker.Id}"));

        Assert.Equal($"{worker.Name}, {worker.Team}", page.QuerySelector(".govuk-caption-l")!.TextContent);
        var select = page.QuerySelector("select#worker.govuk-select")!;
        Assert.Equal("Worker (optional)", page.QuerySelector("label[for=worker]")!.TextContent);
        Assert.Equal(worker.Id.ToString(), select.QuerySelector("option[selected]")!.GetAttribute("value"));
        Assert.Equal("", select.QuerySelector("option")!.GetAttribute("value"));
        var tables = page.QuerySelectorAll("table.govuk-table").ToList();
        Assert.Equal(Activity(theirs), tables[0].QuerySelectorAll("tbody tr").Select(r => r.Children[0].TextContent + ":" + r.Children[1].TextContent.Replace(",", "")).ToList());
        Assert.Equal([worker.Name], tables[2].QuerySelectorAll("tbody tr").Select(r => r.Children[0].TextContent));

        var csvLink = page.QuerySelectorAll("a[href*='handler=Download']").Single(a => a.GetAttribute("href")!.Contains("format=csv")).GetAttribute("href")!;
        Assert.Contains($"worker={worker.Id}", csvLink);
        var csv = (await client.GetStringAsync(csvLink)).Replace("\r", "").Split('\n');
        // The first table follows its title and header lines, up to the blank record between tables.
        Assert.Equal(Activity(theirs), csv.Skip(2).TakeWhile(l => l != "\"\"" && l.Length > 0).Select(l => string.Join(':', l.Split(',').Take(2))).ToList());

        var xlsx = await client.GetByteArrayAsync(csvLink.Replace("format=csv", "format=xlsx"));
        using var book = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var first = book.WorkbookPart!.Workbook.Descendants<Sheet>().First();
        var sheet = ((WorksheetPart)book.WorkbookPart.GetPartById(first.Id!)).Worksheet;
        Assert.Equal(Activity(theirs), sheet.Descendants<Row>().Skip(1)
            .Select(r => string.Join(':', r.Elements<Cell>().Take(2).Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text))).ToList());
    }

    [Fact]
    public async Task An_unknown_worker_is_named_in_the_error_summary()
    {
        var client = await app.SignedInClientAsync("Performance");

        var response = await client.GetAsync($"/reports/funnel?{Query}&worker=nobody-at-all");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HearthWebFactory.HtmlAsync(response);
        var link = page.QuerySelector("main > .govuk-error-summary a")!;
        Assert.Equal("#worker", link.GetAttribute("href"));
        Assert.Equal("There is no worker nobody-at-all", link.TextContent);
        Assert.Contains("There is no worker nobody-at-all", page.QuerySelector("#worker-error")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("table.govuk-table"));
    }

    [Fact]
    public async Task A_manager_chooses_among_their_teams_workers_and_is_refused_another_teams()
    {
        var everyone = await WithReportsAsync(r => r.WorkersAsync(ActorContext.System("test")));
        var client = await app.SignedInClientAsync("Manager");

        var page = await HearthWebFactory.HtmlAsync(await client.GetAsync($"/reports/capacity?{Query}"));

        // The demo manager runs IFSS Sites 1 and 2.
        var theirs = everyone.Where(w => w.Team is "IFSS Site 1 team" or "IFSS Site 2 team").Select(w => w.Id.ToString()).ToList();
        Assert.NotEmpty(theirs);
        Assert.True(everyone.Count > theirs.Count);
        Assert.Equal(theirs, page.QuerySelectorAll("select#worker option").Select(o => o.GetAttribute("value")!).Where(v => v.Length > 0));
        var outsider = everyone.First(w => w.Team is not ("IFSS Site 1 team" or "IFSS Site 2 team"));
        var refused = await HearthWebFactory.HtmlAsync(await client.GetAsync($"/reports/capacity?{Query}&worker={outsider.Id}"));
        Assert.Equal($"There is no worker {outsider.Id} in your teams", refused.QuerySelector("main > .govuk-error-summary a")!.TextContent);
    }

    [Fact]
    public async Task The_api_narrows_to_a_worker_and_answers_an_unknown_one_with_problem_details()
    {
        var (worker, _, theirs) = await BusiestWorkerAsync();
        string token;
        using (var scope = app.Services.CreateScope())
        {
            token = (await scope.ServiceProvider.GetRequiredService<TokenService>().CreateAsync(ActorContext.System("test"), HearthWebFactory.EmailFor("Performance"), "reports", null)).Token;
        }
        var api = app.NewClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var json = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/reports/time-use?{Query}&worker={worker.Id}")).RootElement;

        Assert.Equal($"{worker.Name}, {worker.Team}", json.GetProperty("scope").GetString());
        Assert.Equal(Activity(theirs), json.GetProperty("tables")[0].GetProperty("rows").EnumerateArray()
            .Select(r => r.GetProperty("activity").GetString() + ":" + r.GetProperty("minutes").GetInt64()).ToList());

        var unknown = await api.GetAsync($"/api/v1/reports/time-use?{Query}&worker={Guid.Empty}");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var errors = JsonDocument.Parse(await unknown.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal($"There is no worker {Guid.Empty}", errors.GetProperty("Worker")[0].GetString());
    }
}
