using Hearth.Core.Auditing;
using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Casework;

/// <summary>Plans, their versions and the family's agreements to them.</summary>
public sealed class PlanServiceTests : CaseworkTestBase
{
    [Fact]
    public async Task Plan_versions_are_kept_and_a_review_can_amend_the_plan()
    {
        await SetUpEpisodeAsync(toPhase2: true);
        var plan = await Plans(c => c.SavePlanAsync(Practitioner, Episode.Id, null, new PlanInput(PlanKind.WholeFamilyPlan, "Kim attends the drug service weekly.", new DateOnly(2026, 12, 1))));
        plan = await Plans(c => c.SavePlanAsync(Practitioner, Episode.Id, plan.Version, new PlanInput(PlanKind.WholeFamilyPlan, "Kim attends the drug service weekly. Ava walks to school with her aunt.", new DateOnly(2026, 12, 1), "Added school run")));
        var review = (await Reviews(c => c.ScheduleReviewsAsync(Practitioner, Episode.Id)))[0];
        await Reviews(c => c.RecordReviewAsync(Practitioner, review.Id, review.Version, new ReviewInput(new DateOnly(2026, 3, 2), "Kim", "Good", "Fortnightly visits", ReviewDecision.StepDown,
            new Dictionary<Guid, int>(), new PlanInput(PlanKind.WholeFamilyPlan, "Fortnightly visits; Kim attends the drug service.", new DateOnly(2027, 1, 15), "Stepped down"))));

        var read = await PlanWithVersionsAsync(plan.Id);
        Assert.Equal(3, read.CurrentVersion);
        Assert.Equal("Fortnightly visits; Kim attends the drug service.", read.Content);
        Assert.Equal([1, 2, 3], read.Versions.Select(v => v.Number));
        Assert.Equal("Kim attends the drug service weekly.", read.Versions[0].Content);
        Assert.Null(read.Versions[1].ReviewId);
        Assert.Equal(review.Id, read.Versions[2].ReviewId);

        // A stale edit (version read before the review amended it) is a conflict, not an overwrite.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Plans(c => c.SavePlanAsync(Practitioner, Episode.Id, plan.Version, new PlanInput(PlanKind.WholeFamilyPlan, "Overwrite", null))));
        Assert.Equal(3, (await PlanWithVersionsAsync(plan.Id)).Versions.Count);
        var duplicate = await Assert.ThrowsAsync<ValidationFailedException>(() => Plans(c => c.SavePlanAsync(Practitioner, Episode.Id, null, new PlanInput(PlanKind.WholeFamilyPlan, "Again", null))));
        Assert.Equal("Kind", duplicate.Errors.Single().Field);
    }

    [Fact]
    public async Task Each_member_agrees_to_the_family_agreement_with_a_date_and_format()
    {
        await SetUpEpisodeAsync(toPhase2: false);
        var plan = await Plans(c => c.SavePlanAsync(Practitioner, Episode.Id, null, new PlanInput(PlanKind.FamilyAgreement, "We will be honest with each other.", null)));
        await Plans(c => c.RecordAgreementAsync(Practitioner, plan.Id, new AgreementInput(Parent.Id, new DateOnly(2025, 12, 5), AgreementFormat.Signed)));
        await Plans(c => c.RecordAgreementAsync(Practitioner, plan.Id, new AgreementInput(Child.Id, new DateOnly(2025, 12, 6), AgreementFormat.Pictorial)));
        var stranger = await FamilyWithChildAsync("C-2");

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => Plans(c => c.RecordAgreementAsync(Practitioner, plan.Id, new AgreementInput(stranger.Child.Id, Today.AddDays(1), AgreementFormat.Verbal))));

        Assert.Equal(["PersonId", "AgreedOn"], e.Errors.Select(x => x.Field));
        var read = await PlanWithVersionsAsync(plan.Id);
        Assert.Equal([AgreementFormat.Signed, AgreementFormat.Pictorial], read.Agreements.OrderBy(a => a.AgreedOn).Select(a => a.Format));
        Assert.All(read.Agreements, a => Assert.Equal(1, a.PlanVersionNumber));
    }

    private Task<Plan> PlanWithVersionsAsync(Guid id) =>
        Query(d => d.Set<Plan>().AsNoTracking().Include(p => p.Versions.OrderBy(x => x.Number)).Include(p => p.Agreements).SingleAsync(p => p.Id == id));
}
