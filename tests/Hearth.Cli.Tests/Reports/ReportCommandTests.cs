using DocumentFormat.OpenXml.Packaging;
using Hearth.TestCommon;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Cli.Tests.Reports;

/// <summary>One demo database for the class: seeding the demo journeys is the slow part.</summary>
public sealed class DemoDatabase : IAsyncLifetime
{
    public TestDatabase Db { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // As `hearth seed demo` writes it (FoundationCommandTests runs the command itself).
        Db = await TestDatabase.CreateDemoAsync();
    }

    public async Task DisposeAsync() => await Db.DisposeAsync();
}

public sealed class ReportCommandTests(DemoDatabase demo) : IClassFixture<DemoDatabase>
{
    private TestDatabase Db => demo.Db;

    [Fact]
    public async Task Report_list_names_every_report()
    {
        var result = await CliRunner.RunAsync(Db.Settings, "report", "list");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["capacity", "cin-activity", "cohort-star", "cost", "equality", "funnel", "measures", "outcomes", "time-use"], result.Out.Trim().Split('\n').Select(l => l.Split(' ')[0]));
    }

    [Fact]
    public async Task A_report_prints_csv_writes_excel_and_json_with_the_same_figures()
    {
        var csv = await CliRunner.RunAsync(Db.Settings, "report", "funnel", "--period", "2025-26", "--service", "ifss-1");
        Assert.Equal(0, csv.ExitCode);
        var line = csv.Out.Trim().Split('\n')[1].TrimEnd('\r').Split(',');
        Assert.Equal("IFSS Site 1", line[0]);
        var referrals = long.Parse(line[1]);
        Assert.True(referrals > 0);

        var xlsx = Path.Combine(Path.GetTempPath(), $"funnel-{Guid.NewGuid():N}.xlsx");
        var excel = await CliRunner.RunAsync(Db.Settings, "report", "funnel", "--from", "2025-04-01", "--to", "2026-03-31", "--service", "ifss-1", "--format", "xlsx", "--out", xlsx);
        Assert.Equal(0, excel.ExitCode);
        using (var book = SpreadsheetDocument.Open(xlsx, false))
        {
            var cell = book.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().ElementAt(1).Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().ElementAt(1);
            Assert.Equal(referrals.ToString(), cell.CellValue!.Text);
        }
        File.Delete(xlsx);

        var json = await CliRunner.RunAsync(Db.Settings, "report", "funnel", "--period", "2025-26", "--service", "ifss-1", "--format", "json");
        using var doc = System.Text.Json.JsonDocument.Parse(json.Out);
        Assert.Equal(referrals, doc.RootElement.GetProperty("tables")[0].GetProperty("rows")[0].GetProperty("referrals").GetInt64());
    }

    [Fact]
    public async Task Compare_adds_each_tables_counts_a_year_earlier_with_the_change()
    {
        async Task<long> Referrals(string period)
        {
            var run = await CliRunner.RunAsync(Db.Settings, "report", "funnel", "--period", period, "--service", "ifss-1", "--format", "json");
            using var doc = System.Text.Json.JsonDocument.Parse(run.Out);
            return doc.RootElement.GetProperty("tables")[0].GetProperty("rows")[0].GetProperty("referrals").GetInt64();
        }
        var now = await Referrals("2025-26");
        var earlier = await Referrals("2024-25");
        var compared = await CliRunner.RunAsync(Db.Settings, "report", "funnel", "--period", "2025-26", "--service", "ifss-1", "--format", "json", "--compare");
        Assert.Equal(0, compared.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(compared.Out);
        var row = json.RootElement.GetProperty("tables")[1].GetProperty("rows")[0];
        Assert.Equal(now, row.GetProperty("referrals").GetInt64());
        Assert.Equal(earlier, row.GetProperty("referrals_year_earlier").GetInt64());
        Assert.Equal(Math.Round(100.0 * (now - earlier) / earlier, 1, MidpointRounding.AwayFromZero), row.GetProperty("referrals_change_pct").GetDouble());
    }

    [Fact]
    public async Task Worker_narrows_a_report_to_one_worker_by_id_or_by_name()
    {
        IReadOnlyList<Hearth.Core.Reporting.ReportWorker> workers;
        await using (var services = Db.CreateServices())
        {
            using var scope = services.CreateScope();
            workers = await scope.ServiceProvider.GetRequiredService<Hearth.Core.Reporting.ReportService>().WorkersAsync(Hearth.Core.Security.ActorContext.System("test"));
        }
        async Task<(string Scope, List<string> Workers, long Minutes)> TimeUseAsync(params string[] worker)
        {
            var run = await CliRunner.RunAsync(Db.Settings, ["report", "time-use", "--period", "2025-26", "--format", "json", .. worker]);
            Assert.Equal(0, run.ExitCode);
            using var doc = System.Text.Json.JsonDocument.Parse(run.Out);
            var tables = doc.RootElement.GetProperty("tables");
            var all = tables[0].GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("activity").GetString() == "All time recorded");
            return (doc.RootElement.GetProperty("scope").GetString()!, tables[2].GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("worker").GetString()!).ToList(),
                all.GetProperty("minutes").GetInt64());
        }
        var everyone = await TimeUseAsync();
        // A worker whose name is theirs alone and who recorded time in the year.
        var worker = workers.First(w => everyone.Workers.Contains(w.Name) && workers.Count(o => o.Name == w.Name) == 1);

        var byId = await TimeUseAsync("--worker", worker.Id.ToString());
        var byName = await TimeUseAsync("--worker", worker.Name);

        Assert.Equal($"{worker.Name}, {worker.Team}", byId.Scope);
        Assert.Equal([worker.Name], byId.Workers);
        Assert.True(byId.Minutes < everyone.Minutes, "one worker's time is less than everyone's");
        Assert.Equal(byId, byName, (a, b) => a.Scope == b.Scope && a.Minutes == b.Minutes && a.Workers.SequenceEqual(b.Workers));
    }

    [Theory]
    [InlineData(new[] { "report", "funnel", "--period", "2025-26", "--worker", "Nobody Atall" }, "error: Worker: There is no worker Nobody Atall")]
    [InlineData(new[] { "report", "nonsense", "--period", "2025-26" }, "error: Report: There is no report called nonsense")]
    [InlineData(new[] { "report", "funnel", "--period", "2025" }, "error: Period:")]
    [InlineData(new[] { "report", "funnel", "--from", "2025-04-01" }, "error: To:")]
    [InlineData(new[] { "report", "funnel", "--period", "2025-26", "--format", "pdf" }, "error: Format:")]
    [InlineData(new[] { "report", "funnel", "--period", "2025-26", "--format", "xlsx" }, "error: --out is required for xlsx")]
    [InlineData(new[] { "report", "funnel", "--period", "2025-26", "--team", "no-such-team" }, "error: Team: There is no team called no-such-team")]
    public async Task Bad_arguments_are_refused_in_one_line(string[] args, string expected)
    {
        var result = await CliRunner.RunAsync(Db.Settings, args);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(expected, result.Error);
    }
}

