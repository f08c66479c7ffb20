using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Episodes;

/// <summary>Closes an episode with the programme's reason and destination (mapped to the DfE ReasonForClosure code) and the unmet need flag.</summary>
[RequirePermission(Permission.ManageCases)]
public sealed class CloseModel(EpisodeService episodes, TimeProvider time, IStringLocalizer<SharedResource> t) : HearthPageModel
{
    [BindProperty] public string? ClosureReason { get; set; }
    [BindProperty] public string? ClosureDestination { get; set; }
    [BindProperty] public DateParts ClosedOn { get; set; } = new();
    [BindProperty] public string? UnmetNeed { get; set; }
    [BindProperty] public int Version { get; set; }

    public EpisodeView View { get; private set; } = null!;
    public IReadOnlyList<Choice> Reasons => View.Programme.ClosureReasons
        .Select(r => new Choice(r.ToString(), t[CodeLabels.Of(r)], t["DfE code {0}", ClosureCodes.ToDfeReasonForClosure(r, ClosedAfterAssessmentOnly)])).ToList();
    public IReadOnlyList<Choice> Destinations => View.Programme.Destinations.Select(d => new Choice(d.ToString(), t[CodeLabels.Of(d)])).ToList();
    public IReadOnlyList<Choice> YesNo => [new("yes", t["Yes"]), new("no", t["No"])];

    // The DfE code differs when no phase after the assessment has started (see ClosureCodes); the hints show the code that will be recorded.
    private bool ClosedAfterAssessmentOnly => View.Programme.AssessmentPhase is { } a && View.Programme.IndexOf(View.Episode.CurrentPhase) <= View.Programme.IndexOf(a.Key);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        View = await episodes.ViewAsync(Actor, id, ct);
        Version = View.Episode.Version;
        ClosedOn = DateParts.Of(UkToday(time));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        View = await episodes.ViewAsync(Actor, id, ct);
        var on = ClosedOn.Value;
        if (on is null)
        {
            Errors.Add(new FieldError(nameof(ClosedOn), t["Enter the date the episode closed as a real date, for example 27 3 2026"]));
        }
        if (UnmetNeed is not ("yes" or "no"))
        {
            Errors.Add(new FieldError(nameof(UnmetNeed), t["Say whether unmet need remains"]));
        }
        var input = new ClosureInput(on ?? UkToday(time), Enum.TryParse<ClosureReason>(ClosureReason, out var r) ? r : null,
            Enum.TryParse<ClosureDestination>(ClosureDestination, out var d) ? d : null, UnmetNeed == "yes");
        if (Errors.Count > 0)
        {
            // Core will not be asked, so name the missing choices here too: every problem shows at once.
            if (input.Reason is null)
            {
                Errors.Add(new FieldError(nameof(ClosureReason), t["Choose why the episode is closing"]));
            }
            if (input.Destination is null)
            {
                Errors.Add(new FieldError(nameof(ClosureDestination), t["Choose where the family goes on closure"]));
            }
        }
        return await SaveAsync(() => episodes.CloseAsync(Actor, id, Version, input, ct), () => RedirectToPage("/Episodes/Show", new { id, saved = "closure" }), nameof(ClosureReason), () =>
        {
            Rename("Episode", nameof(ClosureReason));
            return Task.CompletedTask;
        });
    }
}
