using Hearth.Core;
using Hearth.Core.Data;
using Hearth.Core.Demo;
using Hearth.Core.Programmes;
using Hearth.Core.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hearth.TestCommon;

/// <summary>
/// A real database for one test class: a temporary SQLite file by default, or a fresh database
/// on the PostgreSQL server named by HEARTH_TEST_POSTGRES when HEARTH_TEST_DATABASE=postgres (as .ci/run does).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _sqliteFile;
    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? sqliteFile, string? postgresAdmin, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqliteFile = sqliteFile;
        _postgresAdmin = postgresAdmin;
        _postgresName = postgresName;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    /// <summary>Settings that point Hearth (web, CLI or Core) at this database.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = Provider.ToString(),
        ["Database:ConnectionString"] = ConnectionString,
    };

    public static DatabaseProvider ProviderUnderTest =>
        string.Equals(Environment.GetEnvironmentVariable("HEARTH_TEST_DATABASE"), "postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    /// <summary>
    /// Creates a database; <paramref name="migrate"/> gives it Hearth's migrations. A migrated database is copied from
    /// a template migrated once per test process (a file copy on SQLite, CREATE DATABASE ... TEMPLATE on PostgreSQL),
    /// so each test class gets the same real schema without paying for the migrations again.
    /// </summary>
    public static async Task<TestDatabase> CreateAsync(bool migrate = true) =>
        migrate ? await CopyOfAsync(await Templates.GetAsync("migrated", MigrateAsync)) : await CreateEmptyAsync();

    /// <summary>
    /// A migrated database holding the demo council as <c>hearth seed demo</c> would write it on the UK date of
    /// <paramref name="clock"/>, every demo user's password <paramref name="password"/>. Seeding is the slow part of
    /// most web and CLI fixtures, so it runs once per process for each date and password and is then copied.
    /// </summary>
    public static async Task<TestDatabase> CreateDemoAsync(string password, TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        var today = UkTime.TodayInUk(clock);
        var key = $"demo-{today:yyyyMMdd}-{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(password)))[..12]}";
        return await CopyOfAsync(await Templates.GetAsync(key, async db =>
        {
            await MigrateAsync(db);
            await using var services = db.CreateServices(clock);
            using var scope = services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<ProgrammeService>().EnsureShippedAsync(ActorContext.System("first start"));
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(password);
        }));
    }

    private static async Task MigrateAsync(TestDatabase db)
    {
        await using var services = db.CreateServices();
        using var scope = services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<HearthDatabase>().MigrateAsync();
    }

    private static async Task<TestDatabase> CreateEmptyAsync()
    {
        if (ProviderUnderTest == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"hearth-test-{Guid.NewGuid():N}.db");
            return new TestDatabase(DatabaseProvider.Sqlite, SqliteConnectionString(file), file, null, null);
        }
        var name = $"hearth_test_{Guid.NewGuid():N}";
        await PostgresAdminAsync($"CREATE DATABASE \"{name}\"");
        return PostgresDatabase(name);
    }

    private static async Task<TestDatabase> CopyOfAsync(TestDatabase template)
    {
        if (template.Provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"hearth-test-{Guid.NewGuid():N}.db");
            File.Copy(template._sqliteFile!, file);
            return new TestDatabase(DatabaseProvider.Sqlite, SqliteConnectionString(file), file, null, null);
        }
        var name = $"hearth_test_{Guid.NewGuid():N}";
        await PostgresAdminAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template._postgresName}\"");
        return PostgresDatabase(name);
    }

    private static string SqliteConnectionString(string file) => $"Data Source={file};Foreign Keys=True;Pooling=False";

    private static string PostgresAdmin => Environment.GetEnvironmentVariable("HEARTH_TEST_POSTGRES")
        ?? throw new InvalidOperationException("HEARTH_TEST_DATABASE=postgres needs HEARTH_TEST_POSTGRES, a connection string to a server where the tests may create databases.");

    private static TestDatabase PostgresDatabase(string name) =>
        new(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = name, Pooling = false }.ToString(), null, PostgresAdmin, name);

    private static async Task PostgresAdminAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(PostgresAdmin);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// The process's template databases, each built once on first use and dropped when the process ends. A template
    /// is never handed to a test: tests get copies, so nothing one class writes reaches another.
    /// </summary>
    private static class Templates
    {
        private static readonly Dictionary<string, Lazy<Task<TestDatabase>>> Built = [];

        static Templates() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            lock (Built)
            {
                foreach (var template in Built.Values.Where(t => t.IsValueCreated && t.Value.IsCompletedSuccessfully))
                {
                    template.Value.Result.DisposeAsync().AsTask().GetAwaiter().GetResult();
                }
            }
        };

        public static Task<TestDatabase> GetAsync(string key, Func<TestDatabase, Task> build)
        {
            lock (Built)
            {
                if (!Built.TryGetValue(key, out var template))
                {
                    template = new Lazy<Task<TestDatabase>>(async () =>
                    {
                        var db = await CreateEmptyAsync();
                        await build(db);
                        if (db.Provider == DatabaseProvider.Sqlite)
                        {
                            // Fold the write-ahead log into the file, so copying the one file copies everything.
                            await using var conn = new Microsoft.Data.Sqlite.SqliteConnection(db.ConnectionString);
                            await conn.OpenAsync();
                            await using var cmd = conn.CreateCommand();
                            cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                            await cmd.ExecuteNonQueryAsync();
                        }
                        return db;
                    });
                    Built[key] = template;
                }
                return template.Value;
            }
        }
    }

    /// <summary>Hearth's Core services on this database, with the given clock.</summary>
    public ServiceProvider CreateServices(TimeProvider? time = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddLogging();
        services.AddHearthCore(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFile is not null)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(_sqliteFile + suffix);
            }
        }
        if (_postgresAdmin is not null)
        {
            await using var conn = new NpgsqlConnection(_postgresAdmin);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
