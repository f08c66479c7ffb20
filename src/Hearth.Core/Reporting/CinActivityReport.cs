using System.Linq.Expressions;
using Hearth.Core.Episodes;
using Hearth.Core.Referrals;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Reporting;

/// <summary>
/// Stockton's Children in Need review (2018, section 3): referrals per quarter against the same quarter a year
/// earlier; closures by how long the case was open; closures with unmet need stepped down to early help.
/// A case is open from its referral date to its closure date. Its length in whole months is
/// (closure year x 12 + closure month) - (referral year x 12 + referral month), less one when the closure's day of the
/// month is before the referral's: so a referral on 15 January closed on 14 April is 2 months ("under 3"), and closed
/// on 15 April is 3 months ("3 to under 6"): <see cref="CalendarMonths.Between"/>, computed by the database from the
/// dates' parts, the same on SQLite and PostgreSQL.
/// </summary>
public sealed class CinActivityReport : ReportDefinition
{
    public override string Name => "cin-activity";
    public override string Title => "Referrals and closures";
    public override string Description => "Referrals per quarter with year-on-year change; closures by duration band; closures with unmet need stepped down to early help.";
    public override string Source => "Stockton-on-Tees CIN reporting review (2018), section 3";
    /// <summary>The label of the quarters table's total row and of the closures table's, which the dashboard reads.</summary>
    public const string WholePeriod = "Whole period", AllClosures = "All closures";

    public override ReportChart Chart => new("quarters", "quarter", ["referrals", "referrals_before"]);

    private sealed record Band(string Label, int FromMonths, int? ToMonths);

    private static readonly Band[] Bands = [new("Under 3 months", 0, 3), new("3 to under 6 months", 3, 6), new("6 to under 9 months", 6, 9), new("9 months and over", 9, null)];

    public override async Task<IReadOnlyList<ReportTable>> QueryAsync(ReportScope scope, ReportFilter filter, CancellationToken ct)
    {
        var db = scope.Db;
        var teams = scope.TeamIds;
        var referrals = db.Set<Referral>().AsNoTracking().Where(r => teams.Contains(r.TeamId));

        // Every quarter and its year-earlier twin (or, without whole quarters, the period and its twin) counted in one scan.
        var quarters = filter.Period.Quarters();
        var ranges = (quarters.Count == 0 ? [filter.Period] : quarters.Select(q => q.Period)).SelectMany(p => new[] { p, p.YearEarlier() }).ToList();
        var earliest = ranges.Min(r => r.From);
        var latest = ranges.Max(r => r.To);
        var inRange = referrals.Where(r => r.ReceivedOn >= earliest && r.ReceivedOn <= latest);
        long[] counts;
        if (!scope.ByWorker)
        {
            counts = await inRange.FiguresAsync(ct, ranges.Select(p => (Expression<Func<IEnumerable<Referral>, long>>)(rows => rows.LongCount(r => r.ReceivedOn >= p.From && r.ReceivedOn <= p.To))).ToArray());
        }
        else
        {
            // A referral counts in this period's quarters when its episode was the worker's in the period, and in the
            // year-earlier quarters when it was theirs a year earlier (ranges alternate: a quarter, then its twin).
            var mine = scope.WorkerEpisodeIds(filter.Period);
            var mineBefore = scope.WorkerEpisodeIds(filter.Period.YearEarlier());
            counts = await inRange
                .Select(r => new WorkerReferral { ReceivedOn = r.ReceivedOn, Now = mine.Any(id => id == r.EpisodeId), Before = mineBefore.Any(id => id == r.EpisodeId) })
                .Where(r => r.Now || r.Before)
                .FiguresAsync(ct, ranges.Select((p, i) => i % 2 == 0
                    ? (Expression<Func<IEnumerable<WorkerReferral>, long>>)(rows => rows.LongCount(r => r.Now && r.ReceivedOn >= p.From && r.ReceivedOn <= p.To))
                    : rows => rows.LongCount(r => r.Before && r.ReceivedOn >= p.From && r.ReceivedOn <= p.To)).ToArray());
        }
        var quarterRows = quarters.Select((q, i) => (IReadOnlyList<object?>)[q.Label, counts[2 * i], counts[2 * i + 1], ReportMath.PercentChange(counts[2 * i + 1], counts[2 * i])]).ToList();
        long totalNow = counts.Where((_, i) => i % 2 == 0).Sum(), totalBefore = counts.Where((_, i) => i % 2 == 1).Sum();
        quarterRows.Add([WholePeriod, totalNow, totalBefore, ReportMath.PercentChange(totalBefore, totalNow)]);

        var closures = await ClosuresAsync(scope, filter.Period, ct);
        var bandTable = Bands.Select((b, i) => (IReadOnlyList<object?>)[b.Label, closures.Now.Bands[i], ReportMath.Percent(closures.Now.Bands[i], closures.Now.Total),
            closures.Before.Bands[i], ReportMath.PercentChange(closures.Before.Bands[i], closures.Now.Bands[i])]).ToList();
        bandTable.Add([AllClosures, closures.Now.Total, ReportMath.Percent(closures.Now.Total, closures.Now.Total), closures.Before.Total, ReportMath.PercentChange(closures.Before.Total, closures.Now.Total)]);
        var (unmet, unmetBefore) = (closures.Now.Unmet, closures.Before.Unmet);

        return
        [
            new ReportTable("quarters", "Referrals per quarter, against the same quarter a year earlier",
                [new("quarter", "Quarter", ColumnKind.Text), new("referrals", "Referrals", ColumnKind.Count), new("referrals_before", "A year earlier", ColumnKind.Count), new("change_pct", "Change %", ColumnKind.Percent)],
                quarterRows),
            new ReportTable("closures", "Closures by how long the case was open",
                [new("band", "Open for", ColumnKind.Text), new("closures", "Closures", ColumnKind.Count), new("share_pct", "Share of closures %", ColumnKind.Percent), new("closures_before", "A year earlier", ColumnKind.Count), new("change_pct", "Change %", ColumnKind.Percent)],
                bandTable),
            new ReportTable("unmet", "Closures with unmet need stepped down to early help",
                [new("measure", "Measure", ColumnKind.Text), new("closures", "Closures", ColumnKind.Count), new("share_pct", "Share of closures %", ColumnKind.Percent), new("closures_before", "A year earlier", ColumnKind.Count), new("change_pct", "Change %", ColumnKind.Percent)],
                [["Unmet need, stepped down to early help", unmet, ReportMath.Percent(unmet, closures.Now.Total), unmetBefore, ReportMath.PercentChange(unmetBefore, unmet)]]),
        ];
    }

