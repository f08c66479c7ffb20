using Hearth.Core.Auditing;
using Hearth.Core.Data;
using Hearth.Core.Organisation;
using Hearth.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Cli.Tests.Organisation;

/// <summary>A council with no demo data sets itself up from the command line: services, teams, workers, budgets, population.</summary>
public sealed class OrganisationCommandTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Task<CliRunner.Result> Run(params string[] args) => CliRunner.RunAsync(_db.Settings, args);

    private async Task<T> WithDb<T>(Func<IServiceProvider, Task<T>> read)
    {
        await using var services = _db.CreateServices();
        using var scope = services.CreateScope();
        return await read(scope.ServiceProvider);
    }

    [Fact]
    public async Task Lists_are_CSV_with_text_that_starts_like_a_formula_neutralised()
    {
        Assert.Equal(0, (await Run("services", "create", "--code", "ifss-1", "--name", "=HYPERLINK(\"http://x\")")).ExitCode);
        var team = await Run("teams", "create", "--code", "north", "--service", "ifss-1", "--name", "North, East", "--patch", "=North", "--base", "+Hub");
        Assert.True(team.ExitCode == 0, team.Error);
        Assert.Equal(["code,name,programme,teams,closed_on", "ifss-1,\"'=HYPERLINK(\"\"http://x\"\")\",,1,"], (await Run("services", "list")).Out.Trim().Split('\n').Select(l => l.TrimEnd('\r')));
        Assert.Equal("north,ifss-1,\"North, East\",\"'=North\",\"'+Hub\",", (await Run("teams", "list")).Out.Trim().Split('\n')[1].TrimEnd('\r'));
    }

    [Fact]
    public async Task A_council_scripts_its_services_teams_and_workers_and_each_change_is_audited()
    {
        Assert.Equal(0, (await Run("services", "create", "--code", "ifss-1", "--name", "IFSS Site 1")).ExitCode);
        Assert.Equal(0, (await Run("teams", "create", "--code", "north", "--service", "ifss-1", "--name", "North team", "--patch", "North", "--base", "Riverside Hub")).ExitCode);
        var created = await Run("workers", "create", "--team", "north", "--name", "Sian Evans", "--job-title", "Family practitioner", "--fte", "0.6",
            "--max-intensive-cases", "2", "--specialism", "parenting", "--specialism", "domestic abuse", "--start-date", "2024-09-02");
        Assert.Equal(0, created.ExitCode);
        var id = Guid.Parse(created.Out.Trim());

        var renamed = await Run("services", "rename", "--code", "ifss-1", "--name", "Family Support North");
        Assert.Equal("Service ifss-1 is now Family Support North.", renamed.Out.Trim());
        Assert.Equal(0, (await Run("teams", "edit", "--code", "north", "--base", "Harbour Hub")).ExitCode);
        Assert.Equal(0, (await Run("workers", "edit", "--id", id.ToString(), "--fte", "1", "--max-intensive-cases", "3")).ExitCode);

        var teams = await Run("teams", "list");
        Assert.Equal(["code,service,name,patch,base,closed_on", "north,ifss-1,North team,North,Harbour Hub,"], teams.Out.Trim().Split('\n').Select(l => l.TrimEnd('\r')));
        var workers = await Run("workers", "list", "--team", "north");
        Assert.Equal($"{id},north,Sian Evans,Family practitioner,1,3,parenting; domestic abuse,,2024-09-02,,yes", workers.Out.Trim().Split('\n')[1].TrimEnd('\r'));

        var audit = await WithDb(p => p.GetRequiredService<HearthDbContext>().AuditEvents.Where(e => e.EntityType == "Worker" && e.EntityId == id.ToString()).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal([AuditAction.Created, AuditAction.Updated], audit.Select(e => e.Action));
        Assert.StartsWith("system: cli", audit[1].ActorName);
        Assert.Contains("\"field\":\"Fte\"", audit[1].Changes);
        Assert.Contains("\"field\":\"MaxIntensiveCases\",\"from\":\"2\",\"to\":\"3\"", audit[1].Changes);
    }

    [Fact]
    public async Task Bad_input_prints_one_line_per_field_exits_1_and_changes_nothing()
    {
        Assert.Equal(0, (await Run("services", "create", "--code", "ifss-1", "--name", "IFSS Site 1")).ExitCode);
        Assert.Equal(0, (await Run("teams", "create", "--code", "north", "--service", "ifss-1", "--name", "North team")).ExitCode);
        var bad = await Run("workers", "create", "--team", "south", "--name", "", "--job-title", "Family practitioner", "--fte", "1.5");
        Assert.Equal(1, bad.ExitCode);
        Assert.Equal(["error: Team: There is no team with code south", "error: Name: Enter the worker's name", "error: Fte: Full-time equivalent must be between 0.1 and 1"],
            bad.Error.Trim().Split('\n').Select(l => l.TrimEnd('\r')));
        var date = await Run("teams", "close", "--code", "north", "--on", "31/03/2026");
        Assert.Equal(1, date.ExitCode);
        Assert.Equal("error: ClosedOn: \"31/03/2026\" is not a date like 2026-03-31", date.Error.Trim());
        Assert.Equal(0, await WithDb(p => p.GetRequiredService<HearthDbContext>().Set<Worker>().CountAsync()));
        Assert.Null(await WithDb(p => p.GetRequiredService<HearthDbContext>().Set<Team>().Select(t => t.ClosedOn).SingleAsync()));
    }

    [Fact]
    public async Task A_worker_who_leaves_is_inactive_and_their_account_is_deactivated()
    {
        await Run("services", "create", "--code", "ifss-1", "--name", "IFSS Site 1");
        await Run("teams", "create", "--code", "north", "--service", "ifss-1", "--name", "North team");
        Assert.Equal(0, (await Run("users", "create", "--name", "Sian Evans", "--email", "sian@council.example", "--role", "Practitioner", "--team", "north", "--password", "a-long-enough-password")).ExitCode);
        var workerId = await WithDb(p => p.GetRequiredService<HearthDbContext>().Users.Where(u => u.Email == "sian@council.example").Select(u => u.WorkerId!.Value).SingleAsync());

        var left = await Run("workers", "leave", "--id", workerId.ToString(), "--on", "2026-01-09");
        Assert.Equal(0, left.ExitCode);
        Assert.Equal("Sian Evans left on 2026-01-09.", left.Out.Trim());
        Assert.False(await WithDb(p => p.GetRequiredService<HearthDbContext>().Users.Where(u => u.Email == "sian@council.example").Select(u => u.IsActive).SingleAsync()));
        Assert.EndsWith("2026-01-09,no", (await Run("workers", "list")).Out.Trim().Split('\n')[1].TrimEnd('\r'));
        var again = await Run("workers", "leave", "--id", workerId.ToString());
        Assert.Equal("error: LeavingDate: Sian Evans has already left", again.Error.Trim());
    }

    [Fact]
    public async Task Figures_to_enter_lists_the_missing_budgets_and_population_until_they_are_entered()
    {
        await Run("services", "create", "--code", "ifss-1", "--name", "IFSS Site 1");
        var year = Core.Reporting.ReportPeriod.FinancialYearOf(DateOnly.FromDateTime(DateTime.UtcNow));
        var label = Core.Reporting.ReportPeriod.FinancialYearLabel(year);
        var gaps = await Run("figures-to-enter");
        Assert.Equal(1, gaps.ExitCode);
        Assert.Equal([$"budget: ifss-1 {label}: no budget entered", "population: no age figures for any year", "population: no sex figures for any year",
            "population: no ethnicity figures for any year", "population: no disability figures for any year"], gaps.Out.Trim().Split('\n').Select(l => l.TrimEnd('\r')));

        Assert.Equal(0, (await Run("budgets", "set", "--service", "ifss-1", "--year", label, "--gross", "380000", "--income", "0")).ExitCode);
        var file = Path.Combine(Path.GetTempPath(), $"population-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "characteristic,category,count\nage,0-4,16000\nsex,F,29300\nethnicity,WBRI,46800\ndisability,AUT,900\n");
        Assert.Equal(0, (await Run("population", "import", file, "--year", "2021")).ExitCode);
        File.Delete(file);

        var none = await Run("figures-to-enter");
        Assert.Equal(0, none.ExitCode);
        Assert.Equal("Every budget and population figure the reports need has been entered.", none.Out.Trim());
        Assert.Equal(["service,year,gross_expenditure,income,net,note", $"ifss-1,{label},380000.00,0.00,380000.00,"], (await Run("budgets", "list")).Out.Trim().Split('\n').Select(l => l.TrimEnd('\r')));
        Assert.Contains("2021,disability,AUT,900,", (await Run("population", "list", "--year", "2021")).Out.Trim().Split('\n').Select(l => l.TrimEnd('\r')));
    }
}
