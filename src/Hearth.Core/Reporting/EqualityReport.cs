using System.Linq.Expressions;
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
    // Reach against the population: the share of children served beside the share of the population, group by group.
    public override ReportChart Chart => new("ethnicity", "category", ["served_pct", "population_pct"]);

    public override async Task<IReadOnlyList<ReportTable>> QueryAsync(ReportScope scope, ReportFilter filter, CancellationToken ct)
    {
        var db = scope.Db;
        var to = filter.Period.To;
        var childIds = WorkedWith.Children(db, scope.OfWorker(WorkedWith.Episodes(db, scope.TeamIds, filter.Period), filter.Period));
        var people = db.Set<Person>().AsNoTracking().Where(p => childIds.Contains(p.Id));
        // One grouped query for age band, sex and ethnicity together (a few hundred combinations at most), summed here
        // for each characteristic; one more for every disability code at once.
        var groups = await people
            .Select(p => new
            {
                Age = p.DateOfBirth == null ? -1 : (to.Year - p.DateOfBirth.Value.Year) - (to.Month * 100 + to.Day < p.DateOfBirth.Value.Month * 100 + p.DateOfBirth.Value.Day ? 1 : 0),
                p.Sex,
                Ethnicity = p.EthnicityCode ?? "unknown",
            })
            .Select(p => new { Band = p.Age < 0 ? "unknown" : p.Age <= 4 ? "0-4" : p.Age <= 9 ? "5-9" : p.Age <= 15 ? "10-15" : p.Age <= 17 ? "16-17" : "18+", p.Sex, p.Ethnicity })
            .GroupBy(p => new { p.Band, p.Sex, p.Ethnicity })
            .Select(g => new { g.Key.Band, g.Key.Sex, g.Key.Ethnicity, Count = g.LongCount() })
            .ToListAsync(ct);
        long total = groups.Sum(g => g.Count);
        var ages = groups.GroupBy(g => g.Band).Select(g => (Category: g.Key, Count: g.Sum(x => x.Count)));
        var sexes = groups.GroupBy(g => g.Sex).Select(g => (Category: g.Key switch { Sex.Male => "M", Sex.Female => "F", _ => "U" }, Count: g.Sum(x => x.Count)));
        var ethnicities = groups.GroupBy(g => g.Ethnicity).Select(g => (Category: g.Key, Count: g.Sum(x => x.Count)));
        var codes = DfeCodes.Disability.Order(StringComparer.Ordinal).ToList();
        var disabilityCounts = await people.FiguresAsync(ct, codes.Select(code => (Expression<Func<IEnumerable<Person>, long>>)(rows => rows.LongCount(p => p.DisabilityCodes.Contains(code)))).ToArray());
        var disabilities = codes.Select((code, i) => (Category: code, Count: disabilityCounts[i])).Where(d => d.Count > 0).ToList();

        var year = await db.Set<PopulationFigure>().AsNoTracking().Where(f => f.Year <= to.Year).MaxAsync(f => (int?)f.Year, ct);
        var population = year is null ? [] : await db.Set<PopulationFigure>().AsNoTracking().Where(f => f.Year == year).ToListAsync(ct);

        // People read a group by its label; the code beside it is what population figures and the census use.
        ReportTable Table(string key, string title, IEnumerable<(string Category, long Count)> served, Func<string, string>? label = null)
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
                IReadOnlyList<object?> figuresOf = [n, servedShare, populationShare, ratio];
                return label is null ? (IReadOnlyList<object?>)[c, .. figuresOf] : [c == "unknown" ? "Not recorded" : label(c), c, .. figuresOf];
            }).ToList();
            IReadOnlyList<ReportColumn> groups = label is null ? [new("category", "Group", ColumnKind.Text)] : [new("category", "Group", ColumnKind.Text), new("code", "Code", ColumnKind.Text)];
            return new ReportTable(key, title,
                [.. groups, new("served", "Children served", ColumnKind.Count), new("served_pct", "Share served %", ColumnKind.Percent),
                 new("population_pct", "Share of population %", ColumnKind.Percent), new("ratio", "Representation ratio", ColumnKind.Number)],
                rows, figures.Count == 0 ? "No population figures have been entered for this characteristic." : $"Population figures for {year}.");
        }

        return
        [
            Table("age", "Age at the end of the period", ages),
            Table("sex", "Sex", sexes, c => c switch { "M" => "Male", "F" => "Female", _ => "Not known" }),
            Table("ethnicity", "Ethnicity", ethnicities, c => DfeCodes.EthnicityLabel(c) ?? c),
            Table("disability", "Disability (a child may have several)", disabilities, DfeCodes.DisabilityLabel),
        ];
    }
}
