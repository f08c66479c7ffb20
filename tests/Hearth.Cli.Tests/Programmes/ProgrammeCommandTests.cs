using System.Text.Json.Nodes;
using Hearth.Core.Auditing;
using Hearth.Core.Data;
using Hearth.Core.Programmes;
using Hearth.Core.Security;
using Hearth.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Cli.Tests.Programmes;

public sealed class ProgrammeCommandTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private string _folder = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _folder = Directory.CreateTempSubdirectory("hearth-programmes-").FullName;
        await using var services = _db.CreateServices(TimeProvider.System);
        using var scope = services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ProgrammeService>().EnsureShippedAsync(ActorContext.System("test"));
    }

    public async Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        await _db.DisposeAsync();
    }

    private async Task<IReadOnlyList<ProgrammeVersion>> HistoryAsync(string code)
    {
        await using var services = _db.CreateServices(TimeProvider.System);
        using var scope = services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ProgrammeService>().HistoryAsync(code);
    }

    [Fact]
    public async Task A_council_exports_a_programme_edits_the_file_previews_it_with_dry_run_and_publishes_it()
    {
        var file = Path.Combine(_folder, "ifss.json");
        var export = await CliRunner.RunAsync(_db.Settings, "programmes", "export", "ifss", "--out", file);
        Assert.Equal(0, export.ExitCode);
        Assert.Equal($"Wrote ifss version 1 (in effect from 2000-01-01) to {file}.", export.Out.Trim());

        var document = JsonNode.Parse(File.ReadAllText(file))!;
        Assert.Equal("ifss", (string?)document["code"]);
        document["definition"]!["phases"]![2]!["expectedMaxDays"] = 56;
        document["definition"]!["maxBoosterSessions"] = 4;
        File.WriteAllText(file, document.ToJsonString());

        var dry = await CliRunner.RunAsync(_db.Settings, "programmes", "publish", "ifss", "--file", file, "--effective", "2027-04-01", "--dry-run");
        Assert.Equal(0, dry.ExitCode);
        Assert.Equal(
            [
                "ifss version 2, from 2027-04-01: 2 change(s) from version 1.",
                "  Programme: changed Integrated Family Support Service: Maximum booster sessions: 3 → 4",
                "  Phases: changed Phase 1 (intensive): Expected length: 28 to 42 days → 28 to 56 days",
                "Dry run: nothing was published.",
            ],
            dry.Out.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')));
        Assert.Single(await HistoryAsync("ifss"));

        var published = await CliRunner.RunAsync(_db.Settings, "programmes", "publish", "ifss", "--file", file, "--effective", "2027-04-01");
        Assert.Equal(0, published.ExitCode);
        Assert.EndsWith("Published ifss version 2, in effect from 2027-04-01.", published.Out.Trim());
        var history = await HistoryAsync("ifss");
        Assert.Equal([(1, new DateOnly(2000, 1, 1)), (2, new DateOnly(2027, 4, 1))], history.Select(v => (v.Number, v.EffectiveFrom)));
        Assert.Equal(56, history[1].Definition.Phase("phase1")!.ExpectedMaxDays);
        Assert.Equal(42, history[0].Definition.Phase("phase1")!.ExpectedMaxDays);
        await using (var services = _db.CreateServices(TimeProvider.System))
        {
            using var scope = services.CreateScope();
            Assert.True(await scope.ServiceProvider.GetRequiredService<HearthDbContext>().AuditEvents
                .AnyAsync(e => e.EntityType == nameof(ProgrammeVersion) && e.Action == AuditAction.Created && e.EntityId == history[1].Id.ToString() && e.ActorName.StartsWith("system: cli")));
        }

        var listed = await CliRunner.RunAsync(_db.Settings, "programmes", "list");
        Assert.Contains("ifss\tIntegrated Family Support Service\tversion 1 in effect; latest version 2 from 2027-04-01", listed.Out);
        var second = await CliRunner.RunAsync(_db.Settings, "programmes", "export", "ifss", "--version", "1");
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(1, (int)JsonNode.Parse(second.Out)!["number"]!);
    }

    [Fact]
    public async Task A_bad_file_or_date_prints_one_line_per_field_exits_1_and_publishes_nothing()
    {
        var file = Path.Combine(_folder, "bad.json");
        File.WriteAllText(file, """{ "name": "", "definition": { "phases": [], "maxBoosterSessions": -1 } }""");
        var bad = await CliRunner.RunAsync(_db.Settings, "programmes", "publish", "ifit", "--file", file, "--effective", "1999-01-01");
        Assert.Equal(1, bad.ExitCode);
        Assert.Equal(
            [
                "error: Name: Enter the programme name",
                "error: Definition: A programme needs at least one phase",
                "error: Definition: Maximum booster sessions cannot be negative",
                "error: EffectiveFrom: A new version must take effect on or after 1 January 2000, when version 1 did",
            ],
            bad.Error.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')));
        var badDate = await CliRunner.RunAsync(_db.Settings, "programmes", "publish", "ifit", "--file", file, "--effective", "1/4/2027");
        Assert.Equal((1, "error: EffectiveFrom: \"1/4/2027\" is not a date in the form 2027-04-01"), (badDate.ExitCode, badDate.Error.Trim()));
        var unknown = await CliRunner.RunAsync(_db.Settings, "programmes", "export", "nope");
        Assert.Equal((1, "error: Code: there is no programme 'nope'"), (unknown.ExitCode, unknown.Error.Trim()));
        Assert.Single(await HistoryAsync("ifit"));
    }
}
