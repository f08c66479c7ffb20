using Hearth.Core.Episodes;
using Hearth.Core.Measures;
using Hearth.Core.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Reporting;

/// <summary>
/// Outcome measures (the Welsh evaluation's Table 6-1 and Figure 6-3): forms viable and discounted per instrument and
/// service; each person's baseline against their latest form with paired statistics and reliable change; the mean
/// GAS T-score at each review, from the goal ratings recorded there; the SDQ subscales on the same pairs. A person's pair is their first viable form and their last viable form, when the last
/// was completed in the period and after the first. The database finds each pair's two scores; the tests on the pairs
/// (<see cref="PairedStatistics"/>) and reliable change (<see cref="ReliableChange"/>) run on those few numbers.
/// </summary>
public sealed class MeasuresReport : ReportDefinition
{
    public override string Name => "measures";
    public override string Title => "Outcome measures";
    public override string Description => "Forms viable and discounted; baseline against latest with paired statistics and reliable change; GAS T-score by review.";
    public override string Source => "Welsh Government IFSS evaluation (2014), Table 6-1 and Figure 6-3";
    public override ReportChart Chart => new("change", "instrument", ["before", "after"]);

    public override async Task<IReadOnlyList<ReportTable>> QueryAsync(ReportScope scope, ReportFilter filter, CancellationToken ct)
    {
        var db = scope.Db;
        var teams = scope.TeamIds;
        var (from, to) = (filter.Period.From, filter.Period.To);
        var forms = scope.OfWorker(db.Set<MeasureAdministration>().AsNoTracking().Where(a => teams.Contains(a.TeamId)), filter.Period);

        var counts = await forms.Where(a => a.CompletedOn >= from && a.CompletedOn <= to)
            .Join(db.Set<Episode>(), a => a.EpisodeId, e => e.Id, (a, e) => new { a.InstrumentId, e.ServiceId, a.IsViable })
            .Join(db.Set<Service>(), x => x.ServiceId, s => s.Id, (x, s) => new { x.InstrumentId, Service = s.Name, x.IsViable })
            .GroupBy(x => new { x.InstrumentId, x.Service })
            .Select(g => new { g.Key.InstrumentId, g.Key.Service, Forms = g.LongCount(), Viable = g.LongCount(x => x.IsViable) })
            .OrderBy(g => g.InstrumentId).ThenBy(g => g.Service)
            .ToListAsync(ct);
        var formRows = counts.Select(c => (IReadOnlyList<object?>)[InstrumentCatalog.Find(c.InstrumentId)?.Name ?? c.InstrumentId, c.Service, c.Forms, c.Viable, c.Forms - c.Viable, ReportMath.Percent(c.Viable, c.Forms)]).ToList();

        var viable = forms.Where(a => a.IsViable && a.PrimaryScore != null && a.CompletedOn <= to);
        var spans = Spans(viable, from);
        // One join of each span to its first and last forms, grouped by person: no per-pair subqueries.
        var pairs = await (
                from s in spans
                join a in viable on new { s.PersonId, s.InstrumentId } equals new { a.PersonId, a.InstrumentId }
                where a.CompletedOn == s.First || a.CompletedOn == s.Last
                group new { First = a.CompletedOn == s.First, Last = a.CompletedOn == s.Last, a.PrimaryScore } by new { s.PersonId, s.InstrumentId } into g
                select new
                {
                    g.Key.InstrumentId,
                    Before = g.Where(x => x.First).Min(x => x.PrimaryScore),
                    After = g.Where(x => x.Last).Max(x => x.PrimaryScore),
                })
            .ToListAsync(ct);
        var changeRows = new List<IReadOnlyList<object?>>();
        foreach (var group in pairs.Where(p => p.Before is not null && p.After is not null).GroupBy(p => p.InstrumentId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var instrument = InstrumentCatalog.Find(group.Key);
            if (instrument is null)
            {
                continue;
            }
            var primary = MeasureChangeQuery.PrimaryOf(instrument);
            var list = group.Select(p => (Before: p.Before!.Value, After: p.After!.Value)).ToList();
            var stats = PairedStatistics.Compute(list.Select(p => ((double)p.Before, (double)p.After)).ToList());
            var verdicts = list.Select(p => ReliableChange.Assess(p.Before, p.After, primary.Direction, primary.Norms, primary.Meaningful).Reliable).ToList();
            var available = verdicts.Any(v => v != ChangeVerdict.NotAvailable);
            changeRows.Add([
                instrument.Name, (long)stats.N, Round(stats.BeforeMean), Round(stats.AfterMean), Round(stats.MeanDifference), Round(stats.CiLower), Round(stats.CiUpper),
                Round(stats.TTestP, 4), Round(stats.WilcoxonP, 4), Round(stats.EffectSize),
                available ? ReportMath.Percent(verdicts.LongCount(v => v == ChangeVerdict.Improved), verdicts.Count) : null,
                available ? ReportMath.Percent(verdicts.LongCount(v => v == ChangeVerdict.Deteriorated), verdicts.Count) : null,
            ]);
        }

        var subscaleRows = await SubscalesAsync(db, viable, from, "sdq-", ct);

        // GAS is the goal ratings recorded at reviews held in the period, one administration per review. The database
        // numbers each review within its episode and totals its ratings; reviews with the same number of goals and the
        // same sum of levels have the same unweighted T-score, so it returns how many of each there are, and the
        // means are computed from those few rows.
        var reviews = db.Set<Casework.Review>().AsNoTracking();
        var rated = await reviews.Where(r => teams.Contains(r.TeamId) && r.HeldOn >= from && r.HeldOn <= to && r.Ratings.Any())
            .Select(r => new { Number = reviews.Count(o => o.EpisodeId == r.EpisodeId && o.DueOn < r.DueOn) + 1, Goals = r.Ratings.Count, Sum = r.Ratings.Sum(x => x.Level) })
            .GroupBy(r => new { r.Number, r.Goals, r.Sum })
            .Select(g => new { g.Key.Number, g.Key.Goals, g.Key.Sum, Reviews = g.LongCount() })
            .ToListAsync(ct);
        var gasRows = rated.GroupBy(g => g.Number).OrderBy(g => g.Key).Select(g =>
        {
            var count = g.Sum(x => x.Reviews);
            var mean = g.Sum(x => x.Reviews * GoalAttainmentScaling.UnweightedTScore(x.Goals, x.Sum)) / count;
            return (IReadOnlyList<object?>)[MeasureLabels.TimePoint(TimePoint.Review, g.Key), count, Round(mean)];
        }).ToList();

        return
        [
            new ReportTable("forms", "Forms completed in the period", [new("instrument", "Instrument", ColumnKind.Text), new("service", "Service", ColumnKind.Text),
                new("forms", "Forms", ColumnKind.Count), new("viable", "Viable", ColumnKind.Count), new("discounted", "Discounted", ColumnKind.Count), new("viable_pct", "Viable %", ColumnKind.Percent)], formRows),
            new ReportTable("change", "Baseline against latest", [new("instrument", "Instrument", ColumnKind.Text), new("pairs", "People", ColumnKind.Count),
                new("before", "Baseline mean", ColumnKind.Number), new("after", "Latest mean", ColumnKind.Number), new("difference", "Mean change", ColumnKind.Number),
                new("ci_lower", "95% CI lower", ColumnKind.Number), new("ci_upper", "95% CI upper", ColumnKind.Number), new("t_p", "Paired t-test p", ColumnKind.PValue),
                new("wilcoxon_p", "Wilcoxon p", ColumnKind.PValue), new("effect", "Effect size (Cohen’s dz)", ColumnKind.Number),
                new("improved_pct", "Reliable improvement %", ColumnKind.Percent), new("deteriorated_pct", "Reliable deterioration %", ColumnKind.Percent)], changeRows,
                "Reliable change is n/a where the instrument has no published reliability and standard deviation."),
            new ReportTable("sdq-subscales", "SDQ subscales: baseline against latest", [new("instrument", "Instrument", ColumnKind.Text), new("subscale", "Subscale", ColumnKind.Text),
                new("pairs", "People", ColumnKind.Count), new("before", "Baseline mean", ColumnKind.Number), new("after", "Latest mean", ColumnKind.Number), new("difference", "Mean change", ColumnKind.Number),
                new("ci_lower", "95% CI lower", ColumnKind.Number), new("ci_upper", "95% CI upper", ColumnKind.Number), new("t_p", "Paired t-test p", ColumnKind.PValue),
                new("wilcoxon_p", "Wilcoxon p", ColumnKind.PValue)], subscaleRows,
                "The same pairs of forms as above, each subscale scored on both. Prosocial is a strength: higher is better; on the others lower is better."),
            new ReportTable("gas", "Goal Attainment Scaling: mean T-score by review", [new("point", "Review", ColumnKind.Text), new("reviews", "Reviews rated", ColumnKind.Count), new("mean", "Mean T-score", ColumnKind.Number)], gasRows,
                "From the goal ratings recorded at reviews held in the period: each review's goals scored together (Kiresuk-Sherman, equal weights, rho 0.3). Reviews are numbered in date order within their episode."),
        ];
    }

    /// <summary>
    /// Each scale of the instruments whose id starts with <paramref name="prefix"/>, on the same pairs of forms as the
    /// primary score: the baseline reading from the person's first viable form and the latest from their last. The
    /// database returns one row per person, instrument and scale with its two readings; the statistics run on those.
    /// </summary>
    internal static async Task<List<(string Instrument, string Scale, List<(double Before, double After)> Pairs)>> ScalePairsAsync(
        Data.HearthDbContext db, IQueryable<MeasureAdministration> viable, DateOnly periodFrom, string prefix, CancellationToken ct)
    {
        // The instruments' forms are picked before the spans are grouped, so no other instrument's forms are grouped or joined.
        var forms = viable.Where(a => a.InstrumentId.StartsWith(prefix));
        var readings = await (
                from s in Spans(forms, periodFrom)
                join a in forms on new { s.PersonId, s.InstrumentId } equals new { a.PersonId, a.InstrumentId }
                where a.CompletedOn == s.First || a.CompletedOn == s.Last
                join score in db.Set<MeasureScore>() on a.Id equals score.AdministrationId
                where score.Value != null
                group new { First = a.CompletedOn == s.First, score.Value } by new { s.PersonId, s.InstrumentId, score.Key } into g
                select new
                {
                    g.Key.InstrumentId,
                    g.Key.Key,
                    Before = g.Where(x => x.First).Min(x => x.Value),
                    After = g.Where(x => !x.First).Max(x => x.Value),
                })
            .ToListAsync(ct);
        var result = new List<(string, string, List<(double, double)>)>();
        foreach (var instrument in readings.Select(r => r.InstrumentId).Distinct().Order(StringComparer.Ordinal))
        {
            if (InstrumentCatalog.Find(instrument) is not ItemInstrument items)
            {
                continue;
            }
            foreach (var scale in items.Definition.Scales)
            {
                var pairs = readings.Where(r => r.InstrumentId == instrument && r.Key == scale.Key && r.Before is not null && r.After is not null)
                    .Select(r => ((double)r.Before!.Value, (double)r.After!.Value)).ToList();
                if (pairs.Count > 0)
                {
                    result.Add((items.Name, scale.Name, pairs));
                }
            }
        }
        return result;
    }

    private static async Task<List<IReadOnlyList<object?>>> SubscalesAsync(Data.HearthDbContext db, IQueryable<MeasureAdministration> viable, DateOnly from, string prefix, CancellationToken ct) =>
        (await ScalePairsAsync(db, viable, from, prefix, ct)).Select(x =>
        {
            var stats = PairedStatistics.Compute(x.Pairs);
            return (IReadOnlyList<object?>)[x.Instrument, x.Scale, (long)stats.N, Round(stats.BeforeMean), Round(stats.AfterMean), Round(stats.MeanDifference),
                Round(stats.CiLower), Round(stats.CiUpper), Round(stats.TTestP, 4), Round(stats.WilcoxonP, 4)];
        }).ToList();

    /// <summary>A person's first and last viable form of an instrument, up to the end of the period.</summary>
    internal sealed class Span
    {
        // Settable members, not a constructor, so that EF can filter and join on them.
        public Guid PersonId { get; init; }
        public required string InstrumentId { get; init; }
        public DateOnly First { get; init; }
        public DateOnly Last { get; init; }
    }

    /// <summary>The pairs a period compares: the last viable form in the period and after the first.</summary>
    internal static IQueryable<Span> Spans(IQueryable<MeasureAdministration> viable, DateOnly from) =>
        viable.GroupBy(a => new { a.PersonId, a.InstrumentId })
            .Select(g => new Span { PersonId = g.Key.PersonId, InstrumentId = g.Key.InstrumentId, First = g.Min(a => a.CompletedOn), Last = g.Max(a => a.CompletedOn) })
            .Where(s => s.Last >= from && s.Last > s.First);

    private static double? Round(double? value, int places = 2) => value is { } v && !double.IsNaN(v) ? Math.Round(v, places, MidpointRounding.AwayFromZero) : null;
}
