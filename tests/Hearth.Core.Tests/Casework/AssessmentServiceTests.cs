using Hearth.Core.Auditing;
using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Casework;

/// <summary>An episode's assessments: draft, complete and authorised, with the programme's questions checked.</summary>
public sealed class AssessmentServiceTests : CaseworkTestBase
{
    [Fact]
    public async Task Assessments_go_from_draft_to_complete_to_authorised_by_a_manager_with_programme_questions_checked()
    {
        await SetUpEpisodeAsync(toPhase2: false);
        var input = new AssessmentInput(Received.AddDays(1), "Kim's drug use", "Grandparents help", "Kim engages with treatment", null,
            [new MemberAssessmentInput(Parent.Id, "Treatment", "Loves Ava", "Relapse")], new Dictionary<string, string?> { ["motivation_to_change"] = "11", ["no_such"] = "x" });

        var bad = await Assert.ThrowsAsync<ValidationFailedException>(() => Assessments(c => c.StartAssessmentAsync(Practitioner, Episode.Id, input)));
        Assert.Equal(["Answers.motivation_to_change", "Answers.no_such"], bad.Errors.Select(e => e.Field));
        Assert.Equal(0, await Query(d => d.Set<Assessment>().CountAsync()));

        var started = await Assessments(c => c.StartAssessmentAsync(Practitioner, Episode.Id, input with { Answers = new Dictionary<string, string?> { ["motivation_to_change"] = "6" } }));
        Assert.Equal(("72-hour assessment", AssessmentState.Draft), (started.AssessmentType, started.State));
        var incomplete = await Assert.ThrowsAsync<ValidationFailedException>(() => Assessments(c =>
            c.UpdateAssessmentAsync(Practitioner, started.Id, started.Version, input with { Answers = new Dictionary<string, string?> { ["motivation_to_change"] = "6" } }, complete: true)));
        Assert.Equal(["SafetyScale", "Answers.substances_used"], incomplete.Errors.Select(e => e.Field));

        var complete = await Assessments(c => c.UpdateAssessmentAsync(Practitioner, started.Id, started.Version,
            input with { SafetyScale = 4, Answers = new Dictionary<string, string?> { ["motivation_to_change"] = "6", ["substances_used"] = "Heroin", ["last_use"] = "2025-11-30" } }, complete: true));
        Assert.Equal(AssessmentState.Complete, complete.State);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Assessments(c => c.AuthoriseAssessmentAsync(Practitioner, complete.Id, complete.Version)));
        var authorised = await Assessments(c => c.AuthoriseAssessmentAsync(Manager, complete.Id, complete.Version));
        Assert.Equal((AssessmentState.Authorised, "Morgan Manager", Today), (authorised.State, authorised.AuthorisedBy, authorised.AuthorisedOn));

        var member = Assert.Single((await Query(d => d.Set<Assessment>().AsNoTracking().Include(a => a.Members).SingleAsync(a => a.Id == complete.Id))).Members);
        var goal = await Goals(c => c.AddGoalAsync(Practitioner, Episode.Id, new GoalInput(Parent.Id, "Kim stays in treatment", "Kim", null, FiveLevels, [member.Id])));
        Assert.Equal([member.Id], goal.NeedIds);
        var wrongNeed = await Assert.ThrowsAsync<ValidationFailedException>(() => Goals(c => c.AddGoalAsync(Practitioner, Episode.Id, new GoalInput(null, "x", "Kim", null, FiveLevels, [Guid.CreateVersion7()]))));
        Assert.Equal("NeedIds", wrongNeed.Errors.Single().Field);
    }
}
