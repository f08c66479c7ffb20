using System.Text.Json;
using Hearth.Core.Auditing;
using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Casework;

/// <summary>The family agreement agreed by each member, and a manager's authorisation of an assessment.</summary>
public sealed class SignOffTests : CaseworkTestBase
{
    private ActorContext Performance => ActorContext.ForUser(Guid.CreateVersion7(), "Perry Performance", Role.Performance, [TeamA.Id]);

    private Task<IReadOnlyList<ChronologyEntry>> ChronologyAsync(ChronologyKind kind) =>
        InScope(s => Get<Chronology>(s).ForFamilyAsync(Practitioner, Family.Id, kind));

    [Fact]
    public async Task A_members_agreement_is_audited_shown_in_the_chronology_and_recorded_once_per_version()
    {
        await SetUpEpisodeAsync(toPhase2: false);
        var plan = await Plans(c => c.SavePlanAsync(Practitioner, Episode.Id, null, new PlanInput(PlanKind.FamilyAgreement, "We will be honest with each other.", null)));

        var agreed = await Plans(c => c.RecordAgreementAsync(Practitioner, plan.Id, new AgreementInput(Parent.Id, new DateOnly(2025, 12, 5), AgreementFormat.Signed)));

        var audit = await Query(d => d.AuditEvents.SingleAsync(a => a.EntityType == nameof(PlanAgreement) && a.EntityId == agreed.Id.ToString()));
        Assert.Equal((AuditAction.Created, Practitioner.UserId), (audit.Action, audit.ActorUserId));
        var changes = JsonSerializer.Deserialize<List<FieldChange>>(audit.Changes!, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Contains(changes, c => c.Field == "Format" && c.To == "Signed");
        var entry = Assert.Single(await ChronologyAsync(ChronologyKind.Agreement));
        Assert.Equal((new DateOnly(2025, 12, 5), "Kim C-1 agreed the family agreement (version 1): signed on paper"), (entry.On, entry.Summary));
        Assert.Equal([Parent.Id], entry.PersonIds);

        // The same member agreeing the same version again, a date before the episode opened, and a role that does not record casework.
        var again = await Assert.ThrowsAsync<ValidationFailedException>(() => Plans(c => c.RecordAgreementAsync(Practitioner, plan.Id, new AgreementInput(Parent.Id, new DateOnly(2025, 11, 30), AgreementFormat.Verbal))));
        Assert.Equal([("PersonId", "This family member has already agreed version 1"), ("AgreedOn", "The date of agreement cannot be before the episode opened on 1 December 2025")],
            again.Errors.Select(e => (e.Field, e.Message)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Plans(c => c.RecordAgreementAsync(Performance, plan.Id, new AgreementInput(Child.Id, Today, AgreementFormat.Verbal))));
        Assert.Equal(1, await Query(d => d.Set<PlanAgreement>().CountAsync()));

        // A new version of the agreement needs agreeing afresh.
        await Plans(c => c.SavePlanAsync(Practitioner, Episode.Id, plan.Version, new PlanInput(PlanKind.FamilyAgreement, "We will be honest and keep appointments.", null)));
        var second = await Plans(c => c.RecordAgreementAsync(Practitioner, plan.Id, new AgreementInput(Parent.Id, Today, AgreementFormat.Electronic)));
        Assert.Equal(2, second.PlanVersionNumber);
        Assert.Equal([(2, Parent.Id), (1, Parent.Id)], (await Plans(c => c.AgreementsAsync(Practitioner, Episode.Id))).Select(a => (a.PlanVersionNumber, a.PersonId)).Reverse());
    }

    [Fact]
    public async Task Only_a_manager_authorises_a_complete_assessment_and_the_authorisation_is_audited_and_in_the_chronology()
    {
        await SetUpEpisodeAsync(toPhase2: false);
        var input = new AssessmentInput(Received.AddDays(1), "Kim's drug use", null, null, 5, [new MemberAssessmentInput(Parent.Id, "Treatment", null, null)],
            new Dictionary<string, string?> { ["motivation_to_change"] = "6", ["substances_used"] = "Heroin" });
        var draft = await Assessments(c => c.StartAssessmentAsync(Practitioner, Episode.Id, input));
        var notComplete = await Assert.ThrowsAsync<ValidationFailedException>(() => Assessments(c => c.AuthoriseAssessmentAsync(Manager, draft.Id, draft.Version, Today)));
        Assert.Equal("State", notComplete.Errors.Single().Field);
        var complete = await Assessments(c => c.UpdateAssessmentAsync(Practitioner, draft.Id, draft.Version, input, complete: true));

        await Assert.ThrowsAsync<AccessDeniedException>(() => Assessments(c => c.AuthoriseAssessmentAsync(Practitioner, complete.Id, complete.Version, Today)));
        var future = await Assert.ThrowsAsync<ValidationFailedException>(() => Assessments(c => c.AuthoriseAssessmentAsync(Manager, complete.Id, complete.Version, Today.AddDays(1))));
        Assert.Equal(("AuthorisedOn", "The date of authorisation must be today or in the past"), (future.Errors.Single().Field, future.Errors.Single().Message));
        var early = await Assert.ThrowsAsync<ValidationFailedException>(() => Assessments(c => c.AuthoriseAssessmentAsync(Manager, complete.Id, complete.Version, Today.AddDays(-1))));
        Assert.Equal("The date of authorisation cannot be before the assessment was completed on 2 November 2026", early.Errors.Single().Message);
        Assert.Equal(AssessmentState.Complete, (await Query(d => d.Set<Assessment>().AsNoTracking().SingleAsync(a => a.Id == complete.Id))).State);

        var authorised = await Assessments(c => c.AuthoriseAssessmentAsync(Manager, complete.Id, complete.Version, Today));

        Assert.Equal((AssessmentState.Authorised, "Morgan Manager", (DateOnly?)Today), (authorised.State, authorised.AuthorisedBy, authorised.AuthorisedOn));
        var audit = await Query(d => d.AuditEvents.Where(a => a.EntityType == nameof(Assessment) && a.EntityId == complete.Id.ToString() && a.Action == AuditAction.Updated)
            .OrderByDescending(a => a.Id).FirstAsync());
        Assert.Equal(Manager.UserId, audit.ActorUserId);
        var changes = JsonSerializer.Deserialize<List<FieldChange>>(audit.Changes!, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.Contains(changes, c => c.Field == "State" && c.From == "Complete" && c.To == "Authorised");
        Assert.Contains(changes, c => c.Field == "AuthorisedBy" && c.To == "Morgan Manager");
        var entries = await ChronologyAsync(ChronologyKind.Assessment);
        Assert.Contains(entries, e => e.On == Today && e.Summary == "72-hour assessment authorised by Morgan Manager");
        var twice = await Assert.ThrowsAsync<ValidationFailedException>(() => Assessments(c => c.AuthoriseAssessmentAsync(Manager, authorised.Id, authorised.Version, Today)));
        Assert.Equal("The assessment has already been authorised", twice.Errors.Single().Message);
    }
}
