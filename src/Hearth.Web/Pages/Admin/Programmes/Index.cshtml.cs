using Hearth.Core.Security;
using Hearth.Core.Programmes;
using Hearth.Web.Infrastructure;

namespace Hearth.Web.Pages.Admin.Programmes;

/// <summary>Every programme, the version in effect today, the latest (which may take effect later) and any draft.</summary>
[RequirePermission(Permission.Administer)]
public sealed class IndexModel(ProgrammeService programmes) : HearthPageModel
{
    public IReadOnlyList<ProgrammeSummary> Programmes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Programmes = await programmes.ListAsync(ct);
}
