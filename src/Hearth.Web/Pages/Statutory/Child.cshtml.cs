using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Core.Statutory;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Statutory;

/// <summary>One child's statutory record on one referral: primary need and factors (edited here), and the lists of plans and enquiries.</summary>
[RequirePermission(Permission.ViewFamilies)]
[RequirePermission(Permission.RecordCasework, ForChanges = true)]
public sealed class ChildModel(StatutoryService statutory) : StatutoryPageModel
{
    [BindProperty] public string? PrimaryNeedCode { get; set; }
    [BindProperty] public List<string> AssessmentFactors { get; set; } = [];
    [BindProperty] public int? Version { get; set; }

    public IReadOnlyList<Choice> NeedChoices { get; } =
        StatutoryService.PrimaryNeeds.Select(n => new Choice(n, $"{StatutoryCodes.PrimaryNeed[n]} ({n})")).ToList();

    public IReadOnlyList<Choice> FactorChoices { get; } =
        StatutoryService.Factors.Select(f => new Choice(f, $"{StatutoryCodes.Factor[f]} ({f})")).ToList();

    public async Task<IActionResult> OnGetAsync(Guid referral, Guid person, CancellationToken ct)
    {
        await LoadAsync(statutory, referral, person, ct);
        if (Child.Record is { } r)
        {
            (PrimaryNeedCode, AssessmentFactors, Version) = (r.PrimaryNeedCode, r.AssessmentFactors.ToList(), r.Version);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid referral, Guid person, CancellationToken ct)
    {
        await LoadAsync(statutory, referral, person, ct);
        return await SaveAsync(() => statutory.SetNeedAsync(Actor, referral, person, Version, new NeedInput(PrimaryNeedCode, AssessmentFactors), ct),
            () => ToChild(), nameof(PrimaryNeedCode));
    }
}
