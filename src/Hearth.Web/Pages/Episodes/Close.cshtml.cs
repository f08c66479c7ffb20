using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Episodes;

/// <summary>
/// Closes an episode with the programme's reason and destination (mapped to the DfE ReasonForClosure code) and the unmet
/// need flag. The form continues to a check-answers step (GOV.UK pattern) whose Change links come back here with the
/// answers kept in the query; only the check step's button closes the episode.
/// </summary>
[RequirePermission(Permission.ManageCases)]
public sealed class CloseModel(EpisodeService episodes, TimeProvider time, IStringLocalizer<SharedResource> t) : HearthPageModel
{
    [BindProperty(SupportsGet = true)] public string? ClosureReason { get; set; }
    [BindProperty(SupportsGet = true)] public string? ClosureDestination { get; set; }
    [BindProperty(SupportsGet = true)] public DateParts ClosedOn { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? UnmetNeed { get; set; }
    [BindProperty(SupportsGet = true)] public int Version { get; set; }

    /// <summary>True on the check-answers step.</summary>
    public bool Checking { get; private set; }

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
        // A Change link from the check step brings the answers and the version they were checked against back.
        if (Version == 0)
        {
            Version = View.Episode.Version;
        }
        if (ClosedOn.IsEmpty)
        {
            ClosedOn = DateParts.Of(UkToday(time));
        }
        return Page();
    }

    /// <summary>The form's answers checked for completeness, then shown back for the manager to confirm; nothing is saved.</summary>
    public async Task<IActionResult> OnPostCheckAsync(Guid id, CancellationToken ct)
    {
        View = await episodes.ViewAsync(Actor, id, ct);
        if (ClosedOn.Value is null)
        {
            Errors.Add(new FieldError(nameof(ClosedOn), t["Enter the date the episode closed as a real date, for example 27 3 2026"]));
        }
        if (UnmetNeed is not ("yes" or "no"))
        {
            Errors.Add(new FieldError(nameof(UnmetNeed), t["Say whether unmet need remains"]));
        }
        if (!Enum.TryParse<ClosureReason>(ClosureReason, out _) || !View.Programme.ClosureReasons.Any(r => r.ToString() == ClosureReason))
        {
            Errors.Add(new FieldError(nameof(ClosureReason), t["Choose why the episode is closing"]));
        }
        if (!Enum.TryParse<ClosureDestination>(ClosureDestination, out _) || !View.Programme.Destinations.Any(d => d.ToString() == ClosureDestination))
        {
            Errors.Add(new FieldError(nameof(ClosureDestination), t["Choose where the family goes on closure"]));
        }
        Checking = Errors.Count == 0;
        return Page();
    }

    /// <summary>The check step's rows, each with a Change link to its question on the form.</summary>
    public IReadOnlyList<SummaryRow> CheckRows
    {
        get
        {
            var reason = Reasons.Single(r => r.Value == ClosureReason);
            return
            [
                new(t["Why the episode is closing"], $"{reason.Text} ({reason.Hint})", ChangeHref(nameof(ClosureReason)), t["why the episode is closing"]),
                new(t["Where the family goes"], Destinations.Single(d => d.Value == ClosureDestination).Text, ChangeHref(nameof(ClosureDestination)), t["where the family goes"]),
                new(t["Unmet need remains"], YesNo.Single(y => y.Value == UnmetNeed).Text, ChangeHref(nameof(UnmetNeed)), t["whether unmet need remains"]),
                new(t["Date closed"], ClosedOn.Value!.Value.ToString("d MMMM yyyy", WebSetup.Culture), ChangeHref(nameof(ClosedOn)), t["the date closed"]),
            ];
        }
    }

    /// <summary>The form with the answers kept, landing on <paramref name="field"/>'s question when one is given.</summary>
    public string ChangeHref(string? field)
    {
        var values = new RouteValueDictionary(ClosedOn.RouteValues(nameof(ClosedOn)))
        {
            ["id"] = View.Episode.Id, [nameof(ClosureReason)] = ClosureReason, [nameof(ClosureDestination)] = ClosureDestination,
            [nameof(UnmetNeed)] = UnmetNeed, [nameof(Version)] = Version,
        };
        // A date input's first box carries the field's id plus "-day".
        var fragment = field is null ? null : FieldId(field) + (field == nameof(ClosedOn) ? "-day" : "");
        return Url.Page("/Episodes/Close", null, values, null, null, fragment)!;
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
