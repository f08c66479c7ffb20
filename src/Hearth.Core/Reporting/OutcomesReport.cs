using System.Linq.Expressions;
using Hearth.Core.Data;
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
    /// <summary>Row labels (the "measure" column) of the rows the dashboard reads.</summary>
    public const string ChildrenWorkedWith = "Children worked with", FamiliesWorkedWith = "Families worked with",
        ChildrenSucceeded = "Children whose work closed successfully or stepped down", ReReferredWithin12Months = "Re-referred within 12 months of closure";

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

        // Children of episodes that closed in the period, with the closure date, how far the episode's follow-ups have
        // checked, and the first re-referral, child protection plan and entry to care after it, whether a follow-up
        // recorded it or Hearth already held it (a referral received, a statutory plan): "within N months" holds for
        // some event exactly when it holds for the first, so each kind is one look-up per child, computed once
        // (Distinct keeps the columns in a subquery), and every after-closure figure comes from one query. Each
        // look-up is bounded by AddMonths first, a plain date comparison that narrows the rows before CalendarMonths
        // decides: it is PostgreSQL's exact bound and on SQLite, which rolls 31 August + 6 months over to 3 March, a
        // bound a few days later.
        var today = db.Today();
        var events = db.Set<OutcomeEvent>().AsNoTracking();
        var plans = db.Set<Statutory.ProtectionPlan>().AsNoTracking();
        var followUps = db.Set<FollowUp>().AsNoTracking();
        var after = await referralChildren
            .Join(scope.OfWorker(episodes.Where(e => e.ClosedOn != null && e.ClosedOn >= from && e.ClosedOn <= to), filter.Period), x => x.EpisodeId, e => e.Id, (x, e) => new { x.PersonId, e.Id, Closed = e.ClosedOn!.Value })
            .Select(c => new ClosedChild
            {
                PersonId = c.PersonId,
                Closed = c.Closed,
                // A check covers the time since closure, so the latest checked follow-up answers for every window up to it.
                CheckedMonths = followUps.Where(f => f.EpisodeId == c.Id && (f.Result == FollowUpResult.NoEvent || f.Result == FollowUpResult.Event)).Max(f => (int?)f.MonthsAfterClosure),
                ReferredOn = referralChildren.Where(r => r.PersonId == c.PersonId && r.ReceivedOn > c.Closed && r.ReceivedOn <= c.Closed.AddMonths(24)).Min(r => (DateOnly?)r.ReceivedOn),
                ReReferralOn = events.Where(o => o.PersonId == c.PersonId && o.Kind == OutcomeKind.ReReferral && o.OccurredOn > c.Closed && o.OccurredOn <= c.Closed.AddMonths(24)).Min(o => (DateOnly?)o.OccurredOn),
                ProtectedOn = events.Where(o => o.PersonId == c.PersonId && o.Kind == OutcomeKind.ChildProtectionPlan && o.OccurredOn >= c.Closed && o.OccurredOn <= c.Closed.AddMonths(24)).Min(o => (DateOnly?)o.OccurredOn),
                PlanOn = plans.Where(p => p.PersonId == c.PersonId && p.StartedOn >= c.Closed && p.StartedOn <= c.Closed.AddMonths(24)).Min(p => (DateOnly?)p.StartedOn),
                LookedAfterOn = events.Where(o => o.PersonId == c.PersonId && o.Kind == OutcomeKind.BecameLookedAfter && o.OccurredOn >= c.Closed && o.OccurredOn <= c.Closed.AddMonths(24)).Min(o => (DateOnly?)o.OccurredOn),
            })
            .Distinct()
            .FiguresAsync(ct, [
                rows => rows.Select(c => c.PersonId).Distinct().LongCount(),
                Children(All(Over(today, 12), c => c.ReferredOn != null && CalendarMonths.Within(c.Closed, c.ReferredOn.Value, 12)
                    || c.ReReferralOn != null && CalendarMonths.Within(c.Closed, c.ReReferralOn.Value, 12))),
                .. Windows.SelectMany(n => new[]
                {
                    Children(All(Over(today, n), c => c.ProtectedOn != null && CalendarMonths.Within(c.Closed, c.ProtectedOn.Value, n)
                        || c.PlanOn != null && CalendarMonths.Within(c.Closed, c.PlanOn.Value, n))),
                    Children(All(Over(today, n), c => c.LookedAfterOn != null && CalendarMonths.Within(c.Closed, c.LookedAfterOn.Value, n))),
                }),
                // Per window: eligible (the window is over by today), checked, had an event, checked with none, unknown.
                .. Windows.SelectMany(n => new[]
                {
                    Children(Over(today, n)),
                    Children(All(Over(today, n), c => c.CheckedMonths >= n)),
                    Children(All(Over(today, n), Event(n))),
                    Children(All(Over(today, n), c => c.CheckedMonths >= n, Not(Event(n)))),
                    Children(All(Over(today, n), c => c.CheckedMonths == null || c.CheckedMonths < n, Not(Event(n)))),
                }),
            ]);
        var closedChildren = after[0];
        var eligible = Windows.Select((_, w) => after[2 + Windows.Length * 2 + w * 5]).ToArray();
        var afterRows = new List<IReadOnlyList<object?>>
        {
            new object?[] { "Children whose work closed in the period", closedChildren, null },
            new object?[] { ReReferredWithin12Months, after[1], ReportMath.Percent(after[1], eligible[1]) },
        };
        var labels = new[] { "Child protection plan", "Became looked after" };
        for (var k = 0; k < labels.Length; k++)
        {
            for (var w = 0; w < Windows.Length; w++)
            {
                var n = after[2 + w * 2 + k];
                afterRows.Add([$"{labels[k]} within {Windows[w]} months of closure", n, ReportMath.Percent(n, eligible[w])]);
            }
        }
        var followUpRows = Windows.Select((months, w) =>
        {
            var f = after.Skip(2 + Windows.Length * 2 + w * 5).Take(5).ToArray();
            var (inWindow, looked, happened, clear, unknown) = (f[0], f[1], f[2], f[3], f[4]);
            // Shares of the children whose outcome is known; the unknown are counted, never taken for doing well.
            return (IReadOnlyList<object?>)[$"{months} months", inWindow, looked, happened, clear, unknown,
                ReportMath.Percent(happened, happened + clear), ReportMath.Percent(clear, happened + clear), ReportMath.Percent(unknown, inWindow)];
        }).ToList();

        // Families by how many episodes they had before this one; sustained = closed successfully, no referral within 12
        // months, and a follow-up at 12 months or later has checked; successful but not yet checked is unknown.
        var byEarlier = await scope.OfWorker(episodes.Where(e => e.ClosedOn != null && e.ClosedOn >= from && e.ClosedOn <= to), filter.Period)
            .Select(e => new FamilyClosure
            {
                Earlier = episodes.Count(o => o.FamilyId == e.FamilyId && o.OpenedOn < e.OpenedOn),
                Succeeded = e.ClosureReason != null && Successful.Contains(e.ClosureReason.Value),
                ReReferred = db.Set<Referral>().Any(r => r.FamilyId == e.FamilyId && r.ReceivedOn > e.ClosedOn && r.ReceivedOn <= e.ClosedOn!.Value.AddMonths(12)
                    && CalendarMonths.Within(e.ClosedOn!.Value, r.ReceivedOn, 12)),
                // Known only once the 12 months are over and a follow-up at 12 months or later has checked.
                Checked = !CalendarMonths.Within(e.ClosedOn!.Value, today, 12)
                    && followUps.Any(f => f.EpisodeId == e.Id && f.MonthsAfterClosure >= 12 && (f.Result == FollowUpResult.NoEvent || f.Result == FollowUpResult.Event)),
            })
            // Math.Min, not a conditional, so that the count of earlier episodes is computed once.
            .FiguresByAsync(f => Math.Min(f.Earlier, 2), ct, rows => rows.LongCount(), rows => rows.LongCount(f => f.Succeeded && !f.ReReferred && f.Checked),
                rows => rows.LongCount(f => f.Succeeded && !f.ReReferred && !f.Checked));
        var interventions = new[] { "First intervention", "Second intervention", "Third or more" }.Select((label, earlier) =>
        {
            var f = byEarlier.GetValueOrDefault(earlier) ?? new long[3];
            return (IReadOnlyList<object?>)[label, f[0], f[1], f[2], ReportMath.Percent(f[1], f[0] - f[2])];
        }).ToList();

        return
        [
            new ReportTable("worked-with", "Children and families worked with",
                [new("measure", "Measure", ColumnKind.Text), new("count", "Number", ColumnKind.Count), new("share_pct", "Share of children worked with %", ColumnKind.Percent)],
                [
                    [ChildrenWorkedWith, childrenWorked, null],
                    [FamiliesWorkedWith, familiesWorked, null],
                    [ChildrenSucceeded, childrenSucceeded, ReportMath.Percent(childrenSucceeded, childrenWorked)],
                ]),
            new ReportTable("after-closure", "After closure", [new("measure", "Measure", ColumnKind.Text), new("count", "Children", ColumnKind.Count), new("share_pct", "Share of children whose window is over %", ColumnKind.Percent)], afterRows,
                "Events Hearth holds: referrals received, outcomes recorded at follow-ups or on the episode, and statutory child protection plans. A child is counted in a window once it is over."),
            new ReportTable("follow-ups", "Follow-ups after closure by window",
                [new("window", "Window after closure", ColumnKind.Text), new("eligible", "Children whose window is over", ColumnKind.Count), new("checked", "Checked", ColumnKind.Count),
                    new("event", "Had an event", ColumnKind.Count), new("no_event", "Checked, no event", ColumnKind.Count), new("unknown", "Unknown (not checked)", ColumnKind.Count),
                    new("event_pct", "Had an event % of known", ColumnKind.Percent), new("no_event_pct", "No event % of known", ColumnKind.Percent), new("unknown_pct", "Unknown % of children whose window is over", ColumnKind.Percent)],
                followUpRows,
                "An event is a re-referral, a child protection plan or entry to care within the window, recorded at a follow-up or already held in Hearth. A child not checked and with no event known is unknown: never counted as no event."),
            new ReportTable("interventions", "Sustained success by number of earlier interventions",
                [new("intervention", "Intervention", ColumnKind.Text), new("families", "Families closed", ColumnKind.Count), new("sustained", "Sustained", ColumnKind.Count),
                    new("unknown", "Unknown (not yet checked at 12 months)", ColumnKind.Count), new("sustained_pct", "Sustained % of known", ColumnKind.Percent)],
                interventions,
                "Sustained: closed successfully, not re-referred within 12 months, and checked by a follow-up at 12 months or later."),
        ];
    }

    private sealed class WorkedChild
    {
        public Guid PersonId { get; init; }
        public bool Succeeded { get; init; }
    }

    private static readonly int[] Windows = [6, 12, 24];

    /// <summary>The child's N-month window after closure is over by today: the child is eligible for it.</summary>
    private static Expression<Func<ClosedChild, bool>> Over(DateOnly today, int n) => c => !CalendarMonths.Within(c.Closed, today, n);

    /// <summary>A re-referral, child protection plan or entry to care within N months of closure, from any source Hearth holds.</summary>
    private static Expression<Func<ClosedChild, bool>> Event(int n) => c =>
        c.ReferredOn != null && CalendarMonths.Within(c.Closed, c.ReferredOn.Value, n) || c.ReReferralOn != null && CalendarMonths.Within(c.Closed, c.ReReferralOn.Value, n)
        || c.ProtectedOn != null && CalendarMonths.Within(c.Closed, c.ProtectedOn.Value, n) || c.PlanOn != null && CalendarMonths.Within(c.Closed, c.PlanOn.Value, n)
        || c.LookedAfterOn != null && CalendarMonths.Within(c.Closed, c.LookedAfterOn.Value, n);

    private static Expression<Func<ClosedChild, bool>> Not(Expression<Func<ClosedChild, bool>> e) => Expression.Lambda<Func<ClosedChild, bool>>(Expression.Not(e.Body), e.Parameters);

    /// <summary>Every condition at once, on one row parameter.</summary>
    private static Expression<Func<ClosedChild, bool>> All(params Expression<Func<ClosedChild, bool>>[] conditions)
    {
        var c = conditions[0].Parameters[0];
        var body = conditions.Skip(1).Aggregate(conditions[0].Body, (acc, e) => Expression.AndAlso(acc, new Rename(e.Parameters[0], c).Visit(e.Body)));
        return Expression.Lambda<Func<ClosedChild, bool>>(body, c);
    }

    private sealed class Rename(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }

    /// <summary>The figure "children (once each) of the rows that match": rows.Where(match).Select(PersonId).Distinct().LongCount().</summary>
    private static Expression<Func<IEnumerable<ClosedChild>, long>> Children(Expression<Func<ClosedChild, bool>> match)
    {
        var rows = Expression.Parameter(typeof(IEnumerable<ClosedChild>), "rows");
        Expression<Func<ClosedChild, Guid>> person = c => c.PersonId;
        var matching = Expression.Call(typeof(Enumerable), nameof(Enumerable.Where), [typeof(ClosedChild)], rows, match);
        var people = Expression.Call(typeof(Enumerable), nameof(Enumerable.Select), [typeof(ClosedChild), typeof(Guid)], matching, person);
        var distinct = Expression.Call(typeof(Enumerable), nameof(Enumerable.Distinct), [typeof(Guid)], people);
        return Expression.Lambda<Func<IEnumerable<ClosedChild>, long>>(Expression.Call(typeof(Enumerable), nameof(Enumerable.LongCount), [typeof(Guid)], distinct), rows);
    }

    private sealed class ClosedChild
    {
        public Guid PersonId { get; init; }
        public DateOnly Closed { get; init; }
        /// <summary>The longest follow-up (in months after closure) that checked: null when none has.</summary>
        public int? CheckedMonths { get; init; }
        public DateOnly? ReferredOn { get; init; }
        public DateOnly? ReReferralOn { get; init; }
        public DateOnly? ProtectedOn { get; init; }
        /// <summary>The first statutory child protection plan after closure: an event with no second entry.</summary>
        public DateOnly? PlanOn { get; init; }
        public DateOnly? LookedAfterOn { get; init; }
    }

    private sealed class FamilyClosure
    {
        public int Earlier { get; init; }
        public bool Succeeded { get; init; }
        public bool ReReferred { get; init; }
        public bool Checked { get; init; }
    }
}
