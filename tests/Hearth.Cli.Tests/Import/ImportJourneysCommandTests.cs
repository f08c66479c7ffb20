using Hearth.Cli;
using Hearth.Core.Data;
using Hearth.Core.Referrals;
using Hearth.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Cli.Tests.Import;

public sealed class ImportJourneysCommandTests : IAsyncLifetime
{
    private const string Header = "service,team,family_ref,child_refs,child_birth_dates,referral_ref,received_on,referral_source,decision,decision_on,assessment_started_on,phase1_started_on,phase1_completed_on,phase2_completed_on,closed_on,closure_reason,unmet_need";

    private const string Good = Header + "\n"
        + "IFSS North,North team,F1,C1;C2,2016-03-01;2019-09-09,R1,2025-01-10,5A,accepted,2025-01-12,2025-01-13,2025-01-16,2025-02-20,2025-08-20,2025-08-20,goals_achieved,no\n"
        + "IFSS North,North team,F2,C3,,R2,2025-02-01,2A,inappropriate,2025-02-03,,,,,,,\n"
        + "IFSS North,North team,F1,C1,2016-03-01,R3,2025-10-01,5D,waiting_list,2025-10-02,,,,,,,\n";

    private TestDatabase _db = null!;
    private string _folder = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _folder = Directory.CreateTempSubdirectory("hearth-import-").FullName;
    }

    public async Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        await _db.DisposeAsync();
    }

    private async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await HearthCli.RunAsync(args, output, error, _db.Settings);
        return (code, output.ToString(), error.ToString());
    }

    private string File(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    private async Task<(int Referrals, int Audit)> CountsAsync()
    {
        await using var services = _db.CreateServices();
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
        return (await db.Set<Referral>().CountAsync(), await db.AuditEvents.CountAsync());
    }

    [Fact]
    public async Task A_file_imports_once_and_a_second_run_changes_nothing()
    {
        var path = File("good.csv", Good);

        var first = await RunAsync("import", "journeys", path, "--create-missing", "--programme", "ifss");
        Assert.Equal((0, ""), (first.Code, first.Error));
        Assert.Contains("Imported 3 referral(s), 2 family(ies), 3 child(ren), 1 episode(s); 0 referral(s) already present", first.Out);
        var after = await CountsAsync();

        var second = await RunAsync("import", "journeys", path);
        Assert.Equal(0, second.Code);
        Assert.Contains("Imported 0 referral(s), 0 family(ies), 0 child(ren), 0 episode(s); 3 referral(s) already present and left unchanged.", second.Out);
        Assert.Equal(after, await CountsAsync());
    }

    [Fact]
    public async Task A_bad_row_is_reported_by_row_and_column_and_nothing_is_written()
    {
        var before = await CountsAsync();
        var path = File("bad.csv", Good + "IFSS North,North team,F3,C4,,R4,2025-02-30,5A,accepted,2025-03-01,,,,,2025-03-05,,no\n");

        var (code, output, error) = await RunAsync("import", "journeys", path, "--create-missing", "--programme", "ifss");

        Assert.Equal(CliEnvironment.Failed, code);
        Assert.Equal("", output);
        Assert.Contains("error: row 5, received_on: \"2025-02-30\" is not a date in the form YYYY-MM-DD", error);
        Assert.Contains("error: row 5, closure_reason: A closed referral needs its closure reason", error);
        Assert.Contains("2 error(s); nothing was imported.", error);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Unknown_services_are_refused_without_create_missing()
    {
        var (code, _, error) = await RunAsync("import", "journeys", File("good.csv", Good));
        Assert.Equal(CliEnvironment.Failed, code);
        Assert.Contains("error: row 2, service: There is no service called \"IFSS North\" (use --create-missing --programme ID to create it)", error);
    }

    [Fact]
    public async Task A_dry_run_writes_nothing()
    {
        var before = await CountsAsync();
        var (code, output, _) = await RunAsync("import", "journeys", File("good.csv", Good), "--dry-run", "--create-missing", "--programme", "ifss");
        Assert.Equal(0, code);
        Assert.StartsWith("Dry run: would import 3 referral(s)", output);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task A_missing_file_or_a_bad_header_is_refused()
    {
        var missing = await RunAsync("import", "journeys", Path.Combine(_folder, "nope.csv"));
        Assert.Equal(CliEnvironment.CannotRun, missing.Code);
        Assert.Contains("the file does not exist", missing.Error);

        var header = await RunAsync("import", "journeys", File("header.csv", "service,team\nA,B\n"));
        Assert.Equal(CliEnvironment.Failed, header.Code);
        Assert.Contains("error: row 1, family_ref: The column is missing", header.Error);
    }

    [Fact]
    public async Task A_large_file_shows_progress_on_stderr()
    {
        var rows = Enumerable.Range(1, 600).Select(i => $"IFSS North,North team,F{i},C{i},,R{i},2025-01-10,5A,advice,2025-01-11,,,,,,,");
        var (code, _, error) = await RunAsync("import", "journeys", File("large.csv", Header + "\n" + string.Join("\n", rows) + "\n"), "--create-missing", "--programme", "ifss");
        Assert.Equal(0, code);
        Assert.Contains("100% 600/600 rows", error);
        Assert.Equal(600, (await CountsAsync()).Referrals);
    }
}
