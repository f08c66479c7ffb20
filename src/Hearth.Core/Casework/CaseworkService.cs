using System.Text.Json;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Measures;
using Hearth.Core.People;
using Hearth.Core.Programmes;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Casework;

public sealed record MemberAssessmentInput(Guid PersonId, string? Needs, string? Strengths, string? Risks);

public sealed record AssessmentInput(
    DateOnly StartedOn, string? Worries, string? WorkingWell, string? NeedsToHappen, int? SafetyScale,
    IReadOnlyList<MemberAssessmentInput> Members, IReadOnlyDictionary<string, string?> Answers);

public sealed record PlanInput(PlanKind Kind, string Content, DateOnly? ReviewBy, string? ChangeSummary = null);

public sealed record AgreementInput(Guid PersonId, DateOnly AgreedOn, AgreementFormat Format);

public sealed record GasLevels(string? Minus2, string? Minus1, string? Zero, string? Plus1, string? Plus2);

public sealed record GoalInput(Guid? PersonId, string Title, string Owner, DateOnly? TargetDate, GasLevels Levels, IReadOnlyList<Guid> NeedIds, Guid? PlanId = null);

public sealed record ReviewInput(
    DateOnly HeldOn, string? Attendees, string? Progress, string? PlanChanges, ReviewDecision? Decision,
    IReadOnlyDictionary<Guid, int> Ratings, PlanInput? PlanAmendment = null);

public sealed record MemberName(Guid Id, string GivenName, string FamilyName)
{
    public string Name => $"{GivenName} {FamilyName}";
}

public sealed record EpisodeSummary(Episode Episode, ProgrammeDefinition Programme, string FamilyReference, IReadOnlyList<MemberName> Members);

/// <summary>An episode's Goal Attainment Scaling at one held review: the review's number in the episode, its goals rated and their T-score.</summary>
public sealed record GasReviewPoint(Guid ReviewId, int Number, DateOnly HeldOn, int Goals, decimal? TScore);

public sealed record ProfessionalInput(string Name, string Agency, string Role, string? Contact, bool ConsentToShare);

/// <summary>
/// Assessments, plans, goals, reviews and the team around the family: the only way to change them. Each edit takes the
/// version the user read, so a colleague's change in between is a conflict rather than a silent overwrite.
/// </summary>
public sealed class CaseworkService(HearthDbContext db)
{
    // ---------- assessments ----------

    public async Task<Assessment> StartAssessmentAsync(ActorContext actor, Guid episodeId, AssessmentInput input, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var (episode, programme) = await EpisodeAsync(actor, episodeId, ct);
        var assessment = new Assessment { EpisodeId = episode.Id, TeamId = episode.TeamId, AssessmentType = programme.Assessment.Name };
        await ApplyAsync(assessment, episode, programme.Assessment, input, complete: false, ct);
        db.Add(assessment);
        await db.SaveChangesAsync(actor, ct);
        return assessment;
    }

    /// <summary>Saves the assessment's contents; <paramref name="complete"/> also marks it complete, which needs every required answer.</summary>
    public async Task<Assessment> UpdateAssessmentAsync(ActorContext actor, Guid assessmentId, int version, AssessmentInput input, bool complete, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var assessment = await db.Set<Assessment>().InScope(actor).Include(a => a.Members).SingleOrDefaultAsync(a => a.Id == assessmentId, ct) ?? throw NotFound("assessment");
        assessment.Version = version;
        if (assessment.State != AssessmentState.Draft)
        {
            throw new ValidationFailedException("State", "A completed assessment cannot be changed; start a new assessment instead");
        }
        var (episode, programme) = await EpisodeAsync(actor, assessment.EpisodeId, ct);
        await ApplyAsync(assessment, episode, programme.Assessment, input, complete, ct);
        if (complete)
        {
            assessment.State = AssessmentState.Complete;
            assessment.CompletedOn = db.Today();
        }
        await db.SaveChangesAsync(actor, ct);
        return assessment;
    }

