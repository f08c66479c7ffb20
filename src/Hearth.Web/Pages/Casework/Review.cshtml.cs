using Hearth.Core.Security;
using Hearth.Core.Casework;
using Hearth.Core.Episodes;
using Hearth.Core.Data;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Casework;

/// <summary>
/// A review. Before it is held, the form to record it; once held, its record (with each amendment, from the audit
/// trail) and "Amend this review", which opens the same form; an amendment is version-checked and audited.
/// The form records who came, a GAS rating for each goal, progress, plan changes and the decision. Every post is kept
/// as a server-side draft first, so a refused form or an expired sign-in loses nothing; the next visit resumes it.
/// </summary>
[RequirePermission(Permission.RecordCasework)]
public sealed class ReviewModel(EpisodeService episodes, GoalService goals, ReviewService reviews, DraftService drafts) : CaseworkPageModel
{
    public const string DraftForm = "review";

    [BindProperty] public DateParts HeldOn { get; set; } = new();
    [BindProperty] public string? Attendees { get; set; }
    [BindProperty] public string? Progress { get; set; }
    [BindProperty] public string? PlanChanges { get; set; }
    [BindProperty] public string? Decision { get; set; }
    [BindProperty] public string? NewPlan { get; set; }
    [BindProperty] public Dictionary<string, string> Ratings { get; set; } = [];
    [BindProperty] public int Version { get; set; }

    public EpisodeSummary Summary { get; private set; } = null!;
    public Review Review { get; private set; } = null!;
    public IReadOnlyList<Goal> Goals { get; private set; } = [];

    public static IReadOnlyList<Choice> Levels { get; } = [.. Enumerable.Range(-2, 5).Select(l => new Choice(l.ToString(System.Globalization.CultureInfo.InvariantCulture), Signed(l)))];

    public static IReadOnlyList<Choice> Decisions { get; } = Enum.GetValues<ReviewDecision>().Select(d => new Choice(d.ToString(), ReviewService.DecisionLabel(d))).ToList();

    /// <summary>"Amend this review": a held review opens as its record; this shows the form instead.</summary>
    [FromQuery(Name = "amend")] public bool Amend { get; set; }

    /// <summary>After an amendment is saved, for the confirmation banner.</summary>
    [FromQuery(Name = "amended")] public bool Amended { get; set; }

    /// <summary>A held review shows as a record (with its amendments), not as a form, until the user chooses to amend it.</summary>
    public bool ShowsRecord => Review.HeldOn is not null && !Amend && !Resumed && Request.Method == "GET";

    public IReadOnlyList<ReviewChange> History { get; private set; } = [];

    /// <summary>A review field as the form labels it, for the list of amendments.</summary>
    public static string FieldLabel(string field) => field switch
    {
        nameof(Review.HeldOn) => "Date held",
        nameof(Review.Attendees) => "Who attended",
        nameof(Review.Progress) => "Progress",
        nameof(Review.PlanChanges) => "Changes to the plan",
        nameof(Review.Decision) => "Decision",
        _ => field,
    };

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        var draft = await drafts.LoadAsync(Actor, DraftForm, id.ToString(), ct);
        if (draft is not null)
        {
            Resumed = true;
            HeldOn = DateOf(draft, "HeldOn");
            (Attendees, Progress, PlanChanges, Decision, NewPlan) = (draft.GetValueOrDefault("Attendees"), draft.GetValueOrDefault("Progress"), draft.GetValueOrDefault("PlanChanges"), draft.GetValueOrDefault("Decision"), draft.GetValueOrDefault("NewPlan"));
            Ratings = Indexed(draft, "Ratings").Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!);
        }
        else
        {
            HeldOn = DateParts.Of(Review.HeldOn);
            (Attendees, Progress, PlanChanges, Decision) = (Review.Attendees, Review.Progress, Review.PlanChanges, Review.Decision?.ToString());
            Ratings = Review.Ratings.ToDictionary(r => r.GoalId.ToString(), r => r.Level.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        if (Review.HeldOn is not null)
        {
            History = await reviews.HistoryAsync(Actor, id, ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        await drafts.SaveAsync(Actor, DraftForm, id.ToString(), PostedFields(), ct);

        if (HeldOn.Value is not { } held)
        {
            Errors.Add(new FieldError("HeldOn", "Enter the date the review was held, for example 27 3 2026"));
        }
        var ratings = new Dictionary<Guid, int>();
        foreach (var (goal, level) in Ratings)
        {
            if (Guid.TryParse(goal, out var g) && int.TryParse(level, out var l))
            {
                ratings[g] = l;
            }
        }
        ReviewDecision? decision = Enum.TryParse<ReviewDecision>(Decision, out var d) ? d : null;
        if (Errors.Count > 0)
        {
            return Page();
        }
        return await SaveAsync(async () =>
        {
            var amendment = string.IsNullOrWhiteSpace(NewPlan) ? null : new PlanInput(PlanKind.WholeFamilyPlan, NewPlan, null, PlanChanges);
            await reviews.RecordReviewAsync(Actor, id, Version, new ReviewInput(HeldOn.Value!.Value, Attendees, Progress, PlanChanges, decision, ratings, amendment), ct);
            await drafts.DiscardAsync(Actor, DraftForm, id.ToString(), ct);
        }, () => Review.HeldOn is null ? RedirectToPage("/Casework/Episode", new { id = Review.EpisodeId }) : RedirectToPage("/Casework/Review", new { id, amended = true }), "HeldOn",
            mapError: error => error.Field.StartsWith("Plan.", StringComparison.Ordinal) ? error with { Field = "NewPlan" } : error);
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Review = await reviews.ReadReviewAsync(Actor, id, ct);
        Summary = await episodes.SummaryAsync(Actor, Review.EpisodeId, ct);
        Goals = await goals.GoalsAsync(Actor, Review.EpisodeId, ct);
        if (Request.Method == "GET")
        {
            Version = Review.Version;
        }
    }
}
