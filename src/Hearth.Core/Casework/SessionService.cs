using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Casework;

public sealed record SessionInput(
    Guid EpisodeId, DateOnly Date, TimeOnly Start, TimeOnly End, SessionType Type, bool Emergency,
    IReadOnlyList<Guid> PersonIds, IReadOnlyList<Guid> WorkerIds, string? OtherProfessionals, string? Place, string? Note);

public sealed record WorkerTimeInput(Guid WorkerId, DateOnly Date, int Minutes, NonFamilyActivity Activity, string? Note);

public sealed record PhaseTime(string PhaseKey, int Sessions, int Minutes);

public sealed record EpisodeTime(int Sessions, int Minutes, IReadOnlyList<PhaseTime> ByPhase);

/// <summary>
/// Where a worker's recorded time went in a period: minutes in sessions with families against each kind of other work
/// (agency liaison is the time with agencies), as in the Welsh evaluation's Figure 3-4.
/// </summary>
public sealed record WorkerTimeSplit(Guid WorkerId, string WorkerName, DateOnly From, DateOnly To, int FamilyMinutes, IReadOnlyDictionary<NonFamilyActivity, int> OtherMinutes)
{
    public int TotalMinutes => FamilyMinutes + OtherMinutes.Values.Sum();
}

public sealed record BoosterCount(int Used, int Maximum, int Approved)
{
    /// <summary>How many more booster sessions may be recorded without another manager's approval.</summary>
    public int Remaining => Math.Max(0, Maximum + Approved - Used);
}

/// <summary>
/// Sessions (contacts) with families, workers' non-family time, booster sessions against the programme's maximum,
/// and time totals computed by the database.
/// </summary>
public sealed class SessionService(HearthDbContext db)
{
    public async Task<Session> RecordAsync(ActorContext actor, SessionInput input, CancellationToken ct = default) =>
        (await RecordManyAsync(actor, [input], ct))[0];

