using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Episodes;

/// <summary>
/// Allocates a worker to an episode. The team's workers are offered in the order AllocationService suggests (free
/// capacity, matching specialism, patch); a worker at their maximum needs an override reason, which is audited.
/// </summary>
[RequirePermission(Permission.ManageCases)]
public sealed class AllocateModel(EpisodeService episodes, AllocationService allocations, TimeProvider time, IStringLocalizer<SharedResource> t) : HearthPageModel
{
    [BindProperty] public string? WorkerId { get; set; }
    [BindProperty] public DateParts From { get; set; } = new();
    [BindProperty] public string? IsLead { get; set; }
    [BindProperty] public string? OverrideReason { get; set; }
    [BindProperty] public int Version { get; set; }

    public EpisodeView View { get; private set; } = null!;
    public IReadOnlyList<WorkerSuggestion> Suggestions { get; private set; } = [];
    public TableModel SuggestionTable { get; private set; } = null!;
    public IReadOnlyList<Choice> WorkerChoices { get; private set; } = [];
    public IReadOnlyList<Choice> YesNo => [new("yes", t["Yes"]), new("no", t["No"])];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        Version = View.Episode.Version;
        From = DateParts.Of(UkToday(time));
        IsLead = View.Episode.Allocations.Any(a => a.To == null && a.IsLead) ? "no" : "yes";
        WorkerId = Suggestions.FirstOrDefault(s => s.Worker.FreeCapacity > 0)?.Worker.WorkerId.ToString();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        var from = From.Value;
        if (!Guid.TryParse(WorkerId, out var worker))
        {
            Errors.Add(new FieldError(nameof(WorkerId), t["Choose the worker to allocate"]));
        }
        if (from is null)
        {
            Errors.Add(new FieldError(nameof(From), t["Enter the date the allocation starts as a real date, for example 27 3 2026"]));
        }
        if (IsLead is not ("yes" or "no"))
        {
            Errors.Add(new FieldError(nameof(IsLead), t["Say whether the worker is the lead worker"]));
        }
        if (Errors.Count > 0)
        {
            return Page();
        }
        try
        {
            return await SaveAsync(() => allocations.AllocateAsync(Actor, new NewAllocation(id, worker, from!.Value, IsLead == "yes", OverrideReason, Version), ct), () => RedirectToPage("/Episodes/Show", new { id, saved = "allocation" }), nameof(WorkerId));
        }
        catch (CapacityExceededException e)
        {
            Errors.Add(new FieldError(nameof(OverrideReason), t["{0} Enter the reason to override it.", e.Message]));
        }
        return Page();
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        View = await episodes.ViewAsync(Actor, id, ct);
        Suggestions = await allocations.SuggestAsync(Actor, id, ct);
        SuggestionTable = new TableModel(t["Suggested workers, best match first"], [t["Worker"], t["Open cases"], t["Intensive cases"], t["Maximum"], t["Free"], t["Matching specialisms"], t["Same patch"]],
            Suggestions.Select(s => (IReadOnlyList<string>)[s.Worker.Name, Number(s.Worker.OpenCases), Number(s.Worker.OpenIntensive), Number(s.Worker.MaxIntensiveCases), Number(s.Worker.FreeCapacity),
                Number(s.MatchingSpecialisms), s.PatchMatches ? t["Yes"] : t["No"]]).ToList(), NumericColumns: new HashSet<int> { 1, 2, 3, 4, 5 });
        WorkerChoices = Suggestions.Select(s => new Choice(s.Worker.WorkerId.ToString(), s.Worker.Name,
            s.Worker.FreeCapacity > 0 ? t["{0} free intensive places", s.Worker.FreeCapacity] : t["At their maximum: allocating needs an override reason"])).ToList();
    }
}
