using Hearth.Core.Security;
using Hearth.Core.Statutory;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Statutory;

/// <summary>Adds a section 47 enquiry for the child, or records how it concluded.</summary>
[RequirePermission(Permission.ViewFamilies)]
[RequirePermission(Permission.RecordCasework, ForChanges = true)]
public sealed class Section47Model(StatutoryService statutory) : StatutoryPageModel
{
    [BindProperty] public DateParts StartedOn { get; set; } = new();
    [BindProperty] public DateParts ConferenceTargetOn { get; set; } = new();
    [BindProperty] public DateParts ConferenceOn { get; set; } = new();
    [BindProperty] public bool ConferenceNotRequired { get; set; }
    [BindProperty] public int Version { get; set; }

    public Section47Enquiry? Current { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid referral, Guid person, Guid? enquiry, CancellationToken ct)
    {
        if (!await FindAsync(referral, person, enquiry, ct))
        {
            return NotFound();
        }
        if (Current is { } s)
        {
            (StartedOn, ConferenceTargetOn, ConferenceOn, ConferenceNotRequired, Version) =
                (DateParts.Of(s.StartedOn), DateParts.Of(s.ConferenceTargetOn), DateParts.Of(s.ConferenceOn), s.ConferenceNotRequired, s.Version);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid referral, Guid person, Guid? enquiry, CancellationToken ct)
    {
        if (!await FindAsync(referral, person, enquiry, ct))
        {
            return NotFound();
        }
        var ok = TryDate(StartedOn, nameof(StartedOn), "the date the enquiry started", required: true, out var start)
            & TryDate(ConferenceTargetOn, nameof(ConferenceTargetOn), "the conference target date", required: false, out var target)
            & TryDate(ConferenceOn, nameof(ConferenceOn), "the date of the conference", required: false, out var held);
        if (!ok)
        {
            return Page();
        }
        var input = new Section47Input(start!.Value, target, held, ConferenceNotRequired);
        return await SaveAsync(() => Current is null
            ? statutory.AddSection47Async(Actor, referral, person, input, ct)
            : statutory.UpdateSection47Async(Actor, Current.Id, Version, input, ct), () => ToChild(), nameof(StartedOn));
    }

    private async Task<bool> FindAsync(Guid referral, Guid person, Guid? enquiry, CancellationToken ct)
    {
        await LoadAsync(statutory, referral, person, ct);
        Current = enquiry is { } id ? Child.Record?.Section47Enquiries.FirstOrDefault(s => s.Id == id) : null;
        return enquiry is null || Current is not null;
    }
}
