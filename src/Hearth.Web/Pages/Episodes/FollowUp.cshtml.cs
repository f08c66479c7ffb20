using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Episodes;

/// <summary>
/// Records a follow-up point (6, 12 or 24 months after closure) as done, with what was found: a child re-referred, on a
/// child protection plan, in care or returned home is saved as an outcome event in the same transaction.
/// </summary>
[Authorize(Policy = "permission:" + nameof(Permission.RecordCasework))]
public sealed class FollowUpModel(EpisodeService episodes, TimeProvider time, IStringLocalizer<SharedResource> t) : RecordPageModel
{
    public const string NothingFound = "none";

    [BindProperty] public DateParts CompletedOn { get; set; } = new();
    [BindProperty] public string? Found { get; set; }
    [BindProperty] public string? PersonId { get; set; }
    [BindProperty] public DateParts OccurredOn { get; set; } = new();
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public int Version { get; set; }

    public EpisodeView View { get; private set; } = null!;
    public FollowUp FollowUp { get; private set; } = null!;
    public IReadOnlyList<Choice> Findings => [new(NothingFound, t["None of these: the family is managing"]),
        .. Enum.GetValues<OutcomeKind>().Select(k => new Choice(k.ToString(), t[JourneyLabels.Of(k)]))];
    public IReadOnlyList<Choice> Children => View.Children.Select(c => new Choice(c.PersonId.ToString(), c.Name)).ToList();

    public async Task<IActionResult> OnGetAsync(Guid id, Guid followup, CancellationToken ct)
    {
        if (!await LoadAsync(id, followup, ct))
        {
            return NotFound();
        }
        Version = FollowUp.Version;
        CompletedOn = DateParts.Of(Today(time));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid followup, CancellationToken ct)
    {
        if (!await LoadAsync(id, followup, ct))
        {
            return NotFound();
        }
        var on = CompletedOn.Value;
        if (on is null)
        {
            Errors.Add(new FieldError(nameof(CompletedOn), t["Enter the date of the follow-up as a real date, for example 27 3 2026"]));
        }
        var outcomes = new List<NewOutcomeEvent>();
        if (Found is null)
        {
            Errors.Add(new FieldError(nameof(Found), t["Say what the follow-up found"]));
        }
        else if (Found != NothingFound)
        {
            var kind = Enum.TryParse<OutcomeKind>(Found, out var k) ? k : (OutcomeKind?)null;
            var occurred = OccurredOn.Value;
            if (kind is null)
            {
                Errors.Add(new FieldError(nameof(Found), t["Say what the follow-up found"]));
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
                outcomes.Add(new NewOutcomeEvent(person, id, kind.Value, occurred.Value, Note));
            }
        }
        if (Errors.Count == 0 && await TrySaveAsync(() => episodes.CompleteFollowUpAsync(Actor, followup, Version, on!.Value, Note, outcomes, ct), nameof(CompletedOn)))
        {
            return Redirect($"/episodes/{id}?saved=follow-up");
        }
        Rename("Kind", nameof(Found));
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, Guid followup, CancellationToken ct)
    {
        View = await episodes.ViewAsync(Actor, id, ct);
        FollowUp = View.FollowUps.SingleOrDefault(f => f.Id == followup)!;
        return FollowUp is not null;
    }
}
