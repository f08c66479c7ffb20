using Hearth.Core.Episodes;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;

namespace Hearth.Web.Pages.Caseload;

/// <summary>
/// Cases needing reallocation: open episodes of my teams that no worker holds, or that a worker who has left still
/// holds. Each links to the step that puts it right (allocate, or hand over).
/// </summary>
[RequirePermission(Permission.ManageCases)]
public sealed class ReallocationModel(AllocationService allocations) : HearthPageModel
{
    public IReadOnlyList<CaseNeedingReallocation> Cases { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Cases = await allocations.NeedingReallocationAsync(Actor, null, ct);
}
