using Hearth.Core.Security;
using Hearth.Core.Casework;
using Hearth.Core.Episodes;
using Hearth.Core.Data;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Casework;

/// <summary>Adds or changes a goal with its five Goal Attainment Scaling levels, written before work starts.</summary>
[RequirePermission(Permission.RecordCasework)]
public sealed class GoalModel(EpisodeService episodes, GoalService goals) : CaseworkPageModel
{
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Owner { get; set; }
    [BindProperty] public string? PersonId { get; set; }
    [BindProperty] public DateParts TargetDate { get; set; } = new();
    [BindProperty] public string? LevelMinus2 { get; set; }
    [BindProperty] public string? LevelMinus1 { get; set; }
    [BindProperty] public string? Level0 { get; set; }
    [BindProperty] public string? LevelPlus1 { get; set; }
    [BindProperty] public string? LevelPlus2 { get; set; }
    [BindProperty] public int Version { get; set; }

    public EpisodeSummary Summary { get; private set; } = null!;
    public bool IsNew { get; private set; }

    public IReadOnlyList<Choice> Who => [new Choice("", "The whole family"), .. Summary.Members.Select(m => new Choice(m.Id.ToString(), m.Name))];

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? goalId, CancellationToken ct)
    {
        Summary = await episodes.SummaryAsync(Actor, id, ct);
        IsNew = goalId is null;
        if (goalId is { } g)
        {
            var goal = await goals.ReadGoalAsync(Actor, g, ct);
            if (goal.EpisodeId != id)
            {
                return NotFound();
            }
            (Title, Owner, PersonId, TargetDate, Version) = (goal.Title, goal.Owner, goal.PersonId?.ToString() ?? "", DateParts.Of(goal.TargetDate), goal.Version);
            (LevelMinus2, LevelMinus1, Level0, LevelPlus1, LevelPlus2) = (goal.LevelMinus2, goal.LevelMinus1, goal.Level0, goal.LevelPlus1, goal.LevelPlus2);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid? goalId, CancellationToken ct)
    {
        Summary = await episodes.SummaryAsync(Actor, id, ct);
        IsNew = goalId is null;
        if (!TargetDate.IsEmpty && TargetDate.Value is null)
        {
            Errors.Add(new FieldError("TargetDate", "Enter a real target date, for example 27 3 2027"));
            return Page();
        }
        var input = new GoalInput(Guid.TryParse(PersonId, out var p) ? p : null, Title ?? "", Owner ?? "", TargetDate.Value,
            new GasLevels(LevelMinus2, LevelMinus1, Level0, LevelPlus1, LevelPlus2), []);
        return await SaveAsync(async () =>
        {
            if (goalId is { } g)
            {
                await goals.UpdateGoalAsync(Actor, g, Version, input, ct);
            }
            else
            {
                await goals.AddGoalAsync(Actor, id, input, ct);
            }
        }, () => RedirectToPage("/Casework/Episode", new { id }), "Title");
    }
}
