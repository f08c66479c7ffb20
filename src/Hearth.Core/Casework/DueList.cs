using System.Text.Json.Serialization;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Measures;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Casework;

[JsonConverter(typeof(JsonStringEnumConverter<DueKind>))]
public enum DueKind
{
    ReviewOverdue,
    ReviewDue,
    GoalWithoutLevels,
    PlanPastReview,
    FollowUp,
    MeasureOverdue,
    MeasureDue,
}

/// <summary>One thing due. For a measure, <see cref="ItemId"/> is the person and <see cref="Measure"/> says which form at which time point.</summary>
public sealed record DueItem(DueKind Kind, Guid EpisodeId, Guid FamilyId, string FamilyReference, Guid ItemId, DateOnly? DueOn, string Description, int DaysOverdue, MeasureDue? Measure = null);

/// <summary>
/// What is due for a worker (the episodes they hold now as <see cref="Caseloads"/> defines it, and follow-ups of
/// episodes they held) or a team: reviews due within <see cref="Window"/> days or overdue, goals still without their
/// five levels, plans past their review-by date, post-closure follow-ups and outcome measures the programme's schedule
/// expects (<see cref="MeasuresDueQuery"/>), so the practitioner has one list, in <see cref="Order"/>. Visits are not
/// listed: no programme says how often a family should be seen, so there is no contact interval to be late against.
/// </summary>
public sealed class DueList(HearthDbContext db, MeasuresDueQuery measures)
{
    public const int Window = 14;

    public async Task<IReadOnlyList<DueItem>> ForWorkerAsync(ActorContext actor, Guid workerId, DateOnly asOf, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var worker = await db.Set<Worker>().AsNoTracking().SingleOrDefaultAsync(w => w.Id == workerId, ct);
        if (worker is null || !actor.CanSeeTeam(worker.TeamId))
        {
            throw CaseworkScope.NotFound("worker");
        }
        var current = Caseloads.EpisodesHeldBy(db, workerId);
        var ever = db.Set<Allocation>().Where(a => a.WorkerId == workerId).Select(a => a.EpisodeId);
        var open = db.Set<Episode>().AsNoTracking().InScope(actor).Where(e => current.Contains(e.Id));
        var closed = db.Set<Episode>().AsNoTracking().InScope(actor).Where(e => ever.Contains(e.Id));
        return Merge(await BuildAsync(open, closed, asOf, ct), await measures.ForWorkerAsync(actor, workerId, asOf, Window, ct), asOf);
    }

    /// <summary>
    /// What needs doing now comes first: items due today, then overdue ones from the most recently due back (so a long
    /// stale item does not bury this week's), then goals still without levels (undated, and due now), then what
    /// falls due within the window, soonest first.
    /// </summary>
    public static IReadOnlyList<DueItem> Order(IEnumerable<DueItem> items, DateOnly asOf) =>
        items.OrderBy(i => i.DueOn == asOf ? 0 : i.DaysOverdue > 0 ? 1 : i.DueOn is null ? 2 : 3)
            .ThenBy(i => i.DaysOverdue > 0 ? i.DaysOverdue : 0)
            .ThenBy(i => i.DueOn ?? DateOnly.MaxValue)
            .ThenBy(i => i.FamilyReference, StringComparer.Ordinal).ThenBy(i => i.Kind).ThenBy(i => i.Description, StringComparer.Ordinal)
            .ToList();

    public async Task<IReadOnlyList<DueItem>> ForTeamAsync(ActorContext actor, Guid teamId, DateOnly asOf, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        if (!actor.CanSeeTeam(teamId))
        {
            throw CaseworkScope.NotFound("team");
        }
        var episodes = db.Set<Episode>().AsNoTracking().InScope(actor).Where(e => e.TeamId == teamId);
        return Merge(await BuildAsync(episodes, episodes, asOf, ct), await measures.ForTeamAsync(actor, teamId, asOf, Window, ct), asOf);
    }

    /// <summary>The staff record of a signed-in user, if they have one.</summary>
    public async Task<Guid?> WorkerOfUserAsync(Guid userId, CancellationToken ct = default) =>
        await db.Users.Where(u => u.Id == userId).Select(u => u.WorkerId).SingleOrDefaultAsync(ct);

