using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Reporting;

/// <summary>
/// Cost per family, per child and per successful closure, from each service's budget (Newcastle's IFIT cost
/// £447,890 a year for 10 staff). A period that is not a whole financial year takes the budget in proportion to its
/// days in each financial year it covers.
/// </summary>
public sealed class CostReport : ReportDefinition
{
    private static readonly ClosureReason[] Successful = [ClosureReason.GoalsAchieved, ClosureReason.SteppedDownEarlyHelp, ClosureReason.SteppedDownUniversal];

    public override string Name => "cost";
    public override string Title => "Cost";
    public override string Description => "Each service's budget for the period against the families and children worked with and successful closures.";
    public override string Source => "Newcastle IFIT impact assessment (2023)";
    public override ReportChart Chart => new("cost", "service", ["per_family"]);

    public override async Task<IReadOnlyList<ReportTable>> QueryAsync(ReportScope scope, ReportFilter filter, CancellationToken ct)
    {
        var db = scope.Db;
        var period = filter.Period;
        var services = await db.Set<Service>().AsNoTracking().Where(s => s.Teams.Any(t => scope.TeamIds.Contains(t.Id))).OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        var firstYear = ReportPeriod.FinancialYearOf(period.From);
        var lastYear = ReportPeriod.FinancialYearOf(period.To);
        var budgets = await db.Set<ServiceBudget>().AsNoTracking().Where(b => b.FinancialYear >= firstYear && b.FinancialYear <= lastYear).ToListAsync(ct);
        // Every service's families, children and successful closures from two grouped queries.
        var episodes = scope.OfWorker(WorkedWith.Episodes(db, scope.TeamIds, period), period);
        var byService = await episodes.FiguresByAsync(e => e.ServiceId, ct,
            rows => rows.Select(e => e.FamilyId).Distinct().LongCount(),
            rows => rows.LongCount(e => e.ClosedOn != null && e.ClosedOn <= period.To && e.ClosureReason != null && Successful.Contains(e.ClosureReason.Value)));
        var childrenByService = await WorkedWith.ChildrenWithService(db, episodes)
            .FiguresByAsync(c => c.ServiceId, ct, rows => rows.Select(c => c.PersonId).Distinct().LongCount());
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var service in services)
        {
            var counts = byService.GetValueOrDefault(service.Id) ?? new long[2];
            var (families, successes) = (counts[0], counts[1]);
            var children = childrenByService.GetValueOrDefault(service.Id)?[0] ?? 0;
            decimal? budget = null;
            // A budget is the service's, not split between its workers, so one worker's cost is unknown, not a share.
            for (var year = firstYear; year <= lastYear && !scope.ByWorker; year++)
            {
                if (budgets.FirstOrDefault(b => b.ServiceId == service.Id && b.FinancialYear == year) is not { } b)
                {
                    // Any year without a budget makes the whole period's cost unknown rather than understated.
                    budget = null;
                    break;
                }
                var fy = ReportPeriod.FinancialYear(year);
                var from = fy.From > period.From ? fy.From : period.From;
                var to = fy.To < period.To ? fy.To : period.To;
                var share = (decimal)(to.DayNumber - from.DayNumber + 1) / (fy.To.DayNumber - fy.From.DayNumber + 1);
                budget = (budget ?? 0) + Math.Round(b.GrossExpenditure * share, 2, MidpointRounding.AwayFromZero);
            }
            decimal? Per(long n) => budget is { } m && n > 0 ? Math.Round(m / n, 2, MidpointRounding.AwayFromZero) : null;
            rows.Add([service.Name, budget, families, children, successes, Per(families), Per(children), Per(successes)]);
        }
        return
        [
            new ReportTable("cost", $"Cost, {period.Label}",
                [new("service", "Service", ColumnKind.Text), new("budget", "Budget for the period (£)", ColumnKind.Money), new("families", "Families worked with", ColumnKind.Count),
                 new("children", "Children worked with", ColumnKind.Count), new("successes", "Successful closures", ColumnKind.Count),
                 new("per_family", "Cost per family (£)", ColumnKind.Money), new("per_child", "Cost per child (£)", ColumnKind.Money), new("per_success", "Cost per successful closure (£)", ColumnKind.Money)],
                rows, scope.ByWorker
                    ? "For one worker: the families and children of episodes the worker was allocated to in the period. Cost is not available for one worker: a service's budget is not split between its workers."
                    : "A budget not entered for any financial year in the period shows as n/a."),
        ];
    }
}
