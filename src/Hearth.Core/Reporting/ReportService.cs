using Hearth.Core.Data;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Reporting;

/// <summary>Runs reports by name for an actor, applying their scope and, when asked, small-count suppression.</summary>
public sealed class ReportService(HearthDbContext db, IEnumerable<ReportDefinition> definitions)
{
    /// <summary>Counts from 1 to this, and percentages computed from them, are hidden when suppression is on.</summary>
    public const int SmallCountThreshold = 4;
    public const string Suppressed = "[c]";

    public IReadOnlyList<ReportDefinition> All { get; } = definitions.OrderBy(d => d.Name).ToList();

    public ReportDefinition? Find(string name) => All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));

    public async Task<ReportResult> RunAsync(ActorContext actor, string name, ReportFilter filter, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewReports);
        var definition = Find(name) ?? throw new ValidationFailedException("Report", $"There is no report called {name}. Reports: {string.Join(", ", All.Select(d => d.Name))}");
        var scope = await ReportScope.ResolveAsync(db, actor, filter, ct);
        var tables = await definition.QueryAsync(scope, filter, ct);
        if (filter.SuppressSmallCounts)
        {
            tables = tables.Select(Suppress).ToList();
        }
        return new ReportResult(definition.Name, definition.Title, filter, scope.Description, tables, definition.Chart);
    }

    /// <summary>Records that a service did not collect a figure for a period; its reports then show "n/a" with the note.</summary>
    public async Task<ReportGap> RecordGapAsync(ActorContext actor, string serviceCode, string figure, DateOnly from, DateOnly to, string note, CancellationToken ct = default)
    {
        actor.Demand(Permission.ImportData);
        var v = new Validator().Require("Figure", figure, "Name the figure that was not recorded, such as funnel.accepted").Require("Note", note, "Say why the figure is not available");
        var service = await db.Set<Organisation.Service>().SingleOrDefaultAsync(s => s.Code == serviceCode, ct);
        if (service is null)
        {
            v.Add("Service", $"There is no service with code {serviceCode}");
        }
        if (to < from)
        {
            v.Add("To", "The end date must be the same as or after the start date");
        }
        v.ThrowIfAny();
        var gap = new ReportGap { ServiceId = service!.Id, Figure = figure.Trim(), From = from, To = to, Note = note.Trim() };
        db.Add(gap);
        await db.SaveChangesAsync(actor, ct);
        return gap;
    }

    /// <summary>
    /// Hides small counts for publication. A percentage in a row is hidden when any count in that row is, because
    /// the count could be worked back from it.
    /// </summary>
    public static ReportTable Suppress(ReportTable table)
    {
        var rows = table.Rows.Select(row =>
        {
            var hide = table.Columns.Select((c, i) => c.Kind == ColumnKind.Count && row[i] is long n && n is > 0 and <= SmallCountThreshold).ToArray();
            var anyHidden = hide.Any(h => h);
            return (IReadOnlyList<object?>)row.Select((cell, i) =>
                hide[i] || (anyHidden && table.Columns[i].Kind == ColumnKind.Percent && cell is not null) ? Suppressed : cell).ToList();
        }).ToList();
        return table with { Rows = rows, Note = (table.Note is null ? "" : table.Note + " ") + $"Counts of 1 to {SmallCountThreshold} are shown as {Suppressed}." };
    }
}
