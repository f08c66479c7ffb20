using Hearth.Core.Data;
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
        return new AuditPage(events, total, page, size);
    }

    public async Task<IReadOnlyList<string>> EntityTypesAsync(CancellationToken ct = default) =>
        await db.AuditEvents.AsNoTracking().Select(e => e.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);
}
