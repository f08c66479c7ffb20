using Hearth.Core.Security;
using Hearth.Core.Casework;
using Hearth.Core.Episodes;
using Hearth.Core.Data;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Casework;

/// <summary>
/// Writes a plan's next version (family agreement, whole-family plan or children's safety plan). Every post is kept as a
/// server-side draft first, so nothing typed is lost; the next visit resumes it.
/// </summary>
[RequirePermission(Permission.RecordCasework)]
public sealed class PlanModel(EpisodeService episodes, PlanService plans, DraftService drafts) : CaseworkPageModel
{
    public static string DraftForm(PlanKind kind) => $"plan-{kind}";

    [BindProperty] public string? PlanText { get; set; }
    [BindProperty] public DateParts ReviewBy { get; set; } = new();
    [BindProperty] public string? ChangeSummary { get; set; }
    [BindProperty] public int? Version { get; set; }

    public EpisodeSummary Summary { get; private set; } = null!;
    public PlanKind Kind { get; private set; }
    public Plan? Current { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, PlanKind kind, CancellationToken ct)
    {
        await LoadAsync(id, kind, ct);
        var draft = await drafts.LoadAsync(Actor, DraftForm(kind), id.ToString(), ct);
        if (draft is not null)
        {
            Resumed = true;
            (PlanText, ReviewBy, ChangeSummary) = (draft.GetValueOrDefault("PlanText"), DateOf(draft, "ReviewBy"), draft.GetValueOrDefault("ChangeSummary"));
            Version = int.TryParse(draft.GetValueOrDefault("Version"), out var v) ? v : Current?.Version;
        }
        else if (Current is { } p)
        {
            (PlanText, ReviewBy, Version) = (p.Content, DateParts.Of(p.ReviewBy), p.Version);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, PlanKind kind, CancellationToken ct)
    {
        await LoadAsync(id, kind, ct);
        await drafts.SaveAsync(Actor, DraftForm(kind), id.ToString(), PostedFields(), ct);
        if (!ReviewBy.IsEmpty && ReviewBy.Value is null)
        {
            Errors.Add(new FieldError("ReviewBy", "Enter a real review-by date, for example 27 3 2027"));
            return Page();
        }
        return await SaveAsync(async () =>
        {
            await plans.SavePlanAsync(Actor, id, Current is null ? null : Version ?? 0, new PlanInput(kind, PlanText ?? "", ReviewBy.Value, ChangeSummary), ct);
            await drafts.DiscardAsync(Actor, DraftForm(kind), id.ToString(), ct);
        }, () => RedirectToPage("/Casework/Episode", new { id }), "Content");
    }

    private async Task LoadAsync(Guid id, PlanKind kind, CancellationToken ct)
    {
        Kind = kind;
        Summary = await episodes.SummaryAsync(Actor, id, ct);
        Current = (await plans.PlansAsync(Actor, id, ct)).FirstOrDefault(p => p.Kind == kind);
    }
}