public sealed class ReportInputCommandTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateDemoAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_budget_set_from_the_command_line_feeds_the_cost_report()
    {
        var set = await CliRunner.RunAsync(_db.Settings, "budgets", "set", "--service", "ifit", "--year", "2020-21", "--gross", "447890", "--income", "47890.50", "--note", "10 staff");
        Assert.Equal(0, set.ExitCode);
        Assert.Equal("Budget for ifit in 2020-21 set: gross £447,890.00, income £47,890.50, net £399,999.50.", set.Out.Trim());
        var cost = await CliRunner.RunAsync(_db.Settings, "report", "cost", "--period", "2020-21", "--service", "ifit", "--format", "json");
        using var doc = System.Text.Json.JsonDocument.Parse(cost.Out);
        Assert.Equal(447890m, doc.RootElement.GetProperty("tables")[0].GetProperty("rows")[0].GetProperty("budget").GetDecimal());

        var bad = await CliRunner.RunAsync(_db.Settings, "budgets", "set", "--service", "nope", "--year", "2020-21", "--gross", "0", "--income", "-1");
        Assert.Equal(1, bad.ExitCode);
        Assert.Equal(["error: Service: There is no service with code nope", "error: GrossExpenditure: Gross expenditure must be more than £0 and less than £1 billion",
            "error: Income: Income must be £0 or more and less than £1 billion"], bad.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Population_figures_are_imported_whole_or_not_at_all()
    {
        var file = Path.Combine(Path.GetTempPath(), $"population-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "characteristic,category,count\nsex,F,5000\nsex,M,5100\nethnicity,WBRI,8000\n");
        var ok = await CliRunner.RunAsync(_db.Settings, "population", "import", file, "--year", "2022", "--source", "ONS");
        Assert.Equal(0, ok.ExitCode);
        Assert.Equal("Imported 3 population figure(s) for 2022.", ok.Out.Trim());

        await File.WriteAllTextAsync(file, "characteristic,category,count\nsex,F,5000\nshoe size,9,12\n");
        var refused = await CliRunner.RunAsync(_db.Settings, "population", "import", file, "--year", "2022");
        Assert.Equal(1, refused.ExitCode);
        Assert.StartsWith("error: Row 2: \"shoe size\" is not one of age, sex, ethnicity, disability", refused.Error);
        await File.WriteAllTextAsync(file, "characteristic,category,count\nsex,F,lots\n");
        Assert.Equal("error: row 2, count: \"lots\" is not a whole number.", (await CliRunner.RunAsync(_db.Settings, "population", "import", file, "--year", "2022")).Error.Trim());
        File.Delete(file);

        var equality = await CliRunner.RunAsync(_db.Settings, "report", "equality", "--period", "2022-23", "--format", "json");
        Assert.Contains("Population figures for 2022.", equality.Out);
    }
}
