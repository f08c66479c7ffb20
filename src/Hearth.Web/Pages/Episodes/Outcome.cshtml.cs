using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Episodes;

/// <summary>Records a dated outcome for a child of the episode: re-referred, child protection plan, became looked after, returned home.</summary>
[RequirePermission(Permission.RecordCasework)]
public sealed class OutcomeModel(EpisodeService episodes, IStringLocalizer<SharedResource> t) : HearthPageModel
{
    [BindProperty] public string? PersonId { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public DateParts OccurredOn { get; set; } = new();
    [BindProperty] public string? Note { get; set; }

    public EpisodeView View { get; private set; } = null!;
    public IReadOnlyList<Choice> Children => View.Children.Select(c => new Choice(c.PersonId.ToString(), c.Name)).ToList();
    public IReadOnlyList<Choice> Kinds => Enum.GetValues<OutcomeKind>().Select(k => new Choice(k.ToString(), t[CodeLabels.Of(k)])).ToList();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        View = await episodes.ViewAsync(Actor, id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        View = await episodes.ViewAsync(Actor, id, ct);
        var on = OccurredOn.Value;
        if (!Guid.TryParse(PersonId, out var person))
        {
            Errors.Add(new FieldError(nameof(PersonId), t["Choose the child"]));
        }
        if (!Enum.TryParse<OutcomeKind>(Kind, out var kind))
        {
            Errors.Add(new FieldError(nameof(Kind), t["Choose what happened"]));
        }
        if (on is null)
        {
            Errors.Add(new FieldError(nameof(OccurredOn), t["Enter the date it happened as a real date, for example 27 3 2026"]));
        }
        return await SaveAsync(() => episodes.RecordOutcomeAsync(Actor, new NewOutcomeEvent(person, id, kind, on!.Value, Note), ct), () => RedirectToPage("/Episodes/Show", new { id, saved = "outcome" }), nameof(Kind));
    }
}