    /// <summary>
    /// Quick entry of a practitioner's day: every session is checked first and, if any is refused, none is saved.
    /// Errors name the row: "Sessions[2].End".
    /// </summary>
    public async Task<IReadOnlyList<Session>> RecordManyAsync(ActorContext actor, IReadOnlyList<SessionInput> inputs, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var v = new Validator();
        if (inputs.Count == 0)
        {
            v.Add("Sessions", "Enter at least one session");
        }
        var today = db.Today();
        var sessions = new List<Session>();
        var boostersAdded = new Dictionary<Guid, int>();
        var episodesTouched = new Dictionary<Guid, Episode>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var prefix = inputs.Count == 1 ? "" : $"Sessions[{i}].";
            var episode = await db.Set<Episode>().InScope(actor).Include(e => e.Phases).SingleOrDefaultAsync(e => e.Id == input.EpisodeId, ct);
            if (episode is null)
            {
                // Out of scope and non-existent look the same, so a practitioner cannot probe other teams' episodes.
                throw CaseworkScope.NotFound("episode");
            }
            episodesTouched[episode.Id] = episode;
            if (input.Date > today)
            {
                v.Add(prefix + "Date", "A session cannot be dated after today");
            }
            if (input.Date < episode.OpenedOn)
            {
                v.Add(prefix + "Date", $"A session cannot be before the episode opened on {episode.OpenedOn:d MMMM yyyy}");
            }
            if (episode.ClosedOn is { } closed && input.Date > closed)
            {
                v.Add(prefix + "Date", $"A session cannot be after the episode closed on {closed:d MMMM yyyy}");
            }
            if (input.End <= input.Start)
            {
                v.Add(prefix + "End", "The session must end after it starts");
            }
            if (input.WorkerIds.Count == 0)
            {
                v.Add(prefix + "WorkerIds", "Choose at least one worker");
            }
            else if (await db.Set<Worker>().CountAsync(w => input.WorkerIds.Contains(w.Id), ct) != input.WorkerIds.Distinct().Count())
            {
                v.Add(prefix + "WorkerIds", "Choose workers that exist");
            }
            if (input.PersonIds.Count > 0)
            {
                var members = await db.Set<Person>().Where(p => p.FamilyId == episode.FamilyId && input.PersonIds.Contains(p.Id)).CountAsync(ct);
                if (members != input.PersonIds.Distinct().Count())
                {
                    v.Add(prefix + "PersonIds", "Choose members of this family");
                }
            }
            else if (string.IsNullOrWhiteSpace(input.OtherProfessionals))
            {
                v.Add(prefix + "PersonIds", "Choose who took part");
            }
            v.MaxLength(prefix + "OtherProfessionals", input.OtherProfessionals, 1000, "Other professionals")
                .MaxLength(prefix + "Place", input.Place, 200, "Place")
                .MaxLength(prefix + "Note", input.Note, 4000, "Note");
            var phase = episode.Phases.Where(p => p.StartedOn <= input.Date).OrderByDescending(p => p.StartedOn).ThenBy(p => p.EndedOn == null).FirstOrDefault();
            if (input.Type == SessionType.Booster)
            {
                var (_, programme) = await db.EpisodeInScopeAsync(actor, episode.Id, ct);
                var count = await BoostersAsync(episode.Id, programme.MaxBoosterSessions, ct);
                var already = boostersAdded.GetValueOrDefault(episode.Id);
                if (count.Used + already >= count.Maximum + count.Approved)
                {
                    v.Add(prefix + "Type", count.Maximum == 0
                        ? "This programme has no booster sessions; a manager must approve one first, with a reason"
                        : $"The programme allows {count.Maximum} booster sessions and {count.Used + already} are used: a manager must approve another one, with a reason");
                }
                boostersAdded[episode.Id] = already + 1;
            }
            var minutes = (int)(input.End - input.Start).TotalMinutes;
            sessions.Add(new Session
            {
                EpisodeId = episode.Id, TeamId = episode.TeamId, PhaseKey = phase?.PhaseKey ?? episode.CurrentPhase, Date = input.Date, Start = input.Start,
                Minutes = Math.Max(0, minutes), Type = input.Type, Emergency = input.Emergency, PersonIds = input.PersonIds.Distinct().ToList(),
                WorkerIds = input.WorkerIds.Distinct().ToList(), OtherProfessionals = CaseworkScope.Clean(input.OtherProfessionals),
                Place = CaseworkScope.Clean(input.Place), Note = CaseworkScope.Clean(input.Note),
            });
        }
        v.ThrowIfAny();
        db.AddRange(sessions);
        foreach (var (episodeId, added) in boostersAdded)
        {
            // Keep the episode's booster count (used by the journey reports) in step with the sessions recorded.
            episodesTouched[episodeId].BoosterSessions += added;
        }
        await db.SaveChangesAsync(actor, ct);
        return sessions;
    }

    /// <summary>A manager's approval of one booster session beyond the programme's maximum; the reason is audited.</summary>
    public async Task<BoosterApproval> ApproveExtraBoosterAsync(ActorContext actor, Guid episodeId, string reason, CancellationToken ct = default)
    {
        actor.Demand(Permission.ManageCases);
        var (episode, _) = await db.EpisodeInScopeAsync(actor, episodeId, ct);
        new Validator().Require("Reason", reason, "Enter why another booster session is needed").MaxLength("Reason", reason, 2000, "Reason").ThrowIfAny();
        var approval = new BoosterApproval { EpisodeId = episode.Id, TeamId = episode.TeamId, ApprovedOn = db.Today(), ApprovedBy = actor.Name, Reason = reason.Trim() };
        db.Add(approval);
        await db.SaveChangesAsync(actor.WithReason(reason), ct);
        return approval;
    }

    public async Task<BoosterCount> BoostersAsync(ActorContext actor, Guid episodeId, CancellationToken ct = default)
    {
        var (episode, programme) = await db.ReadEpisodeInScopeAsync(actor, episodeId, ct);
        return await BoostersAsync(episode.Id, programme.MaxBoosterSessions, ct);
    }

    private async Task<BoosterCount> BoostersAsync(Guid episodeId, int maximum, CancellationToken ct)
    {
        var used = await db.Set<Session>().CountAsync(s => s.EpisodeId == episodeId && s.Type == SessionType.Booster, ct);
        var approved = await db.Set<BoosterApproval>().CountAsync(a => a.EpisodeId == episodeId, ct);
        return new BoosterCount(used, maximum, approved);
    }

    public async Task<IReadOnlyList<BoosterApproval>> BoosterApprovalsAsync(ActorContext actor, Guid episodeId, CancellationToken ct = default)
    {
        await db.EpisodeInScopeAsync(actor, episodeId, ct);
        return await db.Set<BoosterApproval>().AsNoTracking().Where(a => a.EpisodeId == episodeId).OrderBy(a => a.ApprovedOn).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<Session>> SessionsAsync(ActorContext actor, Guid episodeId, CancellationToken ct = default)
    {
        await db.EpisodeInScopeAsync(actor, episodeId, ct);
        // The notes are the family's record: reading them is audited like opening the family.
        var sessions = await db.Set<Session>().AsNoTracking().Where(s => s.EpisodeId == episodeId).OrderByDescending(s => s.Date).ThenByDescending(s => s.Start).ToListAsync(ct);
        await db.RecordReadAsync(actor, nameof(Episode), episodeId, ct);
        return sessions;
    }

    /// <summary>Sessions and minutes for the episode and for each phase, summed by the database.</summary>
    public async Task<EpisodeTime> TimeTotalsAsync(ActorContext actor, Guid episodeId, CancellationToken ct = default)
    {
        await db.ReadEpisodeInScopeAsync(actor, episodeId, ct);
        var byPhase = await db.Set<Session>().Where(s => s.EpisodeId == episodeId)
            .GroupBy(s => s.PhaseKey)
            .Select(g => new PhaseTime(g.Key, g.Count(), g.Sum(s => s.Minutes)))
            .ToListAsync(ct);
        byPhase = byPhase.OrderBy(p => p.PhaseKey, StringComparer.Ordinal).ToList();
        return new EpisodeTime(byPhase.Sum(p => p.Sessions), byPhase.Sum(p => p.Minutes), byPhase);
    }

    public async Task<WorkerTime> LogWorkerTimeAsync(ActorContext actor, WorkerTimeInput input, CancellationToken ct = default) =>
        (await LogWorkerTimesAsync(actor, [input], ct))[0];

    /// <summary>Logs several entries of workers' other time at once, validated whole: one bad entry saves none.</summary>
    public async Task<IReadOnlyList<WorkerTime>> LogWorkerTimesAsync(ActorContext actor, IReadOnlyList<WorkerTimeInput> inputs, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var ids = inputs.Select(i => i.WorkerId).Distinct().ToList();
        var workers = await db.Set<Worker>().AsNoTracking().Where(w => ids.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);
        var v = new Validator();
        var today = db.Today();
        var entries = new List<WorkerTime>();
        foreach (var input in inputs)
        {
            if (!workers.TryGetValue(input.WorkerId, out var worker) || !actor.CanSeeTeam(worker.TeamId))
            {
                throw CaseworkScope.NotFound("worker");
            }
            if (input.Date > today)
            {
                v.Add("Date", "Time cannot be logged after today");
            }
            if (input.Minutes is <= 0 or > 24 * 60)
            {
                v.Add("Minutes", "Enter minutes from 1 to 1440");
            }
            v.MaxLength("Note", input.Note, 1000, "Note");
            entries.Add(new WorkerTime { WorkerId = worker.Id, TeamId = worker.TeamId, Date = input.Date, Minutes = input.Minutes, Activity = input.Activity, Note = CaseworkScope.Clean(input.Note) });
        }
        v.ThrowIfAny();
        db.AddRange(entries);
        await db.SaveChangesAsync(actor, ct);
        return entries;
    }

    /// <summary>A worker's time in a period: sessions with families they took part in against their other work, summed by the database.</summary>
    public async Task<WorkerTimeSplit> TimeSplitAsync(ActorContext actor, Guid workerId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var worker = await db.Set<Worker>().AsNoTracking().SingleOrDefaultAsync(w => w.Id == workerId, ct);
        if (worker is null || !actor.CanSeeTeam(worker.TeamId))
        {
            throw CaseworkScope.NotFound("worker");
        }
        // A session counts for every worker who was there, whichever team's episode it belongs to.
        var family = await db.Set<Session>().Where(s => s.WorkerIds.Contains(workerId) && s.Date >= from && s.Date <= to).SumAsync(s => (int?)s.Minutes, ct) ?? 0;
        var other = await WorkerTimeAsync(actor, workerId, from, to, ct);
        return new WorkerTimeSplit(worker.Id, worker.Name, from, to, family, other);
    }

    /// <summary>A worker's minutes by non-family activity in a period, summed by the database.</summary>
    public async Task<IReadOnlyDictionary<NonFamilyActivity, int>> WorkerTimeAsync(ActorContext actor, Guid workerId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var rows = await db.Set<WorkerTime>().InScope(actor).Where(t => t.WorkerId == workerId && t.Date >= from && t.Date <= to)
            .GroupBy(t => t.Activity).Select(g => new { g.Key, Minutes = g.Sum(t => t.Minutes) }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Key, r => r.Minutes);
    }
}
