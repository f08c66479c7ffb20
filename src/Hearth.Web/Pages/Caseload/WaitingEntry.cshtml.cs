using Hearth.Core.Data;
using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Caseload;

/// <summary>Moves a waiting referral to another place in its team's list (with a reason, audited) or takes it off the list with an outcome.</summary>
[RequirePermission(Permission.ManageCases)]
public sealed class WaitingEntryModel(WaitingListService waitingLists, TimeProvider time, IStringLocalizer<SharedResource> t) : HearthPageModel
{
    [BindProperty] public string? Position { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public DateParts RemovedOn { get; set; } = new();
    [BindProperty] public string? OutcomeNote { get; set; }
    [BindProperty] public int Version { get; set; }

    public WaitingListRow Entry { get; private set; } = null!;
    /// <summary>Taking a referral off the list without accepting it; accepting is a triage decision.</summary>
    public IReadOnlyList<Choice> Outcomes => Enum.GetValues<WaitingOutcome>().Where(o => o != WaitingOutcome.Accepted)
        .Select(o => new Choice(o.ToString(), t[CodeLabels.Of(o)])).ToList();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Entry = await waitingLists.ReadWaitingEntryAsync(Actor, id, UkToday(time), ct);
        Version = Entry.Version;
        Position = Number(Entry.Position);
        RemovedOn = DateParts.Of(UkToday(time));
        return Page();
    }

    public async Task<IActionResult> OnPostReorderAsync(Guid id, CancellationToken ct)
    {
        Entry = await waitingLists.ReadWaitingEntryAsync(Actor, id, UkToday(time), ct);
        if (!int.TryParse(Position, out var position))
        {
            Errors.Add(new FieldError(nameof(Position), t["Enter the new position as a number, like 1 for the first"]));
        }
        if (string.IsNullOrWhiteSpace(Reason))
        {
            Errors.Add(new FieldError(nameof(Reason), t["Enter why the waiting list is being reordered"]));
        }
        return await SaveAsync(() => waitingLists.ReorderAsync(Actor, id, Version, position, Reason!, ct), () => RedirectToPage("/Caseload/WaitingList", new { team = Entry.TeamId }), nameof(Position));
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, CancellationToken ct)
    {
        Entry = await waitingLists.ReadWaitingEntryAsync(Actor, id, UkToday(time), ct);
        var on = RemovedOn.Value;
        if (!Enum.TryParse<WaitingOutcome>(Outcome, out var outcome))
        {
            Errors.Add(new FieldError(nameof(Outcome), t["Choose why the referral is leaving the waiting list"]));
        }
        if (on is null)
        {
            Errors.Add(new FieldError(nameof(RemovedOn), t["Enter the date as a real date, for example 27 3 2026"]));
        }
        return await SaveAsync(() => waitingLists.RemoveFromWaitingListAsync(Actor, id, Version, outcome, on!.Value, OutcomeNote, ct), () => RedirectToPage("/Caseload/WaitingList", new { team = Entry.TeamId }), nameof(Outcome));
    }
}
