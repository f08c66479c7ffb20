using Hearth.Core.Data;
using Hearth.Core.Casework;
using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Reporting;

/// <summary>One headline figure on a home page, with its trend and the report behind it.</summary>
public sealed record Headline(string Title, string Value, string? Trend, ReportLink Report);

/// <summary>
/// The report behind a figure and the period it was counted over: <paramref name="PeriodName"/> is the period's name
/// ("2026-27 Q3") when it has one. The web and the CLI turn it into a link or a command.
/// </summary>
public sealed record ReportLink(string Report, ReportPeriod Period, string? PeriodName = null);

/// <summary>
/// A worker's caseload against their capacity (<see cref="Caseloads"/>), with their team's name, for a manager's home
/// page. Over their maximum, <paramref name="ToHandOver"/> is their latest intensive allocation (episode, allocation):
/// the case a manager would most likely hand to someone with room.
/// </summary>
public sealed record WorkerCapacity(WorkerLoad Load, string Team, (Guid EpisodeId, Guid AllocationId)? ToHandOver = null);

/// <summary>
/// One team's queue and work due, for a manager's home page: families waiting and the longest wait; items overdue and
/// due within <see cref="DueList.Window"/> days; and its workers' free intensive places, which families waiting could take.
/// </summary>
public sealed record TeamWork(Guid TeamId, string Team, int Waiting, int? LongestWaitDays, int Overdue, int DueSoon, int FreePlaces = 0);

/// <summary>
/// A manager's week: headlines, every worker's caseload against capacity, each team's queue and work due, and the
/// workers holding more intensive cases than their maximum (<see cref="OverCapacity"/>), whose cases need rebalancing.
/// </summary>
public sealed record ManagerDashboard(IReadOnlyList<Headline> Headlines, IReadOnlyList<WorkerCapacity> Capacity, IReadOnlyList<TeamWork> Teams)
{
    public IReadOnlyList<WorkerCapacity> OverCapacity => Capacity.Where(w => w.Load.OverCapacity).ToList();
}

/// <summary>
/// Home-page headlines, taken from the reports themselves so a dashboard never disagrees with the report it links to:
/// the current quarter against the same quarter a year earlier, and the financial year to date.
/// </summary>
public sealed class Dashboard(ReportService reports, WaitingListService waitingLists, DueList due, AllocationService allocations, HearthDbContext db)
{
    public async Task<IReadOnlyList<Headline>> ServiceHeadlinesAsync(ActorContext actor, CancellationToken ct = default) =>
        await HeadlinesAsync(actor, ct);

    private async Task<IReadOnlyList<Headline>> HeadlinesAsync(ActorContext actor, CancellationToken ct)
    {
        var today = db.Today();
        var year = ReportPeriod.FinancialYearOf(today);
        var quarterNumber = (today.Month + 8) % 12 / 3 + 1;
        var quarter = ReportPeriod.Quarter(year, quarterNumber);
        var yearToDate = new ReportPeriod(ReportPeriod.FinancialYear(year).From, today);
        var quarterName = $"{ReportPeriod.FinancialYearLabel(year)} Q{quarterNumber}";

        // Every figure is read by table, row label and column key, never by position.
        var activity = await reports.RunAsync(actor, "cin-activity", new ReportFilter(quarter), ct);
        var quarters = Table(activity, "quarters");
        var closures = Table(activity, "closures");
        var funnel = Table(await reports.RunAsync(actor, "funnel", new ReportFilter(quarter), ct), "funnel");
        var workedWith = Table(await reports.RunAsync(actor, "outcomes", new ReportFilter(yearToDate), ct), "worked-with");
        // Re-referral within 12 months is known only once the 12 months are over: the closures of 12 to 24 months ago.
        var settled = new ReportPeriod(today.AddMonths(-24).AddDays(1), today.AddMonths(-12));
        var afterClosure = Table(await reports.RunAsync(actor, "outcomes", new ReportFilter(settled), ct), "after-closure");
        var capacity = await reports.RunAsync(actor, "capacity", new ReportFilter(new ReportPeriod(today, today)), ct);
        // The waiting table is a row per month end: its last row is now.
        var waitingNow = Column(Table(capacity, "waiting"), "waiting").LastOrDefault();
        var time = Table(await reports.RunAsync(actor, "time-use", new ReportFilter(yearToDate), ct), "workers");
        var cost = Table(await reports.RunAsync(actor, "cost", new ReportFilter(yearToDate), ct), "cost");

        var referred = Sum(funnel, "referrals");
        var accepted = Sum(funnel, "accepted");
        var withFamilies = SumNumber(time, "families");
        var allHours = withFamilies + SumNumber(time, "other");
        // Council-wide cost per family is the whole budget over every family, not an average of services' figures;
        // unknown when any service in scope has no budget for the year.
        var budgets = Column(cost, "budget").ToList();
        var families = Sum(cost, "families");
        string costPerFamily = budgets.Count > 0 && budgets.All(b => b is decimal) && families > 0
            ? Money(budgets.Sum(b => (decimal)b!) / families)
            : "n/a";
        return
        [
            new Headline("Referrals this quarter", Count(Cell(quarters, CinActivityReport.WholePeriod, "referrals")),
                Change(Cell(quarters, CinActivityReport.WholePeriod, "change_pct"), "on the same quarter last year"), new ReportLink("cin-activity", quarter, quarterName)),
            new Headline("Closures this quarter", Count(Cell(closures, CinActivityReport.AllClosures, "closures")),
                Change(Cell(closures, CinActivityReport.AllClosures, "change_pct"), "on the same quarter last year"), new ReportLink("cin-activity", quarter, quarterName)),
            new Headline("Accepted to intensive support this quarter", Count(accepted), referred > 0 ? $"{Percent(ReportMath.Percent(accepted, referred))} of {Count(referred)} referrals" : null,
                new ReportLink("funnel", quarter, quarterName)),
            new Headline("Children worked with this year", Count(Cell(workedWith, OutcomesReport.ChildrenWorkedWith, "count")),
                $"in {Count(Cell(workedWith, OutcomesReport.FamiliesWorkedWith, "count"))} families", new ReportLink("outcomes", yearToDate)),
            new Headline("Closed successfully or stepped down", Percent(Cell(workedWith, OutcomesReport.ChildrenSucceeded, "share_pct")), "of children worked with this year",
                new ReportLink("outcomes", yearToDate)),
            new Headline("Re-referred within 12 months", Percent(Cell(afterClosure, OutcomesReport.ReReferredWithin12Months, "share_pct")), "of children whose work closed 12 to 24 months ago",
                new ReportLink("outcomes", settled)),
            new Headline("Waiting now", Count(waitingNow), "families on waiting lists", new ReportLink("capacity", yearToDate)),
            new Headline("Time with families", allHours > 0 ? Percent(Math.Round(100 * withFamilies / allHours, 1, MidpointRounding.AwayFromZero)) : "n/a",
                "of workers' recorded hours this year", new ReportLink("time-use", yearToDate)),
            new Headline("Cost per family this year", costPerFamily, "budget to date over families worked with", new ReportLink("cost", yearToDate)),
        ];
    }

