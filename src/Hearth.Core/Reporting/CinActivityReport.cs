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
    public override ReportChart Chart => new("quarters", "quarter", ["referrals", "referrals_before"]);

    private sealed record Band(string Label, int FromMonths, int? ToMonths);

    private static readonly Band[] Bands = [new("Under 3 months", 0, 3), new("3 to under 6 months", 3, 6), new("6 to under 9 months", 6, 9), new("9 months and over", 9, null)];

    public override async Task<IReadOnlyList<ReportTable>> QueryAsync(ReportScope scope, ReportFilter filter, CancellationToken ct)
    {
        var db = scope.Db;
        var teams = scope.TeamIds;
        var referrals = db.Set<Referral>().AsNoTracking().Where(r => teams.Contains(r.TeamId));

        var quarterRows = new List<IReadOnlyList<object?>>();
        long totalNow = 0, totalBefore = 0;
        foreach (var (label, quarter) in filter.Period.Quarters())
        {
            var before = quarter.YearEarlier();
            long now = await referrals.LongCountAsync(r => r.ReceivedOn >= quarter.From && r.ReceivedOn <= quarter.To, ct);
            long then = await referrals.LongCountAsync(r => r.ReceivedOn >= before.From && r.ReceivedOn <= before.To, ct);
            totalNow += now;
            totalBefore += then;
            quarterRows.Add([label, now, then, ReportMath.PercentChange(then, now)]);
        }
        if (quarterRows.Count == 0)
        {
            var earlier = filter.Period.YearEarlier();
            totalNow = await referrals.LongCountAsync(r => r.ReceivedOn >= filter.Period.From && r.ReceivedOn <= filter.Period.To, ct);
            totalBefore = await referrals.LongCountAsync(r => r.ReceivedOn >= earlier.From && r.ReceivedOn <= earlier.To, ct);
        }
        quarterRows.Add(["Whole period", totalNow, totalBefore, ReportMath.PercentChange(totalBefore, totalNow)]);

        var (bandRows, closures, unmet) = await ClosuresAsync(db, teams, filter.Period, ct);
        var (bandRowsBefore, closuresBefore, unmetBefore) = await ClosuresAsync(db, teams, filter.Period.YearEarlier(), ct);
        var bandTable = bandRows.Select((b, i) => (IReadOnlyList<object?>)[b.Label, b.Count, ReportMath.Percent(b.Count, closures), bandRowsBefore[i].Count, ReportMath.PercentChange(bandRowsBefore[i].Count, b.Count)]).ToList();
        bandTable.Add(["All closures", closures, ReportMath.Percent(closures, closures), closuresBefore, ReportMath.PercentChange(closuresBefore, closures)]);

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
                [["Unmet need, stepped down to early help", unmet, ReportMath.Percent(unmet, closures), unmetBefore, ReportMath.PercentChange(unmetBefore, unmet)]]),
        ];
    }

    private static async Task<(List<(string Label, long Count)> Bands, long Closures, long Unmet)> ClosuresAsync(Data.HearthDbContext db, IReadOnlyList<Guid> teams, ReportPeriod period, CancellationToken ct)
    {
        var closed = db.Set<Episode>().AsNoTracking()
            .Where(e => teams.Contains(e.TeamId) && e.ClosedOn != null && e.ClosedOn >= period.From && e.ClosedOn <= period.To)
            .Join(db.Set<Referral>(), e => e.Id, r => r.EpisodeId, (e, r) => new { e, r })
            // The referral that opened the episode (a reopened episode keeps its first referral's date).
            .Where(x => !db.Set<Referral>().Any(o => o.EpisodeId == x.e.Id && o.ReceivedOn < x.r.ReceivedOn))
            .Select(x => new
            {
                Months = CalendarMonths.Between(x.r.ReceivedOn, x.e.ClosedOn!.Value),
                x.e.UnmetNeed,
                x.e.ClosureReason,
            });
        var bands = new List<(string, long)>();
        foreach (var band in Bands)
        {
            bands.Add((band.Label, band.ToMonths is { } upper
                ? await closed.LongCountAsync(c => c.Months >= band.FromMonths && c.Months < upper, ct)
                : await closed.LongCountAsync(c => c.Months >= band.FromMonths, ct)));
        }
        var total = await closed.LongCountAsync(ct);
        var unmet = await closed.LongCountAsync(c => c.UnmetNeed && c.ClosureReason == ClosureReason.SteppedDownEarlyHelp, ct);
        return (bands, total, unmet);
    }
}
