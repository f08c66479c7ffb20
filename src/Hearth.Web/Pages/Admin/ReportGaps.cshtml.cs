using Hearth.Core.Security;
using Hearth.Core.Reporting;
using Hearth.Web.Infrastructure;

namespace Hearth.Web.Pages.Admin;

/// <summary>The budgets and population figures not entered, each with a link to enter it.</summary>
[RequirePermission(Permission.Administer)]
public sealed class ReportGapsModel(ReportInputService inputs) : HearthPageModel
{
    public ReportInputGaps Gaps { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Gaps = await inputs.GapsAsync(Actor, ct);
}
