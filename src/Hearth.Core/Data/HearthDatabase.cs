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
        await FillPersonSearchKeysAsync(ct);
        return pending;
    }

    /// <summary>
    /// Computes the search columns of people saved before they existed (the PersonSearch migration adds them empty: SQL
    /// cannot compute the phonetic key the same way on both databases). Derived columns only, so no audit event and no
    /// new version: nothing in the record changes. Returns how many people were filled.
    /// </summary>
    public async Task<int> FillPersonSearchKeysAsync(CancellationToken ct = default)
    {
        var filled = 0;
        while (true)
        {
            var batch = await db.Set<People.Person>().AsNoTracking().Where(p => p.FamilyNameKey == null)
                .OrderBy(p => p.Id).Select(p => new { p.Id, p.GivenName, p.FamilyName }).Take(1000).ToListAsync(ct);
            if (batch.Count == 0)
            {
                return filled;
            }
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var row in batch)
            {
                var keys = new People.Person { GivenName = row.GivenName, FamilyName = row.FamilyName };
                People.PersonSearchKeys.Fill(keys);
                await db.Set<People.Person>().Where(p => p.Id == row.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(p => p.SearchGivenName, keys.SearchGivenName)
                    .SetProperty(p => p.SearchFamilyName, keys.SearchFamilyName)
                    .SetProperty(p => p.GivenNameKey, keys.GivenNameKey)
                    .SetProperty(p => p.FamilyNameKey, keys.FamilyNameKey), ct);
            }
            await tx.CommitAsync(ct);
            filled += batch.Count;
        }
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
