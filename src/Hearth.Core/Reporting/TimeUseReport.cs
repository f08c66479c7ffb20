using Hearth.Core.Casework;
using Hearth.Core.Organisation;
using Hearth.Core.Programmes;
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
        // For one worker: the sessions they were at (a joint visit in full) and their own other work.
        var sessions = scope.OfWorker(db.Set<Session>().AsNoTracking().Where(s => teams.Contains(s.TeamId) && s.Date >= from && s.Date <= to));
        var other = scope.OfWorker(db.Set<WorkerTime>().AsNoTracking().Where(w => teams.Contains(w.TeamId) && w.Date >= from && w.Date <= to));

        var byType = await sessions.GroupBy(s => s.Type).Select(g => new { g.Key, Minutes = g.Sum(s => (long)s.Minutes), Count = g.LongCount() }).ToListAsync(ct);
        var byActivity = await other.GroupBy(w => w.Activity).Select(g => new { g.Key, Minutes = g.Sum(w => (long)w.Minutes) }).ToListAsync(ct);
        var familyMinutes = byType.Sum(t => t.Minutes);
        var allMinutes = familyMinutes + byActivity.Sum(a => a.Minutes);
        var activityRows = byType.OrderByDescending(t => t.Minutes).Select(t => (IReadOnlyList<object?>)["With families: " + Words(t.Key.ToString()), t.Minutes, Hours(t.Minutes), ReportMath.Percent(t.Minutes, allMinutes)])
            .Concat(byActivity.OrderByDescending(a => a.Minutes).Select(a => (IReadOnlyList<object?>)["Other: " + Words(a.Key.ToString()), a.Minutes, Hours(a.Minutes), ReportMath.Percent(a.Minutes, allMinutes)]))
            .ToList();
        activityRows.Add(["All time recorded", allMinutes, Hours(allMinutes), ReportMath.Percent(allMinutes, allMinutes)]);

        var byPhase = await sessions.GroupBy(s => s.PhaseKey).Select(g => new { g.Key, Minutes = g.Sum(s => (long)s.Minutes), Count = g.LongCount() }).OrderBy(g => g.Key).ToListAsync(ct);

        // Phases by the programmes' names for them; a key that programmes name differently shows each name.
        var phaseNames = (await db.Set<ProgrammeVersion>().AsNoTracking().Select(p => p.DefinitionJson).ToListAsync(ct))
            .SelectMany(json => ProgrammeDefinition.FromJson(json).Phases).GroupBy(p => p.Key)
            .ToDictionary(g => g.Key, g => string.Join(" / ", g.Select(p => p.Name).Distinct().Order(StringComparer.Ordinal)));

        var workers = await scope.OfWorker(db.Set<Worker>().AsNoTracking().Where(w => teams.Contains(w.TeamId))).OrderBy(w => w.Name).Select(w => new { w.Id, w.Name }).ToListAsync(ct);
        var withFamilies = await MinutesByWorkerAsync(db, teams, from, to, ct);
        var otherWork = await other.GroupBy(w => w.WorkerId).Select(g => new { g.Key, Minutes = g.Sum(w => (long)w.Minutes) }).ToDictionaryAsync(x => x.Key, x => x.Minutes, ct);
        var workerRows = new List<IReadOnlyList<object?>>();
        foreach (var worker in workers)
        {
            var family = withFamilies.GetValueOrDefault(worker.Id);
            var elsewhere = otherWork.GetValueOrDefault(worker.Id);
            if (family + elsewhere > 0)
            {
                workerRows.Add([worker.Name, Hours(family), Hours(elsewhere), ReportMath.Percent(family, family + elsewhere)]);
            }
        }
        return
        [
            new ReportTable("activity", "Time by activity",
                [new("activity", "Activity", ColumnKind.Text), new("minutes", "Minutes", ColumnKind.Count), new("hours", "Hours", ColumnKind.Number, 1), new("share_pct", "Share of recorded time %", ColumnKind.Percent)],
                activityRows),
            new ReportTable("phases", "Time with families by phase",
                [new("phase", "Phase", ColumnKind.Text), new("sessions", "Sessions", ColumnKind.Count), new("hours", "Hours", ColumnKind.Number, 1)],
                byPhase.Select(p => (IReadOnlyList<object?>)[phaseNames.GetValueOrDefault(p.Key, p.Key), p.Count, Hours(p.Minutes)]).ToList()),
            new ReportTable("workers", "Each worker's time",
                [new("worker", "Worker", ColumnKind.Text), new("families", "Hours with families", ColumnKind.Number, 1), new("other", "Hours on other work", ColumnKind.Number, 1), new("share_pct", "With families %", ColumnKind.Percent)],
                workerRows),
        ];
    }

    private sealed record WorkerMinutes(Guid WorkerId, long Minutes);

    /// <summary>
    /// Minutes with families per worker: each session's minutes once for each worker in its list. EF cannot flatten a
    /// list column on SQLite (it would need APPLY), and a query per worker grew with workers x sessions (see
    /// bench/results/reports.md), so this one figure is hand-written SQL for each provider.
    /// </summary>
    private static async Task<Dictionary<Guid, long>> MinutesByWorkerAsync(Data.HearthDbContext db, IReadOnlyList<Guid> teams, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var rows = db.Database.IsNpgsql()
            ? db.Database.SqlQuery<WorkerMinutes>($"""
                SELECT x.worker_id AS "WorkerId", CAST(SUM(s.minutes) AS bigint) AS "Minutes"
                FROM sessions s CROSS JOIN LATERAL unnest(s.worker_ids) AS x(worker_id)
                WHERE s.team_id = ANY({teams.ToArray()}) AND s.date >= {from} AND s.date <= {to}
                GROUP BY x.worker_id
                """)
            : db.Database.SqlQuery<WorkerMinutes>($"""
                SELECT x.value AS "WorkerId", SUM(s.minutes) AS "Minutes"
                FROM sessions s, json_each(s.worker_ids) AS x
                WHERE s.team_id IN (SELECT value FROM json_each({System.Text.Json.JsonSerializer.Serialize(teams.Select(t => t.ToString().ToUpperInvariant()))})) AND s.date >= {from} AND s.date <= {to}
                GROUP BY x.value
                """);
        return (await rows.ToListAsync(ct)).GroupBy(r => r.WorkerId).ToDictionary(g => g.Key, g => g.Sum(r => r.Minutes));
    }

    private static double Hours(long minutes) => Math.Round(minutes / 60.0, 1, MidpointRounding.AwayFromZero);

    private static string Words(string name) => string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
}
