using Hearth.Core;
using Hearth.Core.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hearth.TestCommon;

/// <summary>
/// A real, empty, migrated database for one test class: a temporary SQLite file by default, or a fresh database
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

    /// <summary>Creates an empty database; <paramref name="migrate"/> applies Hearth's migrations to it.</summary>
    public static async Task<TestDatabase> CreateAsync(bool migrate = true)
    {
        TestDatabase db;
        if (ProviderUnderTest == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"hearth-test-{Guid.NewGuid():N}.db");
            db = new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={file};Foreign Keys=True;Pooling=False", file, null, null);
        }
        else
        {
            var admin = Environment.GetEnvironmentVariable("HEARTH_TEST_POSTGRES")
                ?? throw new InvalidOperationException("HEARTH_TEST_DATABASE=postgres needs HEARTH_TEST_POSTGRES, a connection string to a server where the tests may create databases.");
            var name = $"hearth_test_{Guid.NewGuid():N}";
            await using (var conn = new NpgsqlConnection(admin))
            {
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
                await cmd.ExecuteNonQueryAsync();
            }
            var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ToString();
            db = new TestDatabase(DatabaseProvider.Postgres, cs, null, admin, name);
        }
        if (migrate)
        {
            await using var services = db.CreateServices();
            using var scope = services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<HearthDatabase>().MigrateAsync();
        }
        return db;
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
