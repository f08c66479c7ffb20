using Hearth.Core.Reporting;
using Hearth.Core.Tests.Support;

namespace Hearth.Core.Tests.Reporting;

/// <summary>The home-page headlines name their report and period as data; the web turns them into links.</summary>
public sealed class DashboardTests : JourneyTestBase
{
    [Fact]
    public async Task Each_headline_names_a_report_and_the_period_it_counted_over_not_a_url()
    {
        var (family, child) = await FamilyWithChildAsync("D-1");
        await RecordAsync(Referral(family, child.Id, Today.AddDays(-1)));
        var headlines = await InScope(s => Get<Dashboard>(s).ServiceHeadlinesAsync(Manager));
        var reports = await InScope(s => Task.FromResult(Get<ReportService>(s).All.Select(d => d.Name).ToHashSet()));

        Assert.All(headlines, h => Assert.Contains(h.Report.Report, reports));
        var quarter = ReportPeriod.Quarter(2026, 3);
        var referrals = headlines.Single(h => h.Title == "Referrals this quarter");
        Assert.Equal(new ReportLink("cin-activity", quarter, "2026-27 Q3"), referrals.Report);
        Assert.Equal("1", referrals.Value);
        Assert.Equal(new ReportLink("funnel", quarter, "2026-27 Q3"), headlines.Single(h => h.Title == "Accepted to intensive support this quarter").Report);
        Assert.Equal(new ReportLink("outcomes", new ReportPeriod(new DateOnly(2026, 4, 1), Today)), headlines.Single(h => h.Title == "Children worked with this year").Report);
        Assert.Equal(new ReportLink("outcomes", new ReportPeriod(new DateOnly(2024, 11, 3), new DateOnly(2025, 11, 2))), headlines.Single(h => h.Title == "Re-referred within 12 months").Report);
    }
}
