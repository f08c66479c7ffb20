using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Episodes;

/// <summary>Moves an episode on to a later phase of its programme, dated; EpisodeRules guards the move.</summary>
[RequirePermission(Permission.RecordCasework)]
public sealed class PhaseModel(EpisodeService episodes, TimeProvider time, IStringLocalizer<SharedResource> t) : HearthPageModel
{
    [BindProperty] public string? PhaseKey { get; set; }
    [BindProperty] public DateParts StartedOn { get; set; } = new();
    [BindProperty] public int Version { get; set; }

    public EpisodeView View { get; private set; } = null!;
    public IReadOnlyList<Choice> Choices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        Version = View.Episode.Version;
        StartedOn = DateParts.Of(UkToday(time));
        PhaseKey = Choices.FirstOrDefault()?.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        var on = StartedOn.Value;
        if (string.IsNullOrEmpty(PhaseKey))
        {
            Errors.Add(new FieldError(nameof(PhaseKey), t["Choose the phase the family moves to"]));
        }
        if (on is null)
        {
            Errors.Add(new FieldError(nameof(StartedOn), t["Enter the date the phase started as a real date, for example 27 3 2026"]));
        }
        return await SaveAsync(() => episodes.MoveToPhaseAsync(Actor, id, Version, PhaseKey!, on!.Value, ct), () => RedirectToPage("/Episodes/Show", new { id, saved = "phase" }), nameof(PhaseKey), () =>
        {
            Rename("Phase", nameof(PhaseKey));
            Rename("Date", nameof(StartedOn));
            return Task.CompletedTask;
        });
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        View = await episodes.ViewAsync(Actor, id, ct);
        var current = View.Programme.IndexOf(View.Episode.CurrentPhase);
        Choices = View.Programme.Phases.Skip(current + 1).Select(p => new Choice(p.Key, p.Name,
            p.ExpectedMaxDays > 0 ? t["Expected to last {0} to {1} days{2}", p.ExpectedMinDays, p.ExpectedMaxDays, p.Intensive ? t[", intensive"].Value : ""].Value : null)).ToList();
    }
}
