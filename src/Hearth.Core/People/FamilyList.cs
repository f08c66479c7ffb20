using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Measures;
using Hearth.Core.Organisation;
using Hearth.Core.Programmes;
using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.People;

/// <summary>
/// Where a family is with the user's teams: an episode open; else a referral waiting (received and not yet decided, or
/// on the waiting list); else closed (every episode closed, or no referral taken on).
/// </summary>
public enum FamilyStatus
{
    Open,
    Waiting,
    Closed,
}

public enum FamilySort
{
    Reference,
    Name,
    Worker,
    /// <summary>The latest referral's received date.</summary>
    Received,
    /// <summary>The latest episode's opening date.</summary>
    Opened,
}

public sealed record FamilyListFilter
{
    public Guid? TeamId { get; init; }
    public Guid? WorkerId { get; init; }
    public FamilyStatus? Status { get; init; }
    /// <summary>A phase key of an open episode ("intensive").</summary>
    public string? Phase { get; init; }
    public FamilySort Sort { get; init; } = FamilySort.Reference;
    public bool Descending { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 25;
}

/// <summary>One row of the families list. <see cref="ChildrenAges"/> is null for an unborn child or one whose date of birth is not known.</summary>
public sealed record FamilyListRow(
    Guid FamilyId, string Reference, IReadOnlyList<string> Surnames, string? LeadAdult, IReadOnlyList<int?> ChildrenAges,
    Guid TeamId, string TeamName, IReadOnlyList<string> Workers, FamilyStatus Status, IReadOnlyList<string> Phases, DateOnly? ReceivedOn, DateOnly? OpenedOn);

public sealed record FamilyListPage(IReadOnlyList<FamilyListRow> Rows, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// The families list: the user's teams' families (or the council's), filtered, sorted and paged by the database; only the
/// page's rows are then filled in with names, ages and workers. Listing is not a read of any one record, so not audited.
/// </summary>
public sealed class FamilyList(HearthDbContext db)
{
    public async Task<FamilyListPage> ListAsync(ActorContext actor, FamilyListFilter filter, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var episodes = db.Set<Episode>().InScope(actor);
        var referrals = db.Set<Referral>().InScope(actor);
        var openAllocations = db.Set<Allocation>().Where(a => a.To == null && a.Episode!.ClosedOn == null && episodes.Any(e => e.Id == a.EpisodeId));
        var rows = db.Set<Family>().AsNoTracking().InScope(actor).Select(f => new
        {
            f.Id,
            f.Reference,
            f.TeamId,
            Open = episodes.Any(e => e.FamilyId == f.Id && e.ClosedOn == null),
            Waiting = referrals.Any(r => r.FamilyId == f.Id && (r.Status == ReferralStatus.Received || r.Status == ReferralStatus.WaitingList)),
            Name = f.SortName,
            Worker = db.Set<Worker>().Where(w => openAllocations.Any(a => a.WorkerId == w.Id && a.Episode!.FamilyId == f.Id)).Min(w => w.Name),
            Received = referrals.Where(r => r.FamilyId == f.Id).Max(r => (DateOnly?)r.ReceivedOn),
            Opened = episodes.Where(e => e.FamilyId == f.Id).Max(e => (DateOnly?)e.OpenedOn),
        });
        if (filter.TeamId is { } team)
        {
            rows = rows.Where(r => r.TeamId == team);
        }
        if (filter.WorkerId is { } worker)
        {
            rows = rows.Where(r => openAllocations.Any(a => a.WorkerId == worker && a.Episode!.FamilyId == r.Id));
        }
        if (!string.IsNullOrWhiteSpace(filter.Phase))
        {
            var phase = filter.Phase.Trim();
            rows = rows.Where(r => episodes.Any(e => e.FamilyId == r.Id && e.ClosedOn == null && e.CurrentPhase == phase));
        }
        rows = filter.Status switch
        {
            FamilyStatus.Open => rows.Where(r => r.Open),
            FamilyStatus.Waiting => rows.Where(r => !r.Open && r.Waiting),
            FamilyStatus.Closed => rows.Where(r => !r.Open && !r.Waiting),
            _ => rows,
        };
        var total = await rows.CountAsync(ct);
        // Families without a name, worker or date sort last either way, on both databases (they order nulls differently).
        var ordered = (filter.Sort, filter.Descending) switch
        {
            (FamilySort.Name, false) => rows.OrderBy(r => r.Name == null).ThenBy(r => r.Name),
            (FamilySort.Name, true) => rows.OrderBy(r => r.Name == null).ThenByDescending(r => r.Name),
            (FamilySort.Worker, false) => rows.OrderBy(r => r.Worker == null).ThenBy(r => r.Worker),
            (FamilySort.Worker, true) => rows.OrderBy(r => r.Worker == null).ThenByDescending(r => r.Worker),
            (FamilySort.Received, false) => rows.OrderBy(r => r.Received == null).ThenBy(r => r.Received),
            (FamilySort.Received, true) => rows.OrderBy(r => r.Received == null).ThenByDescending(r => r.Received),
            (FamilySort.Opened, false) => rows.OrderBy(r => r.Opened == null).ThenBy(r => r.Opened),
            (FamilySort.Opened, true) => rows.OrderBy(r => r.Opened == null).ThenByDescending(r => r.Opened),
            (_, false) => rows.OrderBy(r => r.Reference),
            (_, true) => rows.OrderByDescending(r => r.Reference),
        };
        var pageSize = Math.Clamp(filter.PageSize, 1, 200);
        var pages = Math.Max(1, (total + pageSize - 1) / pageSize);
        var page = Math.Clamp(filter.Page, 1, pages);
        var shown = await ordered.ThenBy(r => r.Reference).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(r => new { r.Id, r.Reference, r.TeamId, r.Open, r.Waiting, r.Received, r.Opened }).ToListAsync(ct);

        var ids = shown.Select(r => r.Id).ToList();
        var members = await db.Set<FamilyMembership>().AsNoTracking()
            .Where(m => ids.Contains(m.FamilyId) && m.To == null && m.Person!.MergedIntoId == null && m.Person.FamilyId == m.FamilyId)
            .Select(m => new { m.FamilyId, m.Relationship, m.Person!.GivenName, m.Person.FamilyName, m.Person.DateOfBirth, m.Person.ExpectedDateOfBirth })
            .ToListAsync(ct);
        var teamIds = shown.Select(r => r.TeamId).Distinct().ToList();
        var teams = await db.Set<Team>().AsNoTracking().Where(t => teamIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var workers = await PersonSearch.AllocatedWorkersAsync(db, ids, ct);
        var open = await episodes.AsNoTracking().Where(e => ids.Contains(e.FamilyId) && e.ClosedOn == null)
            .Select(e => new { e.FamilyId, e.CurrentPhase, e.ProgrammeVersionId }).ToListAsync(ct);
        var versionIds = open.Select(e => e.ProgrammeVersionId).Distinct().ToList();
        var programmes = await db.Set<ProgrammeVersion>().AsNoTracking().Where(p => versionIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Definition, ct);
        var today = db.Today();

        var result = shown.Select(r =>
        {
            var people = members.Where(m => m.FamilyId == r.Id).ToList();
            var adults = people.Where(m => m.Relationship is Relationship.Parent or Relationship.Carer).OrderBy(m => m.Relationship).ThenBy(m => m.DateOfBirth).ToList();
            var surnames = adults.Concat(people.Except(adults)).Select(m => m.FamilyName).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var ages = people.Where(m => m.Relationship == Relationship.Child).OrderBy(m => m.DateOfBirth ?? m.ExpectedDateOfBirth)
                .Select(m => MeasureEntry.AgeOn(m.DateOfBirth, today)).ToList();
            var phases = open.Where(e => e.FamilyId == r.Id)
                .Select(e => programmes.GetValueOrDefault(e.ProgrammeVersionId)?.Phase(e.CurrentPhase)?.Name ?? e.CurrentPhase).Distinct().ToList();
            var status = r.Open ? FamilyStatus.Open : r.Waiting ? FamilyStatus.Waiting : FamilyStatus.Closed;
            return new FamilyListRow(r.Id, r.Reference, surnames, adults.Select(a => $"{a.GivenName} {a.FamilyName}").FirstOrDefault(), ages,
                r.TeamId, teams.GetValueOrDefault(r.TeamId, ""), workers.GetValueOrDefault(r.Id, []), status, phases, r.Received, r.Opened);
        }).ToList();
        return new FamilyListPage(result, total, page, pageSize);
    }

    /// <summary>
    /// The phases a filter can choose from: every programme version's phases by key, in programme order. Programmes share
    /// keys ("assessment") under their own names, so one key's names are joined.
    /// </summary>
    public async Task<IReadOnlyList<(string Key, string Name)>> PhasesAsync(CancellationToken ct = default)
    {
        var versions = await db.Set<ProgrammeVersion>().AsNoTracking().OrderBy(p => p.Code).ThenByDescending(p => p.Number).ToListAsync(ct);
        return versions.SelectMany(v => v.Definition.Phases.Select(p => (p.Key, p.Name)))
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, string.Join(" / ", g.Select(p => p.Name).Distinct(StringComparer.Ordinal))))
            .ToList();
    }

    /// <summary>The workers a filter can choose from: those of the teams the user sees, current ones first.</summary>
    public async Task<IReadOnlyList<Worker>> WorkersAsync(ActorContext actor, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var query = db.Set<Worker>().AsNoTracking();
        if (!actor.SeesAllTeams)
        {
            var teams = actor.TeamIds.ToList();
            query = query.Where(w => teams.Contains(w.TeamId));
        }
        return await query.OrderByDescending(w => w.IsActive).ThenBy(w => w.Name).ToListAsync(ct);
    }
}