    /// <summary>
    /// A manager's authorisation of a complete assessment, dated <paramref name="on"/> (today when not given: a paper
    /// sign-off can be recorded later). The authoriser is the actor.
    /// </summary>
    public async Task<Assessment> AuthoriseAssessmentAsync(ActorContext actor, Guid assessmentId, int version, DateOnly? on = null, CancellationToken ct = default)
    {
        actor.Demand(Permission.ManageCases);
        var assessment = await db.Set<Assessment>().InScope(actor).SingleOrDefaultAsync(a => a.Id == assessmentId, ct) ?? throw NotFound("assessment");
        assessment.Version = version;
        var date = on ?? db.Today();
        var v = new Validator();
        if (assessment.State != AssessmentState.Complete)
        {
            v.Add("State", assessment.State == AssessmentState.Authorised ? "The assessment has already been authorised" : "Only a complete assessment can be authorised");
        }
        else if (date > db.Today())
        {
            v.Add("AuthorisedOn", "The date of authorisation must be today or in the past");
        }
        else if (assessment.CompletedOn is { } completed && date < completed)
        {
            v.Add("AuthorisedOn", $"The date of authorisation cannot be before the assessment was completed on {completed:d MMMM yyyy}");
        }
        v.ThrowIfAny();
        assessment.State = AssessmentState.Authorised;
        assessment.AuthorisedOn = date;
        assessment.AuthorisedBy = actor.Name;
        await db.SaveChangesAsync(actor, ct);
        return assessment;
    }

    public async Task<IReadOnlyList<Assessment>> AssessmentsAsync(ActorContext actor, Guid episodeId, CancellationToken ct = default)
    {
        await EpisodeAsync(actor, episodeId, ct);
        return await db.Set<Assessment>().AsNoTracking().Include(a => a.Members).Where(a => a.EpisodeId == episodeId).OrderBy(a => a.StartedOn).ToListAsync(ct);
    }

    public async Task<Assessment> ReadAssessmentAsync(ActorContext actor, Guid assessmentId, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        return await db.Set<Assessment>().AsNoTracking().InScope(actor).Include(a => a.Members).SingleOrDefaultAsync(a => a.Id == assessmentId, ct) ?? throw NotFound("assessment");
    }

