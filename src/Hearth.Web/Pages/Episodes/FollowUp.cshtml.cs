using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Episodes;

/// <summary>
/// Records what a follow-up (6, 12 or 24 months after closure) found: checked with no event, checked with an event
/// (saved as the child's outcome event in the same transaction), or could not check, which leaves the child unknown.
/// </summary>
[RequirePermission(Permission.RecordCasework)]
public sealed class FollowUpModel(EpisodeService episodes, TimeProvider time, IStringLocalizer<SharedResource> t) : HearthPageModel
{
    [BindProperty] public DateParts CheckedOn { get; set; } = new();
    [BindProperty] public string? Result { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? PersonId { get; set; }
    [BindProperty] public DateParts OccurredOn { get; set; } = new();
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public int Version { get; set; }

    public EpisodeView View { get; private set; } = null!;
    public FollowUp FollowUp { get; private set; } = null!;
    public IReadOnlyList<Choice> Results =>
    [
        new(nameof(FollowUpResult.NoEvent), t["Checked: no re-referral, child protection plan or entry to care since closure"]),
        new(nameof(FollowUpResult.Event), t["Checked: something happened since closure"]),
        new(nameof(FollowUpResult.CouldNotCheck), t["Could not check"]),
    ];
    public IReadOnlyList<Choice> Kinds => OutcomeKinds.AfterClosureEvents.Select(k => new Choice(k.ToString(), t[CodeLabels.Of(k)])).ToList();
    public IReadOnlyList<Choice> Children => View.Children.Select(c => new Choice(c.PersonId.ToString(), c.Name)).ToList();

    public async Task<IActionResult> OnGetAsync(Guid id, Guid followup, CancellationToken ct)
    {
        if (!await LoadAsync(id, followup, ct))
        {
            return NotFound();
        }
        Version = FollowUp.Version;
        CheckedOn = DateParts.Of(UkToday(time));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid followup, CancellationToken ct)
    {
        if (!await LoadAsync(id, followup, ct))
        {
            return NotFound();
        }
        var on = CheckedOn.Value;
        if (on is null)
        {
            Errors.Add(new FieldError(nameof(CheckedOn), t["Enter the date of the follow-up as a real date, for example 27 3 2026"]));
        }
        FollowUpResult? result = Enum.TryParse<FollowUpResult>(Result, out var r) && Enum.IsDefined(r) ? r : null;
        if (result is null)
        {
            Errors.Add(new FieldError(nameof(Result), t["Say whether the follow-up was checked and what it found"]));
        }
        var events = new List<NewOutcomeEvent>();
        if (result == FollowUpResult.Event)
        {
            var kind = Enum.TryParse<OutcomeKind>(Kind, out var k) && OutcomeKinds.AfterClosureEvents.Contains(k) ? k : (OutcomeKind?)null;
            var occurred = OccurredOn.Value;
            if (kind is null)
            {
                Errors.Add(new FieldError(nameof(Kind), t["Choose which event happened"]));
            }
            if (!Guid.TryParse(PersonId, out var person))
            {
                Errors.Add(new FieldError(nameof(PersonId), t["Choose the child it happened to"]));
            }
            if (occurred is null)
            {
                Errors.Add(new FieldError(nameof(OccurredOn), t["Enter the date it happened as a real date, for example 27 3 2026"]));
            }
            if (kind is not null && occurred is not null && person != Guid.Empty)
            {
                events.Add(new NewOutcomeEvent(person, id, kind.Value, occurred.Value, Note));
            }
        }
        return await SaveAsync(() => episodes.RecordFollowUpAsync(Actor, followup, Version, new FollowUpFinding(on, result, Note, events), ct), () => RedirectToPage("/Episodes/Show", new { id, saved = "follow-up" }), nameof(CheckedOn));
    }

    private async Task<bool> LoadAsync(Guid id, Guid followup, CancellationToken ct)
    {
        View = await episodes.ViewAsync(Actor, id, ct);
        FollowUp = View.FollowUps.SingleOrDefault(f => f.Id == followup)!;
        return FollowUp is not null;
    }
}
