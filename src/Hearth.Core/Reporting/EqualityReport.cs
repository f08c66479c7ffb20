using Hearth.Core.People;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Reporting;

/// <summary>
/// Who the services reach, by age band, sex, ethnicity and disability, against the area's population where an
/// administrator has entered it (Newcastle's equality impact assessment). Age is in whole years at the end of the
/// period. The representation ratio is the share of children served divided by the share of the population: above 1,
/// the group is reached more than its size would suggest.
/// </summary>
public sealed class EqualityReport : ReportDefinition
{
    public override string Name => "equality";
    public override string Title => "Equality of reach";
    public override string Description => "Children worked with by age band, sex, ethnicity and disability, against the area's child population.";
    public override string Source => "Newcastle IFIT impact assessment (2023), section D";

    public override async Task<IReadOnlyList<ReportTable>> QueryAsync(ReportScope scope, ReportFilter filter, CancellationToken ct)
    {
        var db = scope.Db;
        var to = filter.Period.To;
        var childIds = WorkedWith.Children(db, WorkedWith.Episodes(db, scope.TeamIds, filter.Period));
        var people = db.Set<Person>().AsNoTracking().Where(p => childIds.Contains(p.Id));
        long total = await people.LongCountAsync(ct);

        var ages = await people
            .Select(p => p.DateOfBirth == null ? -1 : (to.Year - p.DateOfBirth.Value.Year) - (to.Month * 100 + to.Day < p.DateOfBirth.Value.Month * 100 + p.DateOfBirth.Value.Day ? 1 : 0))
            .Select(age => age < 0 ? "unknown" : age <= 4 ? "0-4" : age <= 9 ? "5-9" : age <= 15 ? "10-15" : age <= 17 ? "16-17" : "18+")
            .GroupBy(band => band).Select(g => new { Category = g.Key, Count = g.LongCount() }).ToListAsync(ct);
        var sexes = await people.GroupBy(p => p.Sex).Select(g => new { g.Key, Count = g.LongCount() }).ToListAsync(ct);
        var ethnicities = await people.GroupBy(p => p.EthnicityCode ?? "unknown").Select(g => new { Category = g.Key, Count = g.LongCount() }).ToListAsync(ct);
        // One count per DfE code: SQLite cannot flatten a list column in a GROUP BY, but it can test membership.
        var disabilities = new List<(string Category, long Count)>();
        foreach (var code in DfeCodes.Disability.Order(StringComparer.Ordinal))
        {
            var n = await people.LongCountAsync(p => p.DisabilityCodes.Contains(code), ct);
            if (n > 0)
            {
                disabilities.Add((code, n));
            }
        }

        var year = await db.Set<PopulationFigure>().AsNoTracking().Where(f => f.Year <= to.Year).MaxAsync(f => (int?)f.Year, ct);
        var population = year is null ? [] : await db.Set<PopulationFigure>().AsNoTracking().Where(f => f.Year == year).ToListAsync(ct);

        ReportTable Table(string key, string title, IEnumerable<(string Category, long Count)> served)
        {
            var figures = population.Where(f => f.Characteristic == key).ToList();
            var populationTotal = figures.Sum(f => f.Count);
            var categories = served.Select(s => s.Category).Union(figures.Select(f => f.Category)).Order(StringComparer.Ordinal).ToList();
            var rows = categories.Select(c =>
            {
                var n = served.Where(s => s.Category == c).Sum(s => s.Count);
                var p = figures.Where(f => f.Category == c).Sum(f => f.Count);
                var servedShare = ReportMath.Percent(n, total);
                var populationShare = figures.Count == 0 || c == "unknown" ? null : ReportMath.Percent(p, populationTotal);
                double? ratio = servedShare is { } a && populationShare is { } b && b > 0 ? Math.Round(a / b, 2, MidpointRounding.AwayFromZero) : null;
                return (IReadOnlyList<object?>)[c, n, servedShare, populationShare, ratio];
            }).ToList();
            return new ReportTable(key, title,
                [new("category", "Group", ColumnKind.Text), new("served", "Children served", ColumnKind.Count), new("served_pct", "Share served %", ColumnKind.Percent),
                 new("population_pct", "Share of population %", ColumnKind.Percent), new("ratio", "Representation ratio", ColumnKind.Number)],
                rows, figures.Count == 0 ? "No population figures have been entered for this characteristic." : $"Population figures for {year}.");
        }

        return
        [
            Table("age", "Age at the end of the period", ages.Select(a => (a.Category, a.Count))),
            Table("sex", "Sex", sexes.Select(s => (s.Key switch { Sex.Male => "M", Sex.Female => "F", _ => "U" }, s.Count))),
            Table("ethnicity", "Ethnicity (DfE codes)", ethnicities.Select(e => (e.Category, e.Count))),
            Table("disability", "Disability (DfE codes; a child may have several)", disabilities),
        ];
    }
}
