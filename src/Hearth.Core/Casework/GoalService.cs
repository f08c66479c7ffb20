using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;
using static Hearth.Core.Casework.CaseworkScope;

namespace Hearth.Core.Casework;

public sealed record GasLevels(string? Minus2, string? Minus1, string? Zero, string? Plus1, string? Plus2);

public sealed record GoalInput(Guid? PersonId, string Title, string Owner, DateOnly? TargetDate, GasLevels Levels, IReadOnlyList<Guid> NeedIds, Guid? PlanId = null);

/// <summary>
/// An episode's goals with their Goal Attainment Scaling levels, written up front and fixed once a review has rated
/// the goal. Each edit takes the version the user read.
/// </summary>
public sealed class GoalService(HearthDbContext db)
{
    public async Task<Goal> AddGoalAsync(ActorContext actor, Guid episodeId, GoalInput input, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var (episode, _) = await db.EpisodeInScopeAsync(actor, episodeId, ct);
        var goal = new Goal { EpisodeId = episode.Id, TeamId = episode.TeamId, Title = "", Owner = "", CreatedOn = db.Today() };
        await ApplyGoalAsync(goal, episode, input, ct);
        db.Add(goal);
        await db.SaveChangesAsync(actor, ct);
        return goal;
    }

    public async Task<Goal> UpdateGoalAsync(ActorContext actor, Guid goalId, int version, GoalInput input, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var goal = await db.Set<Goal>().InScope(actor).SingleOrDefaultAsync(g => g.Id == goalId, ct) ?? throw NotFound("goal");
        goal.Version = version;
        var (episode, _) = await db.EpisodeInScopeAsync(actor, goal.EpisodeId, ct);
        var rated = await db.Set<GoalRating>().AnyAsync(r => r.GoalId == goalId, ct);
        var levels = input.Levels;
        if (rated && goal.HasLevels && (levels.Minus2?.Trim() != goal.LevelMinus2 || levels.Minus1?.Trim() != goal.LevelMinus1 || levels.Zero?.Trim() != goal.Level0
            || levels.Plus1?.Trim() != goal.LevelPlus1 || levels.Plus2?.Trim() != goal.LevelPlus2))
        {
            // Rewriting the scale after rating would make the earlier ratings meaningless.
            throw new ValidationFailedException("Levels", "The goal has been rated, so its levels can no longer change; add a new goal instead");
        }
        await ApplyGoalAsync(goal, episode, input, ct);
        await db.SaveChangesAsync(actor, ct);
        return goal;
    }

    public async Task<Goal> ReadGoalAsync(ActorContext actor, Guid goalId, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        return await db.Set<Goal>().AsNoTracking().InScope(actor).SingleOrDefaultAsync(g => g.Id == goalId, ct) ?? throw NotFound("goal");
    }

    public async Task<IReadOnlyList<Goal>> GoalsAsync(ActorContext actor, Guid episodeId, CancellationToken ct = default)
    {
        await db.ReadEpisodeInScopeAsync(actor, episodeId, ct);
        return await db.Set<Goal>().AsNoTracking().Where(g => g.EpisodeId == episodeId).OrderBy(g => g.CreatedOn).ThenBy(g => g.Title).ToListAsync(ct);
    }

    private async Task ApplyGoalAsync(Goal goal, Episode episode, GoalInput input, CancellationToken ct)
    {
        var v = new Validator()
            .Require("Title", input.Title, "Enter the goal")
            .MaxLength("Title", input.Title, 500, "The goal")
            .Require("Owner", input.Owner, "Enter who owns the goal")
            .MaxLength("Owner", input.Owner, 200, "The owner");
        if (input.TargetDate is { } t && t < episode.OpenedOn)
        {
            v.Add("TargetDate", "The target date cannot be before the episode opened");
        }
        if (input.PersonId is { } p && !(await db.FamilyMemberIdsAsync(episode.FamilyId, ct)).Contains(p))
        {
            v.Add("PersonId", "Choose a member of this family, or the whole family");
        }
        var l = input.Levels;
        string?[] texts = [l.Minus2, l.Minus1, l.Zero, l.Plus1, l.Plus2];
        string[] fields = ["LevelMinus2", "LevelMinus1", "Level0", "LevelPlus1", "LevelPlus2"];
        var written = texts.Count(x => !string.IsNullOrWhiteSpace(x));
        for (var i = 0; i < 5; i++)
        {
            if (written is > 0 and < 5 && string.IsNullOrWhiteSpace(texts[i]))
            {
                v.Add(fields[i], $"Describe level {i - 2:+0;-0;0}: write all five levels, or none yet");
            }
            v.MaxLength(fields[i], texts[i], 1000, $"Level {i - 2:+0;-0;0}");
        }
        if (input.NeedIds.Count > 0)
        {
            var known = await db.Set<AssessmentMember>().Where(m => input.NeedIds.Contains(m.Id)
                && db.Set<Assessment>().Any(a => a.Id == m.AssessmentId && a.EpisodeId == episode.Id)).CountAsync(ct);
            if (known != input.NeedIds.Distinct().Count())
            {
                v.Add("NeedIds", "Link the goal only to needs from this episode's assessments");
            }
        }
        if (input.PlanId is { } planId && !await db.Set<Plan>().AnyAsync(x => x.Id == planId && x.EpisodeId == episode.Id, ct))
        {
            v.Add("PlanId", "Choose a plan of this episode");
        }
        v.ThrowIfAny();
        goal.PersonId = input.PersonId;
        goal.PlanId = input.PlanId;
        goal.Title = input.Title.Trim();
        goal.Owner = input.Owner.Trim();
        goal.TargetDate = input.TargetDate;
        goal.NeedIds = input.NeedIds.Distinct().ToList();
        if (written == 5)
        {
            goal.LevelMinus2 = l.Minus2!.Trim();
            goal.LevelMinus1 = l.Minus1!.Trim();
            goal.Level0 = l.Zero!.Trim();
            goal.LevelPlus1 = l.Plus1!.Trim();
            goal.LevelPlus2 = l.Plus2!.Trim();
            goal.LevelsSetOn ??= db.Today();
        }
    }
}
