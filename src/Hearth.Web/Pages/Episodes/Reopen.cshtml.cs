using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Episodes;

/// <summary>Reopens a closed episode within its programme's window, with a reason for the audit trail.</summary>
[RequirePermission(Permission.ManageCases)]
public sealed class ReopenModel(EpisodeService episodes, TimeProvider time, IStringLocalizer<SharedResource> t) : HearthPageModel
{
    [BindProperty] public DateParts ReopenedOn { get; set; } = new();
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public int Version { get; set; }

    public EpisodeView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        View = await episodes.ViewAsync(Actor, id, ct);
        Version = View.Episode.Version;
        ReopenedOn = DateParts.Of(UkToday(time));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        View = await episodes.ViewAsync(Actor, id, ct);
        var on = ReopenedOn.Value;
        if (on is null)
        {
            Errors.Add(new FieldError(nameof(ReopenedOn), t["Enter the date the episode reopens as a real date, for example 27 3 2026"]));
        }
        if (string.IsNullOrWhiteSpace(Reason))
        {
            Errors.Add(new FieldError(nameof(Reason), t["Enter why the episode is being reopened"]));
        }
        return await SaveAsync(() => episodes.ReopenAsync(Actor, id, Version, on!.Value, Reason!, ct), () => RedirectToPage("/Episodes/Show", new { id, saved = "reopening" }), nameof(Reason), () =>
        {
            Rename("Date", nameof(ReopenedOn));
            Rename("Episode", nameof(ReopenedOn));
            return Task.CompletedTask;
        });
    }
}
