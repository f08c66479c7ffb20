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

public sealed class ReportPageTests(HearthWebFactory app) : IClassFixture<HearthWebFactory>
{
    // The demo journeys run over the three years before the seed date; 2025-26 has referrals in every demo service.
    private const string Query = "period=2025-26";

    [Theory]
    [InlineData("cohort-star")]
    [InlineData("measures")]
    [InlineData("outcomes")]
    [InlineData("funnel")]
    public async Task A_report_with_nothing_in_the_period_shows_its_empty_table_without_a_chart(string report)
    {
        // Once a 500: the chart took the largest value of no values.
        var client = await app.SignedInClientAsync("Manager");

        var response = await client.GetAsync($"/reports/{report}?From.Day=1&From.Month=4&From.Year=2001&To.Day=31&To.Month=3&To.Year=2002");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await HearthWebFactory.HtmlAsync(response)).QuerySelector("main table"));
    }

    [Fact]
    public async Task The_funnel_page_shows_a_table_an_accessible_chart_and_downloads()
    {
        var client = await app.SignedInClientAsync("Performance");
        var page = await HearthWebFactory.HtmlAsync(await client.GetAsync($"/reports/funnel?{Query}"));
        Assert.Equal("Referral funnel", page.QuerySelector("h1")!.TextContent);
        var svg = page.QuerySelector("figure svg[role=img]");
        Assert.NotNull(svg);
        Assert.Equal("chart-title", svg.GetAttribute("aria-labelledby"));
        Assert.Contains("table below", page.QuerySelector("figcaption")!.TextContent);
        var headers = page.QuerySelectorAll("table thead th").Select(h => h.TextContent).ToList();
        Assert.Contains("Progressed to assessment", headers);
        Assert.NotEmpty(page.QuerySelectorAll("table tbody tr"));
        Assert.Equal(3, page.QuerySelectorAll("a[href*='handler=Download']").Length);
    }

    [Theory]
    [InlineData("measures", "Baseline against latest", "Instrument", new[] { "Baseline mean", "Latest mean" })]
    [InlineData("cost", "Cost, 2025-26", "Service", new[] { "Cost per family (£)" })]
    [InlineData("equality", "Ethnicity", "Group", new[] { "Share served %", "Share of population %" })]
    public async Task Outcome_measures_cost_and_equality_draw_their_table_as_a_chart_with_the_same_figures(string report, string caption, string labelHeader, string[] valueHeaders)
    {
        var client = await app.SignedInClientAsync("Performance");
        var page = await HearthWebFactory.HtmlAsync(await client.GetAsync($"/reports/{report}?{Query}"));
        var svg = page.QuerySelector("figure svg[role=img]");
        Assert.NotNull(svg);
        Assert.Equal(caption, svg.QuerySelector("title")!.TextContent);
        var table = page.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent.Trim() == caption);
        var headers = table.QuerySelectorAll("thead th").Select(h => h.TextContent.Trim()).ToList();
        var rows = table.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td, th").Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.NotEmpty(rows);
        // Each bar is one row's figure in one column, written as the table writes it (money with its pound sign).
        var expected = rows.SelectMany(r => valueHeaders.Select(h => (h.Contains("(£)") && r[headers.IndexOf(h)] != "n/a" ? "£" : "") + r[headers.IndexOf(h)])).ToList();
        var drawn = svg.QuerySelectorAll("text").Where(t => t.QuerySelector("tspan") is null).Select(t => t.TextContent).ToList();
        Assert.Equal(expected, drawn);
        var labels = string.Join(" ", svg.QuerySelectorAll("tspan").Select(t => t.TextContent));
        Assert.All(rows, r => Assert.Contains(r[headers.IndexOf(labelHeader)].Split(' ')[0], labels));
    }

    [Fact]
    public async Task Ticking_compare_adds_a_year_on_year_table_and_the_downloads_keep_it()
    {
        var client = await app.SignedInClientAsync("Performance");
        var page = await HearthWebFactory.HtmlAsync(await client.GetAsync($"/reports/funnel?{Query}&compare=true"));
        var captions = page.QuerySelectorAll("table caption").Select(c => c.TextContent.Trim()).ToList();
        Assert.Contains(captions, c => c.EndsWith("compared with the same period a year earlier"));
        Assert.Contains("Referrals, 2024-25", page.QuerySelectorAll("table thead th").Select(h => h.TextContent));
        Assert.True(page.QuerySelector("input[name=Compare][value=true]")!.HasAttribute("checked"));
        var csvLink = page.QuerySelectorAll("a[href*='handler=Download']").First(a => a.GetAttribute("href")!.Contains("format=csv")).GetAttribute("href")!;
        Assert.Contains("compare=true", csvLink);
        var csv = await client.GetStringAsync(csvLink);
        Assert.Contains("Referrals: change %", csv);
    }

    [Fact]
    public async Task The_page_the_csv_the_excel_file_and_the_api_give_the_same_numbers()
    {
        ReportResult expected;
        using (var scope = app.Services.CreateScope())
        {
            expected = await scope.ServiceProvider.GetRequiredService<ReportService>().RunAsync(ActorContext.System("test"), "funnel",
                new ReportFilter(ReportPeriod.FinancialYear(2025)));
        }
        var counts = expected.Tables[0].Rows.Select(r => (string)r[0]! + ":" + r[1]).ToList();
        Assert.Contains(expected.Tables[0].Rows, r => (long)r[1]! > 0);

        var client = await app.SignedInClientAsync("Performance");
        var page = await HearthWebFactory.HtmlAsync(await client.GetAsync($"/reports/funnel?{Query}"));
        Assert.Equal(counts, page.QuerySelectorAll("table tbody tr").Select(r => r.Children[0].TextContent + ":" + r.Children[1].TextContent.Replace(",", "")).ToList());

        var csv = await client.GetStringAsync($"/reports/funnel?handler=Download&format=csv&{Query}");
        Assert.Equal(counts, csv.Trim().Split('\n').Skip(1).Select(l => string.Join(':', l.TrimEnd('\r').Split(',').Take(2))).ToList());

        var xlsx = await client.GetByteArrayAsync($"/reports/funnel?handler=Download&format=xlsx&{Query}");
        using var book = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var rows = book.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().Skip(1)
            .Select(r => string.Join(':', r.Elements<Cell>().Take(2).Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text))).ToList();
        Assert.Equal(counts, rows);

        using (var scope = app.Services.CreateScope())
        {
            var token = await scope.ServiceProvider.GetRequiredService<TokenService>().CreateAsync(ActorContext.System("test"), HearthWebFactory.EmailFor("Performance"), "reports", null);
            var api = app.NewClient();
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
            var json = JsonDocument.Parse(await api.GetStringAsync($"/api/v1/reports/funnel?{Query}"));
            Assert.Equal(counts, json.RootElement.GetProperty("tables")[0].GetProperty("rows").EnumerateArray()
                .Select(r => r.GetProperty("service").GetString() + ":" + r.GetProperty("referrals").GetInt64()).ToList());
            var list = JsonDocument.Parse(await api.GetStringAsync("/api/v1/reports"));
            Assert.Equal(["capacity", "cin-activity", "cohort-star", "cost", "equality", "funnel", "measures", "outcomes", "time-use"], list.RootElement.EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        }
    }

    [Fact]
    public async Task A_bad_period_is_named_in_the_error_summary()
    {
        var client = await app.SignedInClientAsync("Manager");
        var response = await client.GetAsync("/reports/cin-activity?period=2025-27");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = (await HearthWebFactory.HtmlAsync(response)).QuerySelector("main > .govuk-error-summary a");
        Assert.Equal("#period", summary!.GetAttribute("href"));
    }

    [Fact]
    public async Task Dates_are_entered_in_date_boxes_each_problem_is_named_and_the_downloads_keep_the_dates()
    {
        var client = await app.SignedInClientAsync("Performance");
        var bad = await HearthWebFactory.HtmlAsync(await client.GetAsync("/reports/funnel?From.Day=31&From.Month=2&From.Year=2026&To.Day=&To.Month=&To.Year="));
        var errors = bad.QuerySelectorAll("main > .govuk-error-summary a").Select(a => (a.GetAttribute("href"), a.TextContent)).ToList();
        Assert.Equal([("#from", "The start date must be a real date, for example 31 3 2026"), ("#to", "Enter the end date")], errors);
        Assert.Equal("31", bad.QuerySelector("#from-day")!.GetAttribute("value"));
        Assert.Empty(bad.QuerySelectorAll("table"));

        var backwards = await HearthWebFactory.HtmlAsync(await client.GetAsync("/reports/funnel?From.Day=1&From.Month=4&From.Year=2026&To.Day=31&To.Month=3&To.Year=2026"));
        Assert.Equal("The end date must be the same as or after the start date", backwards.QuerySelector("main > .govuk-error-summary a[href='#to']")!.TextContent);

        var page = await HearthWebFactory.HtmlAsync(await client.GetAsync("/reports/funnel?From.Day=1&From.Month=4&From.Year=2025&To.Day=31&To.Month=3&To.Year=2026"));
        Assert.Null(page.QuerySelector(".govuk-error-summary"));
        var csvLink = page.QuerySelectorAll("a").Single(a => a.TextContent.StartsWith("CSV", StringComparison.Ordinal)).GetAttribute("href")!;
        Assert.Contains("From.Day=1&From.Month=4&From.Year=2025", csvLink);
        var csv = await client.GetAsync(csvLink);
        Assert.Equal("funnel-20250401-20260331.csv", csv.Content.Headers.ContentDisposition!.FileNameStar ?? csv.Content.Headers.ContentDisposition.FileName);
        var onTheYear = await client.GetStringAsync("/reports/funnel?handler=Download&format=csv&period=2025-26");
        Assert.Equal(onTheYear, await csv.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/reports/funnel?handler=Download&format=csv&From.Day=31&From.Month=2&From.Year=2026")).StatusCode);
    }

    [Fact]
    public async Task A_manager_report_covers_only_their_teams()
    {
        var client = await app.SignedInClientAsync("Manager");
        var page = await HearthWebFactory.HtmlAsync(await client.GetAsync($"/reports/funnel?{Query}"));
        Assert.Equal("Your teams", page.QuerySelector(".govuk-caption-l")!.TextContent);
        // The demo manager runs IFSS Sites 1 and 2; no other service appears.
        Assert.Equal(["IFSS Site 1", "IFSS Site 2"], page.QuerySelectorAll("table tbody tr").Select(r => r.Children[0].TextContent));
    }

    [Fact]
    public async Task The_measures_page_shows_means_to_two_places_and_p_values_to_three_or_as_under_0_001()
    {
        var client = await app.SignedInClientAsync("Performance");
        var page = await HearthWebFactory.HtmlAsync(await client.GetAsync($"/reports/measures?{Query}"));
        var table = page.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent == "Baseline against latest");
        var headers = table.QuerySelectorAll("thead th").Select(h => h.TextContent).ToList();
        var rows = table.QuerySelectorAll("tbody tr").Select(r => r.Children.Select(c => c.TextContent).ToList()).ToList();
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            Assert.Matches(@"^-?\d+\.\d\d$", row[headers.IndexOf("Baseline mean")]);
            Assert.Matches(@"^-?\d+\.\d\d$", row[headers.IndexOf("Mean change")]);
            Assert.Matches(@"^(<0\.001|[01]\.\d{3}|n/a)$", row[headers.IndexOf("Paired t-test p")]);
            Assert.Matches(@"^(<0\.001|[01]\.\d{3}|n/a)$", row[headers.IndexOf("Wilcoxon p")]);
        }
        Assert.Contains(rows, r => r[headers.IndexOf("Paired t-test p")] != "n/a");
    }

    [Fact]
    public async Task Every_report_renders_for_the_demo_data()
    {
        var client = await app.SignedInClientAsync("ServiceManager");
        foreach (var name in new[] { "funnel", "cin-activity", "outcomes", "capacity", "cost", "equality", "measures", "time-use", "cohort-star" })
        {
            var response = await client.GetAsync($"/reports/{name}?{Query}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name}: {response.StatusCode}");
            var doc = await HearthWebFactory.HtmlAsync(response);
            Assert.Null(doc.QuerySelector(".govuk-error-summary"));
            Assert.NotEmpty(doc.QuerySelectorAll("table.govuk-table"));
        }
    }

    [Fact]
    public async Task The_service_managers_home_page_shows_each_reports_headline_and_links_to_it()
    {
        var client = await app.SignedInClientAsync("ServiceManager");
        var home = await HearthWebFactory.HtmlAsync(await client.GetAsync("/"));
        var cards = home.QuerySelectorAll(".hearth-card").Where(c => c.QuerySelector(".govuk-heading-l") is not null).ToList();
        Assert.Equal(["Referrals this quarter", "Closures this quarter", "Accepted to intensive support this quarter", "Children worked with this year",
                "Closed successfully or stepped down", "Re-referred within 12 months", "Waiting now", "Time with families", "Cost per family this year"],
            cards.Select(c => c.QuerySelector("a")!.TextContent));
        // The headline is the report's own figure.
        var link = cards[0].QuerySelector("a")!.GetAttribute("href")!;
        var report = await HearthWebFactory.HtmlAsync(await client.GetAsync(link));
        var firstQuarter = report.QuerySelectorAll("table")[0].QuerySelector("tbody tr")!;
        Assert.Equal(firstQuarter.Children[1].TextContent, cards[0].QuerySelector(".govuk-heading-l")!.TextContent);
    }

    [Fact]
    public async Task The_service_managers_funnel_and_cost_headlines_add_up_the_reports_rows()
    {
        var client = await app.SignedInClientAsync("ServiceManager");
        var home = await HearthWebFactory.HtmlAsync(await client.GetAsync("/"));
        var cards = home.QuerySelectorAll(".hearth-card").Where(c => c.QuerySelector(".govuk-heading-l") is not null)
            .ToDictionary(c => c.QuerySelector("a")!.TextContent, c => (Href: c.QuerySelector("a")!.GetAttribute("href")!, Value: c.QuerySelector(".govuk-heading-l")!.TextContent));

        // Accepted this quarter: the sum of the funnel's per-service rows.
        var funnel = await HearthWebFactory.HtmlAsync(await client.GetAsync(cards["Accepted to intensive support this quarter"].Href));
        var funnelHeaders = funnel.QuerySelectorAll("table")[0].QuerySelectorAll("thead th").Select(h => h.TextContent).ToList();
        var acceptedColumn = funnelHeaders.IndexOf("Accepted to intensive phase");
        var accepted = funnel.QuerySelectorAll("table")[0].QuerySelectorAll("tbody tr").Sum(r => int.TryParse(r.Children[acceptedColumn].TextContent.Replace(",", ""), out var n) ? n : 0);
        Assert.Equal(accepted.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-GB")), cards["Accepted to intensive support this quarter"].Value);

        // Cost per family: the whole budget over every family worked with, to the pound.
        var cost = await HearthWebFactory.HtmlAsync(await client.GetAsync(cards["Cost per family this year"].Href));
        var costTable = cost.QuerySelectorAll("table")[0];
        var costHeaders = costTable.QuerySelectorAll("thead th").Select(h => h.TextContent).ToList();
        decimal Cell(AngleSharp.Dom.IElement row, string header) => decimal.Parse(row.Children[costHeaders.IndexOf(header)].TextContent.Replace(",", "").Replace("£", ""), System.Globalization.CultureInfo.InvariantCulture);
        var rows = costTable.QuerySelectorAll("tbody tr").ToList();
        var budget = rows.Sum(r => Cell(r, "Budget for the period (£)"));
        var families = rows.Sum(r => Cell(r, "Families worked with"));
        Assert.True(families > 0, "the demo works with families this year");
        Assert.Equal("£" + Math.Round(budget / families, 0, MidpointRounding.AwayFromZero).ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-GB")), cards["Cost per family this year"].Value);
    }

    [Fact]
    public async Task A_managers_home_page_shows_each_teams_waiting_list_and_due_work_as_on_their_pages()
    {
        var client = await app.SignedInClientAsync("Manager");
        var home = await HearthWebFactory.HtmlAsync(await client.GetAsync("/"));
        var work = home.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent == "Waiting and due work");
        var rows = work.QuerySelectorAll("tbody tr").ToList();
        Assert.Equal(["IFSS Site 1 team", "IFSS Site 2 team"], rows.Select(r => r.Children[0].TextContent));
        foreach (var row in rows)
        {
            var team = row.Children[0].TextContent;
            var waitingLink = row.Children[1].QuerySelector("a")!;
            var waiting = await HearthWebFactory.HtmlAsync(await client.GetAsync(waitingLink.GetAttribute("href")!));
            Assert.Equal(waiting.QuerySelectorAll("table tbody tr").Length.ToString(), waitingLink.FirstChild!.TextContent);

            var overdueLink = row.Children[3].QuerySelector("a")!;
            var due = await HearthWebFactory.HtmlAsync(await client.GetAsync(overdueLink.GetAttribute("href")!));
            var overdue = due.QuerySelectorAll("table tbody tr .govuk-tag--red").Length;
            Assert.True(overdueLink.FirstChild!.TextContent == overdue.ToString(), $"{team}: {overdueLink.FirstChild!.TextContent} overdue on the home page, {overdue} on the due list");
        }
        Assert.True(rows.Sum(r => int.Parse(r.Children[3].QuerySelector("a")!.FirstChild!.TextContent)) + rows.Sum(r => int.Parse(r.Children[4].TextContent)) > 0,
            "the demo has work due for the manager's teams");
    }

    [Fact]
    public async Task A_managers_home_page_shows_their_teams_capacity()
    {
        var client = await app.SignedInClientAsync("Manager");
        var home = await HearthWebFactory.HtmlAsync(await client.GetAsync("/"));
        var capacity = home.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent == "Capacity now");
        var teams = capacity.QuerySelectorAll("tbody tr").Select(r => r.Children[1].TextContent).Distinct().Order().ToList();
        Assert.Equal(["IFSS Site 1 team", "IFSS Site 2 team"], teams);
    }
}
