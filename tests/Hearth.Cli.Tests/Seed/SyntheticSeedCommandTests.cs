using Hearth.TestCommon;

namespace Hearth.Cli.Tests.Seed;

public sealed class SyntheticSeedCommandTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Seed_synthetic_prints_a_progress_bar_and_what_it_wrote_and_the_reports_run_on_it()
    {
        var seed = await CliRunner.RunAsync(_db.Settings, "seed", "synthetic", "--families", "40", "--seed", "9", "--until", "2026-11-01");

        Assert.Equal(0, seed.ExitCode);
        Assert.Contains("[##############################] 40/40 families", seed.Error);
        Assert.StartsWith("Synthetic council (seed 9, history to 2026-11-01): 40 families, 1 teams, 8 workers,", seed.Out);
        Assert.Matches(@"\n  Family\s+40\r?\n", seed.Out);

        var funnel = await CliRunner.RunAsync(_db.Settings, "report", "funnel", "--period", "2025-26", "--format", "json");
        Assert.Equal(0, funnel.ExitCode);
        Assert.Contains("Synthetic", funnel.Out);
    }

    [Fact]
    public async Task Seed_synthetic_refuses_a_seed_already_in_the_database()
    {
        Assert.Equal(0, (await CliRunner.RunAsync(_db.Settings, "seed", "synthetic", "--families", "3", "--seed", "4")).ExitCode);

        var again = await CliRunner.RunAsync(_db.Settings, "seed", "synthetic", "--families", "3", "--seed", "4");

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("error: Seed: A synthetic council with seed 4 is already in this database", again.Error);
    }
}
