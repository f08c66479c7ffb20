using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.People;
using Hearth.Core.Programmes;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Measures;

/// <summary>A measure the programme's schedule expects and nobody has recorded yet.</summary>
public sealed record MeasureDue(
    Guid EpisodeId, Guid TeamId, Guid FamilyId, string FamilyReference, Guid PersonId, string PersonName,
    string InstrumentId, string InstrumentName, Respondent Respondent, TimePoint TimePoint, int? TimePointNumber, DateOnly DueOn, bool Overdue)
{
    public string TimePointLabel => MeasureLabels.TimePoint(TimePoint, TimePointNumber);
}

public static class MeasureLabels
{
    public static string TimePoint(TimePoint point, int? number) => point switch
    {
        Measures.TimePoint.Baseline => "Baseline",
        Measures.TimePoint.Review => $"Review {number}",
        Measures.TimePoint.Interval => $"Interval {number}",
        Measures.TimePoint.Closure => "Closure",
        _ => $"Follow-up at {number} months",
    };
}

/// <summary>
/// Works out which measures are due from each episode's programme schedule and what has been recorded. A time point is
/// met by any administration of the instrument for the person at that time point (and number). Items due within
/// <c>horizonDays</c> of the date asked about are listed; those due before it are overdue. Listed in the due list's
/// order (<see cref="Casework.DueList.Order"/>).
/// </summary>
public sealed class MeasuresDueQuery(HearthDbContext db)
{
    public const int DefaultHorizonDays = 14;

    /// <summary>
    /// Measures due on the episodes a worker holds now (<see cref="Caseloads"/>), and on those whose closure ended their
    /// allocation, so the closure measure stays on the list of the worker who held the case.
    /// </summary>
    public async Task<IReadOnlyList<MeasureDue>> ForWorkerAsync(ActorContext actor, Guid workerId, DateOnly asOf, int horizonDays = DefaultHorizonDays, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var episodes = db.Set<Episode>().AsNoTracking().InScope(actor)
            .Where(e => Caseloads.EpisodesHeldBy(db, workerId).Contains(e.Id)
                || (e.ClosedOn != null && e.Allocations.Any(a => a.WorkerId == workerId && a.To == e.ClosedOn)));
        return await DueAsync(episodes, asOf, horizonDays, ct);
    }

    public async Task<IReadOnlyList<MeasureDue>> ForTeamAsync(ActorContext actor, Guid teamId, DateOnly asOf, int horizonDays = DefaultHorizonDays, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var episodes = db.Set<Episode>().AsNoTracking().InScope(actor).Where(e => e.TeamId == teamId);
        return await DueAsync(episodes, asOf, horizonDays, ct);
    }

    public async Task<IReadOnlyList<MeasureDue>> ForEpisodeAsync(ActorContext actor, Guid episodeId, DateOnly asOf, int horizonDays = DefaultHorizonDays, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var episodes = db.Set<Episode>().AsNoTracking().InScope(actor).Where(e => e.Id == episodeId);
        return await DueAsync(episodes, asOf, horizonDays, ct);
    }

