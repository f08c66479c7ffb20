using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Hearth.Core.Data;

/// <summary>Migrating and checking the database, with operator-readable messages when it cannot be reached.</summary>
public sealed class HearthDatabase(HearthDbContext db)
{
    public async Task<IReadOnlyList<string>> PendingMigrationsAsync(CancellationToken ct = default) =>
        await Guard(async () => (await db.Database.GetPendingMigrationsAsync(ct)).ToList());

    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default)
    {
        var pending = await PendingMigrationsAsync(ct);
        if (pending.Count > 0)
        {
            await Guard(async () =>
            {
                await db.Database.MigrateAsync(ct);
                return 0;
            });
        }
        return pending;
    }

    public async Task<bool> CanConnectAsync(CancellationToken ct = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(ct);
        }
        catch (Exception e) when (e is DbException or SocketException or InvalidOperationException or TimeoutException)
        {
            return false;
        }
    }

    private async Task<T> Guard<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (e is NpgsqlException or SqliteException or SocketException or TimeoutException)
        {
            var what = db.Database.IsNpgsql() ? "the PostgreSQL database" : "the SQLite database";
            throw new DatabaseConfigurationException($"Cannot reach {what}: {FirstLine(e)}", e);
        }
    }

    private static string FirstLine(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null && inner.Message.Contains("exception", StringComparison.OrdinalIgnoreCase))
        {
            inner = inner.InnerException;
        }
        return inner.Message.Split('\n')[0].Trim();
    }
}
