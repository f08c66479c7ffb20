using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Hearth.Core.Data;

/// <summary>Turns <see cref="DatabaseOptions"/> into a configured DbContext. The one place that knows both providers.</summary>
public static class DatabaseSetup
{
    public const string SqliteMigrationsAssembly = "Hearth.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Hearth.Migrations.Postgres";

    public static DatabaseProvider ParseProvider(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => DatabaseProvider.Sqlite,
        "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
        _ => throw new DatabaseConfigurationException(
            $"Database:Provider \"{name}\" is not known. Use \"Sqlite\" or \"Postgres\"."),
    };

    /// <summary>Validates the settings and returns the provider and a usable connection string.</summary>
    public static (DatabaseProvider Provider, string ConnectionString) Resolve(DatabaseOptions options)
    {
        var provider = ParseProvider(options.Provider);
        var connectionString = options.ConnectionString;
        if (provider == DatabaseProvider.Sqlite)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                var folder = Path.GetFullPath(options.DataFolder);
                Directory.CreateDirectory(folder);
                connectionString = new SqliteConnectionStringBuilder
                {
                    DataSource = Path.Combine(folder, "hearth.db"),
                    ForeignKeys = true,
                    Pooling = true,
                }.ToString();
            }
            Validate(connectionString, s => new SqliteConnectionStringBuilder(s));
        }
        else
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new DatabaseConfigurationException(
                    "Database:ConnectionString is required when Database:Provider is Postgres.");
            }
            Validate(connectionString, s => new NpgsqlConnectionStringBuilder(s));
        }
        return (provider, connectionString);
    }

    private static void Validate(string connectionString, Func<string, DbConnectionStringBuilder> parse)
    {
        try
        {
            parse(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new DatabaseConfigurationException(
                $"Database:ConnectionString is malformed: {e.Message}", e);
        }
    }

    public static void Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            builder.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly));
        }
        else
        {
            builder.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly));
        }
        // Parameter values can hold personal data: they are never logged (EF's default, stated here on purpose).
        builder.EnableSensitiveDataLogging(false);
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        // Reports' calendar-month arithmetic, written once and inlined into each query (see CalendarMonths).
        builder.AddInterceptors(Reporting.CalendarMonthsInterceptor.Instance);
    }

    public static DbContextOptions<HearthDbContext> BuildOptions(DatabaseOptions options)
    {
        var (provider, connectionString) = Resolve(options);
        var builder = new DbContextOptionsBuilder<HearthDbContext>();
        Configure(builder, provider, connectionString);
        return builder.Options;
    }
}
