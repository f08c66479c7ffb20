using Hearth.Core.Data;
using Hearth.TestCommon;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Hearth.Cli.Tests.DataProtection;

public sealed class BackupCommandTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"hearth-backup-{Guid.NewGuid():N}.bak");

    public async Task InitializeAsync() => _db = await TestDatabase.CreateDemoAsync();

    public async Task DisposeAsync()
    {
        File.Delete(_file);
        await _db.DisposeAsync();
    }

    /// <summary>The row count of every table of the model, and the migrations history, by plain SQL.</summary>
    private async Task<Dictionary<string, long>> CountsAsync()
    {
        await using var services = _db.CreateServices();
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
        var tables = db.Model.GetEntityTypes().Select(t => t.GetTableName()!).Append("__EFMigrationsHistory").Distinct().Order().ToList();
        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            // Table names come from the model, not from input.
            var sql = "SELECT count(*) AS \"Value\" FROM \"" + table + "\"";
            counts[table] = await db.Database.SqlQueryRaw<long>(sql).SingleAsync();
        }
        return counts;
    }

    /// <summary>Drops everything: the SQLite file is deleted, the PostgreSQL schema dropped and created empty.</summary>
    private async Task WipeAsync()
    {
        if (_db.Provider == DatabaseProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(_db.ConnectionString).DataSource;
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(file + suffix);
            }
            return;
        }
        await using var conn = new NpgsqlConnection(_db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("DROP SCHEMA public CASCADE; CREATE SCHEMA public;", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task A_backup_restored_into_a_wiped_database_gives_back_every_table_with_the_same_rows()
    {
        var before = await CountsAsync();
        Assert.True(before["families"] > 100 && before["audit_events"] > 1000, "the demo council is there");

        var backup = await CliRunner.RunAsync(_db.Settings, "backup", "--out", _file);
        Assert.Equal((0, ""), (backup.ExitCode, backup.Error));
        Assert.True(new FileInfo(_file).Length > 0);

        // Over the live database a restore is refused, as it would replace the council's records.
        var refused = await CliRunner.RunAsync(_db.Settings, "restore", "--from", _file);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("already holds families or users", refused.Error);

        await WipeAsync();
        var restored = await CliRunner.RunAsync(_db.Settings, "restore", "--from", _file);
        Assert.Equal((0, ""), (restored.ExitCode, restored.Error));
        Assert.Equal(before, await CountsAsync());

        // Forced, it restores over a database holding records; the audit trail's triggers came back with it.
        var forced = await CliRunner.RunAsync(_db.Settings, "restore", "--from", _file, "--force");
        Assert.Equal((0, ""), (forced.ExitCode, forced.Error));
        Assert.Equal(before, await CountsAsync());
        await using var services = _db.CreateServices();
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_events"));
    }

    [Fact]
    public async Task Restoring_a_file_that_does_not_exist_says_so()
    {
        var run = await CliRunner.RunAsync(_db.Settings, "restore", "--from", _file + ".missing");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("does not exist", run.Error);
    }
}
