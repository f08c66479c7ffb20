using Microsoft.AspNetCore.Mvc;
using Hearth.Core.Security;
using Hearth.Core.Returns.Census;
using Hearth.Web.Infrastructure;

namespace Hearth.Web.Pages.Census;

/// <summary>Every census issue in the records for the current collection year, across the council, by team.</summary>
[RequirePermission(Permission.ManageReturns)]
public sealed class ReadinessModel(CensusExport census) : HearthPageModel
{
    public CensusReadiness Readiness { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Readiness = await census.ReadinessAsync(Actor, ct);

    /// <summary>
    /// Where an issue is fixed: the family record, which shows each child's census issues and links to the person
    /// records and the statutory records (whose child page shows them again). A child with no family goes to the list.
    /// </summary>
    public string FamilyHref(Guid? familyId) => familyId is { } id ? Url.Page("/Families/Show", new { id })! : Url.Page("/Families/Index")!;
}
