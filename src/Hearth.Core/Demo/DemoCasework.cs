using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.People;
using Hearth.Core.Programmes;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Demo;

/// <summary>
/// Casework for the demo's open, allocated episodes past their assessment decision: an assessment, the three plans,
/// goals with their levels, sessions in each work phase, the current phase's reviews (held when due long enough ago)
/// and referrals to wider services. Everything goes through the Core services, so it obeys the same rules as a user.
/// Deterministic for a seed and a date; capped at <see cref="MaxEpisodes"/> episodes to keep seeding quick.
/// </summary>
internal sealed class DemoCasework(HearthDbContext db, int seed)
{
    public const int MaxEpisodes = 24;

    private readonly Random _random = new(seed);
    private readonly AssessmentService _assessments = new(db);
    private readonly PlanService _plans = new(db);
    private readonly GoalService _goals = new(db);
    private readonly TeamAroundFamilyService _team = new(db);
    private readonly ReviewService _reviews = new(db, new PlanService(db));
    private int _professionals;

    private static readonly (string Name, string Category)[] Directory =
    [
        ("Recovery Steps drug and alcohol service", "Drug and alcohol"), ("Safe Lives domestic abuse outreach", "Domestic abuse"),
        ("Adult community mental health team", "Mental health"), ("Housing options", "Housing"), ("Citizens Advice debt clinic", "Debt advice"),
        ("Jobcentre work coach", "Employment support"), ("Incredible Years parenting group", "Parenting"), ("School nursing", "Health"),
    ];

    private static readonly string[] Worries = ["Drinking most evenings", "Arguments in front of the children", "Children missing school", "Rent arrears and eviction letters", "Low mood and isolation"];
    private static readonly string[] Strengths = ["Grandparents nearby and willing to help", "Children attached to their parents", "Parent asked for help", "Children settled at school"];
    private static readonly (string Title, string[] Levels)[] Goals =
    [
        ("Children go to school every day", ["Attends fewer than 2 days a week", "Attends 2-3 days a week", "Attends 4 days most weeks", "Attends every day most weeks", "Attends every day"]),
        ("Calm, predictable bedtimes", ["No routine most nights", "Routine 1-2 nights a week", "Routine most school nights", "Routine every school night", "Routine every night"]),
        ("Parent stays in treatment", ["Stops attending", "Attends some appointments", "Attends every appointment", "Attends and joins a group", "Attends, group and peer mentor"]),
        ("Rent paid on time", ["Arrears growing", "Arrears steady", "Rent paid, arrears steady", "Rent paid, arrears falling", "Arrears cleared"]),
    ];

