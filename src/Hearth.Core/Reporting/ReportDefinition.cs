using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Measures;
using Hearth.Core.Organisation;
using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Reporting;

/// <summary>
/// A report, defined once: its name, what it shows, and how it queries. The same result feeds the web page, CSV,
/// Excel, JSON and the CLI. Aggregation happens in the database: definitions return EF queries' results, never
/// rows counted in memory.
/// </summary>
public abstract class ReportDefinition
{
    /// <summary>The CLI and URL name, e.g. "funnel".</summary>
    public abstract string Name { get; }
    public abstract string Title { get; }
    public abstract string Description { get; }

    /// <summary>The source document the report reproduces, for the page and the docs.</summary>
    public virtual string? Source => null;

    public abstract Task<IReadOnlyList<ReportTable>> QueryAsync(ReportScope scope, ReportFilter filter, CancellationToken ct);

    public virtual ReportChart? Chart => null;
}

/// <summary>
/// The teams a report may count: the filter's service or team, within what the actor may see; and, when the filter
/// names a worker, that worker, whose work the reports narrow to with the <c>OfWorker</c> methods.
/// </summary>
public sealed class ReportScope
{
    private ReportScope(HearthDbContext db, IReadOnlyList<Guid> teamIds, string description, Guid? workerId)
    {
        Db = db;
        TeamIds = teamIds;
        Description = description;
        WorkerId = workerId;
    }

    public HearthDbContext Db { get; }
    public IReadOnlyList<Guid> TeamIds { get; }
    public string Description { get; }

    /// <summary>The worker the report is narrowed to, or null for everyone's work.</summary>
    public Guid? WorkerId { get; }

    public bool ByWorker => WorkerId is not null;

    /// <summary>
    /// The worker's allocations that overlap the period: an episode is the worker's for a period when the worker was
    /// allocated to it at any time in that period (a handed-over case is both workers').
    /// </summary>
    private IQueryable<Allocation> AllocationsIn(ReportPeriod period)
    {
        var worker = WorkerId;
        return Db.Set<Allocation>().Where(a => a.WorkerId == worker && a.From <= period.To && (a.To == null || a.To >= period.From));
    }

    /// <summary>The episodes that were the worker's in the period; all of them when no worker is chosen.</summary>
    public IQueryable<Episode> OfWorker(IQueryable<Episode> episodes, ReportPeriod period)
    {
        if (WorkerId is null)
        {
            return episodes;
        }
        var allocations = AllocationsIn(period);
        return episodes.Where(e => allocations.Any(a => a.EpisodeId == e.Id));
    }

    /// <summary>Referrals whose episode was the worker's in the period (a referral no one was allocated is no worker's).</summary>
    public IQueryable<Referral> OfWorker(IQueryable<Referral> referrals, ReportPeriod period)
    {
        if (WorkerId is null)
        {
            return referrals;
        }
        var allocations = AllocationsIn(period);
        return referrals.Where(r => allocations.Any(a => a.EpisodeId == r.EpisodeId));
    }

    /// <summary>Forms recorded in episodes that were the worker's in the period.</summary>
    public IQueryable<MeasureAdministration> OfWorker(IQueryable<MeasureAdministration> forms, ReportPeriod period)
    {
        if (WorkerId is null)
        {
            return forms;
        }
        var allocations = AllocationsIn(period);
        return forms.Where(f => allocations.Any(a => a.EpisodeId == f.EpisodeId));
    }

    /// <summary>Sessions the worker was at.</summary>
    public IQueryable<Session> OfWorker(IQueryable<Session> sessions) =>
        WorkerId is { } worker ? sessions.Where(s => s.WorkerIds.Contains(worker)) : sessions;

    /// <summary>The worker's own time on work other than with families.</summary>
    public IQueryable<WorkerTime> OfWorker(IQueryable<WorkerTime> time) =>
        WorkerId is { } worker ? time.Where(t => t.WorkerId == worker) : time;

