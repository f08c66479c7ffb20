using Hearth.Core.Security;
using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Admin.Directory;

/// <summary>The directory of wider services practitioners refer families to; administrators add to it.</summary>
[RequirePermission(Permission.Administer)]
public sealed class IndexModel(ServiceReferralService referrals) : HearthPageModel
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Category { get; set; }
    [BindProperty] public string? Contact { get; set; }

    public IReadOnlyList<DirectoryService> Services { get; private set; } = [];
    public IReadOnlyList<Choice> CategoryChoices { get; } = ServiceReferralService.Categories.Select(c => new Choice(c, c)).ToList();
    public string? Added { get; private set; }

    public async Task OnGetAsync(string? added, CancellationToken ct)
    {
        Added = added;
        Services = await referrals.DirectoryAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        string? added = null;
        return await SaveAsync(async () => added = (await referrals.AddToDirectoryAsync(Actor, new DirectoryServiceInput(Name ?? "", Category ?? "", Contact), ct)).Name,
            () => RedirectToPage("/Admin/Directory/Index", new { added = added! }), nameof(Name), async () => Services = await referrals.DirectoryAsync(ct));
    }
}
