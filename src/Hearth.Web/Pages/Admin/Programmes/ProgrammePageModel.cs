using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Programmes;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Admin.Programmes;

/// <summary>
/// Base of the draft's edit pages: the draft of the programme in the route, the draft version the form read (posted
/// back, so a save over another administrator's edit is refused), and the Core refusals shown as field errors.
/// </summary>
public abstract class ProgrammeDraftPageModel(ProgrammeEditor editor) : HearthPageModel
{
    [BindProperty] public int Version { get; set; }

    public ProgrammeDraft Draft { get; private set; } = null!;
    public ProgrammeDefinition Definition { get; private set; } = null!;

    public string DraftHref => Url.Page("/Admin/Programmes/Draft", new { code = Draft.Code })!;

    protected ProgrammeEditor Editor => editor;

    /// <summary>Loads the draft; false when the programme has none (the page answers 404).</summary>
    protected async Task<bool> LoadDraftAsync(string code, bool keepPostedVersion, CancellationToken ct)
    {
        if (await editor.DraftAsync(Actor, code, ct) is not { } draft)
        {
            return false;
        }
        (Draft, Definition) = (draft, draft.Definition);
        if (!keepPostedVersion)
        {
            Version = draft.Version;
        }
        return true;
    }

    /// <summary>Back to the draft after an edit of it is saved.</summary>
    protected IActionResult BackToDraft() => RedirectToPage("/Admin/Programmes/Draft", new { code = Draft.Code, saved = "true" });

    public static string Label(IStringLocalizer t, Enum value) => value switch
    {
        ClosureReason r => t[CodeLabels.Of(r)],
        ClosureDestination d => t[CodeLabels.Of(d)],
        _ => value.ToString(),
    };
}

/// <summary>What the programme definition partial shows: with <paramref name="DraftCode"/>, each part links to its page in that programme's draft.</summary>
public sealed record ProgrammeDefinitionView(string Name, ProgrammeDefinition Definition, string? DraftCode = null);

public sealed record ProgrammeChangesView(string Caption, IReadOnlyList<ProgrammeChange> Changes);
