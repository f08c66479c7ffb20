using Hearth.Core.Security;
using Hearth.Core.Reporting;
using Hearth.Web.Infrastructure;

namespace Hearth.Web.Pages.Reports;

[RequirePermission(Permission.ViewReports)]
public sealed class IndexModel(ReportService reports) : HearthPageModel
{
    public IReadOnlyList<ReportDefinition> Reports => reports.All;

    public void OnGet()
    {
    }
}