    public async Task<ManagerDashboard> ManagerAsync(ActorContext actor, CancellationToken ct = default)
    {
        var today = db.Today();
        var headlines = await HeadlinesAsync(actor, ct);
        var teams = await db.Set<Team>().AsNoTracking().Where(t => actor.TeamIds.Contains(t.Id)).OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct);
        var names = teams.ToDictionary(t => t.Id, t => t.Name);
        var workers = (await allocations.LoadsAsync(actor, names.Keys, ct))
            .Select(l => new WorkerCapacity(l, names[l.TeamId])).OrderBy(w => w.Team, StringComparer.Ordinal).ThenBy(w => w.Load.Name, StringComparer.Ordinal).ToList();
        var over = workers.Where(w => w.Load.OverCapacity).Select(w => w.Load.WorkerId).ToList();
        var latest = (await Caseloads.Held(db).Where(a => over.Contains(a.WorkerId) && a.Episode!.IsIntensive)
                .Select(a => new { a.WorkerId, a.EpisodeId, a.Id, a.From }).ToListAsync(ct))
            .GroupBy(a => a.WorkerId).ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.From).ThenByDescending(a => a.Id).First());
        workers = workers.Select(w => latest.TryGetValue(w.Load.WorkerId, out var a) ? w with { ToHandOver = (a.EpisodeId, a.Id) } : w).ToList();
        var work = new List<TeamWork>();
        foreach (var team in teams)
        {
            var waiting = await waitingLists.WaitingListAsync(actor, team.Id, today, ct);
            var items = await due.ForTeamAsync(actor, team.Id, today, ct);
            work.Add(new TeamWork(team.Id, team.Name, waiting.Count, waiting.Count == 0 ? null : waiting.Max(w => w.DaysWaited),
                items.Count(i => i.DaysOverdue > 0), items.Count(i => i.DaysOverdue == 0 && i.DueOn is { } d && d >= today),
                workers.Where(w => w.Load.TeamId == team.Id).Sum(w => w.Load.FreeCapacity)));
        }
        return new ManagerDashboard(headlines, workers, work);
    }

    private static ReportTable Table(ReportResult result, string key) => result.Tables.Single(t => t.Key == key);

    private static int IndexOf(ReportTable table, string key)
    {
        var index = table.Columns.Select(c => c.Key).ToList().IndexOf(key);
        return index < 0 ? throw new InvalidOperationException($"Report table {table.Key} has no column {key}.") : index;
    }

    private static IEnumerable<object?> Column(ReportTable table, string key)
    {
        var index = IndexOf(table, key);
        return table.Rows.Select(r => r[index]);
    }

    /// <summary>The cell in the row whose first column (its label) is <paramref name="row"/>, in the column keyed <paramref name="column"/>.</summary>
    private static object? Cell(ReportTable table, string row, string column)
    {
        var index = IndexOf(table, column);
        var found = table.Rows.SingleOrDefault(r => r.Count > 0 && Equals(r[0], row))
            ?? throw new InvalidOperationException($"Report table {table.Key} has no row {row}.");
        return found[index];
    }

    private static long Sum(ReportTable table, string key) => Column(table, key).Sum(c => c is long n ? n : 0);

    private static double SumNumber(ReportTable table, string key) => Column(table, key).Sum(c => c switch { double d => d, decimal m => (double)m, long n => n, _ => 0 });

    private static string Money(decimal amount) => "£" + Math.Round(amount, 0, MidpointRounding.AwayFromZero).ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));

    private static string Count(object? cell) => cell is long n ? n.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-GB")) : "n/a";

    private static string Percent(object? cell) => cell is double d ? d.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "n/a";

    private static string? Change(object? cell, string against) => cell is double d
        ? $"{(d >= 0 ? "up" : "down")} {Math.Abs(d).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}% {against}"
        : null;
}
