using Hearth.Core.Security;
using Hearth.Core.Data;
using Hearth.Core.Programmes;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Admin.Programmes;

/// <summary>What the draft changes from the version it follows, and publishing it as a new version from a date.</summary>
[RequirePermission(Permission.Administer)]
public sealed class PreviewModel(ProgrammeEditor editor, IStringLocalizer<SharedResource> t) : ProgrammeDraftPageModel(editor)
{
    [BindProperty] public DateParts EffectiveFrom { get; set; } = new();

    public DraftPreview Preview { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct) =>
        await LoadAsync(code, keepPostedVersion: false, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        if (!await LoadAsync(code, keepPostedVersion: true, ct))
        {
            return NotFound();
        }
        if (!EffectiveFrom.IsEmpty && EffectiveFrom.Value is null)
        {
            Errors.Add(new FieldError(nameof(EffectiveFrom), t["The date the new version takes effect must be a real date, for example 1 4 2027"]));
            return Page();
        }
        int? published = null;
        return await SaveAsync(async () => published = (await Editor.PublishAsync(Actor, code, Version, EffectiveFrom.Value, ct)).Number,
            () => RedirectToPage("/Admin/Programmes/Programme", new { code, version = published, published = "true" }), "Draft",
            // Whole-programme problems have no field of their own on this page: they belong to the draft.
            mapError: x => x.Field == "Definition" ? x with { Field = "Draft" } : x);
    }

    private async Task<bool> LoadAsync(string code, bool keepPostedVersion, CancellationToken ct)
    {
        if (!await LoadDraftAsync(code, keepPostedVersion, ct) || await Editor.PreviewAsync(Actor, code, e => Label(t, e), ct) is not { } preview)
        {
            return false;
        }
        Preview = preview;
        return true;
    }
}
