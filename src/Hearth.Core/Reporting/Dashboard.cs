using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Reporting;

/// <summary>One headline figure on a home page, with its trend and the report behind it.</summary>
public sealed record Headline(string Title, string Value, string? Trend, string Href);

/// <summary>A worker's place in the team's capacity, for a manager's home page.</summary>
public sealed record WorkerCapacity(string Worker, string Team, long Intensive, long Maximum);

public sealed record ManagerDashboard(IReadOnlyList<Headline> Headlines, IReadOnlyList<WorkerCapacity> Capacity, IReadOnlyList<FollowUpDue> FollowUpsDue);

/// <summary>
/// Home-page headlines, taken from the reports themselves so a dashboard never disagrees with the report it links to:
/// the current quarter against the same quarter a year earlier, and the financial year to date.
/// </summary>
public sealed class Dashboard(ReportService reports, EpisodeService episodes, HearthDbContext db)
{
    public async Task<IReadOnlyList<Headline>> ServiceHeadlinesAsync(ActorContext actor, CancellationToken ct = default)
    {
        var today = db.Today();
        var year = ReportPeriod.FinancialYearOf(today);
        var quarterNumber = (today.Month + 8) % 12 / 3 + 1;
        var quarter = ReportPeriod.Quarter(year, quarterNumber);
        var yearToDate = new ReportPeriod(ReportPeriod.FinancialYear(year).From, today);
        var q = $"period={Uri.EscapeDataString(ReportPeriod.FinancialYearLabel(year) + " Q" + quarterNumber)}";

        var activity = await reports.RunAsync(actor, "cin-activity", new ReportFilter(quarter), ct);
        var referrals = activity.Tables[0].Rows[0];
        var closures = activity.Tables[1].Rows[^1];
        var outcomes = await reports.RunAsync(actor, "outcomes", new ReportFilter(yearToDate), ct);
        var capacity = await reports.RunAsync(actor, "capacity", new ReportFilter(new ReportPeriod(today, today)), ct);
        var waitingNow = capacity.Tables[1].Rows[^1][1];
        var ytd = $"from={yearToDate.From:yyyy-MM-dd}&to={yearToDate.To:yyyy-MM-dd}";
        return
        [
            new Headline("Referrals this quarter", Count(referrals[1]), Change(referrals[3], "on the same quarter last year"), $"/reports/cin-activity?{q}"),
            new Headline("Closures this quarter", Count(closures[1]), Change(closures[4], "on the same quarter last year"), $"/reports/cin-activity?{q}"),
            new Headline("Children worked with this year", Count(outcomes.Tables[0].Rows[0][1]), $"in {Count(outcomes.Tables[0].Rows[1][1])} families", $"/reports/outcomes?{ytd}"),
            new Headline("Closed successfully or stepped down", Percent(outcomes.Tables[0].Rows[2][2]), "of children worked with this year", $"/reports/outcomes?{ytd}"),
            new Headline("Re-referred within 12 months", Percent(outcomes.Tables[1].Rows[1][2]), "of children whose work closed this year", $"/reports/outcomes?{ytd}"),
            new Headline("Waiting now", Count(waitingNow), "families on waiting lists", $"/reports/capacity?{ytd}"),
        ];
    }

    public async Task<ManagerDashboard> ManagerAsync(ActorContext actor, CancellationToken ct = default)
    {
        var today = db.Today();
        var headlines = await ServiceHeadlinesAsync(actor, ct);
        var capacity = await reports.RunAsync(actor, "capacity", new ReportFilter(new ReportPeriod(today, today)), ct);
        var workers = capacity.Tables[0].Rows.Select(r => new WorkerCapacity((string)r[0]!, (string)r[1]!, (long)r[5]!, (long)r[3]!)).ToList();
        var due = new List<FollowUpDue>();
        foreach (var team in actor.TeamIds)
        {
            due.AddRange(await episodes.FollowUpsDueAsync(actor, team, today, ct));
        }
        return new ManagerDashboard(headlines, workers, due.OrderBy(d => d.DueOn).ToList());
    }

    private static string Count(object? cell) => cell is long n ? n.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-GB")) : "n/a";

    private static string Percent(object? cell) => cell is double d ? d.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "n/a";

    private static string? Change(object? cell, string against) => cell is double d
        ? $"{(d >= 0 ? "up" : "down")} {Math.Abs(d).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)}% {against}"
        : null;
}