    private async Task ApplyAsync(Assessment a, Episode episode, AssessmentDefinition definition, AssessmentInput input, bool complete, CancellationToken ct)
    {
        var v = new Validator();
        if (input.StartedOn > db.Today())
        {
            v.Add("StartedOn", "The assessment start date must be today or in the past");
        }
        else if (input.StartedOn < episode.OpenedOn)
        {
            v.Add("StartedOn", $"The assessment cannot start before the episode opened on {episode.OpenedOn:d MMMM yyyy}");
        }
        if (input.SafetyScale is < 0 or > 10)
        {
            v.Add("SafetyScale", "The safety scale must be a whole number from 0 to 10");
        }
        if (complete && input.SafetyScale is null)
        {
            v.Add("SafetyScale", "Enter the safety scale before completing the assessment");
        }
        v.MaxLength("Worries", input.Worries, 4000, "What we are worried about")
            .MaxLength("WorkingWell", input.WorkingWell, 4000, "What is working well")
            .MaxLength("NeedsToHappen", input.NeedsToHappen, 4000, "What needs to happen");
        var members = await FamilyMemberIdsAsync(episode.FamilyId, ct);
        foreach (var (m, i) in input.Members.Select((m, i) => (m, i)))
        {
            if (!members.Contains(m.PersonId))
            {
                v.Add($"Members[{i}].PersonId", "Choose a member of this family");
            }
            v.MaxLength($"Members[{i}].Needs", m.Needs, 4000, "Needs").MaxLength($"Members[{i}].Strengths", m.Strengths, 4000, "Strengths").MaxLength($"Members[{i}].Risks", m.Risks, 4000, "Risks");
        }
        if (input.Members.Select(m => m.PersonId).Distinct().Count() != input.Members.Count)
        {
            v.Add("Members", "Each family member can appear once in an assessment");
        }
        var answers = new Dictionary<string, string>();
        foreach (var (key, raw) in input.Answers)
        {
            var q = definition.Question(key);
            if (q is null)
            {
                v.Add($"Answers.{key}", "This question is not part of the programme's assessment");
                continue;
            }
            if (string.IsNullOrWhiteSpace(raw))
            {
                continue;
            }
            var value = raw.Trim();
            var problem = q.Kind switch
            {
                QuestionKind.Scale when !int.TryParse(value, out var n) || n < q.Min || n > q.Max => $"{q.Text}: enter a whole number from {q.Min} to {q.Max}",
                QuestionKind.Choice when q.Choices is not null && !q.Choices.Contains(value) => $"{q.Text}: choose one of the options",
                QuestionKind.Date when !DateOnly.TryParseExact(value, "yyyy-MM-dd", out _) => $"{q.Text}: enter a real date",
                QuestionKind.Text when value.Length > 4000 => $"{q.Text}: must be 4000 characters or fewer",
                _ => null,
            };
            if (problem is not null)
            {
                v.Add($"Answers.{key}", problem);
            }
            answers[key] = value;
        }
        if (complete)
        {
            foreach (var q in definition.Questions.Where(q => q.Required && !answers.ContainsKey(q.Key)))
            {
                v.Add($"Answers.{q.Key}", $"{q.Text}: answer this before completing the assessment");
            }
        }
        v.ThrowIfAny();
        a.StartedOn = input.StartedOn;
        a.Worries = Clean(input.Worries);
        a.WorkingWell = Clean(input.WorkingWell);
        a.NeedsToHappen = Clean(input.NeedsToHappen);
        a.SafetyScale = input.SafetyScale;
        a.AnswersJson = JsonSerializer.Serialize(answers);
        foreach (var m in input.Members)
        {
            var row = a.Members.FirstOrDefault(x => x.PersonId == m.PersonId);
            if (row is null)
            {
                // Added explicitly: a child with its key already set would otherwise be taken for an existing row.
                row = new AssessmentMember { AssessmentId = a.Id, PersonId = m.PersonId };
                a.Members.Add(row);
                db.Add(row);
            }
            row.Needs = Clean(m.Needs);
            row.Strengths = Clean(m.Strengths);
            row.Risks = Clean(m.Risks);
        }
    }

    // ---------- plans ----------

    /// <summary>Writes a plan's first version, or a new version of it; earlier versions are kept unchanged.</summary>
    public async Task<Plan> SavePlanAsync(ActorContext actor, Guid episodeId, int? version, PlanInput input, CancellationToken ct = default, Guid? reviewId = null)
    {
        actor.Demand(Permission.RecordCasework);
        var (episode, _) = await EpisodeAsync(actor, episodeId, ct);
        ValidatePlan(input, "");
        var plan = await db.Set<Plan>().Include(p => p.Versions).SingleOrDefaultAsync(p => p.EpisodeId == episode.Id && p.Kind == input.Kind, ct);
        if (plan is null)
        {
            plan = new Plan { EpisodeId = episode.Id, TeamId = episode.TeamId, Kind = input.Kind, Content = "" };
            db.Add(plan);
        }
        else if (version is { } v)
        {
            plan.Version = v;
        }
        else
        {
            throw new ValidationFailedException("Kind", "This episode already has that plan; amend it instead");
        }
        AddPlanVersion(actor, plan, input, reviewId);
        await db.SaveChangesAsync(actor, ct);
        return plan;
    }

    private void AddPlanVersion(ActorContext actor, Plan plan, PlanInput input, Guid? reviewId)
    {
        plan.CurrentVersion++;
        plan.Content = input.Content.Trim();
        plan.ReviewBy = input.ReviewBy;
        db.Add(new PlanVersion
        {
            PlanId = plan.Id, Number = plan.CurrentVersion, Content = plan.Content, ReviewBy = input.ReviewBy,
            WrittenOn = db.Today(), WrittenBy = actor.Name, ReviewId = reviewId, ChangeSummary = Clean(input.ChangeSummary),
        });
    }

