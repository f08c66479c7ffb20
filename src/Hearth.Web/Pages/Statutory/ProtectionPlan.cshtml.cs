using Hearth.Core.Security;
using System.Globalization;
using Hearth.Core.Data;
using Hearth.Core.Statutory;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Statutory;

/// <summary>Adds a child protection plan for the child, or changes one (its end, latest category and reviews).</summary>
[RequirePermission(Permission.ViewFamilies)]
[RequirePermission(Permission.RecordCasework, ForChanges = true)]
public sealed class ProtectionPlanModel(StatutoryService statutory) : StatutoryPageModel
{
    [BindProperty] public DateParts StartedOn { get; set; } = new();
    [BindProperty] public DateParts EndedOn { get; set; } = new();
    [BindProperty] public string? InitialCategory { get; set; }
    [BindProperty] public string? LatestCategory { get; set; }
    [BindProperty] public string? PreviousPlans { get; set; }
    /// <summary>The review conferences held, one date input each; empty ones are ignored.</summary>
    [BindProperty] public List<DateParts> Reviews { get; set; } = [];
    [BindProperty] public int Version { get; set; }

    public ProtectionPlan? Current { get; private set; }

    public IReadOnlyList<Choice> Categories { get; } = StatutoryCodes.CategoryOfAbuse.Select(c => new Choice(c.Key, $"{c.Value} ({c.Key})")).ToList();

    public async Task<IActionResult> OnGetAsync(Guid referral, Guid person, Guid? plan, CancellationToken ct)
    {
        if (!await FindAsync(referral, person, plan, ct))
        {
            return NotFound();
        }
        if (Current is { } p)
        {
            (StartedOn, EndedOn, InitialCategory, LatestCategory, PreviousPlans, Version) =
                (DateParts.Of(p.StartedOn), DateParts.Of(p.EndedOn), p.InitialCategory, p.LatestCategory, p.PreviousPlans.ToString(CultureInfo.InvariantCulture), p.Version);
            Reviews = p.ReviewDates.Select(d => DateParts.Of(d)).ToList();
        }
        // Room for the reviews held since the plan was last saved; more can be added after saving.
        Reviews.AddRange(Enumerable.Range(0, 2).Select(_ => new DateParts()));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid referral, Guid person, Guid? plan, CancellationToken ct)
    {
        if (!await FindAsync(referral, person, plan, ct))
        {
            return NotFound();
        }
        var ok = TryDate(StartedOn, nameof(StartedOn), "the date the plan started", required: true, out var start)
            & TryDate(EndedOn, nameof(EndedOn), "the date the plan ended", required: false, out var end);
        int? previous = null;
        if (!string.IsNullOrWhiteSpace(PreviousPlans))
        {
            if (int.TryParse(PreviousPlans.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                previous = n;
            }
            else
            {
                Errors.Add(new FieldError(nameof(PreviousPlans), "The number of previous child protection plans must be a whole number, for example 0"));
                ok = false;
            }
        }
        var reviews = new List<DateOnly>();
        for (var i = 0; i < Reviews.Count; i++)
        {
            if (Reviews[i].IsEmpty)
            {
                continue;
            }
            if (ReadDate(Reviews[i], ReviewField(i), $"review {i + 1}") is { } held)
            {
                reviews.Add(held);
            }
            else
            {
                ok = false;
            }
        }
        if (!ok)
        {
            return Page();
        }
        var input = new ProtectionPlanInput(start!.Value, end, InitialCategory, LatestCategory, previous, reviews);
        return await SaveAsync(() => Current is null
            ? statutory.AddProtectionPlanAsync(Actor, referral, person, input, ct)
            : statutory.UpdateProtectionPlanAsync(Actor, Current.Id, Version, input, ct), () => ToChild(), nameof(StartedOn),
            mapError: e => e.Field == nameof(ProtectionPlanInput.ReviewDates) ? e with { Field = ReviewField(0) } : e);
    }

    public static string ReviewField(int index) => $"{nameof(Reviews)}[{index}]";

    private async Task<bool> FindAsync(Guid referral, Guid person, Guid? plan, CancellationToken ct)
    {
        await LoadAsync(statutory, referral, person, ct);
        Current = plan is { } id ? Child.Record?.ProtectionPlans.FirstOrDefault(p => p.Id == id) : null;
        return plan is null || Current is not null;
    }
}