    private async Task<IReadOnlyList<MeasureDue>> DueAsync(IQueryable<Episode> scoped, DateOnly asOf, int horizonDays, CancellationToken ct)
    {
        var closedSince = asOf.AddDays(-MeasureSchedule.ClosureWithinDays);
        var episodes = await scoped.Where(e => e.ClosedOn == null || e.ClosedOn >= closedSince).Include(e => e.Phases).ToListAsync(ct);
        if (episodes.Count == 0)
        {
            return [];
        }
        var episodeIds = episodes.Select(e => e.Id).ToList();
        var familyIds = episodes.Select(e => e.FamilyId).Distinct().ToList();
        var programmeIds = episodes.Select(e => e.ProgrammeVersionId).Distinct().ToList();
        var programmes = await db.Set<ProgrammeVersion>().AsNoTracking().Where(p => programmeIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var families = await db.Set<Family>().AsNoTracking().Where(f => familyIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.Reference, ct);
        var members = await (
            from m in db.Set<FamilyMembership>()
            where familyIds.Contains(m.FamilyId)
            join p in db.Set<Person>() on m.PersonId equals p.Id
            where p.MergedIntoId == null
            select new { m.FamilyId, m.From, m.To, p.Id, p.GivenName, p.FamilyName, p.DateOfBirth }).ToListAsync(ct);
        var recorded = (await db.Set<MeasureAdministration>().AsNoTracking().Where(a => episodeIds.Contains(a.EpisodeId))
                .Select(a => new { a.EpisodeId, a.PersonId, a.InstrumentId, a.TimePoint, a.TimePointNumber }).ToListAsync(ct))
            .Select(a => (a.EpisodeId, a.PersonId, a.InstrumentId, a.TimePoint, a.TimePointNumber)).ToHashSet();
        var until = asOf.AddDays(horizonDays);
        var due = new List<MeasureDue>();
        foreach (var episode in episodes)
        {
            var definition = programmes[episode.ProgrammeVersionId].Definition;
            if (definition.Measures.Count == 0)
            {
                continue;
            }
            // Members who had not left before the episode opened. The start of a membership is not used: it often
            // records when the person was first entered, which is during the work.
            var people = members.Where(m => m.FamilyId == episode.FamilyId && (m.To == null || m.To >= episode.OpenedOn))
                .GroupBy(m => m.Id).Select(g => g.First()).ToList();
            foreach (var (point, number, dueOn) in TimePoints(episode, definition, until))
            {
                foreach (var schedule in definition.Measures.Where(s => s.At(point)))
                {
                    // GAS in an older programme version's schedule is rated at its reviews, so it is never due as a form.
                    var instrument = InstrumentCatalog.FindForm(schedule.Instrument);
                    if (instrument is null)
                    {
                        continue;
                    }
                    foreach (var person in people)
                    {
                        // Without a date of birth nobody can say whether an age-limited measure applies, so none is listed.
                        if (MeasureEntry.AgeOn(person.DateOfBirth, dueOn) is not { } age || !schedule.Covers(age))
                        {
                            continue;
                        }
                        if (recorded.Contains((episode.Id, person.Id, instrument.Id, point, number)))
                        {
                            continue;
                        }
                        due.Add(new MeasureDue(episode.Id, episode.TeamId, episode.FamilyId, families[episode.FamilyId], person.Id,
                            $"{person.GivenName} {person.FamilyName}", instrument.Id, instrument.Name, schedule.Respondent, point, number, dueOn, dueOn < asOf));
                    }
                }
            }
        }
        // What needs doing now first, as on the due list: today's, then overdue from the most recently due back, then
        // what falls due within the horizon, soonest first.
        return due.OrderBy(d => d.DueOn == asOf ? 0 : d.Overdue ? 1 : 2).ThenBy(d => d.Overdue ? -d.DueOn.DayNumber : d.DueOn.DayNumber)
            .ThenBy(d => d.FamilyReference, StringComparer.Ordinal).ThenBy(d => d.PersonName, StringComparer.Ordinal)
            .ThenBy(d => d.InstrumentId, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The episode's time points due by <paramref name="until"/>: baseline, each review point of each phase stay (numbered
    /// in date order), closure, and (per schedule line) intervals. Intervals are listed per interval length in use.
    /// </summary>
    internal static IEnumerable<(TimePoint Point, int? Number, DateOnly DueOn)> TimePoints(Episode episode, ProgrammeDefinition definition, DateOnly until)
    {
        var points = new List<(TimePoint, int?, DateOnly)>();
        var baseline = episode.OpenedOn.AddDays(MeasureSchedule.BaselineWithinDays);
        if (baseline <= until)
        {
            points.Add((TimePoint.Baseline, null, baseline));
        }
        var stop = episode.ClosedOn is { } closed && closed < until ? closed : until;
        var reviews = new List<DateOnly>();
        foreach (var stay in episode.Phases)
        {
            var phase = definition.Phase(stay.PhaseKey);
            if (phase is null)
            {
                continue;
            }
            var stayEnd = stay.EndedOn is { } ended && ended < stop ? ended : stop;
            foreach (var review in phase.Reviews)
            {
                reviews.AddRange(review.DueDates(stay.StartedOn, stayEnd));
            }
        }
        var n = 0;
        foreach (var date in reviews.Distinct().Order())
        {
            points.Add((TimePoint.Review, ++n, date));
        }
        var months = definition.Measures.Select(m => m.EveryMonths).OfType<int>().Distinct().Order().FirstOrDefault();
        if (months > 0)
        {
            for (var k = 1; episode.OpenedOn.AddMonths(months * k) <= stop; k++)
            {
                points.Add((TimePoint.Interval, k, episode.OpenedOn.AddMonths(months * k)));
            }
        }
        if (episode.ClosedOn is { } closedOn && closedOn <= until)
        {
            points.Add((TimePoint.Closure, null, closedOn));
        }
        return points;
    }
}
