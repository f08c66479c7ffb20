using Hearth.Core.Security;
using System.Text.Json;
using Hearth.Core.Casework;
using Hearth.Core.Episodes;
using Hearth.Core.Data;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Casework;

/// <summary>
/// The episode's assessment: the shared core, each member's needs, strengths and risks, and the programme's questions.
/// Every post is kept as a server-side draft first (as on the review form), so nothing typed is lost to a refused form,
/// an expired sign-in or a closed browser; the next visit resumes it.
/// </summary>
[RequirePermission(Permission.RecordCasework)]
public sealed class AssessmentModel(EpisodeService episodes, AssessmentService assessments, DraftService drafts) : CaseworkPageModel
{
    public const string DraftForm = "assessment";

    [BindProperty] public DateParts StartedOn { get; set; } = new();
    [BindProperty] public string? Worries { get; set; }
    [BindProperty] public string? WorkingWell { get; set; }
    [BindProperty] public string? NeedsToHappen { get; set; }
    [BindProperty] public string? SafetyScale { get; set; }
    [BindProperty] public Dictionary<string, string?> Needs { get; set; } = [];
    [BindProperty] public Dictionary<string, string?> Strengths { get; set; } = [];
    [BindProperty] public Dictionary<string, string?> Risks { get; set; } = [];
    [BindProperty] public Dictionary<string, string?> Answers { get; set; } = [];
    [BindProperty] public int Version { get; set; }

    public EpisodeSummary Summary { get; private set; } = null!;
    public Assessment? Current { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        var draft = Current is null or { State: AssessmentState.Draft } ? await drafts.LoadAsync(Actor, DraftForm, id.ToString(), ct) : null;
        if (draft is not null)
        {
            Resumed = true;
            (StartedOn, Worries, WorkingWell, NeedsToHappen, SafetyScale) = (DateOf(draft, "StartedOn"), draft.GetValueOrDefault("Worries"), draft.GetValueOrDefault("WorkingWell"), draft.GetValueOrDefault("NeedsToHappen"), draft.GetValueOrDefault("SafetyScale"));
            (Needs, Strengths, Risks, Answers) = (Indexed(draft, "Needs"), Indexed(draft, "Strengths"), Indexed(draft, "Risks"), Indexed(draft, "Answers"));
            Version = VersionOf(draft, Current?.Version ?? 0);
        }
        else if (Current is { } a)
        {
            (StartedOn, Worries, WorkingWell, NeedsToHappen, SafetyScale, Version) = (DateParts.Of(a.StartedOn), a.Worries, a.WorkingWell, a.NeedsToHappen, a.SafetyScale?.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Version);
            Needs = a.Members.ToDictionary(m => m.PersonId.ToString(), m => m.Needs);
            Strengths = a.Members.ToDictionary(m => m.PersonId.ToString(), m => m.Strengths);
            Risks = a.Members.ToDictionary(m => m.PersonId.ToString(), m => m.Risks);
            Answers = JsonSerializer.Deserialize<Dictionary<string, string?>>(a.AnswersJson) ?? [];
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? action, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        if (Current is { State: not AssessmentState.Draft })
        {
            return RedirectToPage("/Casework/Episode", new { id });
        }
        await drafts.SaveAsync(Actor, DraftForm, id.ToString(), PostedFields(), ct);
        if (StartedOn.Value is null)
        {
            Errors.Add(new FieldError("StartedOn", "Enter the date the assessment started, for example 27 3 2026"));
        }
        int? scale = null;
        if (!string.IsNullOrWhiteSpace(SafetyScale))
        {
            if (int.TryParse(SafetyScale, out var n))
            {
                scale = n;
            }
            else
            {
                Errors.Add(new FieldError("SafetyScale", "The safety scale must be a whole number from 0 to 10"));
            }
        }
        if (Errors.Count > 0)
        {
            return Page();
        }
        var members = Summary.Members.Select(m => m.Id.ToString())
            .Where(k => !string.IsNullOrWhiteSpace(Needs.GetValueOrDefault(k)) || !string.IsNullOrWhiteSpace(Strengths.GetValueOrDefault(k)) || !string.IsNullOrWhiteSpace(Risks.GetValueOrDefault(k)))
            .Select(k => new MemberAssessmentInput(Guid.Parse(k), Needs.GetValueOrDefault(k), Strengths.GetValueOrDefault(k), Risks.GetValueOrDefault(k))).ToList();
        // Only the programme's questions: with no Answers[...] field posted, model binding falls back to every form field.
        var answers = Answers.Where(kv => Summary.Programme.Assessment.Questions.Any(q => q.Key == kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);
        var input = new AssessmentInput(StartedOn.Value!.Value, Worries, WorkingWell, NeedsToHappen, scale, members, answers);
        return await SaveAsync(async () =>
        {
            var complete = action == "complete";
            if (Current is null)
            {
                var started = await assessments.StartAssessmentAsync(Actor, id, input, ct);
                if (complete)
                {
                    await assessments.UpdateAssessmentAsync(Actor, started.Id, started.Version, input, true, ct);
                }
            }
            else
            {
                await assessments.UpdateAssessmentAsync(Actor, Current.Id, Version, input, complete, ct);
            }
            await drafts.DiscardAsync(Actor, DraftForm, id.ToString(), ct);
        }, () => RedirectToPage("/Casework/Episode", new { id }), "StartedOn",
            mapError: x => x with { Field = x.Field.Replace("Answers.", "Answers_", StringComparison.Ordinal) });
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Summary = await episodes.SummaryAsync(Actor, id, ct);
        Current = (await assessments.AssessmentsAsync(Actor, id, ct)).LastOrDefault();
    }
}