    public async Task SeedAsync(ActorContext actor, CancellationToken ct)
    {
        var today = db.Today();
        var sessions = new SessionService(db);
        var referrals = new ServiceReferralService(db);
        var directory = new List<DirectoryService>();
        foreach (var (name, category) in Directory)
        {
            directory.Add(await referrals.AddToDirectoryAsync(actor, new DirectoryServiceInput(name, category, null), ct));
        }
        var allocated = db.Set<Allocation>().Where(a => a.To == null);
        var episodes = await db.Set<Episode>().AsNoTracking().Include(e => e.Phases)
            .Where(e => e.ClosedOn == null && e.AssessmentDecision == AssessmentDecision.Proceed && allocated.Any(a => a.EpisodeId == e.Id))
            .OrderBy(e => e.OpenedOn).ThenBy(e => e.Id).Take(MaxEpisodes).ToListAsync(ct);
        var familyWork = new List<SessionInput>();
        foreach (var episode in episodes)
        {
            // Everything before is saved; a long-lived context re-scanning thousands of tracked rows makes each save slow.
            db.ChangeTracker.Clear();
            var worker = await allocated.Where(a => a.EpisodeId == episode.Id).OrderByDescending(a => a.IsLead).Select(a => a.WorkerId).FirstAsync(ct);
            var people = await db.Set<Person>().Where(p => p.FamilyId == episode.FamilyId).OrderBy(p => p.DateOfBirth).Select(p => p.Id).ToListAsync(ct);
            var (_, programme) = await db.EpisodeInScopeAsync(actor, episode.Id, ct);
            var phases = episode.Phases.OrderBy(p => p.StartedOn).ThenBy(p => p.EndedOn == null).ToList();
            var assessedOn = phases.FirstOrDefault(p => programme.Phase(p.PhaseKey)?.IsAssessment == true)?.StartedOn ?? episode.OpenedOn;

            var assessment = await _assessments.StartAssessmentAsync(actor, episode.Id, AssessmentInputFor(programme, assessedOn, people), ct);
            assessment = await _assessments.UpdateAssessmentAsync(actor, assessment.Id, assessment.Version, AssessmentInputFor(programme, assessedOn, people), complete: true, ct);
            if (_random.Next(2) == 0)
            {
                await _assessments.AuthoriseAssessmentAsync(actor, assessment.Id, assessment.Version, ct: ct);
            }
            var needs = await db.Set<AssessmentMember>().Where(m => m.AssessmentId == assessment.Id).Select(m => m.Id).ToListAsync(ct);

            var reviewBy = today.AddDays(14 + _random.Next(60));
            var agreement = await _plans.SavePlanAsync(actor, episode.Id, null, new PlanInput(PlanKind.FamilyAgreement, "We will be honest with each other, keep appointments and tell the worker when things go wrong.", null), ct);
            foreach (var person in people)
            {
                await _plans.RecordAgreementAsync(actor, agreement.Id, new AgreementInput(person, assessedOn, _random.Next(3) == 0 ? AgreementFormat.Pictorial : AgreementFormat.Signed), ct);
            }
            await _plans.SavePlanAsync(actor, episode.Id, null, new PlanInput(PlanKind.WholeFamilyPlan, "Weekly home visits; parent attends the specialist service; school run agreed with grandparent.", reviewBy), ct);
            await _plans.SavePlanAsync(actor, episode.Id, null, new PlanInput(PlanKind.SafetyPlan, "A named safe adult is available every evening; the children know who to call.", reviewBy), ct);

            var goalCount = 1 + _random.Next(2);
            for (var g = 0; g < goalCount; g++)
            {
                var (title, levels) = Goals[_random.Next(Goals.Length)];
                // Now and then a goal is still waiting for its levels, so the due list has something to show.
                var written = _random.Next(5) > 0;
                await _goals.AddGoalAsync(actor, episode.Id, new GoalInput(g == 0 || people.Count == 0 ? null : people[0], title, "Parent", null,
                    written ? new GasLevels(levels[0], levels[1], levels[2], levels[3], levels[4]) : new GasLevels(null, null, null, null, null),
                    needs.Count > 0 ? [needs[0]] : []), ct);
            }

            var inputs = new List<SessionInput>();
            foreach (var phase in phases.Where(p => programme.Phase(p.PhaseKey) is { IsAssessment: false } && programme.IndexOf(p.PhaseKey) > programme.IndexOf(programme.AssessmentPhase?.Key ?? "")))
            {
                var end = phase.EndedOn ?? today;
                var span = Math.Max(1, end.DayNumber - phase.StartedOn.DayNumber);
                var intensive = programme.Phase(phase.PhaseKey)!.Intensive;
                for (var i = 0; i < (intensive ? 6 : 3); i++)
                {
                    var date = phase.StartedOn.AddDays(_random.Next(span));
                    var start = new TimeOnly(9 + _random.Next(8), _random.Next(2) * 30);
                    var type = intensive ? (_random.Next(4) == 0 ? SessionType.CommunityActivity : SessionType.HomeVisit) : (_random.Next(3) == 0 ? SessionType.Phone : SessionType.HomeVisit);
                    inputs.Add(new SessionInput(episode.Id, date, start, start.AddMinutes(type == SessionType.Phone ? 20 : 60 + 30 * _random.Next(4)), type, false, people, [worker], null, type == SessionType.HomeVisit ? "Family home" : null, null));
                }
            }
            if (inputs.Count > 0)
            {
                await sessions.RecordManyAsync(actor, inputs, ct);
                familyWork.AddRange(inputs);
            }

            var reviews = await _reviews.ScheduleReviewsAsync(actor, episode.Id, ct);
            // Read directly: the demo council being built is not a person reading a family's goals.
            var goals = await db.Set<Goal>().AsNoTracking().Where(g => g.EpisodeId == episode.Id).ToListAsync(ct);
            foreach (var review in reviews.Where(r => r.DueOn <= today.AddDays(-10)))
            {
                var ratings = goals.Where(x => x.HasLevels).ToDictionary(x => x.Id, _ => _random.Next(-1, 3));
                await _reviews.RecordReviewAsync(actor, review.Id, review.Version, new ReviewInput(review.DueOn.AddDays(_random.Next(4)), "Parent, worker, school", "Steady progress", null, ReviewDecision.Continue, ratings), ct);
            }

            var first = phases.FirstOrDefault(p => programme.Phase(p.PhaseKey)?.Intensive == true)?.StartedOn ?? assessedOn;
            var referredOn = first.AddDays(7) <= today ? first.AddDays(7) : today;
            var referral = await referrals.ReferAsync(actor, episode.Id, new ServiceReferralInput(directory[_random.Next(directory.Count)].Id, people.FirstOrDefault(), referredOn, null), ct);
            var waitingOn = referredOn.AddDays(3);
            if (waitingOn <= today)
            {
                referral = await referrals.ChangeStatusAsync(actor, referral.Id, referral.Version, ServiceReferralStatus.Waiting, waitingOn, null, ct);
                var acceptedOn = waitingOn.AddDays(7 + _random.Next(50));
                if (acceptedOn <= today)
                {
                    referral = await referrals.ChangeStatusAsync(actor, referral.Id, referral.Version, ServiceReferralStatus.Accepted, acceptedOn, null, ct);
                    if (acceptedOn.AddDays(7) <= today)
                    {
                        await referrals.ChangeStatusAsync(actor, referral.Id, referral.Version, _random.Next(5) == 0 ? ServiceReferralStatus.DroppedOut : ServiceReferralStatus.Engaged, acceptedOn.AddDays(7), null, ct);
                    }
                }
            }

            // The team around the family: the children's school for every family, community health for two in three. Chosen
            // by count, not by the random source, so the rest of the demo stays as it was.
            await _team.AddProfessionalAsync(actor, episode.Id, new ProfessionalInput("Designated safeguarding lead", "Local primary school", "School", "school office", true), ct);
            if (++_professionals % 3 != 0)
            {
                await _team.AddProfessionalAsync(actor, episode.Id, new ProfessionalInput("Health visitor", "Community health team", "Health", null, _professionals % 2 == 0), ct);
            }
        }
        await LogOtherWorkAsync(actor, sessions, familyWork, ct);
    }

