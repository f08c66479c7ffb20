using Hearth.Core.Security;
using Hearth.Core.Reporting;
using Hearth.Web.Infrastructure;

namespace Hearth.Web.Pages.Admin;

/// <summary>
/// The budgets and population figures not entered yet, each with a link to enter it. Not to be confused with the figures
/// a service did not record (Admin/FiguresNotRecorded), which are known to be unknown for good.
/// </summary>
[RequirePermission(Permission.Administer)]
public sealed class FiguresToEnterModel(ReportInputService inputs) : HearthPageModel
{
    public ReportInputGaps Gaps { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Gaps = await inputs.GapsAsync(Actor, ct);
}
