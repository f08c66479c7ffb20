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
        var rows = new List<IReadOnlyList<object?>>();
        var notes = new List<string>();
        foreach (var service in services)
        {
            var programme = service.ProgrammeCode is null ? null : await db.Set<ProgrammeVersion>().AsNoTracking()
                .Where(p => p.Code == service.ProgrammeCode).OrderByDescending(p => p.Number).FirstOrDefaultAsync(ct);
            var definition = programme?.Definition;
            var assessment = definition?.AssessmentPhase?.Key ?? "";
            var work = definition?.WorkPhases.Select(p => p.Key).ToList() ?? [];
            var phase1 = work.ElementAtOrDefault(0) ?? "";
            var phase2 = work.ElementAtOrDefault(1) ?? "";

            var referrals = db.Set<Referral>().AsNoTracking().Where(r => r.ServiceId == service.Id && teams.Contains(r.TeamId) && r.ReceivedOn >= from && r.ReceivedOn <= to);
            var phases = db.Set<EpisodePhase>().AsNoTracking()
                .Where(p => db.Set<Episode>().Any(e => e.Id == p.EpisodeId && e.ServiceId == service.Id && teams.Contains(e.TeamId)));
            var assessed = referrals.Where(r => r.EpisodeId != null && phases.Any(p => p.EpisodeId == r.EpisodeId && p.PhaseKey == assessment));

            long total = await referrals.LongCountAsync(ct);
            long inappropriate = await referrals.LongCountAsync(r => r.Status == ReferralStatus.Inappropriate, ct);
            long assessedCount = await assessed.LongCountAsync(ct);
            long reReferrals = await assessed.LongCountAsync(r => r.IsReReferral, ct);
            // Episodes, not phase rows: a reopened episode entering a phase twice is one family.
            long? accepted = await phases.Where(p => p.PhaseKey == phase1 && p.StartedOn >= from && p.StartedOn <= to).Select(p => p.EpisodeId).Distinct().LongCountAsync(ct);
            long completed1 = await phases.Where(p => p.PhaseKey == phase1 && p.Completed && p.EndedOn >= from && p.EndedOn <= to).Select(p => p.EpisodeId).Distinct().LongCountAsync(ct);
            long completed2 = await phases.Where(p => p.PhaseKey == phase2 && p.Completed && p.EndedOn >= from && p.EndedOn <= to).Select(p => p.EpisodeId).Distinct().LongCountAsync(ct);

            var gap = await db.Set<ReportGap>().AsNoTracking()
                .Where(g => g.ServiceId == service.Id && g.Figure == AcceptedGap && g.From <= to && g.To >= from)
                .Select(g => g.Note).FirstOrDefaultAsync(ct);
            if (gap is not null)
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
}
