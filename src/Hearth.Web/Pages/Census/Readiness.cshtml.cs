using Hearth.Core.Returns.Census;
using Hearth.Web.Infrastructure;

namespace Hearth.Web.Pages.Census;

/// <summary>Every census issue in the records for the current collection year, across the council, by team.</summary>
public sealed class ReadinessModel(CensusExport census) : HearthPageModel
{
    public CensusReadiness Readiness { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Readiness = await census.ReadinessAsync(Actor, ct);

    /// <summary>
    /// Where an issue is fixed. Hearth has no single-family page yet, so this is the families list; when
    /// /families/{id} exists, return it here.
    /// </summary>
    public static string FamilyHref(Guid? familyId) => familyId is { } id ? $"/families/{id}" : "/families";
}
