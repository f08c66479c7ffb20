using System.Linq.Expressions;
using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Hearth.Core.Programmes;
using Hearth.Core.Referrals;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Reporting;

/// <summary>
/// The referral funnel of the Welsh IFSS evaluation's Table 4-1, per service. Referrals, inappropriate referrals and
/// those progressing to assessment count the referrals received in the period; "of which re-referrals" counts those
/// progressing that were re-referrals; acceptances and completions count the phases started or completed in the
/// period, whenever the referral came. Every percentage is of the period's referrals, as the evaluation shows them.
/// </summary>
public sealed class FunnelReport : ReportDefinition
{
    public const string AcceptedGap = "funnel.accepted";

    public override string Name => "funnel";
    public override string Title => "Referral funnel";
    public override string Description => "Referrals, inappropriate referrals, assessments, re-referrals, acceptances and completions of each phase, per service.";
    public override string Source => "Welsh Government IFSS evaluation (2014), Table 4-1";
    public override ReportChart Chart => new("funnel", "service", ["referrals", "assessed", "accepted", "completed_1", "completed_2"]);

    public const string ByWorkerNote = "For one worker: the referrals and episodes the worker was allocated to at any time in the period. "
        + "A referral no one was allocated to, such as an inappropriate one, is no worker's, so percentages are of the worker's referrals.";

    public override async Task<IReadOnlyList<ReportTable>> QueryAsync(ReportScope scope, ReportFilter filter, CancellationToken ct)
    {
        var db = scope.Db;
        var (from, to) = (filter.Period.From, filter.Period.To);
        var teams = scope.TeamIds;
        var services = await db.Set<Service>().AsNoTracking()
            .Where(s => s.Teams.Any(t => teams.Contains(t.Id)))
            .OrderBy(s => s.Name)
            .Select(s => new { s.Id, s.Name })
            .ToListAsync(ct);
        var serviceIds = services.Select(s => s.Id).ToList();
        // Every programme version, not only those of the services' current programmes: an episode keeps the version it
        // opened under. A council has a handful.
        var versions = await db.Set<ProgrammeVersion>().AsNoTracking().ToListAsync(ct);
        var gaps = (await db.Set<ReportGap>().AsNoTracking()
                .Where(g => serviceIds.Contains(g.ServiceId) && g.Figure == AcceptedGap && g.From <= to && g.To >= from)
                .Select(g => new { g.ServiceId, g.Note }).ToListAsync(ct))
            .GroupBy(g => g.ServiceId).ToDictionary(g => g.Key, g => g.First().Note);

        // An episode's phases are named by the programme version it opened under (a later version may rename them), so
        // the queries compare a phase's key with its episode's version's through PhaseOf, which becomes a CASE over the
        // versions, and every service is still counted by one statement over the referrals and one over the phases.
        var keys = versions.ToDictionary(v => v.Id, v =>
        {
            var work = v.Definition.WorkPhases.Select(p => p.Key).ToList();
            return new[] { v.Definition.AssessmentPhase?.Key ?? "", work.ElementAtOrDefault(0) ?? "", work.ElementAtOrDefault(1) ?? "" };
        });
        var episodes = scope.OfWorker(db.Set<Episode>().AsNoTracking().Where(e => serviceIds.Contains(e.ServiceId) && teams.Contains(e.TeamId)), filter.Period);
        var received = scope.OfWorker(db.Set<Referral>().AsNoTracking().Where(r => serviceIds.Contains(r.ServiceId) && teams.Contains(r.TeamId) && r.ReceivedOn >= from && r.ReceivedOn <= to), filter.Period);
        // Each of the period's referrals looks up its own episode's assessment phase (an index probe), so the cost
        // follows the period's referrals rather than every episode ever assessed. The re-referral count tests
        // IsReReferral first so that only re-referrals probe a second time.
        var referrals = await WithPhaseKeys(
                received.Select(r => new FunnelReferral
                {
                    ServiceId = r.ServiceId,
                    Inappropriate = r.Status == ReferralStatus.Inappropriate,
                    IsReReferral = r.IsReReferral,
                    Assessed = db.Set<Episode>().Any(e => e.Id == r.EpisodeId && e.Phases.Any(p => p.PhaseKey == PhaseOf(e.ProgrammeVersionId, Phase.Assessment))),
                }), keys)
            .FiguresByAsync(r => r.ServiceId, ct,
                rows => rows.LongCount(),
                rows => rows.LongCount(r => r.Inappropriate),
                rows => rows.LongCount(r => r.Assessed),
                rows => rows.LongCount(r => r.IsReReferral && r.Assessed));
        // Episodes, not phase rows: a reopened episode entering a phase twice is one family.
        var phases = await WithPhaseKeys(db.Set<EpisodePhase>().AsNoTracking()
                .Join(episodes, p => p.EpisodeId, e => e.Id, (p, e) => new FunnelPhase
                {
                    ServiceId = e.ServiceId,
                    EpisodeId = p.EpisodeId,
                    IsFirst = p.PhaseKey == PhaseOf(e.ProgrammeVersionId, Phase.First),
                    IsSecond = p.PhaseKey == PhaseOf(e.ProgrammeVersionId, Phase.Second),
                    StartedOn = p.StartedOn,
                    EndedOn = p.EndedOn,
                    Completed = p.Completed,
                })
                .Where(p => (p.IsFirst || p.IsSecond) && (p.StartedOn >= from && p.StartedOn <= to || p.EndedOn >= from && p.EndedOn <= to)), keys)
            .FiguresByAsync(p => p.ServiceId, ct,
                rows => rows.Where(p => p.IsFirst && p.StartedOn >= from && p.StartedOn <= to).Select(p => p.EpisodeId).Distinct().LongCount(),
                rows => rows.Where(p => p.IsFirst && p.Completed && p.EndedOn >= from && p.EndedOn <= to).Select(p => p.EpisodeId).Distinct().LongCount(),
                rows => rows.Where(p => p.IsSecond && p.Completed && p.EndedOn >= from && p.EndedOn <= to).Select(p => p.EpisodeId).Distinct().LongCount());
        var figures = services.ToDictionary(s => s.Id, s => (IReadOnlyList<long>)[.. referrals.GetValueOrDefault(s.Id) ?? new long[4], .. phases.GetValueOrDefault(s.Id) ?? new long[3]]);

        var rows = new List<IReadOnlyList<object?>>();
        var notes = new List<string>();
        foreach (var service in services)
        {
            var f = figures[service.Id];
            var (total, inappropriate, assessedCount, reReferrals, completed1, completed2) = (f[0], f[1], f[2], f[3], f[5], f[6]);
            long? accepted = f[4];
            if (gaps.TryGetValue(service.Id, out var gap))
            {
                accepted = null;
                notes.Add($"{service.Name}: {gap}");
            }
            rows.Add([
                service.Name, total,
                inappropriate, ReportMath.Percent(inappropriate, total),
                assessedCount, ReportMath.Percent(assessedCount, total),
                reReferrals, ReportMath.Percent(reReferrals, total),
                accepted, accepted is { } a ? ReportMath.Percent(a, total) : null,
                completed1, ReportMath.Percent(completed1, total),
                completed2, ReportMath.Percent(completed2, total),
            ]);
        }
        return
        [
            new ReportTable("funnel", $"Referral funnel, {filter.Period.Label}",
            [
                new("service", "Service", ColumnKind.Text),
                new("referrals", "Referrals", ColumnKind.Count),
                new("inappropriate", "Inappropriate", ColumnKind.Count),
                new("inappropriate_pct", "Inappropriate %", ColumnKind.Percent),
                new("assessed", "Progressed to assessment", ColumnKind.Count),
                new("assessed_pct", "Progressed %", ColumnKind.Percent),
                new("re_referrals", "Of which re-referrals", ColumnKind.Count),
                new("re_referrals_pct", "Re-referrals %", ColumnKind.Percent),
                new("accepted", "Accepted to intensive phase", ColumnKind.Count),
                new("accepted_pct", "Accepted %", ColumnKind.Percent),
                new("completed_1", "Completed intensive phase", ColumnKind.Count),
                new("completed_1_pct", "Completed intensive %", ColumnKind.Percent),
                new("completed_2", "Completed step-down phase", ColumnKind.Count),
                new("completed_2_pct", "Completed step-down %", ColumnKind.Percent),
            ], rows, string.Join(" ", new[]
            {
                scope.ByWorker ? ByWorkerNote : null,
                notes.Count == 0 ? null : "Not available: " + string.Join("; ", notes),
            }.OfType<string>()) is { Length: > 0 } note ? note : null),
        ];
    }

