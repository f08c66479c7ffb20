using System.Text.Json;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Programmes;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;
using static Hearth.Core.Casework.CaseworkScope;

namespace Hearth.Core.Casework;

public sealed record MemberAssessmentInput(Guid PersonId, string? Needs, string? Strengths, string? Risks);

public sealed record AssessmentInput(
    DateOnly StartedOn, string? Worries, string? WorkingWell, string? NeedsToHappen, int? SafetyScale,
    IReadOnlyList<MemberAssessmentInput> Members, IReadOnlyDictionary<string, string?> Answers);

/// <summary>
/// An episode's assessments: started, saved, completed against the programme's questions, and authorised by a manager.
/// Each edit takes the version the user read, so a colleague's change in between is a conflict rather than a silent overwrite.
/// </summary>
public sealed class AssessmentService(HearthDbContext db)
{
    public async Task<Assessment> StartAssessmentAsync(ActorContext actor, Guid episodeId, AssessmentInput input, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var (episode, programme) = await db.EpisodeInScopeAsync(actor, episodeId, ct);
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
        var (episode, programme) = await db.EpisodeInScopeAsync(actor, assessment.EpisodeId, ct);
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
        await db.ReadEpisodeInScopeAsync(actor, episodeId, ct);
        return await db.Set<Assessment>().AsNoTracking().Include(a => a.Members).Where(a => a.EpisodeId == episodeId).OrderBy(a => a.StartedOn).ToListAsync(ct);
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
        var members = await db.FamilyMemberIdsAsync(episode.FamilyId, ct);
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
}
