using Hearth.Core;
using Hearth.Core.Casework;
using Hearth.Core.Episodes;
using Hearth.Core.Data;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Casework;

/// <summary>A manager reads the episode's complete assessment and authorises it, dated (a paper sign-off can be recorded later).</summary>
[RequirePermission(Permission.ManageCases)]
public sealed class AuthoriseModel(EpisodeService episodes, AssessmentService assessments, TimeProvider time, IStringLocalizer<SharedResource> t) : CaseworkPageModel
{
    [BindProperty] public DateParts AuthorisedOn { get; set; } = new();
    [BindProperty] public int Version { get; set; }

    public EpisodeSummary Summary { get; private set; } = null!;
    public Assessment? Current { get; private set; }

    public SummaryListModel Details => new(
    [
        new(t["Assessment"], t[Current!.AssessmentType]),
        new(t["Status"], t[AssessmentStates.Label(Current.State)]),
        new(t["Started"], Display.Date(Current.StartedOn)),
        new(t["Completed"], Display.Date(Current.CompletedOn)),
        new(t["Safety scale"], Current.SafetyScale?.ToString(WebSetup.Culture) ?? ""),
        new(t["What are we worried about?"], Current.Worries ?? ""),
        new(t["What is working well?"], Current.WorkingWell ?? ""),
        new(t["What needs to happen?"], Current.NeedsToHappen ?? ""),
    ]);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        AuthorisedOn = DateParts.Of(time.TodayInUk());
        Version = Current?.Version ?? 0;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        if (Current is null)
        {
            return NotFound();
        }
        if (AuthorisedOn.Value is null)
        {
            Errors.Add(new FieldError(nameof(AuthorisedOn), t["Enter the date you authorised the assessment as a real date, for example 27 3 2026"]));
            return Page();
        }
        return await SaveAsync(() => assessments.AuthoriseAssessmentAsync(Actor, Current.Id, Version, AuthorisedOn.Value!.Value, ct), () => RedirectToPage("/Casework/Episode", new { id }),
            nameof(AuthorisedOn),
            // The form has one field, so a refusal of the assessment's state is shown against it too.
            mapError: x => x with { Field = nameof(AuthorisedOn) });
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Summary = await episodes.SummaryAsync(Actor, id, ct);
        Current = (await assessments.AssessmentsAsync(Actor, id, ct)).LastOrDefault();
    }
}

public static class AssessmentStates
{
    public static string Label(AssessmentState state) => state switch
    {
        AssessmentState.Draft => "Draft",
        AssessmentState.Complete => "Complete, waiting for a manager's authorisation",
        _ => "Authorised",
    };
}
