using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.People;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Casework;

/// <summary>
/// One family of a worker's caseload: its reference and surname, the current phase by its programme's name, the first
/// thing due on the episode (in <see cref="DueList.Order"/>) and the date of the last session held.
/// </summary>
public sealed record CaseloadFamily(Guid EpisodeId, Guid FamilyId, string FamilyReference, string Surname, string PhaseName, bool IsIntensive,
    DueItem? NextDue, DateOnly? LastContactOn);

/// <summary>
/// A practitioner's day: their caseload and everything due for them, in one list. <see cref="WorkerId"/> is null when
/// the user has no staff record, so nothing can be allocated to them.
/// </summary>
public sealed record MyWork(Guid? WorkerId, IReadOnlyList<CaseloadFamily> Families, IReadOnlyList<DueItem> Due);

/// <summary>The practitioner's home page: the caseload as <see cref="Caseloads"/> defines it, beside <see cref="DueList"/>'s items.</summary>
public sealed class MyWorkQuery(HearthDbContext db, EpisodeService episodes, DueList due)
{
    public async Task<MyWork> ForUserAsync(ActorContext actor, DateOnly asOf, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        if (actor.UserId is not { } user || await due.WorkerOfUserAsync(user, ct) is not { } workerId)
        {
            return new MyWork(null, [], []);
        }
        var caseload = await episodes.CaseloadAsync(actor, null, workerId, asOf, ct);
        var items = await due.ForWorkerAsync(actor, workerId, asOf, ct);
        var episodeIds = caseload.Select(c => c.EpisodeId).ToList();
        var familyIds = caseload.Select(c => c.FamilyId).Distinct().ToList();
        var lastContact = await db.Set<Session>().AsNoTracking().Where(s => episodeIds.Contains(s.EpisodeId) && s.Date <= asOf)
            .GroupBy(s => s.EpisodeId).Select(g => new { g.Key, Last = g.Max(s => s.Date) }).ToDictionaryAsync(x => x.Key, x => x.Last, ct);
        var surnames = (await db.Set<Person>().AsNoTracking().Where(p => p.FamilyId != null && familyIds.Contains(p.FamilyId.Value) && p.MergedIntoId == null)
                .Select(p => new { FamilyId = p.FamilyId!.Value, p.FamilyName }).ToListAsync(ct))
            .ToLookup(p => p.FamilyId, p => p.FamilyName);
        // Each episode's first item in the due list's order, and where it comes in that list.
        var next = items.Select((item, position) => (item, position)).GroupBy(x => x.item.EpisodeId).ToDictionary(g => g.Key, g => g.First());
        var families = caseload.Select(c => new CaseloadFamily(c.EpisodeId, c.FamilyId, c.FamilyReference, Surname(surnames[c.FamilyId]), c.PhaseName, c.IsIntensive,
                next.TryGetValue(c.EpisodeId, out var first) ? first.item : null, lastContact.TryGetValue(c.EpisodeId, out var last) ? last : null))
            // The family whose next item comes first in the due list comes first; families with nothing due last.
            .OrderBy(f => next.TryGetValue(f.EpisodeId, out var first) ? first.position : int.MaxValue).ThenBy(f => f.FamilyReference, StringComparer.Ordinal).ToList();
        return new MyWork(workerId, families, items);
    }

    // A household can hold more than one surname: the one most of its members have (then the first alphabetically).
    private static string Surname(IEnumerable<string> names) =>
        names.GroupBy(n => n, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault() ?? "";
}