    private void ValidatePlan(PlanInput input, string prefix)
    {
        var v = new Validator().Require(prefix + "Content", input.Content, "Enter what the plan says").MaxLength(prefix + "Content", input.Content, 8000, "The plan");
        if (input.ReviewBy is { } r && r < db.Today())
        {
            v.Add(prefix + "ReviewBy", "The review-by date must be today or later");
        }
        v.MaxLength(prefix + "ChangeSummary", input.ChangeSummary, 2000, "What changed");
        v.ThrowIfAny();
    }

    /// <summary>
    /// Records that a family member agreed the plan's current version: when, and how (signed on paper, verbally,
    /// pictorially, electronically or through an interpreter). Each member agrees each version once.
    /// </summary>
    public async Task<PlanAgreement> RecordAgreementAsync(ActorContext actor, Guid planId, AgreementInput input, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var plan = await db.Set<Plan>().AsNoTracking().InScope(actor).SingleOrDefaultAsync(p => p.Id == planId, ct) ?? throw NotFound("plan");
        var (episode, _) = await EpisodeAsync(actor, plan.EpisodeId, ct);
        var v = new Validator();
        if (!(await FamilyMemberIdsAsync(episode.FamilyId, ct)).Contains(input.PersonId))
        {
            v.Add("PersonId", "Choose a member of this family");
        }
        else if (await db.Set<PlanAgreement>().AnyAsync(a => a.PlanId == plan.Id && a.PersonId == input.PersonId && a.PlanVersionNumber == plan.CurrentVersion, ct))
        {
            v.Add("PersonId", $"This family member has already agreed version {plan.CurrentVersion}");
        }
        if (input.AgreedOn > db.Today())
        {
            v.Add("AgreedOn", "The date of agreement must be today or in the past");
        }
        else if (input.AgreedOn < episode.OpenedOn)
        {
            // A paper agreement may be signed before the plan is typed in, so only the episode's opening bounds it.
            v.Add("AgreedOn", $"The date of agreement cannot be before the episode opened on {episode.OpenedOn:d MMMM yyyy}");
        }
        if (!Enum.IsDefined(input.Format))
        {
            v.Add("Format", "Choose how the family member agreed");
        }
        v.ThrowIfAny();
        var agreement = new PlanAgreement { PlanId = plan.Id, PersonId = input.PersonId, PlanVersionNumber = plan.CurrentVersion, AgreedOn = input.AgreedOn, Format = input.Format };
        db.Add(agreement);
        await db.SaveChangesAsync(actor, ct);
        return agreement;
    }

    /// <summary>Every agreement to the episode's plans, oldest first.</summary>
    public async Task<IReadOnlyList<PlanAgreement>> AgreementsAsync(ActorContext actor, Guid episodeId, CancellationToken ct = default)
    {
        await EpisodeAsync(actor, episodeId, ct);
        return await db.Set<PlanAgreement>().AsNoTracking().Where(a => db.Set<Plan>().Any(p => p.Id == a.PlanId && p.EpisodeId == episodeId))
            .OrderBy(a => a.AgreedOn).ThenBy(a => a.PlanVersionNumber).ToListAsync(ct);
    }

    public static string FormatLabel(AgreementFormat format) => format switch
    {
        AgreementFormat.Signed => "Signed on paper",
        AgreementFormat.Verbal => "Verbally",
        AgreementFormat.Pictorial => "Pictorially (for example a child's drawing or symbols)",
        AgreementFormat.Electronic => "Electronically (digital signature, email or text)",
        _ => "Through an interpreter",
    };

    public async Task<Plan> ReadPlanAsync(ActorContext actor, Guid planId, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        return await db.Set<Plan>().AsNoTracking().InScope(actor).Include(p => p.Versions.OrderBy(x => x.Number)).Include(p => p.Agreements)
            .SingleOrDefaultAsync(p => p.Id == planId, ct) ?? throw NotFound("plan");
    }

    public async Task<IReadOnlyList<Plan>> PlansAsync(ActorContext actor, Guid episodeId, CancellationToken ct = default)
    {
        await EpisodeAsync(actor, episodeId, ct);
        return await db.Set<Plan>().AsNoTracking().Where(p => p.EpisodeId == episodeId).OrderBy(p => p.Kind).ToListAsync(ct);
    }

