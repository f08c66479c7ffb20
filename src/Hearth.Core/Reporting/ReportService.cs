using System.Data;
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
        await using var snapshot = await PostgresSnapshotAsync(ct);
        var scope = await ReportScope.ResolveAsync(db, actor, filter, ct);
        var tables = await definition.QueryAsync(scope, filter, ct);
        if (filter.CompareWithYearEarlier)
        {
            var earlierPeriod = filter.Period.YearEarlier();
            var earlier = await definition.QueryAsync(scope, filter with { Period = earlierPeriod }, ct);
            tables = tables.SelectMany(t => YearOnYear(t, earlier.FirstOrDefault(e => e.Key == t.Key), filter.Period, earlierPeriod) is { } compared ? [t, compared] : new[] { t }).ToList();
        }
        if (filter.SuppressSmallCounts)
        {
            tables = tables.Select(Suppress).ToList();
        }
        return new ReportResult(definition.Name, definition.Title, filter, scope.Description, tables, definition.Chart);
    }

    /// <summary>The workers an actor may narrow a report to: those of the teams they see, by team and name.</summary>
    public async Task<IReadOnlyList<ReportWorker>> WorkersAsync(ActorContext actor, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewReports);
        var workers = db.Set<Organisation.Worker>().AsNoTracking();
        if (!actor.SeesAllTeams)
        {
            var own = actor.TeamIds.ToList();
            workers = workers.Where(w => own.Contains(w.TeamId));
        }
        return await workers.OrderBy(w => w.Team!.Name).ThenBy(w => w.Name)
            .Select(w => new ReportWorker(w.Id, w.Name, w.Team!.Name, w.IsActive))
            .ToListAsync(ct);
    }

    /// <summary>
    /// On PostgreSQL a report's statements (and its year-earlier comparison) read one snapshot, so its figures agree
    /// with each other while work is being recorded, and run without JIT compilation: they pass the planner's cost
    /// threshold for it, yet run in about a second, and compiling them took longer than running them (the outcomes
    /// report spent 1.5 of its 1.9 seconds compiling at 100,000 families; bench/results/reports.md). SET LOCAL ends
    /// with the transaction, so pooled connections are left as they were. Nothing to do on SQLite, whose transactions
    /// would hold a lock against writers for the report's length.
    /// </summary>
    private async Task<IAsyncDisposable?> PostgresSnapshotAsync(CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            return null;
        }
        var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct) : null;
        await db.Database.ExecuteSqlRawAsync("SET LOCAL jit = off", ct);
        return transaction;
    }

    /// <summary>
    /// Records that a service did not collect a figure for a period; its reports then show "n/a" with the note. A period
    /// overlapping one already recorded for the same service and figure is refused, so each period has one note.
    /// </summary>
    public async Task<ReportGap> RecordGapAsync(ActorContext actor, string? serviceCode, string? figure, DateOnly? from, DateOnly? to, string? note, CancellationToken ct = default)
    {
        actor.Demand(Permission.ImportData);
        var v = new Validator();
        var service = string.IsNullOrWhiteSpace(serviceCode) ? null : await db.Set<Organisation.Service>().SingleOrDefaultAsync(s => s.Code == serviceCode.Trim(), ct);
        if (service is null)
        {
            v.Add("Service", string.IsNullOrWhiteSpace(serviceCode) ? "Choose the service" : $"There is no service with code {serviceCode}");
        }
        figure = figure?.Trim();
        if (string.IsNullOrEmpty(figure))
        {
            v.Add("Figure", "Choose the figure that was not recorded");
        }
        else if (ReportGap.Figures.All(f => f.Key != figure))
        {
            v.Add("Figure", $"\"{figure}\" is not a figure a report can show as not recorded: {string.Join(", ", ReportGap.Figures.Select(f => f.Key))}");
        }
        if (from is null)
        {
            v.Add("From", "Enter the first day the figure was not recorded");
        }
        if (to is null)
        {
            v.Add("To", "Enter the last day the figure was not recorded");
        }
        else if (from is not null && to < from)
        {
            v.Add("To", "The last day must be the same as or after the first day");
        }
        v.Require("Note", note, "Say why the figure is not available");
        v.MaxLength("Note", note, 500, "Note");
        if (v.Errors.Count == 0)
        {
            var overlap = await db.Set<ReportGap>().AsNoTracking()
                .Where(g => g.ServiceId == service!.Id && g.Figure == figure && g.From <= to && g.To >= from)
                .OrderBy(g => g.From).FirstOrDefaultAsync(ct);
            if (overlap is not null)
            {
                v.Add("From", $"{service!.Name} already has this figure recorded as not recorded from {overlap.From:d MMMM yyyy} to {overlap.To:d MMMM yyyy}: remove that entry first to change it");
            }
        }
        v.ThrowIfAny();
        var gap = new ReportGap { ServiceId = service!.Id, Figure = figure!, From = from!.Value, To = to!.Value, Note = note!.Trim() };
        db.Add(gap);
        await db.SaveChangesAsync(actor, ct);
        return gap;
    }

    /// <summary>Every figure recorded as not recorded, by service, figure and period.</summary>
    public async Task<IReadOnlyList<ReportGapRow>> GapsAsync(ActorContext actor, CancellationToken ct = default)
    {
        actor.Demand(Permission.ImportData);
        var rows = await (from g in db.Set<ReportGap>().AsNoTracking()
                          join s in db.Set<Organisation.Service>() on g.ServiceId equals s.Id
                          select new { g.Id, g.Version, s.Code, s.Name, g.Figure, g.From, g.To, g.Note }).ToListAsync(ct);
        return rows.OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Figure, StringComparer.Ordinal).ThenBy(r => r.From)
            .Select(r => new ReportGapRow(r.Id, r.Version, r.Code, r.Name, r.Figure, ReportGap.LabelOf(r.Figure), r.From, r.To, r.Note)).ToList();
    }

    /// <summary>The services a gap can be recorded for, by name: every one, closed or not, since gaps are often historical.</summary>
    public async Task<IReadOnlyList<Organisation.Service>> GapServicesAsync(ActorContext actor, CancellationToken ct = default)
    {
        actor.Demand(Permission.ImportData);
        return await db.Set<Organisation.Service>().AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
    }

    /// <summary>
    /// Removes a recorded gap (a mistaken entry, or one to record again corrected), so its reports show the counted
    /// figure again. <paramref name="version"/> is the version read: a gap changed or removed since is refused.
    /// </summary>
    public async Task RemoveGapAsync(ActorContext actor, Guid id, int version, CancellationToken ct = default)
    {
        actor.Demand(Permission.ImportData);
        var gap = await db.Set<ReportGap>().SingleOrDefaultAsync(g => g.Id == id, ct) ?? throw new ConcurrencyConflictException("record of a figure not recorded");
        if (gap.Version != version)
        {
            throw new ConcurrencyConflictException("record of a figure not recorded");
        }
        // The version read is the one the DELETE checks, so a change between this read and the save is refused too.
        db.Entry(gap).Property(g => g.Version).OriginalValue = version;
        db.Remove(gap);
        await db.SaveChangesAsync(actor, ct);
    }

    /// <summary>
    /// A table's counts beside the same counts a year earlier, with the percentage change, rows matched by their text
    /// columns (service, quarter, category...). A row found in only one period shows n/a for the other. Null for a
    /// table with no counts or no text column to match rows by.
    /// </summary>
    public static ReportTable? YearOnYear(ReportTable now, ReportTable? earlier, ReportPeriod period, ReportPeriod earlierPeriod)
    {
        var labels = now.Columns.Select((c, i) => (c, i)).Where(x => x.c.Kind == ColumnKind.Text).Select(x => x.i).ToList();
        var counts = now.Columns.Select((c, i) => (c, i)).Where(x => x.c.Kind == ColumnKind.Count).Select(x => x.i).ToList();
        if (earlier is null || labels.Count == 0 || counts.Count == 0)
        {
            return null;
        }
        static string Key(IReadOnlyList<object?> row, List<int> labels) => string.Join("\u001f", labels.Select(i => row[i]?.ToString() ?? ""));
        var before = new Dictionary<string, IReadOnlyList<object?>>();
        foreach (var row in earlier.Rows)
        {
            before.TryAdd(Key(row, labels), row);
        }
        List<(IReadOnlyList<object?>? Now, IReadOnlyList<object?>? Earlier)> pairs;
        if (now.Rows.Count > 0 && now.Rows.Count == earlier.Rows.Count && !now.Rows.Any(r => before.ContainsKey(Key(r, labels))))
        {
            // Rows named by their own period (quarters, month ends) pair up in order: Q1 with the Q1 a year earlier.
            pairs = now.Rows.Zip(earlier.Rows, (a, b) => ((IReadOnlyList<object?>?)a, (IReadOnlyList<object?>?)b)).ToList();
        }
        else
        {
            var nowKeys = now.Rows.Select(r => Key(r, labels)).ToHashSet();
            pairs = now.Rows.Select(r => ((IReadOnlyList<object?>?)r, before.GetValueOrDefault(Key(r, labels))))
                .Concat(earlier.Rows.Where(r => !nowKeys.Contains(Key(r, labels))).Select(r => ((IReadOnlyList<object?>?)null, (IReadOnlyList<object?>?)r))).ToList();
        }
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var (row, other) in pairs)
        {
            var cells = labels.Select(i => row is not null && other is not null && !Equals(row[i], other[i]) ? $"{row[i]} / {other[i]}" : (row ?? other)![i]).ToList();
            foreach (var i in counts)
            {
                var a = row?[i] as long?;
                var b = other?[i] as long?;
                cells.Add(a);
                cells.Add(b);
                cells.Add(a is { } x && b is { } y ? ReportMath.PercentChange(y, x) : null);
            }
            rows.Add(cells);
        }
        var columns = labels.Select(i => now.Columns[i]).ToList();
        foreach (var i in counts)
        {
            var c = now.Columns[i];
            columns.Add(c with { Title = $"{c.Title}, {period.Label}" });
            columns.Add(new ReportColumn(c.Key + "_year_earlier", $"{c.Title}, {earlierPeriod.Label}", ColumnKind.Count));
            columns.Add(new ReportColumn(c.Key + "_change_pct", $"{c.Title}: change %", ColumnKind.Percent));
        }
        return new ReportTable(now.Key + "-year-on-year", $"{now.Title}: compared with the same period a year earlier", columns, rows,
            "Change is (this period - a year earlier) / a year earlier, to one decimal place; n/a where the earlier count is 0 or the row is in one period only.");
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

/// <summary>A worker a report can be narrowed to.</summary>
public sealed record ReportWorker(Guid Id, string Name, string Team, bool IsActive);
