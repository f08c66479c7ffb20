using System.Data;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Hearth.Core;
using Hearth.Core.Data;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Programmes;
using Hearth.Core.Reporting;
using Hearth.Core.Security;
using Hearth.Synthetic;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Hearth.Bench;

/// <summary>
/// Each report on a synthetic council (tools/Hearth.Synthetic, seed 1, history to 2026-11-01) for the financial year
/// 2025-26, as the council-wide performance officer runs it: the EF-translated report against hand-written SQL
/// computing the same counts (<see cref="HandWrittenReports"/>; the ratio column is EF / SQL). Databases are built
/// once and kept: SQLite files under HEARTH_BENCH_DATA (default /tmp/hearth-bench) and PostgreSQL databases named
/// hearth_bench_N on HEARTH_BENCH_POSTGRES (default the local server on port 54329).
/// Sizes come from HEARTH_BENCH_FAMILIES (default "10000"), e.g. HEARTH_BENCH_FAMILIES=100000; providers from
/// HEARTH_BENCH_PROVIDERS (default "sqlite,postgres").
/// Run: dotnet run -c Release --project bench/Hearth.Bench -- --filter '*ReportBenchmarks*' --inProcess
/// </summary>
[Config(typeof(ReportConfig))]
public class ReportBenchmarks
{
    public const int Seed = 1;
    public static readonly DateOnly Until = new(2026, 11, 1);
    private static readonly ReportPeriod Period = ReportPeriod.FinancialYear(2025);