    // ---------- goals ----------

    public async Task<Goal> AddGoalAsync(ActorContext actor, Guid episodeId, GoalInput input, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var (episode, _) = await EpisodeAsync(actor, episodeId, ct);
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
        var (episode, _) = await EpisodeAsync(actor, goal.EpisodeId, ct);
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
        await EpisodeAsync(actor, episodeId, ct);
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
        if (input.PersonId is { } p && !(await FamilyMemberIdsAsync(episode.FamilyId, ct)).Contains(p))
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

    // ---------- reviews ----------

    /// <summary>
    /// Creates the current phase's reviews from the programme's review points (see <see cref="ReviewSchedule"/>).
    /// Safe to call repeatedly: a review already scheduled for a date is left as it is.
    /// </summary>
    public async Task<IReadOnlyList<Review>> ScheduleReviewsAsync(ActorContext actor, Guid episodeId, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var (episode, programme) = await EpisodeAsync(actor, episodeId, ct);
        if (episode.ClosedOn is null)
        {
            var existing = await db.Set<Review>().Where(r => r.EpisodeId == episode.Id && r.PhaseKey == episode.CurrentPhase).Select(r => r.DueOn).ToListAsync(ct);
            var sequence = existing.Count;
            foreach (var due in ReviewSchedule.DueDates(programme, episode.CurrentPhase, episode.CurrentPhaseStartedOn).Where(d => !existing.Contains(d)))
            {
                db.Add(new Review { EpisodeId = episode.Id, TeamId = episode.TeamId, PhaseKey = episode.CurrentPhase, DueOn = due, Sequence = ++sequence });
            }
            await db.SaveChangesAsync(actor, ct);
        }
        return await db.Set<Review>().AsNoTracking().Where(r => r.EpisodeId == episode.Id).OrderBy(r => r.DueOn).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<Review>> ReviewsAsync(ActorContext actor, Guid episodeId, CancellationToken ct = default)
    {
        await EpisodeAsync(actor, episodeId, ct);
        return await db.Set<Review>().AsNoTracking().Include(r => r.Ratings).Where(r => r.EpisodeId == episodeId).OrderBy(r => r.DueOn).ToListAsync(ct);
    }

    public async Task<Review> ReadReviewAsync(ActorContext actor, Guid reviewId, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        return await db.Set<Review>().AsNoTracking().InScope(actor).Include(r => r.Ratings).SingleOrDefaultAsync(r => r.Id == reviewId, ct) ?? throw NotFound("review");
    }

    /// <summary>
    /// The episode's GAS trajectory: at each held review with ratings, the Kiresuk-Sherman T-score of the goals rated
    /// there (equal weights). The ratings are the GAS administrations; nothing is entered twice. Reviews are numbered
    /// in due-date order within the episode, as the measures report numbers them.
    /// </summary>
    public async Task<IReadOnlyList<GasReviewPoint>> GasTrajectoryAsync(ActorContext actor, Guid episodeId, CancellationToken ct = default)
    {
        var reviews = await ReviewsAsync(actor, episodeId, ct);
        var held = reviews.Where(r => r.HeldOn is not null && r.Ratings.Count > 0)
            .Select(r => (Review: r, Number: reviews.Count(o => o.DueOn < r.DueOn) + 1)).ToList();
        var scores = ReliableChange.GasTrajectory(new GoalAttainmentScaling(), held.Select(x => (IReadOnlyList<Measures.GoalRating>)x.Review.Ratings.Select(g => Measures.GoalRating.Of(g.Level)).ToList()));
        return held.Select((x, i) => new GasReviewPoint(x.Review.Id, x.Number, x.Review.HeldOn!.Value, x.Review.Ratings.Count, scores[i])).ToList();
    }

    /// <summary>Records a held review: attendees, a GAS level for every goal with levels, progress, decision and any plan amendment.</summary>
    public async Task<Review> RecordReviewAsync(ActorContext actor, Guid reviewId, int version, ReviewInput input, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var review = await db.Set<Review>().InScope(actor).Include(r => r.Ratings).SingleOrDefaultAsync(r => r.Id == reviewId, ct) ?? throw NotFound("review");
        review.Version = version;
        var (episode, _) = await EpisodeAsync(actor, review.EpisodeId, ct);
        var goals = await db.Set<Goal>().Where(g => g.EpisodeId == episode.Id).ToListAsync(ct);
        var v = new Validator();
        if (input.HeldOn > db.Today())
        {
            v.Add("HeldOn", "The review date must be today or in the past");
        }
        else if (input.HeldOn < episode.OpenedOn)
        {
            v.Add("HeldOn", "The review cannot be before the episode opened");
        }
        if (input.Decision is null)
        {
            v.Add("Decision", "Choose the review's decision");
        }
        v.MaxLength("Attendees", input.Attendees, 2000, "Who attended").MaxLength("Progress", input.Progress, 4000, "Progress").MaxLength("PlanChanges", input.PlanChanges, 4000, "Plan changes");
        foreach (var (goalId, level) in input.Ratings)
        {
            var goal = goals.FirstOrDefault(g => g.Id == goalId);
            if (goal is null)
            {
                v.Add($"Ratings[{goalId}]", "This goal is not part of the episode");
            }
            else if (!goal.HasLevels)
            {
                v.Add($"Ratings[{goalId}]", $"\"{goal.Title}\" has no Goal Attainment Scaling levels yet: write its five levels before rating it");
            }
            else if (level is < -2 or > 2)
            {
                v.Add($"Ratings[{goalId}]", $"Rate \"{goal.Title}\" from -2 to +2");
            }
        }
        foreach (var goal in goals.Where(g => g.HasLevels && !input.Ratings.ContainsKey(g.Id)))
        {
            v.Add($"Ratings[{goal.Id}]", $"Rate \"{goal.Title}\" from -2 to +2");
        }
        Plan? amended = null;
        if (input.PlanAmendment is { } amendment)
        {
            try
            {
                ValidatePlan(amendment, "Plan.");
            }
            catch (ValidationFailedException e)
            {
                foreach (var error in e.Errors)
                {
                    v.Add(error.Field, error.Message);
                }
            }
            amended = await db.Set<Plan>().SingleOrDefaultAsync(p => p.EpisodeId == episode.Id && p.Kind == amendment.Kind, ct);
            if (amended is null)
            {
                v.Add("Plan.Kind", "The episode has no plan of that kind to amend");
            }
        }
        v.ThrowIfAny();
        review.HeldOn = input.HeldOn;
        review.Attendees = Clean(input.Attendees);
        review.Progress = Clean(input.Progress);
        review.PlanChanges = Clean(input.PlanChanges);
        review.Decision = input.Decision;
        foreach (var (goalId, level) in input.Ratings)
        {
            var rating = review.Ratings.FirstOrDefault(r => r.GoalId == goalId);
            if (rating is null)
            {
                var added = new GoalRating { ReviewId = review.Id, GoalId = goalId, Level = level };
                review.Ratings.Add(added);
                db.Add(added);
            }
            else
            {
                rating.Level = level;
            }
        }
        if (amended is not null)
        {
            AddPlanVersion(actor, amended, input.PlanAmendment!, review.Id);
        }
        await db.SaveChangesAsync(actor, ct);
        return review;
    }

    // ---------- team around the family ----------

    public async Task<Professional> AddProfessionalAsync(ActorContext actor, Guid episodeId, ProfessionalInput input, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var (episode, _) = await EpisodeAsync(actor, episodeId, ct);
        ValidateProfessional(input);
        var p = new Professional
        {
            EpisodeId = episode.Id, TeamId = episode.TeamId, Name = input.Name.Trim(), Agency = input.Agency.Trim(), Role = input.Role.Trim(),
            Contact = Clean(input.Contact), ConsentToShare = input.ConsentToShare,
        };
        db.Add(p);
        await db.SaveChangesAsync(actor, ct);
        return p;
    }

    /// <summary>Changes a professional's details (a new role or contact, consent given or withdrawn), refusing a stale version.</summary>
    public async Task<Professional> UpdateProfessionalAsync(ActorContext actor, Guid professionalId, int version, ProfessionalInput input, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var p = await db.Set<Professional>().InScope(actor).SingleOrDefaultAsync(x => x.Id == professionalId, ct) ?? throw NotFound("professional");
        await EpisodeAsync(actor, p.EpisodeId, ct);
        ValidateProfessional(input);
        p.Version = version;
        (p.Name, p.Agency, p.Role, p.Contact, p.ConsentToShare) = (input.Name.Trim(), input.Agency.Trim(), input.Role.Trim(), Clean(input.Contact), input.ConsentToShare);
        await db.SaveChangesAsync(actor, ct);
        return p;
    }

    public async Task<Professional> ReadProfessionalAsync(ActorContext actor, Guid professionalId, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var p = await db.Set<Professional>().AsNoTracking().InScope(actor).SingleOrDefaultAsync(x => x.Id == professionalId, ct) ?? throw NotFound("professional");
        await EpisodeAsync(actor, p.EpisodeId, ct);
        return p;
    }

    /// <summary>The checks on a professional's details, for forms that report them with their own.</summary>
    public static void ValidateProfessional(ProfessionalInput input) => new Validator()
        .Require("Name", input.Name, "Enter the professional's name").MaxLength("Name", input.Name, 200, "Name")
        .Require("Agency", input.Agency, "Enter the agency").MaxLength("Agency", input.Agency, 200, "Agency")
        .Require("Role", input.Role, "Enter their role").MaxLength("Role", input.Role, 200, "Role")
        .MaxLength("Contact", input.Contact, 200, "Contact")
        .ThrowIfAny();

    public async Task<IReadOnlyList<Professional>> ProfessionalsAsync(ActorContext actor, Guid episodeId, CancellationToken ct = default)
    {
        await EpisodeAsync(actor, episodeId, ct);
        return await db.Set<Professional>().AsNoTracking().Where(p => p.EpisodeId == episodeId).OrderBy(p => p.Agency).ThenBy(p => p.Name).ToListAsync(ct);
    }

    // ---------- shared ----------

    /// <summary>The episode with its family's reference and members, for forms that name people.</summary>
    public async Task<EpisodeSummary> SummaryAsync(ActorContext actor, Guid episodeId, CancellationToken ct = default)
    {
        var (episode, programme) = await EpisodeAsync(actor, episodeId, ct);
        var reference = await db.Set<Family>().Where(f => f.Id == episode.FamilyId).Select(f => f.Reference).SingleAsync(ct);
        var ids = await FamilyMemberIdsAsync(episode.FamilyId, ct);
        var members = await db.Set<Person>().Where(p => ids.Contains(p.Id)).OrderBy(p => p.DateOfBirth).ThenBy(p => p.GivenName)
            .Select(p => new MemberName(p.Id, p.KnownAs ?? p.GivenName, p.FamilyName)).ToListAsync(ct);
        await db.RecordReadAsync(actor, nameof(Family), episode.FamilyId, ct);
        return new EpisodeSummary(episode, programme, reference, members);
    }

    internal async Task<(Episode Episode, ProgrammeDefinition Programme)> EpisodeAsync(ActorContext actor, Guid episodeId, CancellationToken ct)
    {
        actor.Demand(Permission.ViewFamilies);
        var episode = await db.Set<Episode>().AsNoTracking().InScope(actor).SingleOrDefaultAsync(e => e.Id == episodeId, ct) ?? throw NotFound("episode");
        var programme = await db.Set<ProgrammeVersion>().AsNoTracking().SingleAsync(p => p.Id == episode.ProgrammeVersionId, ct);
        return (episode, programme.Definition);
    }

    private async Task<HashSet<Guid>> FamilyMemberIdsAsync(Guid familyId, CancellationToken ct) =>
        (await db.Set<Person>().Where(p => p.FamilyId == familyId).Select(p => p.Id)
            .Union(db.Set<FamilyMembership>().Where(m => m.FamilyId == familyId).Select(m => m.PersonId)).ToListAsync(ct)).ToHashSet();

    internal static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    internal static AccessDeniedException NotFound(string what) => new($"That {what} does not exist or is not in your teams.");
}
