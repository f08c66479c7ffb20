using Hearth.Web.Infrastructure;
using Hearth.Core.Data;
using Hearth.Core.Results;
using Hearth.Core.Security;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Results;

/// <summary>Identification: the families and not-yet-known households eligible on a date, with the evidence; attach from here.</summary>
[RequirePermission(Permission.ViewResults)]
[RequirePermission(Permission.ViewFamilies)]
public sealed class IndexModel(ResultsService results, TimeProvider time) : ResultsPageModel(time)
{
    public IReadOnlyList<IdentifiedFamily> Found { get; private set; } = [];
    public DateOnly OnDate { get; private set; }
    public bool CanManage => Actor.Has(Permission.ManageClaims);
    [BindProperty(SupportsGet = true)] public string? Attached { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        OnDate = Date();
        Found = await results.IdentifyAsync(Actor, FrameworkCode, OnDate, ct);
    }

    public async Task<IActionResult> OnPostAsync(Guid familyId, CancellationToken ct)
    {
        OnDate = Date();
        string? name = null;
        return await SaveAsync(async () =>
        {
            await results.AttachAsync(Actor, familyId, FrameworkCode, OnDate, ct);
            name = Found.FirstOrDefault(f => f.FamilyId == familyId)?.Name;
            Found = await results.IdentifyAsync(Actor, FrameworkCode, OnDate, ct);
        }, () => RedirectToPage(RouteValues(new { Attached = Found.FirstOrDefault(f => f.FamilyId == familyId)?.Name ?? name ?? "The family" })), nameof(On),
            async () => Found = await results.IdentifyAsync(Actor, FrameworkCode, OnDate, ct), mapError: x => x.Field == "AttachedOn" ? x with { Field = nameof(On) } : x);
    }
}
