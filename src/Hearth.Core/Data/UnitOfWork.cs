using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Hearth.Core.Data;

/// <summary>
/// A transaction for several saves that must stand or fall together. Inside a caller's transaction (the demo seeder,
/// a test) it becomes a savepoint, so it can still be rolled back on its own without ending the caller's.
/// </summary>
internal sealed class UnitOfWork : IAsyncDisposable
{
    private const string Savepoint = "hearth_unit_of_work";
    private readonly IDbContextTransaction? _own;
    private readonly IDbContextTransaction? _outer;
    private bool _done;

    private UnitOfWork(IDbContextTransaction? own, IDbContextTransaction? outer)
    {
        _own = own;
        _outer = outer;
    }

    public static async Task<UnitOfWork> BeginAsync(DbContext db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is { } outer)
        {
            await outer.CreateSavepointAsync(Savepoint, ct);
            return new UnitOfWork(null, outer);
        }
        return new UnitOfWork(await db.Database.BeginTransactionAsync(ct), null);
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        _done = true;
        if (_own is not null)
        {
            await _own.CommitAsync(ct);
        }
        else
        {
            await _outer!.ReleaseSavepointAsync(Savepoint, ct);
        }
    }

    public async Task RollbackAsync(CancellationToken ct)
    {
        _done = true;
        if (_own is not null)
        {
            await _own.RollbackAsync(ct);
        }
        else
        {
            await _outer!.RollbackToSavepointAsync(Savepoint, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_own is not null)
        {
            await _own.DisposeAsync();
        }
        else if (!_done)
        {
            await _outer!.RollbackToSavepointAsync(Savepoint);
        }
    }
}
