using Hearth.Core.Security;
using Hearth.Core.Episodes;
using Hearth.Core.Programmes;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Admin.Programmes;

/// <summary>Chooses the reasons a worker may give when closing an episode of this programme.</summary>
[RequirePermission(Permission.Administer)]
public sealed class ClosureReasonsModel(ProgrammeEditor editor, IStringLocalizer<SharedResource> t) : ProgrammeDraftPageModel(editor)
{
    [BindProperty] public List<string> ClosureReasons { get; set; } = [];

    public IReadOnlyList<Choice> Choices { get; } = Enum.GetValues<ClosureReason>().Select(r => new Choice(r.ToString(), t[CodeLabels.Of(r)])).ToList();

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (!await LoadDraftAsync(code, keepPostedVersion: false, ct))
        {
            return NotFound();
        }
        ClosureReasons = Definition.ClosureReasons.Select(r => r.ToString()).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        if (!await LoadDraftAsync(code, keepPostedVersion: true, ct))
        {
            return NotFound();
        }
        return await SaveAsync(() => Editor.SaveClosureReasonsAsync(Actor, code, Version, ClosureReasons, ct), BackToDraft, nameof(ClosureReasons));
    }
}
