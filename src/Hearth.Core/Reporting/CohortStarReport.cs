using Hearth.Core.Measures;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Reporting;

/// <summary>
/// The cohort star of FACT22's impact report (section 6.2): for the families whose Family Star Plus was read at least
/// twice, the mean reading of each area at their first reading and at their latest, with how many families that is.
/// The pairs are the measures report's: a person's first viable form and their last, when the last was completed in
/// the period and after the first. The chart draws both readings of each area side by side; the table is its
/// alternative.
/// </summary>
public sealed class CohortStarReport : ReportDefinition
{
    public const string Instrument = "family-star-plus";

    public override string Name => "cohort-star";
    public override string Title => "Family Star Plus cohort star";
    public override string Description => "Mean Family Star Plus reading of each area at the first and the latest reading, for the families read at least twice.";
    public override string Source => "FACT22 impact report (2018), section 6.2";
    public override ReportChart Chart => new("star", "area", ["first", "latest"]);

    public override async Task<IReadOnlyList<ReportTable>> QueryAsync(ReportScope scope, ReportFilter filter, CancellationToken ct)
    {
        var db = scope.Db;
        var teams = scope.TeamIds;
        var to = filter.Period.To;
        var viable = scope.OfWorker(db.Set<MeasureAdministration>().AsNoTracking()
            .Where(a => teams.Contains(a.TeamId) && a.InstrumentId == Instrument && a.IsViable && a.PrimaryScore != null && a.CompletedOn <= to), filter.Period);
        var scales = await MeasuresReport.ScalePairsAsync(db, viable, filter.Period.From, Instrument, ct);
        var areas = InstrumentCatalog.Find(Instrument) is ItemInstrument star
            ? star.Definition.Scales.Where(s => s.Rule != ScaleRule.SumOfScales).Select(s => s.Name).ToList()
            : [];
        var rows = scales.Where(s => areas.Contains(s.Scale)).Select(s =>
        {
            var first = s.Pairs.Average(p => p.Before);
            var latest = s.Pairs.Average(p => p.After);
            return (IReadOnlyList<object?>)[s.Scale, (long)s.Pairs.Count, Round(first), Round(latest), Round(latest - first)];
        }).ToList();
        return
        [
            new ReportTable("star", "Mean reading of each area, first and latest", [new("area", "Area", ColumnKind.Text), new("families", "People read twice", ColumnKind.Count),
                new("first", "First reading mean", ColumnKind.Number), new("latest", "Latest reading mean", ColumnKind.Number), new("change", "Change", ColumnKind.Number)],
                rows, "Readings run from 1 to 10; higher is better."),
        ];
    }

    private static double Round(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
