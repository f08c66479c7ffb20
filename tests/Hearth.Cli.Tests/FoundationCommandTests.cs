using System.CommandLine;
using Hearth.Core.Data;
using Hearth.Core.Security;
using Hearth.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Cli.Tests;

public sealed class FoundationCommandTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(migrate: false);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Task<CliRunner.Result> Run(params string[] args) => CliRunner.RunAsync(_db.Settings, args);

    [Fact]
    public async Task Migrate_then_users_create_then_seed_demo_then_tokens_create()
    {
        var migrate = await Run("migrate");
        Assert.Equal(0, migrate.ExitCode);
        Assert.Matches(@"^Applied \d+ migration\(s\): \d+_Baseline", migrate.Out);
        Assert.Contains("up to date", (await Run("migrate")).Out);

        var seed = await Run("seed", "demo", "--password", "demo-password-123");
        Assert.Equal(0, seed.ExitCode);
        Assert.Contains("admin@demo.hearth.example", seed.Out);
        Assert.Contains("already there", (await Run("seed", "demo")).Out);

        var create = await Run("users", "create", "--name", "Rhys Evans", "--email", "rhys@council.example", "--role", "manager", "--team", "ifss-3-team", "--password", "long-enough-password");
        Assert.Equal(0, create.ExitCode);
        Assert.Equal("Created Manager rhys@council.example.", create.Out.Trim());

        var token = await Run("tokens", "create", "--user", "rhys@council.example", "--name", "front door");
        Assert.Equal(0, token.ExitCode);
        Assert.StartsWith("hearth_", token.Out.Trim());

        await using var services = _db.CreateServices();
        using var scope = services.CreateScope();
        Assert.Equal(scope.ServiceProvider.GetRequiredService<HearthDbContext>().Users.Single(u => u.Email == "rhys@council.example").Id,
            await scope.ServiceProvider.GetRequiredService<TokenService>().FindUserAsync(token.Out.Trim()));
    }

    [Fact]
    public async Task Duplicate_emails_and_weak_passwords_are_refused_in_one_line_each_and_change_nothing()
    {
        await Run("migrate");
        await Run("users", "create", "--name", "A", "--email", "a@council.example", "--role", "Admin", "--password", "long-enough-password");

        var duplicate = await Run("users", "create", "--name", "B", "--email", "A@council.example", "--role", "Admin", "--password", "long-enough-password");
        Assert.Equal(1, duplicate.ExitCode);
        Assert.Equal("error: Email: A user with email A@council.example already exists", duplicate.Error.Trim());

        var weak = await Run("users", "create", "--name", "C", "--email", "c@council.example", "--role", "Admin", "--password", "short");
        Assert.Equal(1, weak.ExitCode);
        Assert.Equal("error: Password: Passwords must be at least 12 characters.", weak.Error.Trim());

        await using var services = _db.CreateServices();
        using var scope = services.CreateScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<HearthDbContext>().Users.CountAsync());
    }

    [Fact]
    public async Task Migrate_brings_the_shipped_programmes_so_a_new_councils_first_service_can_name_one()
    {
        await Run("migrate");

        var created = await Run("services", "create", "--code", "fs-north", "--name", "Family Support North", "--programme", "ifss");
        Assert.Equal(0, created.ExitCode);
        await using var services = _db.CreateServices();
        using var scope = services.CreateScope();
        var codes = await scope.ServiceProvider.GetRequiredService<HearthDbContext>().Set<Hearth.Core.Programmes.ProgrammeVersion>().Select(p => p.Code).OrderBy(c => c).ToListAsync();
        Assert.Equal(["cin-pod", "ifit", "ifss", "troubled-families"], codes);
        Assert.Contains("up to date", (await Run("migrate")).Out);
    }

    [Fact]
    public async Task Commands_refuse_to_run_on_an_unmigrated_database()
    {
        var result = await Run("seed", "demo");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Run `./hearth migrate` first", result.Error);
    }

    [Theory]
    [InlineData("Oracle", "Data Source=x", "error: Database:Provider \"Oracle\" is not known. Use \"Sqlite\" or \"Postgres\".")]
    [InlineData("Postgres", "Host=localhost;Nonsense Key=1", "error: Database:ConnectionString is malformed")]
    [InlineData("Postgres", "Host=127.0.0.1;Port=1;Timeout=2", "error: Cannot reach the PostgreSQL database")]
    public async Task Bad_database_settings_give_one_line_and_exit_2(string provider, string connectionString, string expected)
    {
        var result = await CliRunner.RunAsync(new Dictionary<string, string?> { ["Database:Provider"] = provider, ["Database:ConnectionString"] = connectionString }, "migrate");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(expected, result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Every_command_has_help()
    {
        var root = HearthCli.Build(new CliEnvironment(TextWriter.Null, TextWriter.Null));
        var paths = new List<string[]>();
        void Walk(Command command, string[] path)
        {
            paths.Add(path);
            foreach (var sub in command.Subcommands)
            {
                Walk(sub, [.. path, sub.Name]);
            }
        }
        Walk(root, []);
        Assert.Contains(paths, p => p.SequenceEqual(new[] { "users", "create" }));
        foreach (var path in paths)
        {
            var result = await CliRunner.RunAsync(null, [.. path, "--help"]);
            Assert.True(result.ExitCode == 0, $"{string.Join(' ', path)} --help exited {result.ExitCode}");
            Assert.Contains("Usage:", result.Out);
            Assert.Contains("Description:", result.Out);
        }
    }
}
