using Hearth.Core.Casework;
using Hearth.Core.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Reporting;

/// <summary>
/// Where staff time goes (the Welsh evaluation's Figure 3-4): hours with families by session type and by phase, and
/// each worker's hours with families against their other work (agency liaison, travel, training, supervision,
/// admin). A session counts once in the type and phase totals and once for each worker who was there.
/// </summary>
public sealed class TimeUseReport : ReportDefinition
{
    public override string Name => "time-use";
    public override string Title => "Time use";
    public override string Description => "Hours by activity type, phase and worker, and the share spent with families against other work.";
    public override string Source => "Welsh Government IFSS evaluation (2014), Figure 3-4";
    public override ReportChart Chart => new("activity", "activity", ["minutes"]);

    public override async Task<IReadOnlyList<ReportTable>> QueryAsync(ReportScope scope, ReportFilter filter, CancellationToken ct)
    {
        var db = scope.Db;
        var teams = scope.TeamIds;
        var (from, to) = (filter.Period.From, filter.Period.To);
        var sessions = db.Set<Session>().AsNoTracking().Where(s => teams.Contains(s.TeamId) && s.Date >= from && s.Date <= to);
        var other = db.Set<WorkerTime>().AsNoTracking().Where(w => teams.Contains(w.TeamId) && w.Date >= from && w.Date <= to);

        var byType = await sessions.GroupBy(s => s.Type).Select(g => new { g.Key, Minutes = g.Sum(s => (long)s.Minutes), Count = g.LongCount() }).ToListAsync(ct);
        var byActivity = await other.GroupBy(w => w.Activity).Select(g => new { g.Key, Minutes = g.Sum(w => (long)w.Minutes) }).ToListAsync(ct);
        var familyMinutes = byType.Sum(t => t.Minutes);
        var allMinutes = familyMinutes + byActivity.Sum(a => a.Minutes);
        var activityRows = byType.OrderByDescending(t => t.Minutes).Select(t => (IReadOnlyList<object?>)["With families: " + Words(t.Key.ToString()), t.Minutes, Hours(t.Minutes), ReportMath.Percent(t.Minutes, allMinutes)])
            .Concat(byActivity.OrderByDescending(a => a.Minutes).Select(a => (IReadOnlyList<object?>)["Other: " + Words(a.Key.ToString()), a.Minutes, Hours(a.Minutes), ReportMath.Percent(a.Minutes, allMinutes)]))
            .ToList();
        activityRows.Add(["All time recorded", allMinutes, Hours(allMinutes), ReportMath.Percent(allMinutes, allMinutes)]);

        var byPhase = await sessions.GroupBy(s => s.PhaseKey).Select(g => new { g.Key, Minutes = g.Sum(s => (long)s.Minutes), Count = g.LongCount() }).OrderBy(g => g.Key).ToListAsync(ct);

        var workers = await db.Set<Worker>().AsNoTracking().Where(w => teams.Contains(w.TeamId)).OrderBy(w => w.Name).Select(w => new { w.Id, w.Name }).ToListAsync(ct);
        var workerRows = new List<IReadOnlyList<object?>>();
        foreach (var worker in workers)
        {
            long withFamilies = await sessions.Where(s => s.WorkerIds.Contains(worker.Id)).SumAsync(s => (long?)s.Minutes, ct) ?? 0;
            long otherWork = await other.Where(w => w.WorkerId == worker.Id).SumAsync(w => (long?)w.Minutes, ct) ?? 0;
            if (withFamilies + otherWork > 0)
            {
                workerRows.Add([worker.Name, Hours(withFamilies), Hours(otherWork), ReportMath.Percent(withFamilies, withFamilies + otherWork)]);
            }
        }
        return
        [
            new ReportTable("activity", "Time by activity",
                [new("activity", "Activity", ColumnKind.Text), new("minutes", "Minutes", ColumnKind.Count), new("hours", "Hours", ColumnKind.Number), new("share_pct", "Share of recorded time %", ColumnKind.Percent)],
                activityRows),
            new ReportTable("phases", "Time with families by phase",
                [new("phase", "Phase", ColumnKind.Text), new("sessions", "Sessions", ColumnKind.Count), new("hours", "Hours", ColumnKind.Number)],
                byPhase.Select(p => (IReadOnlyList<object?>)[p.Key, p.Count, Hours(p.Minutes)]).ToList()),
            new ReportTable("workers", "Each worker's time",
                [new("worker", "Worker", ColumnKind.Text), new("families", "Hours with families", ColumnKind.Number), new("other", "Hours on other work", ColumnKind.Number), new("share_pct", "With families %", ColumnKind.Percent)],
                workerRows),
        ];
    }

    private static double Hours(long minutes) => Math.Round(minutes / 60.0, 1, MidpointRounding.AwayFromZero);

    private static string Words(string name) => string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
}
