using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Core.Programmes;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Admin.Programmes;

/// <summary>The draft's name, booster sessions and reopen window.</summary>
[RequirePermission(Permission.Administer)]
public sealed class SettingsModel(ProgrammeEditor editor) : ProgrammeDraftPageModel(editor)
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? MaxBoosterSessions { get; set; }
    [BindProperty] public string? ReopenWindowDays { get; set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (!await LoadDraftAsync(code, keepPostedVersion: false, ct))
        {
            return NotFound();
        }
        (Name, MaxBoosterSessions, ReopenWindowDays) = (Draft.Name, N(Definition.MaxBoosterSessions), N(Definition.ReopenWindowDays));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        if (!await LoadDraftAsync(code, keepPostedVersion: true, ct))
        {
            return NotFound();
        }
        return await SaveAsync(() => Editor.SaveSettingsAsync(Actor, code, Version, new ProgrammeSettingsForm(Name, MaxBoosterSessions, ReopenWindowDays), ct), BackToDraft, nameof(Name));
    }

    private static string N(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