    private sealed class FunnelReferral
    {
        public Guid ServiceId { get; init; }
        public bool Inappropriate { get; init; }
        public bool IsReReferral { get; init; }
        public bool Assessed { get; init; }
    }

    private sealed class FunnelPhase
    {
        public Guid ServiceId { get; init; }
        public Guid EpisodeId { get; init; }
        public bool IsFirst { get; init; }
        public bool IsSecond { get; init; }
        public DateOnly StartedOn { get; init; }
        public DateOnly? EndedOn { get; init; }
        public bool Completed { get; init; }
    }

    private enum Phase
    {
        Assessment,
        First,
        Second,
    }

    /// <summary>Stands, in a query, for the key of a programme version's assessment, first or second work phase (see <see cref="WithPhaseKeys"/>).</summary>
    private static string PhaseOf(Guid programmeVersionId, Phase phase) => throw new InvalidOperationException("PhaseOf is only for queries");

    /// <summary>Replaces each PhaseOf in a query with a CASE over the programme versions' ids giving that version's key.</summary>
    private static IQueryable<T> WithPhaseKeys<T>(IQueryable<T> query, IReadOnlyDictionary<Guid, string[]> keys) =>
        query.Provider.CreateQuery<T>(new PhaseKeys(keys).Visit(query.Expression));

    private sealed class PhaseKeys(IReadOnlyDictionary<Guid, string[]> keys) : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType != typeof(FunnelReport) || node.Method.Name != nameof(PhaseOf))
            {
                return base.VisitMethodCall(node);
            }
            var version = Visit(node.Arguments[0]);
            var phase = (int)(Phase)((ConstantExpression)node.Arguments[1]).Value!;
            Expression key = Expression.Constant("");
            foreach (var (id, phaseKeys) in keys)
            {
                key = Expression.Condition(Expression.Equal(version, Expression.Constant(id)), Expression.Constant(phaseKeys[phase]), key);
            }
            return key;
        }
    }
}
