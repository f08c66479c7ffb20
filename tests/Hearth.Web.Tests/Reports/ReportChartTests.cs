using Hearth.Web.Pages.Shared;

namespace Hearth.Web.Tests.Reports;

public sealed class ReportChartTests
{
    [Fact]
    public void A_long_label_wraps_onto_lines_beside_its_bar_instead_of_being_cut_short()
    {
        var chart = new BarChart("Funnel", [new Bar("Referred on to another service in the period", 100, "12"), new Bar("Accepted", 200, "24")]);

        var svg = chart.Svg();

        Assert.Equal(["Referred on to another", "service in the period"], BarChart.Wrap("Referred on to another service in the period", 28));
        Assert.Contains(">Referred on to another</tspan>", svg);
        Assert.Contains(">service in the period</tspan>", svg);
        Assert.DoesNotContain("…", svg);
        // Two lines for the first bar (28 + 17) and one for the second (28), and the margin.
        Assert.Contains("viewBox=\"0 0 640 83\"", svg);
    }
}