    /// <summary>The worker alone among workers.</summary>
    public IQueryable<Worker> OfWorker(IQueryable<Worker> workers) =>
        WorkerId is { } worker ? workers.Where(w => w.Id == worker) : workers;

    /// <summary>
    /// An episode-level filter used inside a projection (such as a year-earlier column beside this period's): whether
    /// the episode was the worker's in the period. Only for <see cref="ByWorker"/> scopes.
    /// </summary>
    public IQueryable<Guid> WorkerEpisodeIds(ReportPeriod period) => AllocationsIn(period).Select(a => a.EpisodeId);

    public static async Task<ReportScope> ResolveAsync(HearthDbContext db, ActorContext actor, ReportFilter filter, CancellationToken ct)
    {
        var teams = db.Set<Team>().AsNoTracking().Include(t => t.Service).AsQueryable();
        var v = new Validator();
        var description = "All services";
        if (!string.IsNullOrWhiteSpace(filter.ServiceCode))
        {
            var service = await db.Set<Service>().AsNoTracking().SingleOrDefaultAsync(s => s.Code == filter.ServiceCode || s.Name == filter.ServiceCode, ct);
            if (service is null)
            {
                v.Add("Service", $"There is no service called {filter.ServiceCode}");
            }
            else
            {
                teams = teams.Where(t => t.ServiceId == service.Id);
                description = service.Name;
            }
        }
        if (!string.IsNullOrWhiteSpace(filter.TeamCode))
        {
            var team = await db.Set<Team>().AsNoTracking().SingleOrDefaultAsync(t => t.Code == filter.TeamCode || t.Name == filter.TeamCode, ct);
            if (team is null)
            {
                v.Add("Team", $"There is no team called {filter.TeamCode}");
            }
            else
            {
                teams = teams.Where(t => t.Id == team.Id);
                description = team.Name;
            }
        }
        var worker = await FindWorkerAsync(db, actor, filter.Worker, v, ct);
        v.ThrowIfAny();
        if (!actor.SeesAllTeams)
        {
            var own = actor.TeamIds.ToList();
            teams = teams.Where(t => own.Contains(t.Id));
            if (string.IsNullOrWhiteSpace(filter.TeamCode))
            {
                description = "Your teams";
            }
        }
        var ids = await teams.Select(t => t.Id).ToListAsync(ct);
        if (worker is not null)
        {
            if (!ids.Contains(worker.TeamId))
            {
                throw new ValidationFailedException("Worker", $"{worker.Name} is not in {description}: choose one of its workers, or change the service or team");
            }
            description = $"{worker.Name}, {worker.Team!.Name}";
        }
        return new ReportScope(db, ids, description, worker?.Id);
    }

    /// <summary>The filter's worker by id, or by name where one worker has it; an unknown or out-of-scope worker is a field error.</summary>
    private static async Task<Worker?> FindWorkerAsync(HearthDbContext db, ActorContext actor, string? text, Validator v, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var workers = db.Set<Worker>().AsNoTracking().Include(w => w.Team).AsQueryable();
        if (!actor.SeesAllTeams)
        {
            // A worker in someone else's team is refused as if they did not exist, as another team's records are.
            var own = actor.TeamIds.ToList();
            workers = workers.Where(w => own.Contains(w.TeamId));
        }
        var name = text.Trim();
        var matches = Guid.TryParse(name, out var id)
            ? await workers.Where(w => w.Id == id).ToListAsync(ct)
            : await workers.Where(w => w.Name == name).Take(2).ToListAsync(ct);
        switch (matches.Count)
        {
            case 0:
                v.Add("Worker", actor.SeesAllTeams ? $"There is no worker {name}" : $"There is no worker {name} in your teams");
                return null;
            case > 1:
                v.Add("Worker", $"More than one worker is called {name}: give the worker's id instead");
                return null;
            default:
                return matches[0];
        }
    }
}
