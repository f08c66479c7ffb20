using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.People;
using Hearth.Core.Programmes;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Casework;

/// <summary>What every casework service checks first: the episode in the actor's teams, the family's members, and the same wording for a row not found.</summary>
internal static class CaseworkScope
{
    /// <summary>The episode, if it is in the actor's teams, with the programme version it runs under.</summary>
    public static async Task<(Episode Episode, ProgrammeDefinition Programme)> EpisodeInScopeAsync(this HearthDbContext db, ActorContext actor, Guid episodeId, CancellationToken ct)
    {
        actor.Demand(Permission.ViewFamilies);
        var episode = await db.Set<Episode>().AsNoTracking().InScope(actor).SingleOrDefaultAsync(e => e.Id == episodeId, ct) ?? throw NotFound("episode");
        var programme = await db.Set<ProgrammeVersion>().AsNoTracking().SingleAsync(p => p.Id == episode.ProgrammeVersionId, ct);
        return (episode, programme.Definition);
    }

    /// <summary>
    /// The episode in scope, for a read of its casework (plans, goals, reviews, assessments, professionals): the read is
    /// written to the audit trail as a read of the episode, once per request however many lists the page draws.
    /// </summary>
    public static async Task<(Episode Episode, ProgrammeDefinition Programme)> ReadEpisodeInScopeAsync(this HearthDbContext db, ActorContext actor, Guid episodeId, CancellationToken ct)
    {
        var found = await db.EpisodeInScopeAsync(actor, episodeId, ct);
        await db.RecordReadAsync(actor, nameof(Episode), episodeId, ct);
        return found;
    }

    /// <summary>Everyone who belongs to the family: its own people and its dated members.</summary>
    public static async Task<HashSet<Guid>> FamilyMemberIdsAsync(this HearthDbContext db, Guid familyId, CancellationToken ct) =>
        (await db.Set<Person>().Where(p => p.FamilyId == familyId).Select(p => p.Id)
            .Union(db.Set<FamilyMembership>().Where(m => m.FamilyId == familyId).Select(m => m.PersonId)).ToListAsync(ct)).ToHashSet();

    public static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public static AccessDeniedException NotFound(string what) => new($"That {what} does not exist or is not in your teams.");
}
