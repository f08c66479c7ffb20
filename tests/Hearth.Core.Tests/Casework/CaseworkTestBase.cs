using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Casework;

/// <summary>An IFSS episode for family "C-1": received 1 December 2025, Phase 1 from 4 December, Phase 2 from 31 January 2026.</summary>
public abstract class CaseworkTestBase : JourneyTestBase
{
    protected static readonly DateOnly Received = new(2025, 12, 1);
    protected static readonly DateOnly Phase1On = new(2025, 12, 4);
    protected static readonly DateOnly Phase2On = new(2026, 1, 31);

    protected Episode Episode = null!;
    protected Family Family = null!;
    protected Person Child = null!;
    protected Person Parent = null!;
    protected Worker Worker = null!;

    /// <summary>Sets up the episode in Phase 1 (and, when <paramref name="toPhase2"/>, moves it to Phase 2).</summary>
    protected async Task SetUpEpisodeAsync(bool toPhase2, string reference = "C-1")
    {
        (Family, Child) = await FamilyWithChildAsync(reference);
        Parent = await InScope(s => Get<PeopleService>(s).AddPersonAsync(Practitioner, new NewPerson(Family.Id, "Kim", reference, new DateOnly(1990, 3, 3)) { NotADuplicate = true }));
        var referral = await RecordAsync(Referral(Family, Child.Id, Received));
        var accepted = await TriageAsync(referral.Id, new Core.Referrals.TriageDecision(Core.Referrals.TriageOutcome.Accepted, Received));
        var id = accepted.EpisodeId!.Value;
        await ActAsync(id, (s, v) => s.MoveToPhaseAsync(Practitioner, id, v, "assessment", Received.AddDays(1)));
        await ActAsync(id, (s, v) => s.RecordAssessmentDecisionAsync(Practitioner, id, v, AssessmentDecision.Proceed, Phase1On));
        await ActAsync(id, (s, v) => s.MoveToPhaseAsync(Practitioner, id, v, "phase1", Phase1On));
        if (toPhase2)
        {
            await ActAsync(id, (s, v) => s.MoveToPhaseAsync(Practitioner, id, v, "phase2", Phase2On));
        }
        Worker = await WorkerAsync(reference == "C-1" ? "Wren Worker" : $"Wren Worker {reference}", TeamA);
        await InScope(s => Get<AllocationService>(s).AllocateAsync(Manager, new NewAllocation(id, Worker.Id, Phase1On)));
        Episode = await EpisodeAsync(id);
    }

    protected SessionInput SessionOn(DateOnly date, int startHour, int minutes, SessionType type = SessionType.HomeVisit) =>
        new(Episode.Id, date, new TimeOnly(startHour, 0), new TimeOnly(startHour, 0).AddMinutes(minutes), type, false, [Child.Id, Parent.Id], [Worker.Id], null, "Family home", null);

    protected static GasLevels FiveLevels => new("Ava misses most school days", "Ava attends 3 days a week", "Ava attends 4 days a week", "Ava attends every day most weeks", "Ava attends every day");

    protected Task<T> Assessments<T>(Func<AssessmentService, Task<T>> action) => InScope(s => action(Get<AssessmentService>(s)));

    protected Task<T> Plans<T>(Func<PlanService, Task<T>> action) => InScope(s => action(Get<PlanService>(s)));

    protected Task<T> Goals<T>(Func<GoalService, Task<T>> action) => InScope(s => action(Get<GoalService>(s)));

    protected Task<T> Reviews<T>(Func<ReviewService, Task<T>> action) => InScope(s => action(Get<ReviewService>(s)));

    protected Task<T> Professionals<T>(Func<TeamAroundFamilyService, Task<T>> action) => InScope(s => action(Get<TeamAroundFamilyService>(s)));

    protected Task<T> Sessions<T>(Func<SessionService, Task<T>> action) => InScope(s => action(Get<SessionService>(s)));

    protected Task<T> Query<T>(Func<HearthDbContext, Task<T>> query) => InScope(s => query(Get<HearthDbContext>(s)));

    protected Task<int> VersionOf<T>(Guid id) where T : Entity => Query(d => d.Set<T>().Where(x => x.Id == id).Select(x => x.Version).SingleAsync());
}
