using Hearth.Core.Episodes;
using Hearth.Core.Referrals;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Reporting;

/// <summary>
/// Who was worked with, how the work ended, and whether it lasted (FACT22 impact report sections 6 and 8; the IFIT
/// impact assessment's question of later entry to care). Children worked with are those named on the referrals of
/// episodes open at any time in the period. "Within N months of closure" means on or before the same day of the
/// month N months later (so from 31 August, 6 months runs to the end of February): <see cref="CalendarMonths.Within"/>,
/// computed from the dates' parts in the database so that SQLite and PostgreSQL agree.
/// </summary>
public sealed class OutcomesReport : ReportDefinition
{
    private static readonly ClosureReason[] Successful = [ClosureReason.GoalsAchieved, ClosureReason.SteppedDownEarlyHelp, ClosureReason.SteppedDownUniversal];

    public override string Name => "outcomes";
    public override string Title => "Outcomes and sustainability";
    public override string Description => "Children and families worked with; closed successfully or stepped down; re-referral, child protection and care after closure; success by earlier interventions.";
    public override string Source => "FACT22 impact report (2018), sections 6 and 8; Newcastle IFIT impact assessment (2023)";
    public override ReportChart Chart => new("interventions", "intervention", ["families", "sustained"]);

    public override async Task<IReadOnlyList<ReportTable>> QueryAsync(ReportScope scope, ReportFilter filter, CancellationToken ct)
    {
        var db = scope.Db;
        var teams = scope.TeamIds;
        var (from, to) = (filter.Period.From, filter.Period.To);
        var episodes = db.Set<Episode>().AsNoTracking().Where(e => teams.Contains(e.TeamId));
        var open = WorkedWith.Episodes(db, teams, filter.Period);
        var referralChildren = db.Set<ReferralChild>().AsNoTracking().Join(db.Set<Referral>(), c => c.ReferralId, r => r.Id, (c, r) => new { c.PersonId, r.EpisodeId, r.FamilyId, r.ReceivedOn });
        var children = referralChildren.Where(x => open.Any(e => e.Id == x.EpisodeId));

        long childrenWorked = await WorkedWith.Children(db, open).LongCountAsync(ct);
        long familiesWorked = await open.Select(e => e.FamilyId).Distinct().LongCountAsync(ct);
        long childrenSucceeded = await children.Where(x => open.Any(e => e.Id == x.EpisodeId && e.ClosedOn != null && e.ClosureReason != null && Successful.Contains(e.ClosureReason.Value)))
            .Select(x => x.PersonId).Distinct().LongCountAsync(ct);

        // Children of episodes that closed in the period, with the closure date.
        var closed = referralChildren
            .Join(episodes.Where(e => e.ClosedOn != null && e.ClosedOn >= from && e.ClosedOn <= to), x => x.EpisodeId, e => e.Id, (x, e) => new { x.PersonId, Closed = e.ClosedOn!.Value })
            .Distinct();
        long closedChildren = await closed.Select(c => c.PersonId).Distinct().LongCountAsync(ct);
        long reReferred = await closed.Where(c =>
                referralChildren.Any(r => r.PersonId == c.PersonId && r.ReceivedOn > c.Closed && CalendarMonths.Within(c.Closed, r.ReceivedOn, 12))
                || db.Set<OutcomeEvent>().Any(o => o.PersonId == c.PersonId && o.Kind == OutcomeKind.ReReferral && o.OccurredOn > c.Closed && CalendarMonths.Within(c.Closed, o.OccurredOn, 12)))
            .Select(c => c.PersonId).Distinct().LongCountAsync(ct);

        async Task<long> EventWithin(OutcomeKind kind, int months) => await closed.Where(c =>
                db.Set<OutcomeEvent>().Any(o => o.PersonId == c.PersonId && o.Kind == kind && o.OccurredOn >= c.Closed && CalendarMonths.Within(c.Closed, o.OccurredOn, months)))
            .Select(c => c.PersonId).Distinct().LongCountAsync(ct);

        var after = new List<IReadOnlyList<object?>>
        {
            new object?[] { "Children whose work closed in the period", closedChildren, null },
            new object?[] { "Re-referred within 12 months of closure", reReferred, ReportMath.Percent(reReferred, closedChildren) },
        };
        foreach (var (kind, label) in new[] { (OutcomeKind.ChildProtectionPlan, "Child protection plan"), (OutcomeKind.BecameLookedAfter, "Became looked after") })
        {
            foreach (var months in new[] { 6, 12, 24 })
            {
                var n = await EventWithin(kind, months);
                after.Add([$"{label} within {months} months of closure", n, ReportMath.Percent(n, closedChildren)]);
            }
        }

        // Families by how many episodes they had before this one; sustained = closed successfully, no referral within 12 months.
        var familyClosures = episodes.Where(e => e.ClosedOn != null && e.ClosedOn >= from && e.ClosedOn <= to)
            .Select(e => new
            {
                Earlier = episodes.Count(o => o.FamilyId == e.FamilyId && o.OpenedOn < e.OpenedOn),
                Sustained = e.ClosureReason != null && Successful.Contains(e.ClosureReason.Value)
                    && !db.Set<Referral>().Any(r => r.FamilyId == e.FamilyId && r.ReceivedOn > e.ClosedOn && CalendarMonths.Within(e.ClosedOn!.Value, r.ReceivedOn, 12)),
            });
        var interventions = new List<IReadOnlyList<object?>>();
        foreach (var (label, min, max) in new[] { ("First intervention", 0, 0), ("Second intervention", 1, 1), ("Third or more", 2, int.MaxValue) })
        {
            long families = await familyClosures.LongCountAsync(f => f.Earlier >= min && f.Earlier <= max, ct);
            long sustained = await familyClosures.LongCountAsync(f => f.Earlier >= min && f.Earlier <= max && f.Sustained, ct);
            interventions.Add([label, families, sustained, ReportMath.Percent(sustained, families)]);
        }

        return
        [
            new ReportTable("worked-with", "Children and families worked with",
                [new("measure", "Measure", ColumnKind.Text), new("count", "Number", ColumnKind.Count), new("share_pct", "Share of children worked with %", ColumnKind.Percent)],
                [
                    ["Children worked with", childrenWorked, null],
                    ["Families worked with", familiesWorked, null],
                    ["Children whose work closed successfully or stepped down", childrenSucceeded, ReportMath.Percent(childrenSucceeded, childrenWorked)],
                ]),
            new ReportTable("after-closure", "After closure", [new("measure", "Measure", ColumnKind.Text), new("count", "Children", ColumnKind.Count), new("share_pct", "Share of children closed %", ColumnKind.Percent)], after),
            new ReportTable("interventions", "Sustained success by number of earlier interventions",
                [new("intervention", "Intervention", ColumnKind.Text), new("families", "Families closed", ColumnKind.Count), new("sustained", "Sustained", ColumnKind.Count), new("sustained_pct", "Sustained %", ColumnKind.Percent)],
                interventions),
        ];
    }
}
