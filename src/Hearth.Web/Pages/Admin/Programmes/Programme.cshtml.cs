using Hearth.Core.Security;
using Hearth.Core;
using Hearth.Core.Data;
using Hearth.Core.Programmes;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Admin.Programmes;

/// <summary>One programme's versions, one version in full with what it changed from the one before, and its draft.</summary>
[RequirePermission(Permission.Administer)]
public sealed class ProgrammeModel(ProgrammeService programmes, ProgrammeEditor editor, TimeProvider time, IStringLocalizer<SharedResource> t) : HearthPageModel
{
    [BindProperty(SupportsGet = true)] public int? Version { get; set; }
    [BindProperty(SupportsGet = true)] public bool Published { get; set; }

    public IReadOnlyList<ProgrammeVersion> History { get; private set; } = [];
    public ProgrammeVersion Shown { get; private set; } = null!;
    public int? InEffectNumber { get; private set; }
    public IReadOnlyList<ProgrammeChange> ChangesFromPrevious { get; private set; } = [];
    public ProgrammeDraft? Draft { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        History = await programmes.HistoryAsync(code, ct);
        if (History.Count == 0)
        {
            return NotFound();
        }
        var today = time.TodayInUk();
        InEffectNumber = History.Where(v => v.EffectiveFrom <= today).MaxBy(v => v.Number)?.Number;
        var shown = History.FirstOrDefault(v => v.Number == (Version ?? InEffectNumber ?? History[^1].Number));
        if (shown is null)
        {
            return NotFound();
        }
        Shown = shown;
        if (History.FirstOrDefault(v => v.Number == shown.Number - 1) is { } previous)
        {
            ChangesFromPrevious = ProgrammeChanges.Compare(previous.Name, previous.Definition, shown.Name, shown.Definition, e => ProgrammeDraftPageModel.Label(t, e));
        }
        Draft = await editor.DraftAsync(Actor, code, ct);
        return Page();
    }

    /// <summary>Starts a draft of the next version from the latest one, or goes back to the draft already started.</summary>
    public async Task<IActionResult> OnPostDraftAsync(string code, CancellationToken ct)
    {
        try
        {
            var draft = await editor.StartDraftAsync(Actor, code, ct);
            return RedirectToPage("/Admin/Programmes/Draft", new { code = draft.Code });
        }
        catch (ValidationFailedException)
        {
            return NotFound();
        }
    }

    public string Status(ProgrammeVersion v) =>
        v.Number == InEffectNumber ? t["In effect"] : v.Number > (InEffectNumber ?? 0) ? t["Takes effect later"] : t["Earlier version"];
}
