using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Core.Results;

namespace Hearth.Web.Pages.Results;

/// <summary>The printable evidence pack of a batch, for auditors; each family's evidence read is audited.</summary>
[RequirePermission(Permission.ViewResults)]
[RequirePermission(Permission.ViewFamilies)]
public sealed class PackModel(ClaimService claims, TimeProvider time) : ResultsPageModel(time)
{
    public Guid Id { get; set; }
    public ClaimBatchView View { get; private set; } = null!;
    public IReadOnlyList<EvidencePackFamily> Pack { get; private set; } = [];

    public async Task OnGetAsync(Guid id, CancellationToken ct)
    {
        Id = id;
        View = await claims.BatchAsync(Actor, id, ct);
        Pack = await claims.EvidencePackAsync(Actor, id, ct);
    }
}