    private sealed record Closures(long[] Bands, long Total, long Unmet);

    /// <summary>The period's closures and the year-earlier period's, by band, in one grouped query over both years.</summary>
    private static async Task<(Closures Now, Closures Before)> ClosuresAsync(ReportScope scope, ReportPeriod period, CancellationToken ct)
    {
        var (db, teams) = (scope.Db, scope.TeamIds);
        var earlier = period.YearEarlier();
        var closed = db.Set<Episode>().AsNoTracking()
            .Where(e => teams.Contains(e.TeamId) && e.ClosedOn != null && e.ClosedOn >= earlier.From && e.ClosedOn <= period.To)
            .Join(db.Set<Referral>(), e => e.Id, r => r.EpisodeId, (e, r) => new { e, r })
            // The referral that opened the episode (a reopened episode keeps its first referral's date).
            .Where(x => !db.Set<Referral>().Any(o => o.EpisodeId == x.e.Id && o.ReceivedOn < x.r.ReceivedOn))
            .Select(x => new
            {
                Now = x.e.ClosedOn >= period.From,
                Before = x.e.ClosedOn <= earlier.To,
                x.e.Id,
                Months = CalendarMonths.Between(x.r.ReceivedOn, x.e.ClosedOn!.Value),
                Unmet = x.e.UnmetNeed && x.e.ClosureReason == ClosureReason.SteppedDownEarlyHelp,
            });
        if (scope.ByWorker)
        {
            // Each year's closures of the episodes that were the worker's in that year's period.
            var mine = scope.WorkerEpisodeIds(period);
            var mineBefore = scope.WorkerEpisodeIds(earlier);
            closed = closed.Select(x => new { Now = x.Now && mine.Any(id => id == x.Id), Before = x.Before && mineBefore.Any(id => id == x.Id), x.Id, x.Months, x.Unmet })
                .Where(x => x.Now || x.Before);
        }
        var figures = new List<Expression<Func<IEnumerable<ClosureRow>, long>>>();
        foreach (var now in new[] { true, false })
        {
            figures.AddRange(Bands.Select(b => b.ToMonths is { } upper
                ? (Expression<Func<IEnumerable<ClosureRow>, long>>)(rows => rows.LongCount(c => (now ? c.Now : c.Before) && c.Months >= b.FromMonths && c.Months < upper))
                : rows => rows.LongCount(c => (now ? c.Now : c.Before) && c.Months >= b.FromMonths)));
            figures.Add(rows => rows.LongCount(c => now ? c.Now : c.Before));
            figures.Add(rows => rows.LongCount(c => (now ? c.Now : c.Before) && c.Unmet));
        }
        var counts = await closed.Select(x => new ClosureRow { Now = x.Now, Before = x.Before, Months = x.Months, Unmet = x.Unmet }).FiguresAsync(ct, figures.ToArray());
        Closures At(int offset) => new(counts[offset..(offset + Bands.Length)], counts[offset + Bands.Length], counts[offset + Bands.Length + 1]);
        return (At(0), At(Bands.Length + 2));
    }

    private sealed class WorkerReferral
    {
        public DateOnly ReceivedOn { get; init; }
        public bool Now { get; init; }
        public bool Before { get; init; }
    }

    private sealed class ClosureRow
    {
        public bool Now { get; init; }
        public bool Before { get; init; }
        public int Months { get; init; }
        public bool Unmet { get; init; }
    }
}