    /// <summary>A few monitored runs: each one is a whole report over the whole council.</summary>
    private sealed class ReportConfig : ManualConfig
    {
        public ReportConfig() => AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(5)
            .WithToolchain(InProcessEmitToolchain.Instance));
    }

    public static IEnumerable<int> Sizes() =>
        (Environment.GetEnvironmentVariable("HEARTH_BENCH_FAMILIES") ?? "10000").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse);

    public static IEnumerable<string> Providers() =>
        (Environment.GetEnvironmentVariable("HEARTH_BENCH_PROVIDERS") ?? "sqlite,postgres").Split(',', StringSplitOptions.RemoveEmptyEntries);

    public static IEnumerable<string> Reports() =>
        (Environment.GetEnvironmentVariable("HEARTH_BENCH_REPORTS") ?? "funnel,cin-activity,outcomes,capacity,measures,time-use,cost,equality,cohort-star").Split(',', StringSplitOptions.RemoveEmptyEntries);

    [ParamsSource(nameof(Providers))]
    public string Provider { get; set; } = "sqlite";

    [ParamsSource(nameof(Sizes))]
    public int Families { get; set; }

    [ParamsSource(nameof(Reports))]
    public string Report { get; set; } = "funnel";

    private ServiceProvider? _services;
    private IServiceScope? _scope;
    private ReportService _reports = null!;
    private HandWrittenReports _sql = null!;
    private List<(Guid, string, string, string)> _funnelKeys = [];
    private readonly ActorContext _actor = ActorContext.System("benchmark");

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        (_services, _scope) = await OpenAsync(Provider, Families);
        var db = _scope.ServiceProvider.GetRequiredService<HearthDbContext>();
        _reports = _scope.ServiceProvider.GetRequiredService<ReportService>();
        var connection = db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync();
        }
        if (Provider == "postgres")
        {
            // Reports run without JIT compilation (ReportService); the hand-written SQL shares this connection, so it
            // runs without it too and the comparison is of the statements alone.
            await db.Database.ExecuteSqlRawAsync("SET jit = off");
        }
        var teams = await db.Set<Team>().Select(t => t.Id).ToListAsync();
        _sql = new HandWrittenReports(connection, Provider == "postgres", teams, Period);
        var programmes = await db.Set<ProgrammeVersion>().AsNoTracking().ToListAsync();
        _funnelKeys = (await db.Set<Service>().AsNoTracking().Where(s => s.Teams.Any()).ToListAsync()).Select(s =>
        {
            var definition = programmes.Where(p => p.Code == s.ProgrammeCode).OrderByDescending(p => p.Number).First().Definition;
            var work = definition.WorkPhases.Select(p => p.Key).ToList();
            return (s.Id, definition.AssessmentPhase?.Key ?? "", work.ElementAtOrDefault(0) ?? "", work.ElementAtOrDefault(1) ?? "");
        }).ToList();

        // The two must agree before either is timed.
        var ef = Counts(await RunEfAsync());
        var sql = await _sql.RunAsync(Report, _funnelKeys);
        if (!ef.Order().SequenceEqual(sql.Order()))
        {
            throw new InvalidOperationException($"{Report}: EF counts [{string.Join(", ", ef)}] differ from SQL counts [{string.Join(", ", sql)}]");
        }
    }

    /// <summary>Every count cell of the report, table by table.</summary>
    public static List<long> Counts(ReportResult result) =>
        result.Tables.SelectMany(t => t.Rows.SelectMany(r => r.Where((cell, i) => t.Columns[i].Kind == ColumnKind.Count && cell is long).Cast<long>())).ToList();

    private Task<ReportResult> RunEfAsync() => _reports.RunAsync(_actor, Report, new ReportFilter(Period));

    [Benchmark(Description = "EF report")]
    public int Ef() => RunEfAsync().GetAwaiter().GetResult().Tables.Count;

    [Benchmark(Baseline = true, Description = "Hand-written SQL")]
    public int HandWritten() => _sql.RunAsync(Report, _funnelKeys).GetAwaiter().GetResult().Count;

    [GlobalCleanup]
    public void Cleanup()
    {
        _scope?.Dispose();
        _services?.Dispose();
    }

    /// <summary>Opens (creating, migrating and seeding when needed) the benchmark database of a size.</summary>
    public static async Task<(ServiceProvider, IServiceScope)> OpenAsync(string provider, int families, TextWriter? log = null)
    {
        var settings = new Dictionary<string, string?>();
        if (provider == "postgres")
        {
            var server = Environment.GetEnvironmentVariable("HEARTH_BENCH_POSTGRES") ?? "Host=127.0.0.1;Port=54329;Username=postgres";
            var name = $"hearth_bench_{families}";
            await using (var admin = new NpgsqlConnection(server + ";Database=postgres"))
            {
                await admin.OpenAsync();
                await using var exists = new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{name}'", admin);
                if (await exists.ExecuteScalarAsync() is null)
                {
                    await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
                    await create.ExecuteNonQueryAsync();
                }
            }
            settings["Database:Provider"] = "Postgres";
            settings["Database:ConnectionString"] = $"{server};Database={name};Command Timeout=600";
        }
        else
        {
            var folder = Path.Combine(Environment.GetEnvironmentVariable("HEARTH_BENCH_DATA") ?? "/tmp/hearth-bench", $"sqlite-{families}");
            Directory.CreateDirectory(folder);
            settings["Database:Provider"] = "Sqlite";
            settings["Database:DataFolder"] = folder;
        }
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddLogging(b =>
        {
            b.SetMinimumLevel(LogLevel.Warning);
            // HEARTH_BENCH_SQL=1 prints each statement EF sends, with its time, to standard error.
            if (Environment.GetEnvironmentVariable("HEARTH_BENCH_SQL") == "1")
            {
                b.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Information).AddProvider(new StatementLog());
            }
        });
        services.AddHearthCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        var provided = services.BuildServiceProvider();
        var scope = provided.CreateScope();
        await scope.ServiceProvider.GetRequiredService<HearthDatabase>().MigrateAsync();
        var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        if (!await db.Set<Family>().AnyAsync(f => f.Reference.StartsWith($"SYN{Seed}-")))
        {
            log?.WriteLine($"Seeding {families:N0} families into {provider}...");
            var started = System.Diagnostics.Stopwatch.StartNew();
            // These are the benchmark's own databases (hearth_bench_N, HEARTH_BENCH_DATA), so it confirms for itself.
            var summary = await ActivatorUtilities.CreateInstance<SyntheticCouncil>(scope.ServiceProvider)
                .SeedAsync(ActorContext.System("benchmark seed"), families, Seed, iUnderstandThisWritesFakeFamilies: true, Until);
            log?.WriteLine($"Seeded {summary.TotalRows:N0} rows in {started.Elapsed.TotalSeconds:N0} s.");
            // Fresh statistics for both planners, as a routine maintenance job would leave them.
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        }
        return (provided, scope);
    }
}

/// <summary>Writes EF's executed-statement messages to standard error (see HEARTH_BENCH_SQL).</summary>
internal sealed class StatementLog : ILoggerProvider, ILogger
{
    public ILogger CreateLogger(string categoryName) => this;
    public void Dispose() { }
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Console.Error.WriteLine(formatter(state, exception) + Environment.NewLine);
}
