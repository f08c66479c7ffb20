using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Core.Programmes;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Admin.Programmes;

/// <summary>Adds an eligibility question to the draft, or changes or removes one.</summary>
[RequirePermission(Permission.Administer)]
public sealed class EligibilityModel(ProgrammeEditor editor) : ProgrammeDraftPageModel(editor)
{
    [BindProperty] public string? Key { get; set; }
    [BindProperty] public string? Question { get; set; }
    [BindProperty] public bool? RequiredYes { get; set; }

    public EligibilityQuestion? Current { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, string? entry, CancellationToken ct)
    {
        if (!await FindAsync(code, entry, keepPostedVersion: false, ct))
        {
            return NotFound();
        }
        (Key, Question, RequiredYes) = Current is { } q ? (q.Key, q.Question, q.RequiredYes) : (null, null, true);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, string? entry, CancellationToken ct)
    {
        if (!await FindAsync(code, entry, keepPostedVersion: true, ct))
        {
            return NotFound();
        }
        return await SaveAsync(() => Editor.SaveEligibilityAsync(Actor, code, Version, Current?.Key, new EligibilityForm(Key, Question, RequiredYes ?? true), ct), BackToDraft, "Question");
    }

    public async Task<IActionResult> OnPostRemoveAsync(string code, string entry, CancellationToken ct)
    {
        if (!await FindAsync(code, entry, keepPostedVersion: true, ct))
        {
            return NotFound();
        }
        return await SaveAsync(() => Editor.RemoveEligibilityAsync(Actor, code, Version, entry, ct), BackToDraft, "Question");
    }

    private async Task<bool> FindAsync(string code, string? key, bool keepPostedVersion, CancellationToken ct)
    {
        if (!await LoadDraftAsync(code, keepPostedVersion, ct))
        {
            return false;
        }
        Current = key is null ? null : Definition.Eligibility.FirstOrDefault(q => q.Key == key);
        return key is null || Current is not null;
    }
}
