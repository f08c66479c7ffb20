using Hearth.Core.Security;

namespace Hearth.Core.Data;

/// <summary>A row that belongs to one team, whose members (and council-wide roles) may see it.</summary>
public interface ITeamOwned
{
    Guid TeamId { get; }
}

internal static class TeamScope
{
    /// <summary>The rows the actor may see: their teams' rows, all for council-wide roles, none without ViewFamilies.</summary>
    public static IQueryable<T> InScope<T>(this IQueryable<T> query, ActorContext actor) where T : class, ITeamOwned
    {
        if (actor.SeesAllTeams)
        {
            return query;
        }
        if (!actor.Has(Permission.ViewFamilies))
        {
            return query.Where(_ => false);
        }
        var teams = actor.TeamIds.ToList();
        return query.Where(x => teams.Contains(x.TeamId));
    }

    /// <summary>Today in the UK (see <see cref="UkTime"/>).</summary>
    public static DateOnly Today(this HearthDbContext db) => db.Time.TodayInUk();
}
