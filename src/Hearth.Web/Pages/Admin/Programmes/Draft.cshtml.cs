using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Core.Programmes;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Admin.Programmes;

/// <summary>The draft of a programme's next version, each part linking to its edit page; from here it is previewed or discarded.</summary>
[RequirePermission(Permission.Administer)]
public sealed class DraftModel(ProgrammeEditor editor) : ProgrammeDraftPageModel(editor)
{
    [BindProperty(SupportsGet = true)] public bool Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct) =>
        await LoadDraftAsync(code, keepPostedVersion: false, ct) ? Page() : RedirectToPage("/Admin/Programmes/Programme", new { code });

    public async Task<IActionResult> OnPostDiscardAsync(string code, CancellationToken ct)
    {
        if (!await LoadDraftAsync(code, keepPostedVersion: true, ct))
        {
            return RedirectToPage("/Admin/Programmes/Programme", new { code });
        }
        return await SaveAsync(() => Editor.DiscardAsync(Actor, code, Version, ct), () => RedirectToPage("/Admin/Programmes/Programme", new { code }), "Draft");
    }
}
