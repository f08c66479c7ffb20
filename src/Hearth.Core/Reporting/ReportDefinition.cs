using Hearth.Core.Data;
using Hearth.Core.Organisation;
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

/// <summary>The teams a report may count: the filter's service or team, within what the actor may see.</summary>
public sealed class ReportScope
{
    private ReportScope(HearthDbContext db, IReadOnlyList<Guid> teamIds, string description)
    {
        Db = db;
        TeamIds = teamIds;
        Description = description;
    }

    public HearthDbContext Db { get; }
    public IReadOnlyList<Guid> TeamIds { get; }
    public string Description { get; }

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
        return new ReportScope(db, ids, description);
    }
}
