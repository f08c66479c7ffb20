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
        var open = scope.OfWorker(WorkedWith.Episodes(db, teams, filter.Period), filter.Period);
        var referralChildren = db.Set<ReferralChild>().AsNoTracking().Join(db.Set<Referral>(), c => c.ReferralId, r => r.Id, (c, r) => new { c.PersonId, r.EpisodeId, r.FamilyId, r.ReceivedOn });

        // Children worked with, and those of them whose work closed successfully, in one query over the children
        // joined to their open episodes.
        var worked = await referralChildren
            .Join(open, x => x.EpisodeId, e => e.Id, (x, e) => new WorkedChild
            {
                PersonId = x.PersonId,
                Succeeded = e.ClosedOn != null && e.ClosureReason != null && Successful.Contains(e.ClosureReason.Value),
            })
            .FiguresAsync(ct,
                rows => rows.Select(x => x.PersonId).Distinct().LongCount(),
                rows => rows.Where(x => x.Succeeded).Select(x => x.PersonId).Distinct().LongCount());
        var (childrenWorked, childrenSucceeded) = (worked[0], worked[1]);
        long familiesWorked = await open.Select(e => e.FamilyId).Distinct().LongCountAsync(ct);

        // Children of episodes that closed in the period, with the closure date and the first re-referral, child
        // protection plan and entry to care after it: "within N months" holds for some event exactly when it holds
        // for the first, so each kind is one look-up per child, computed once (Distinct keeps the columns in a
        // subquery), and every after-closure figure comes from one query. Each look-up is bounded by AddMonths
        // first, a plain date comparison that narrows the rows before CalendarMonths decides: it is PostgreSQL's
        // exact bound and on SQLite, which rolls 31 August + 6 months over to 3 March, a bound a few days later.
        var events = db.Set<OutcomeEvent>().AsNoTracking();
        var after = await referralChildren
            .Join(scope.OfWorker(episodes.Where(e => e.ClosedOn != null && e.ClosedOn >= from && e.ClosedOn <= to), filter.Period), x => x.EpisodeId, e => e.Id, (x, e) => new { x.PersonId, Closed = e.ClosedOn!.Value })
            .Select(c => new ClosedChild
            {
                PersonId = c.PersonId,
                Closed = c.Closed,
                ReferredOn = referralChildren.Where(r => r.PersonId == c.PersonId && r.ReceivedOn > c.Closed && r.ReceivedOn <= c.Closed.AddMonths(12)).Min(r => (DateOnly?)r.ReceivedOn),
                ReReferralOn = events.Where(o => o.PersonId == c.PersonId && o.Kind == OutcomeKind.ReReferral && o.OccurredOn > c.Closed && o.OccurredOn <= c.Closed.AddMonths(12)).Min(o => (DateOnly?)o.OccurredOn),
                ProtectedOn = events.Where(o => o.PersonId == c.PersonId && o.Kind == OutcomeKind.ChildProtectionPlan && o.OccurredOn >= c.Closed && o.OccurredOn <= c.Closed.AddMonths(24)).Min(o => (DateOnly?)o.OccurredOn),
                LookedAfterOn = events.Where(o => o.PersonId == c.PersonId && o.Kind == OutcomeKind.BecameLookedAfter && o.OccurredOn >= c.Closed && o.OccurredOn <= c.Closed.AddMonths(24)).Min(o => (DateOnly?)o.OccurredOn),
            })
            .Distinct()
            .FiguresAsync(ct,
                rows => rows.Select(c => c.PersonId).Distinct().LongCount(),
                rows => rows.Where(c => c.ReferredOn != null && CalendarMonths.Within(c.Closed, c.ReferredOn.Value, 12)
                    || c.ReReferralOn != null && CalendarMonths.Within(c.Closed, c.ReReferralOn.Value, 12)).Select(c => c.PersonId).Distinct().LongCount(),
                rows => rows.Where(c => c.ProtectedOn != null && CalendarMonths.Within(c.Closed, c.ProtectedOn.Value, 6)).Select(c => c.PersonId).Distinct().LongCount(),
                rows => rows.Where(c => c.ProtectedOn != null && CalendarMonths.Within(c.Closed, c.ProtectedOn.Value, 12)).Select(c => c.PersonId).Distinct().LongCount(),
                rows => rows.Where(c => c.ProtectedOn != null && CalendarMonths.Within(c.Closed, c.ProtectedOn.Value, 24)).Select(c => c.PersonId).Distinct().LongCount(),
                rows => rows.Where(c => c.LookedAfterOn != null && CalendarMonths.Within(c.Closed, c.LookedAfterOn.Value, 6)).Select(c => c.PersonId).Distinct().LongCount(),
                rows => rows.Where(c => c.LookedAfterOn != null && CalendarMonths.Within(c.Closed, c.LookedAfterOn.Value, 12)).Select(c => c.PersonId).Distinct().LongCount(),
                rows => rows.Where(c => c.LookedAfterOn != null && CalendarMonths.Within(c.Closed, c.LookedAfterOn.Value, 24)).Select(c => c.PersonId).Distinct().LongCount());
        var closedChildren = after[0];
        var afterRows = new List<IReadOnlyList<object?>>
        {
            new object?[] { "Children whose work closed in the period", closedChildren, null },
            new object?[] { "Re-referred within 12 months of closure", after[1], ReportMath.Percent(after[1], closedChildren) },
        };
        var labels = new[] { "Child protection plan", "Became looked after" };
        var months = new[] { 6, 12, 24 };
        for (var k = 0; k < labels.Length; k++)
        {
            for (var m = 0; m < months.Length; m++)
            {
                var n = after[2 + k * months.Length + m];
                afterRows.Add([$"{labels[k]} within {months[m]} months of closure", n, ReportMath.Percent(n, closedChildren)]);
            }
        }

        // Families by how many episodes they had before this one; sustained = closed successfully, no referral within 12 months.
        var byEarlier = await scope.OfWorker(episodes.Where(e => e.ClosedOn != null && e.ClosedOn >= from && e.ClosedOn <= to), filter.Period)
            .Select(e => new FamilyClosure
            {
                Earlier = episodes.Count(o => o.FamilyId == e.FamilyId && o.OpenedOn < e.OpenedOn),
                Sustained = e.ClosureReason != null && Successful.Contains(e.ClosureReason.Value)
                    && !db.Set<Referral>().Any(r => r.FamilyId == e.FamilyId && r.ReceivedOn > e.ClosedOn && r.ReceivedOn <= e.ClosedOn!.Value.AddMonths(12)
                        && CalendarMonths.Within(e.ClosedOn!.Value, r.ReceivedOn, 12)),
            })
            // Math.Min, not a conditional, so that the count of earlier episodes is computed once.
            .FiguresByAsync(f => Math.Min(f.Earlier, 2), ct, rows => rows.LongCount(), rows => rows.LongCount(f => f.Sustained));
        var interventions = new[] { "First intervention", "Second intervention", "Third or more" }.Select((label, earlier) =>
        {
            var f = byEarlier.GetValueOrDefault(earlier) ?? new long[2];
            return (IReadOnlyList<object?>)[label, f[0], f[1], ReportMath.Percent(f[1], f[0])];
        }).ToList();

        return
        [
            new ReportTable("worked-with", "Children and families worked with",
                [new("measure", "Measure", ColumnKind.Text), new("count", "Number", ColumnKind.Count), new("share_pct", "Share of children worked with %", ColumnKind.Percent)],
                [
                    ["Children worked with", childrenWorked, null],
                    ["Families worked with", familiesWorked, null],
                    ["Children whose work closed successfully or stepped down", childrenSucceeded, ReportMath.Percent(childrenSucceeded, childrenWorked)],
                ]),
            new ReportTable("after-closure", "After closure", [new("measure", "Measure", ColumnKind.Text), new("count", "Children", ColumnKind.Count), new("share_pct", "Share of children closed %", ColumnKind.Percent)], afterRows),
            new ReportTable("interventions", "Sustained success by number of earlier interventions",
                [new("intervention", "Intervention", ColumnKind.Text), new("families", "Families closed", ColumnKind.Count), new("sustained", "Sustained", ColumnKind.Count), new("sustained_pct", "Sustained %", ColumnKind.Percent)],
                interventions),
        ];
    }

    private sealed class WorkedChild
    {
        public Guid PersonId { get; init; }
        public bool Succeeded { get; init; }
    }

    private sealed class ClosedChild
    {
        public Guid PersonId { get; init; }
        public DateOnly Closed { get; init; }
        public DateOnly? ReferredOn { get; init; }
        public DateOnly? ReReferralOn { get; init; }
        public DateOnly? ProtectedOn { get; init; }
        public DateOnly? LookedAfterOn { get; init; }
    }

    private sealed class FamilyClosure
    {
        public int Earlier { get; init; }
        public bool Sustained { get; init; }
    }
}