    /// <summary>
    /// The workers' time away from families, so the time-use report can set time with families against liaison, travel
    /// and admin: on each day a worker saw a family, some of each in proportion to the session.
    /// </summary>
    private async Task LogOtherWorkAsync(ActorContext actor, SessionService sessions, IReadOnlyList<SessionInput> familyWork, CancellationToken ct)
    {
        (NonFamilyActivity Activity, double Share)[] around = [(NonFamilyActivity.AgencyLiaison, 0.4), (NonFamilyActivity.Travel, 0.3), (NonFamilyActivity.Admin, 0.5)];
        var inputs = familyWork.SelectMany(s => around.Select(a => new WorkerTimeInput(s.WorkerIds[0], s.Date,
            Math.Max(5, (int)Math.Round((s.End - s.Start).TotalMinutes * a.Share / 5) * 5), a.Activity, null))).ToList();
        if (inputs.Count > 0)
        {
            await sessions.LogWorkerTimesAsync(actor, inputs, ct);
        }
    }

    private AssessmentInput AssessmentInputFor(ProgrammeDefinition programme, DateOnly on, IReadOnlyList<Guid> people)
    {
        var answers = new Dictionary<string, string?>();
        foreach (var q in programme.Assessment.Questions)
        {
            answers[q.Key] = q.Kind switch
            {
                QuestionKind.Scale => (q.Min + (q.Max - q.Min) / 2).ToString(System.Globalization.CultureInfo.InvariantCulture),
                QuestionKind.Choice => q.Choices?.FirstOrDefault(),
                QuestionKind.Date => on.AddDays(-7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                _ => "Recorded at the assessment visit",
            };
        }
        var worry = Worries[(on.DayNumber + people.Count) % Worries.Length];
        var strength = Strengths[(on.DayNumber + 1) % Strengths.Length];
        return new AssessmentInput(on, worry, strength, "A plan the whole family agrees, with the children safe every evening", 3 + on.DayNumber % 5,
            people.Select(p => new MemberAssessmentInput(p, worry, strength, null)).ToList(), answers);
    }
}
