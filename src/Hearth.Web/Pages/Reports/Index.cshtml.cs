using Hearth.Core.Reporting;
using Hearth.Web.Infrastructure;

namespace Hearth.Web.Pages.Reports;

public sealed class IndexModel(ReportService reports) : HearthPageModel
{
    public IReadOnlyList<ReportDefinition> Reports => reports.All;

    public void OnGet()
    {
    }
}
