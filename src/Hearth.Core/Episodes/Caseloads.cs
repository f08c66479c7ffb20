using Hearth.Core.Data;
using Hearth.Core.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Episodes;

/// <summary>
/// A worker's caseload against their capacity. <see cref="OpenCases"/> is every open episode they hold now;
/// <see cref="OpenIntensive"/> is those of them not yet past their programme's last intensive phase, the cases
/// their maximum (<see cref="MaxIntensiveCases"/>) limits. Free places are the maximum less the intensive cases.
/// </summary>
public sealed record WorkerLoad(Guid WorkerId, Guid TeamId, string Name, decimal Fte, int MaxIntensiveCases, int OpenCases, int OpenIntensive,
    IReadOnlyList<string> Specialisms, string? Patch)
{
    public int FreeCapacity => Math.Max(0, MaxIntensiveCases - OpenIntensive);

    /// <summary>Holding more intensive cases than their maximum (only a manager's override allows it).</summary>
    public bool OverCapacity => OpenIntensive > MaxIntensiveCases;
}

/// <summary>
/// The one definition of caseload, used by the home pages, the caseload page, the capacity report, the resource panel
/// and allocation suggestions, so they cannot disagree. A worker holds an episode while an allocation of theirs to it
/// has no end date and the episode is open: an allocation ends, and a closed episode stops counting, on the day itself.
/// </summary>
public static class Caseloads
{
    /// <summary>The allocations that make up caseloads now: not ended, to an open episode.</summary>
    public static IQueryable<Allocation> Held(HearthDbContext db) =>
        db.Set<Allocation>().Where(a => a.To == null && a.Episode!.ClosedOn == null);

    /// <summary>The episodes a worker holds now.</summary>
    public static IQueryable<Guid> EpisodesHeldBy(HearthDbContext db, Guid workerId) =>
        Held(db).Where(a => a.WorkerId == workerId).Select(a => a.EpisodeId);

    /// <summary>Each worker's load, counted by the database in one grouped scan of the held allocations; ordered by name.</summary>
    public static async Task<IReadOnlyList<WorkerLoad>> LoadsAsync(HearthDbContext db, IQueryable<Worker> workers, CancellationToken ct)
    {
        var rows = await workers.AsNoTracking()
            .Select(w => new { w.Id, w.TeamId, w.Name, w.Fte, w.MaxIntensiveCases, w.Specialisms, w.Patch })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var counts = await Held(db).Where(a => ids.Contains(a.WorkerId))
            .Select(a => new { a.WorkerId, a.Episode!.IsIntensive })
            .GroupBy(a => a.WorkerId)
            .Select(g => new { WorkerId = g.Key, Open = g.Count(), Intensive = g.Count(a => a.IsIntensive) })
            .ToDictionaryAsync(x => x.WorkerId, ct);
        return rows.Select(r =>
            {
                var c = counts.GetValueOrDefault(r.Id);
                return new WorkerLoad(r.Id, r.TeamId, r.Name, r.Fte, r.MaxIntensiveCases, c?.Open ?? 0, c?.Intensive ?? 0, r.Specialisms, r.Patch);
            })
            .OrderBy(l => l.Name, StringComparer.Ordinal).ToList();
    }
}
