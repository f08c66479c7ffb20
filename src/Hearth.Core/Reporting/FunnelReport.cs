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

    public override async Task<IReadOnlyList<ReportTable>> QueryAsync(ReportScope scope, ReportFilter filter, CancellationToken ct)
    {
        var db = scope.Db;
        var (from, to) = (filter.Period.From, filter.Period.To);
        var teams = scope.TeamIds;
        var services = await db.Set<Service>().AsNoTracking()
            .Where(s => s.Teams.Any(t => teams.Contains(t.Id)))
            .OrderBy(s => s.Name)
            .Select(s => new { s.Id, s.Name, s.ProgrammeCode })
            .ToListAsync(ct);
        var serviceIds = services.Select(s => s.Id).ToList();
        var codes = services.Select(s => s.ProgrammeCode).OfType<string>().Distinct().ToList();
        var programmes = (await db.Set<ProgrammeVersion>().AsNoTracking().Where(p => codes.Contains(p.Code)).ToListAsync(ct))
            .GroupBy(p => p.Code).ToDictionary(g => g.Key, g => g.MaxBy(p => p.Number)!.Definition);
        var gaps = (await db.Set<ReportGap>().AsNoTracking()
                .Where(g => serviceIds.Contains(g.ServiceId) && g.Figure == AcceptedGap && g.From <= to && g.To >= from)
                .Select(g => new { g.ServiceId, g.Note }).ToListAsync(ct))
            .GroupBy(g => g.ServiceId).ToDictionary(g => g.Key, g => g.First().Note);

        // Services sharing a programme share its phase keys, so each programme's services are counted by one grouped
        // query over their referrals and one over their phases; the programmes' queries are joined with UNION ALL, so
        // the database answers the whole funnel in two statements.
        IQueryable<FunnelCounts>? referralCounts = null, phaseCounts = null;
        foreach (var group in services.GroupBy(s => s.ProgrammeCode is { } c && programmes.TryGetValue(c, out var d) ? d : null))
        {
            var definition = group.Key;
            var assessment = definition?.AssessmentPhase?.Key ?? "";
            var work = definition?.WorkPhases.Select(p => p.Key).ToList() ?? [];
            var phase1 = work.ElementAtOrDefault(0) ?? "";
            var phase2 = work.ElementAtOrDefault(1) ?? "";
            var ids = group.Select(s => s.Id).ToList();

            var referrals = db.Set<Referral>().AsNoTracking()
                .Where(r => ids.Contains(r.ServiceId) && teams.Contains(r.TeamId) && r.ReceivedOn >= from && r.ReceivedOn <= to)
                .Select(r => new FunnelReferral
                {
                    ServiceId = r.ServiceId,
                    Inappropriate = r.Status == ReferralStatus.Inappropriate,
                    IsReReferral = r.IsReReferral,
                    Assessed = r.EpisodeId != null && db.Set<EpisodePhase>().Any(p => p.EpisodeId == r.EpisodeId && p.PhaseKey == assessment
                        && db.Set<Episode>().Any(e => e.Id == p.EpisodeId && e.ServiceId == r.ServiceId && teams.Contains(e.TeamId))),
                })
                .GroupBy(r => r.ServiceId)
                .Select(g => new FunnelCounts
                {
                    ServiceId = g.Key,
                    A = g.LongCount(),
                    B = g.LongCount(r => r.Inappropriate),
                    C = g.LongCount(r => r.Assessed),
                    D = g.LongCount(r => r.Assessed && r.IsReReferral),
                });
            // Episodes, not phase rows: a reopened episode entering a phase twice is one family.
            var phases = db.Set<EpisodePhase>().AsNoTracking()
                .Join(db.Set<Episode>().Where(e => ids.Contains(e.ServiceId) && teams.Contains(e.TeamId)), p => p.EpisodeId, e => e.Id, (p, e) => new { p, e.ServiceId })
                .Where(x => (x.p.PhaseKey == phase1 || x.p.PhaseKey == phase2) && (x.p.StartedOn >= from && x.p.StartedOn <= to || x.p.EndedOn >= from && x.p.EndedOn <= to))
                .Select(x => new FunnelPhase { ServiceId = x.ServiceId, EpisodeId = x.p.EpisodeId, PhaseKey = x.p.PhaseKey, StartedOn = x.p.StartedOn, EndedOn = x.p.EndedOn, Completed = x.p.Completed })
                .GroupBy(p => p.ServiceId)
                .Select(g => new FunnelCounts
                {
                    ServiceId = g.Key,
                    A = g.Where(p => p.PhaseKey == phase1 && p.StartedOn >= from && p.StartedOn <= to).Select(p => p.EpisodeId).Distinct().LongCount(),
                    B = g.Where(p => p.PhaseKey == phase1 && p.Completed && p.EndedOn >= from && p.EndedOn <= to).Select(p => p.EpisodeId).Distinct().LongCount(),
                    C = g.Where(p => p.PhaseKey == phase2 && p.Completed && p.EndedOn >= from && p.EndedOn <= to).Select(p => p.EpisodeId).Distinct().LongCount(),
                    D = 0,
                });
            referralCounts = referralCounts is null ? referrals : referralCounts.Concat(referrals);
            phaseCounts = phaseCounts is null ? phases : phaseCounts.Concat(phases);
        }
        var byReferrals = referralCounts is null ? [] : (await referralCounts.ToListAsync(ct)).ToDictionary(c => c.ServiceId);
        var byPhases = phaseCounts is null ? [] : (await phaseCounts.ToListAsync(ct)).ToDictionary(c => c.ServiceId);
        var figures = services.ToDictionary(s => s.Id, s => (IReadOnlyList<long>)[
            .. byReferrals.GetValueOrDefault(s.Id) is { } r ? new[] { r.A, r.B, r.C, r.D } : new long[4],
            .. byPhases.GetValueOrDefault(s.Id) is { } p ? new[] { p.A, p.B, p.C } : new long[3]]);

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
            ], rows, notes.Count == 0 ? null : "Not available: " + string.Join("; ", notes)),
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
        public required string PhaseKey { get; init; }
        public DateOnly StartedOn { get; init; }
        public DateOnly? EndedOn { get; init; }
        public bool Completed { get; init; }
    }

    /// <summary>Up to four counts of one service, named alike for every query so that they can be joined with UNION ALL.</summary>
    private sealed class FunnelCounts
    {
        public Guid ServiceId { get; init; }
        public long A { get; init; }
        public long B { get; init; }
        public long C { get; init; }
        public long D { get; init; }
    }
}