    private async Task<List<DueItem>> BuildAsync(IQueryable<Episode> open, IQueryable<Episode> followed, DateOnly asOf, CancellationToken ct)
    {
        var horizon = asOf.AddDays(Window);
        var families = db.Set<Family>();
        var reviews = await (from r in db.Set<Review>()
                             join e in open on r.EpisodeId equals e.Id
                             join f in families on e.FamilyId equals f.Id
                             where e.ClosedOn == null && r.HeldOn == null && r.DueOn <= horizon
                             select new { r.Id, Id1 = e.Id, FamilyId = f.Id, f.Reference, r.DueOn, r.Sequence, r.PhaseKey }).ToListAsync(ct);
        var goals = await (from g in db.Set<Goal>()
                           join e in open on g.EpisodeId equals e.Id
                           join f in families on e.FamilyId equals f.Id
                           where e.ClosedOn == null && g.LevelsSetOn == null
                           select new { g.Id, EpisodeId = e.Id, FamilyId = f.Id, f.Reference, g.Title, g.CreatedOn }).ToListAsync(ct);
        var plans = await (from p in db.Set<Plan>()
                           join e in open on p.EpisodeId equals e.Id
                           join f in families on e.FamilyId equals f.Id
                           where e.ClosedOn == null && p.ReviewBy != null && p.ReviewBy < asOf
                           select new { p.Id, EpisodeId = e.Id, FamilyId = f.Id, f.Reference, p.Kind, ReviewBy = p.ReviewBy!.Value }).ToListAsync(ct);
        var followUps = await (from u in db.Set<FollowUp>()
                               join e in followed on u.EpisodeId equals e.Id
                               join f in families on e.FamilyId equals f.Id
                               where u.CompletedOn == null && u.DueOn <= horizon
                               select new { u.Id, EpisodeId = e.Id, FamilyId = f.Id, f.Reference, u.DueOn, u.MonthsAfterClosure }).ToListAsync(ct);
        var items = new List<DueItem>();
        items.AddRange(reviews.Select(r => new DueItem(r.DueOn < asOf ? DueKind.ReviewOverdue : DueKind.ReviewDue, r.Id1, r.FamilyId, r.Reference, r.Id, r.DueOn,
            $"Review {r.Sequence} ({r.PhaseKey})", Overdue(r.DueOn, asOf))));
        items.AddRange(goals.Select(g => new DueItem(DueKind.GoalWithoutLevels, g.EpisodeId, g.FamilyId, g.Reference, g.Id, null, $"Write the five levels for \"{g.Title}\"", 0)));
        items.AddRange(plans.Select(p => new DueItem(DueKind.PlanPastReview, p.EpisodeId, p.FamilyId, p.Reference, p.Id, p.ReviewBy, $"{PlanName(p.Kind)} past its review date", Overdue(p.ReviewBy, asOf))));
        items.AddRange(followUps.Select(u => new DueItem(DueKind.FollowUp, u.EpisodeId, u.FamilyId, u.Reference, u.Id, u.DueOn, $"{u.MonthsAfterClosure}-month follow-up", Overdue(u.DueOn, asOf))));
        return items;
    }

    private static IReadOnlyList<DueItem> Merge(List<DueItem> items, IReadOnlyList<MeasureDue> measuresDue, DateOnly asOf)
    {
        items.AddRange(measuresDue.Select(m => new DueItem(m.Overdue ? DueKind.MeasureOverdue : DueKind.MeasureDue, m.EpisodeId, m.FamilyId, m.FamilyReference, m.PersonId, m.DueOn,
            $"{m.InstrumentName} for {m.PersonName} ({m.TimePointLabel})", Overdue(m.DueOn, asOf), m)));
        return Order(items, asOf);
    }

    private static int Overdue(DateOnly due, DateOnly asOf) => Math.Max(0, asOf.DayNumber - due.DayNumber);

    public static string PlanName(PlanKind kind) => kind switch
    {
        PlanKind.FamilyAgreement => "Family agreement",
        PlanKind.WholeFamilyPlan => "Whole-family plan",
        _ => "Children's safety plan",
    };
}
