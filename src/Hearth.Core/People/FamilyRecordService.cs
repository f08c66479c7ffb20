using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Hearth.Core.Programmes;
using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.People;

public sealed record FamilyMember(Person Person, Relationship Relationship, DateOnly From, DateOnly? To);

public sealed record FamilyRecord(
    Family Family,
    string TeamName,
    IReadOnlyList<FamilyMember> Members,
    IReadOnlyList<Referral> Referrals,
    IReadOnlyList<Episode> Episodes,
    IReadOnlyList<OutcomeEvent> Outcomes,
    IReadOnlyList<ChronologyEntry> Chronology,
    IReadOnlyDictionary<Guid, ProgrammeDefinition> Programmes)
{
    /// <summary>The programme's name for the episode's current phase ("Intensive support"), not its key.</summary>
    public string CurrentPhaseName(Episode episode) => Programmes.GetValueOrDefault(episode.ProgrammeVersionId)?.Phase(episode.CurrentPhase)?.Name ?? episode.CurrentPhase;
}

/// <summary>
/// The family record: members, referrals, episodes and the family's chronology (<see cref="Casework.Chronology"/>, the one
/// timeline of everything that happened). Opening it is audited.
/// </summary>
public sealed class FamilyRecordService(HearthDbContext db, Chronology chronologies)
{
    public async Task<FamilyRecord> ReadAsync(ActorContext actor, Guid familyId, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var family = await db.Set<Family>().AsNoTracking().InScope(actor).SingleOrDefaultAsync(f => f.Id == familyId, ct)
            ?? throw new AccessDeniedException("That family does not exist or is not in your teams.");
        var teamName = await db.Set<Team>().Where(t => t.Id == family.TeamId).Select(t => t.Name).SingleAsync(ct);
        var members = await db.Set<FamilyMembership>().AsNoTracking().Include(m => m.Person)
            .Where(m => m.FamilyId == familyId && m.Person!.MergedIntoId == null)
            .OrderBy(m => m.Person!.DateOfBirth).ThenBy(m => m.Person!.GivenName)
            .ToListAsync(ct);
        var referrals = await db.Set<Referral>().AsNoTracking().InScope(actor).Include(r => r.Children)
            .Where(r => r.FamilyId == familyId).OrderBy(r => r.ReceivedOn).ToListAsync(ct);
        var episodes = await db.Set<Episode>().AsNoTracking().InScope(actor).Include(e => e.Phases).Include(e => e.Allocations)
            .Where(e => e.FamilyId == familyId).OrderBy(e => e.OpenedOn).ToListAsync(ct);
        var episodeIds = episodes.Select(e => e.Id).ToList();
        var outcomes = await db.Set<OutcomeEvent>().AsNoTracking().InScope(actor)
            .Where(o => o.EpisodeId != null && episodeIds.Contains(o.EpisodeId.Value)).OrderBy(o => o.OccurredOn).ToListAsync(ct);
        var chronology = await chronologies.EntriesAsync(actor, family.Id, null, null, ct);
        var versionIds = episodes.Select(e => e.ProgrammeVersionId).Distinct().ToList();
        var programmes = await db.Set<ProgrammeVersion>().AsNoTracking().Where(p => versionIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Definition, ct);
        await db.RecordReadAsync(actor, nameof(Family), family.Id, ct);
        return new FamilyRecord(family, teamName,
            members.Select(m => new FamilyMember(m.Person!, m.Relationship, m.From, m.To)).ToList(),
            referrals, episodes, outcomes, chronology, programmes);
    }
}
