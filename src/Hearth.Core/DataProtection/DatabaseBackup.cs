using System.Diagnostics;
using Hearth.Core.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Hearth.Core.DataProtection;

/// <summary>Backup or restore could not run: a tool is missing, the file is unreadable, or the target already holds records.</summary>
public sealed class BackupException(string message) : Exception(message);

/// <summary>
/// Backs up and restores the whole database, for the council's recovery plan (docs/getting-started.md). SQLite uses its
/// online backup API, so a copy taken while Hearth runs is consistent; PostgreSQL uses pg_dump's custom format and
/// pg_restore --clean. A restore replaces everything, so it refuses a database that already holds families or users unless
/// forced. Run by an operator from the command line, outside the audit trail: the restored database brings its own trail.
/// </summary>
public sealed class DatabaseBackup(DatabaseConnection connection)
{
    /// <summary>Where pg_dump and pg_restore are looked for after PATH (Debian's PostgreSQL packages).</summary>
    public static readonly string[] PostgresBinFolders = ["/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin"];

    public async Task BackupAsync(string file, CancellationToken ct = default)
    {
        var full = Path.GetFullPath(file);
        if (connection.Provider == DatabaseProvider.Sqlite)
        {
            File.Delete(full);
            await using var source = new SqliteConnection(connection.ConnectionString);
            await source.OpenAsync(ct);
            await using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ToString());
            await target.OpenAsync(ct);
            source.BackupDatabase(target);
            return;
        }
        await RunAsync("pg_dump", ["--format=custom", "--no-owner", "--file", full], ct);
    }

    public async Task RestoreAsync(string file, bool force, CancellationToken ct = default)
    {
        var full = Path.GetFullPath(file);
        if (!File.Exists(full))
        {
            throw new BackupException($"{file} does not exist.");
        }
        if (!force && await HoldsRecordsAsync(ct))
        {
            throw new BackupException("The database already holds families or users: a restore would replace them. Give --force to restore over them.");
        }
        if (connection.Provider == DatabaseProvider.Sqlite)
        {
            await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await source.OpenAsync(ct);
            try
            {
                await using var check = source.CreateCommand();
                check.CommandText = "SELECT count(*) FROM sqlite_master";
                await check.ExecuteScalarAsync(ct);
            }
            catch (SqliteException e)
            {
                throw new BackupException($"{file} is not a SQLite backup: {e.Message}");
            }
            await using var target = new SqliteConnection(connection.ConnectionString);
            await target.OpenAsync(ct);
            source.BackupDatabase(target);
            return;
        }
        await RunAsync("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error", full], ct);
    }

    /// <summary>Whether the database has families or users (an empty or unmigrated database has neither).</summary>
    public async Task<bool> HoldsRecordsAsync(CancellationToken ct = default)
    {
        System.Data.Common.DbConnection db = connection.Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(connection.ConnectionString)
            : new NpgsqlConnection(connection.ConnectionString);
        await using (db)
        {
            await db.OpenAsync(ct);
            foreach (var table in new[] { "families", "users" })
            {
                await using var exists = db.CreateCommand();
                exists.CommandText = connection.Provider == DatabaseProvider.Sqlite
                    ? $"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'"
                    : $"SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '{table}'";
                if (Convert.ToInt64(await exists.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) == 0)
                {
                    continue;
                }
                await using var any = db.CreateCommand();
                any.CommandText = $"SELECT count(*) FROM (SELECT 1 FROM \"{table}\" LIMIT 1) x";
                if (Convert.ToInt64(await any.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) > 0)
                {
                    return true;
                }
            }
            return false;
        }
    }

    /// <summary>Runs a PostgreSQL tool against the configured database; the password goes in PGPASSWORD, never on the command line.</summary>
    private async Task RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var path = FindTool(tool) ?? throw new BackupException(
            $"{tool} was not found on PATH or in {string.Join(", ", PostgresBinFolders)}. Install the PostgreSQL client tools (Debian: postgresql-client-15).");
        var settings = new NpgsqlConnectionStringBuilder(connection.ConnectionString);
        var start = new ProcessStartInfo(path) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.ArgumentList.Add("--dbname");
        start.ArgumentList.Add(settings.Database ?? "postgres");
        start.Environment["PGHOST"] = settings.Host;
        start.Environment["PGPORT"] = settings.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (settings.Username is { } user)
        {
            start.Environment["PGUSER"] = user;
        }
        if (settings.Password is { } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }
        using var process = Process.Start(start) ?? throw new BackupException($"{tool} could not be started.");
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new BackupException($"{tool} failed (exit {process.ExitCode}): {(await error).Trim().Split('\n')[0]}");
        }
    }

    private static string? FindTool(string tool)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return onPath.Concat(PostgresBinFolders).Select(folder => Path.Combine(folder, tool)).FirstOrDefault(File.Exists);
    }
}
