using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Episodes;

/// <summary>Records the assessment decision (proceed or no further work) that guards every phase after the assessment.</summary>
[RequirePermission(Permission.RecordCasework)]
public sealed class DecisionModel(EpisodeService episodes, TimeProvider time, IStringLocalizer<SharedResource> t) : HearthPageModel
{
    [BindProperty] public string? Decision { get; set; }
    [BindProperty] public DateParts DecidedOn { get; set; } = new();
    [BindProperty] public int Version { get; set; }

    public EpisodeView View { get; private set; } = null!;
    public IReadOnlyList<Choice> Choices => Enum.GetValues<AssessmentDecision>().Select(d => new Choice(d.ToString(), t[CodeLabels.Of(d)])).ToList();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        View = await episodes.ViewAsync(Actor, id, ct);
        Version = View.Episode.Version;
        DecidedOn = DateParts.Of(UkToday(time));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        View = await episodes.ViewAsync(Actor, id, ct);
        var on = DecidedOn.Value;
        if (!Enum.TryParse<AssessmentDecision>(Decision, out var decision))
        {
            Errors.Add(new FieldError(nameof(Decision), t["Choose the assessment decision"]));
        }
        if (on is null)
        {
            Errors.Add(new FieldError(nameof(DecidedOn), t["Enter the date of the decision as a real date, for example 27 3 2026"]));
        }
        return await SaveAsync(() => episodes.RecordAssessmentDecisionAsync(Actor, id, Version, decision, on!.Value, ct), () => RedirectToPage("/Episodes/Show", new { id, saved = "decision" }), nameof(Decision));
    }
}
