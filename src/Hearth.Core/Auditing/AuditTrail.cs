using Hearth.Core.Data;
using Hearth.Core.People;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Auditing;

public sealed record AuditFilter(DateOnly? From = null, DateOnly? To = null, string? EntityType = null, string? EntityId = null, Guid? ActorUserId = null, AuditAction? Action = null, int Page = 1, int PageSize = 50);

public sealed record AuditPage(IReadOnlyList<AuditEvent> Events, int Total, int Page, int PageSize);

/// <summary>Reads the audit trail for administrators. There is deliberately no method that changes it.</summary>
public sealed class AuditTrail(HearthDbContext db)
{
    public async Task<AuditPage> SearchAsync(ActorContext actor, AuditFilter filter, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewAuditTrail);
        var q = db.AuditEvents.AsNoTracking();
        if (filter.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            q = q.Where(e => e.OccurredAt >= start);
        }
        if (filter.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            q = q.Where(e => e.OccurredAt < end);
        }
        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            q = q.Where(e => e.EntityType == filter.EntityType);
        }
        if (!string.IsNullOrWhiteSpace(filter.EntityId))
        {
            q = q.Where(e => e.EntityId == filter.EntityId);
        }
        if (filter.ActorUserId is { } user)
        {
            q = q.Where(e => e.ActorUserId == user);
        }
        if (filter.Action is { } action)
        {
            q = q.Where(e => e.Action == action);
        }
        var size = Math.Clamp(filter.PageSize, 1, 500);
        var page = Math.Max(1, filter.Page);
        var total = await q.CountAsync(ct);
        var events = await q.OrderByDescending(e => e.Id).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        // Reading the trail is itself an access: the filter is recorded (ids and dates, no personal values), written
        // after the page is read so that a search never finds its own event.
        await db.RecordAccessAsync(actor, "AuditTrail", filter.EntityType ?? "all",
        [
            new FieldChange("from", null, filter.From?.ToString("yyyy-MM-dd")),
            new FieldChange("to", null, filter.To?.ToString("yyyy-MM-dd")),
            new FieldChange("entityType", null, filter.EntityType),
            new FieldChange("entityId", null, filter.EntityId),
            new FieldChange("actorUserId", null, filter.ActorUserId?.ToString()),
            new FieldChange("action", null, filter.Action?.ToString()),
            new FieldChange("page", null, page.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ], ct);
        await HideValuesAsync(actor, events, ct);
        return new AuditPage(events, total, page, size);
    }

    /// <summary>
    /// Entity types whose changes are the council's configuration or its staff, not a family's record: an administrator sees
    /// their values. Every other type's values are shown only to a viewer who may see the family the record belongs to.
    /// </summary>
    public static readonly IReadOnlySet<string> NonPersonalTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "Service", "Team", "Worker", "WorkerTime", "HearthUser", "UserTeam", "ApiToken", "ProgrammeVersion", "ProgrammeDraft",
        "FrameworkVersion", "ClaimWindow", "GrantProfileYear", "ServiceBudget", "PopulationFigure", "ReportGap", "DirectoryService",
    };

    /// <summary>The text that stands for a value the viewer may not see.</summary>
    public const string Hidden = "(hidden: you cannot see this family)";

    /// <summary>
    /// Replaces the field values of each change event the viewer may not see with <see cref="Hidden"/>, keeping which fields
    /// changed. Values are shown for the non-personal types, and for a record whose family (found from the record itself,
    /// or its episode, person or referral) the viewer may see with ViewFamilies. A record whose family cannot be found
    /// (deleted since, or held further down) stays hidden. Reads, searches, sign-ins and refusals keep their details:
    /// they are written without personal values.
    /// </summary>
    private async Task HideValuesAsync(ActorContext actor, List<AuditEvent> events, CancellationToken ct)
    {
        var changes = events.Where(e => e.Changes is not null && e.Action is AuditAction.Created or AuditAction.Updated or AuditAction.Deleted
            && !NonPersonalTypes.Contains(e.EntityType)).ToList();
        if (changes.Count == 0)
        {
            return;
        }
        var visible = new HashSet<(string Type, string Id)>();
        if (actor.Has(Permission.ViewFamilies))
        {
            var familyOf = await FamiliesOfAsync(changes, ct);
            var familyIds = familyOf.Values.Distinct().ToList();
            var teams = await db.Set<Family>().AsNoTracking().Where(f => familyIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.TeamId, ct);
            foreach (var ((type, id), family) in familyOf)
            {
                if (teams.TryGetValue(family, out var team) && actor.CanSeeTeam(team))
                {
                    visible.Add((type, id));
                }
            }
        }
        foreach (var e in changes.Where(e => !visible.Contains((e.EntityType, e.EntityId))))
        {
            e.Changes = System.Text.Json.JsonSerializer.Serialize(AuditChanges.Parse(e.Changes)
                .Select(c => new FieldChange(c.Field, c.From is null ? null : Hidden, c.To is null ? null : Hidden)), JsonOptions);
        }
    }

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase };

    /// <summary>The family each event's record belongs to, where the record says so directly or through its episode, person or referral.</summary>
    private async Task<Dictionary<(string Type, string Id), Guid>> FamiliesOfAsync(List<AuditEvent> events, CancellationToken ct)
    {
        var found = new Dictionary<(string, string), Guid>();
        foreach (var group in events.GroupBy(e => e.EntityType))
        {
            var ids = group.Select(e => Guid.TryParse(e.EntityId, out var id) ? id : (Guid?)null).OfType<Guid>().Distinct().ToList();
            var type = db.Model.GetEntityTypes().FirstOrDefault(t => t.ClrType.Name == group.Key && !t.IsOwned());
            if (ids.Count == 0 || type is null || type.FindPrimaryKey() is not { Properties: [{ Name: "Id", ClrType: var keyType }] } || keyType != typeof(Guid))
            {
                continue;
            }
            if (type.ClrType == typeof(Family))
            {
                foreach (var id in ids)
                {
                    found[(group.Key, id.ToString())] = id;
                }
                continue;
            }
            Dictionary<Guid, Guid>? links = null;
            foreach (var (property, via) in new (string, Type?)[] { ("FamilyId", null), ("EpisodeId", typeof(Episodes.Episode)), ("PersonId", typeof(Person)), ("ReferralId", typeof(Referrals.Referral)) })
            {
                if (type.FindProperty(property) is not { } link)
                {
                    continue;
                }
                links = await LinksAsync(type.ClrType, link.ClrType, ids, property, ct);
                if (via is not null)
                {
                    var through = await LinksAsync(via, typeof(Person) == via ? typeof(Guid?) : typeof(Guid), links.Values.Distinct().ToList(), "FamilyId", ct);
                    links = links.Where(l => through.ContainsKey(l.Value)).ToDictionary(l => l.Key, l => through[l.Value]);
                }
                break;
            }
            foreach (var (id, family) in links ?? [])
            {
                found[(group.Key, id.ToString())] = family;
            }
        }
        return found;
    }

    private Task<Dictionary<Guid, Guid>> LinksAsync(Type entity, Type link, List<Guid> ids, string property, CancellationToken ct) =>
        (Task<Dictionary<Guid, Guid>>)typeof(AuditTrail).GetMethod(nameof(LinksOfAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .MakeGenericMethod(entity, link).Invoke(this, [ids, property, ct])!;

    private async Task<Dictionary<Guid, Guid>> LinksOfAsync<TEntity, TLink>(List<Guid> ids, string property, CancellationToken ct) where TEntity : class
    {
        var rows = await db.Set<TEntity>().AsNoTracking().Where(e => ids.Contains(EF.Property<Guid>(e, "Id")))
            .Select(e => new { Id = EF.Property<Guid>(e, "Id"), Link = EF.Property<TLink>(e, property) }).ToListAsync(ct);
        return rows.Where(r => r.Link is Guid).ToDictionary(r => r.Id, r => (Guid)(object)r.Link!);
    }

    public async Task<IReadOnlyList<string>> EntityTypesAsync(CancellationToken ct = default) =>
        await db.AuditEvents.AsNoTracking().Select(e => e.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);
}
