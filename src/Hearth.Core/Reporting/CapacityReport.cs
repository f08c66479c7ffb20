using System.Linq.Expressions;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Hearth.Core.Referrals;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Reporting;

/// <summary>
/// Caseloads against capacity, the waiting list over time, waits and time to allocation, and throughput per FTE
/// (the Welsh evaluation's allocation by capacity and waiting lists). Medians and 90th percentiles use the
/// nearest-rank method: the value at position ceil(p x n) of the sorted waits, read from the database's count of waits
/// by length in days.
/// </summary>
public sealed class CapacityReport : ReportDefinition
{
    public override string Name => "capacity";
    public override string Title => "Capacity and demand";
    public override string Description => "Open episodes per worker against capacity; waiting list length and waits; days from referral to allocation; episodes accepted per FTE.";
    public override string Source => "Welsh Government IFSS evaluation (2014), sections 3-4";
    public override ReportChart Chart => new("waiting", "month", ["waiting"]);

    public const string NotByWorker = "Not available for one worker: families wait before they are allocated, so the waiting list is no one worker's.";

    public override async Task<IReadOnlyList<ReportTable>> QueryAsync(ReportScope scope, ReportFilter filter, CancellationToken ct)
    {
        var db = scope.Db;
        var teams = scope.TeamIds;
        var (from, to) = (filter.Period.From, filter.Period.To);

        var workerQuery = scope.OfWorker(db.Set<Worker>().AsNoTracking().Where(w => teams.Contains(w.TeamId) && w.IsActive));
        var workers = await workerQuery
            .OrderBy(w => w.Team!.Name).ThenBy(w => w.Name)
            .Select(w => new { w.Id, w.Name, Team = w.Team!.Name, w.Fte, w.MaxIntensiveCases })
            .ToListAsync(ct);
        // Caseloads now come from the one definition the home pages, the resource panel and allocation use.
        var now = (await Caseloads.LoadsAsync(db, workerQuery, ct)).ToDictionary(l => l.WorkerId);
        // The caseload at the period's end, from one grouped scan of the allocations that could be current then. An
        // allocation is no longer current on the day it ends, as an episode is not open on the day it closes: on a
        // handover day only the new worker holds the case.
        var atEnd = await db.Set<Allocation>().AsNoTracking()
            .Where(a => a.To == null || a.To > to)
            .Join(db.Set<Episode>(), a => a.EpisodeId, e => e.Id, (a, e) => new { a.WorkerId, a.From, a.To, e.OpenedOn, e.ClosedOn })
            .FiguresByAsync(x => x.WorkerId, ct,
                rows => rows.LongCount(x => x.From <= to && x.OpenedOn <= to && (x.ClosedOn == null || x.ClosedOn > to)));
        var workerRows = workers.Select(w =>
        {
            var load = now[w.Id];
            return (IReadOnlyList<object?>)[w.Name, w.Team, (double)w.Fte, (long)w.MaxIntensiveCases, (atEnd.GetValueOrDefault(w.Id) ?? new long[1])[0], (long)load.OpenIntensive, (long)load.FreeCapacity];
        }).ToList();

        var waiting = db.Set<WaitingListEntry>().AsNoTracking().Where(e => teams.Contains(e.TeamId));
        // Month ends still to come have no waiting list yet: the list stops at today rather than show today's as theirs.
        var today = db.Today();
        var until = to <= today ? to : today < from ? from : today;
        var monthEnds = new List<DateOnly>();
        for (var monthEnd = new DateOnly(from.Year, from.Month, 1).AddMonths(1).AddDays(-1); monthEnd <= until.AddMonths(1); monthEnd = new DateOnly(monthEnd.Year, monthEnd.Month, 1).AddMonths(2).AddDays(-1))
        {
            var at = monthEnd > until ? until : monthEnd;
            if (at < from)
            {
                continue;
            }
            monthEnds.Add(at);
            if (at == until)
            {
                break;
            }
        }
        // Every month end's count from one scan of the entries that could be waiting at any of them.
        var lastEnd = monthEnds.Max();
        var firstEnd = monthEnds.Min();
        var waitingAt = scope.ByWorker ? new long[monthEnds.Count] : await waiting.Where(e => e.Since <= lastEnd && (e.RemovedOn == null || e.RemovedOn > firstEnd))
            .FiguresAsync(ct, monthEnds.Select(at => (Expression<Func<IEnumerable<WaitingListEntry>, long>>)(rows => rows.LongCount(e => e.Since <= at && (e.RemovedOn == null || e.RemovedOn > at)))).ToArray());
        // Families wait before anyone is allocated to them, so the waiting list is no one worker's: n/a, not 0.
        var monthRows = monthEnds.Select((at, i) => (IReadOnlyList<object?>)[at.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")), scope.ByWorker ? null : waitingAt[i]]).ToList();

        var waits = waiting.Where(e => e.RemovedOn != null && e.RemovedOn >= from && e.RemovedOn <= to).Select(e => e.RemovedOn!.Value.DayNumber - e.Since.DayNumber);
        // Joined and grouped by referral (referrals without an allocation drop out of the join).
        var firstAllocation = scope.OfWorker(db.Set<Referral>().AsNoTracking()
            .Where(r => teams.Contains(r.TeamId) && r.ReceivedOn >= from && r.ReceivedOn <= to), filter.Period)
            .Join(db.Set<Allocation>(), r => r.EpisodeId, a => a.EpisodeId, (r, a) => new { r.Id, r.ReceivedOn, a.From })
            .GroupBy(x => new { x.Id, x.ReceivedOn })
            .Select(g => g.Min(x => x.From.DayNumber) - g.Key.ReceivedOn.DayNumber);
        var waitStats = scope.ByWorker ? new Stats(0, null, null) : await StatsAsync(waits, ct);
        var allocationStats = await StatsAsync(firstAllocation, ct);

        long accepted = await scope.OfWorker(db.Set<Episode>().AsNoTracking().Where(e => teams.Contains(e.TeamId) && e.OpenedOn >= from && e.OpenedOn <= to), filter.Period).LongCountAsync(ct);
        var fte = await scope.OfWorker(db.Set<Worker>().AsNoTracking().Where(w => teams.Contains(w.TeamId) && w.IsActive && w.MaxIntensiveCases > 0)).SumAsync(w => (double?)w.Fte, ct) ?? 0;

        return
        [
            new ReportTable("workers", "Caseloads against capacity",
                [new("worker", "Worker", ColumnKind.Text), new("team", "Team", ColumnKind.Text), new("fte", "FTE", ColumnKind.Number, 1), new("max", "Maximum intensive cases", ColumnKind.Count),
                 new("open", "Open episodes at end of period", ColumnKind.Count), new("intensive", "Intensive episodes now", ColumnKind.Count), new("free", "Free intensive places now", ColumnKind.Count)],
                workerRows),
            new ReportTable("waiting", "Families on the waiting list at each month end",
                [new("month", "At", ColumnKind.Text), new("waiting", "Waiting", ColumnKind.Count)], monthRows, scope.ByWorker ? NotByWorker : null),
            new ReportTable("waits", "Waiting times in days",
                [new("measure", "Measure", ColumnKind.Text), new("count", "Families", ColumnKind.Count), new("median", "Median days", ColumnKind.Count), new("p90", "90th percentile days", ColumnKind.Count)],
                [
                    scope.ByWorker ? ["Left the waiting list in the period", null, null, null] : ["Left the waiting list in the period", waitStats.Count, waitStats.Median, waitStats.P90],
                    ["Referral to first allocation", allocationStats.Count, allocationStats.Median, allocationStats.P90],
                ], scope.ByWorker ? NotByWorker + " Referral to first allocation counts the referrals of the worker's episodes in the period." : null),
            new ReportTable("throughput", "Throughput",
                [new("measure", "Measure", ColumnKind.Text), new("value", "Value", ColumnKind.Number, 1)],
                [
                    ["Episodes opened", (double)accepted],
                    ["Case-holding FTE", Math.Round(fte, 1, MidpointRounding.AwayFromZero)],
                    ["Episodes opened per FTE", fte == 0 ? null : Math.Round(accepted / fte, 1, MidpointRounding.AwayFromZero)],
                ]),
        ];
    }

    private sealed record Stats(long Count, long? Median, long? P90);

    /// <summary>
    /// The database counts how many waits took each number of days (a few hundred rows at most); the nearest ranks
    /// are read off those counts, so one query gives the count, median and 90th percentile.
    /// </summary>
    private static async Task<Stats> StatsAsync(IQueryable<int> days, CancellationToken ct)
    {
        var counts = await days.GroupBy(d => d).Select(g => new { Days = g.Key, Count = g.LongCount() }).ToListAsync(ct);
        var n = counts.Sum(c => c.Count);
        if (n == 0)
        {
            return new Stats(0, null, null);
        }
        var sorted = counts.OrderBy(c => c.Days).ToList();
        long Rank(double p)
        {
            var rank = (long)Math.Ceiling(p * n);
            var seen = 0L;
            foreach (var c in sorted)
            {
                seen += c.Count;
                if (seen >= rank)
                {
                    return c.Days;
                }
            }
            return sorted[^1].Days;
        }
        return new Stats(n, Rank(0.5), Rank(0.9));
    }
}
