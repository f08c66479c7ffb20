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
    private string? _templateFile;

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
    /// The day fixtures stand on unless they choose another: 2 November 2026, 10am. One day for all of them means one
    /// demo template per database for the whole run, and figures that do not move with the day CI happens to run.
    /// </summary>
    public static FixedTimeProvider DemoClock() => new(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero));

    /// <summary>Every demo user's password in a database from <see cref="CreateDemoAsync"/>.</summary>
    public const string DemoPassword = "correct-horse-battery";

    /// <summary>
    /// A migrated database holding the demo council as <c>hearth seed demo --password</c> <see cref="DemoPassword"/>
    /// would write it on the UK date of <paramref name="clock"/>. Seeding is the slow part of most web and CLI
    /// fixtures, so each date's demo is seeded once (see <see cref="Templates"/>) and then copied; tests that need a
    /// fixed date share 2 November 2026 so that they share its template too.
    /// </summary>
    public static async Task<TestDatabase> CreateDemoAsync(TimeProvider? clock = null)
    {
        clock ??= DemoClock();
        var today = UkTime.TodayInUk(clock);
        return await CopyOfAsync(await Templates.GetAsync($"demo-{today:yyyyMMdd}", async db =>
        {
            await MigrateAsync(db);
            await using var services = db.CreateServices(clock);
            using var scope = services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<ProgrammeService>().EnsureShippedAsync(ActorContext.System("first start"));
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(DemoPassword);
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
            var file = Path.Combine(SqliteFolder, $"hearth-test-{Guid.NewGuid():N}.db");
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
            var file = Path.Combine(SqliteFolder, $"hearth-test-{Guid.NewGuid():N}.db");
            File.Copy(template._templateFile!, file);
            return new TestDatabase(DatabaseProvider.Sqlite, SqliteConnectionString(file), file, null, null);
        }
        var name = $"hearth_test_{Guid.NewGuid():N}";
        await PostgresAdminAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template._postgresName}\"");
        return PostgresDatabase(name);
    }

    // The SQLite files live in RAM-backed /dev/shm where the machine has it: the same SQLite on real files, but a commit
    // does not wait for the disk to flush. On the CI machine's disk that wait was half the Core suite's time. PostgreSQL
    // gets the same by running with synchronous_commit off (.ci/postgres.sh).
    private static readonly string SqliteFolder = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();

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
    /// Template databases, each built once and then only copied. dotnet test runs the test projects as separate
    /// processes at the same time, and most of them want the same demo council, so a template is shared between
    /// processes: the first to need it builds it under a lock that the others wait on, and it is named for the build of
    /// Hearth that made it, so a changed Core, migration or test helper never reuses an old one. A template is never
    /// handed to a test; tests get copies, so nothing one class writes reaches another. Templates stay for the next run:
    /// in /dev/shm (gone at reboot) for SQLite, on the throwaway server for PostgreSQL; those over a day old are dropped.
    /// </summary>
    private static class Templates
    {
        private static readonly Dictionary<string, Lazy<Task<TestDatabase>>> Built = [];

        // The build of everything a template's contents depend on: Core (the model and the demo seeder), the
        // migrations and these helpers. Deterministic builds give the same identity to the same code.
        private static readonly string BuildStamp = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(string.Join(",", new[] { typeof(HearthDbContext).Assembly, System.Reflection.Assembly.Load("Hearth.Migrations.Sqlite"), System.Reflection.Assembly.Load("Hearth.Migrations.Postgres"), typeof(TestDatabase).Assembly }
                .Select(a => a.ManifestModule.ModuleVersionId)))))[..12].ToLowerInvariant();

        public static Task<TestDatabase> GetAsync(string key, Func<TestDatabase, Task> build)
        {
            lock (Built)
            {
                if (!Built.TryGetValue(key, out var template))
                {
                    var name = $"hearth_template_{DateTime.UtcNow:yyyyMMdd}_{BuildStamp}_{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..8].ToLowerInvariant()}";
                    template = new Lazy<Task<TestDatabase>>(() => ProviderUnderTest == DatabaseProvider.Sqlite ? SqliteAsync(name, build) : PostgresAsync(name, build));
                    Built[key] = template;
                }
                return template.Value;
            }
        }

        private static async Task<TestDatabase> SqliteAsync(string name, Func<TestDatabase, Task> build)
        {
            var folder = Directory.CreateDirectory(Path.Combine(SqliteFolder, "hearth-test-templates")).FullName;
            var file = Path.Combine(folder, name + ".db");
            await using (await LockFileAsync(file + ".lock"))
            {
                if (!File.Exists(file))
                {
                    foreach (var old in Directory.EnumerateFiles(folder).Where(f => File.GetLastWriteTimeUtc(f) < DateTime.UtcNow.AddDays(-1)))
                    {
                        File.Delete(old);
                    }
                    await using var db = await CreateEmptyAsync();
                    await build(db);
                    // Fold the write-ahead log into the file, so copying the one file copies everything.
                    await using (var conn = new Microsoft.Data.Sqlite.SqliteConnection(db.ConnectionString))
                    {
                        await conn.OpenAsync();
                        await using var cmd = conn.CreateCommand();
                        cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                        await cmd.ExecuteNonQueryAsync();
                    }
                    File.Copy(db._sqliteFile!, file);
                }
            }
            // Not given the file to delete: the template outlives this process.
            return new TestDatabase(DatabaseProvider.Sqlite, SqliteConnectionString(file), null, null, null) { _templateFile = file };
        }

        // Another process holding the lock file open exclusively (an flock on Linux) makes the open fail: wait and retry.
        private static async Task<FileStream> LockFileAsync(string path)
        {
            while (true)
            {
                try
                {
                    return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                }
                catch (IOException)
                {
                    await Task.Delay(200);
                }
            }
        }

        private static async Task<TestDatabase> PostgresAsync(string name, Func<TestDatabase, Task> build)
        {
            // A session-level advisory lock, held on this connection while the template is looked for or built.
            await using var admin = new NpgsqlConnection(PostgresAdmin);
            await admin.OpenAsync();
            // No timeout: another process may take minutes to seed the template on a busy machine.
            await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(hashtext(@name))", admin) { CommandTimeout = 0 })
            {
                take.Parameters.AddWithValue("name", name);
                await take.ExecuteNonQueryAsync();
            }
            await using (var find = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", admin))
            {
                find.Parameters.AddWithValue("name", name);
                if ((long)(await find.ExecuteScalarAsync())! == 0)
                {
                    var old = new List<string>();
                    await using (var list = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE 'hearth_template_%' AND datname < @cutoff", admin))
                    {
                        list.Parameters.AddWithValue("cutoff", $"hearth_template_{DateTime.UtcNow.AddDays(-1):yyyyMMdd}");
                        await using var reader = await list.ExecuteReaderAsync();
                        while (await reader.ReadAsync())
                        {
                            old.Add(reader.GetString(0));
                        }
                    }
                    foreach (var stale in old)
                    {
                        await PostgresAdminAsync($"DROP DATABASE IF EXISTS \"{stale}\" WITH (FORCE)");
                    }
                    var db = await CreateEmptyAsync();
                    await build(db);
                    // Renamed only once complete, so a crash half-way never leaves a template that looks finished.
                    await PostgresAdminAsync($"ALTER DATABASE \"{db._postgresName}\" RENAME TO \"{name}\"");
                }
            }
            await using (var release = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtext(@name))", admin))
            {
                release.Parameters.AddWithValue("name", name);
                await release.ExecuteNonQueryAsync();
            }
            return new TestDatabase(DatabaseProvider.Postgres, new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = name, Pooling = false }.ToString(), null, null, name);
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
