using Hearth.Core.People;
using Hearth.Synthetic;
using Hearth.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Cli.Tests.Synthetic;

/// <summary>tools/Hearth.Synthetic run in-process, as `dotnet run --project tools/Hearth.Synthetic -- ...` runs it.</summary>
public sealed class SyntheticCommandTests : IAsyncLifetime
{
    private const string Confirm = "--i-understand-this-writes-fake-families";
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<CliRunner.Result> Synthetic(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await SyntheticTool.RunAsync(args, output, error, _db.Settings);
        return new CliRunner.Result(code, output.ToString(), error.ToString());
    }

    private async Task<int> FamiliesAsync()
    {
        await using var services = _db.CreateServices();
        using var scope = services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<Hearth.Core.Data.HearthDbContext>().Set<Family>().CountAsync();
    }

    [Fact]
    public async Task It_prints_a_progress_bar_and_what_it_wrote_and_the_reports_run_on_it()
    {
        var seed = await Synthetic("--families", "40", "--seed", "9", "--until", "2026-11-01", Confirm);

        Assert.Equal(0, seed.ExitCode);
        Assert.Contains("[##############################] 40/40 families", seed.Error);
        Assert.StartsWith("Synthetic council (seed 9, history to 2026-11-01): 40 families, 1 teams, 8 workers,", seed.Out);
        Assert.Matches(@"\n  Family\s+40\r?\n", seed.Out);

        var funnel = await CliRunner.RunAsync(_db.Settings, "report", "funnel", "--period", "2025-26", "--format", "json");
        Assert.Equal(0, funnel.ExitCode);
        Assert.Contains("Synthetic", funnel.Out);
    }

    [Fact]
    public async Task It_refuses_a_seed_already_in_the_database()
    {
        Assert.Equal(0, (await Synthetic("--families", "3", "--seed", "4", Confirm)).ExitCode);

        var again = await Synthetic("--families", "3", "--seed", "4", Confirm);

        Assert.Equal(CliEnvironment.Failed, again.ExitCode);
        Assert.Contains("error: Seed: A synthetic council with seed 4 is already in this database", again.Error);
    }

    [Fact]
    public async Task Without_the_confirmation_flag_it_refuses_even_an_empty_database()
    {
        var refused = await Synthetic("--families", "3", "--seed", "4");

        Assert.Equal(CliEnvironment.Failed, refused.ExitCode);
        Assert.Contains($"error: Confirm: This writes fake families into the configured database; pass {Confirm}", refused.Error);
        Assert.Equal("", refused.Out);
        Assert.Equal(0, await FamiliesAsync());
    }

    [Fact]
    public async Task With_the_confirmation_flag_it_still_refuses_a_database_holding_a_councils_own_service()
    {
        Assert.Equal(0, (await CliRunner.RunAsync(_db.Settings, "services", "create", "--code", "ifss-1", "--name", "IFSS Site 1")).ExitCode);

        var refused = await Synthetic("--families", "3", "--seed", "4", Confirm);

        Assert.Equal(CliEnvironment.Failed, refused.ExitCode);
        Assert.Contains("error: Database: This database holds services or families that are not synthetic", refused.Error);
        Assert.Equal(0, await FamiliesAsync());
    }

    [Fact]
    public async Task The_product_cli_no_longer_seeds_a_synthetic_council()
    {
        var result = await CliRunner.RunAsync(_db.Settings, "seed", "synthetic", "--families", "3");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(0, await FamiliesAsync());
    }
}
