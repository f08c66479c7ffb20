namespace Hearth.Core.Auditing;

public enum AuditAction
{
    Created,
    Updated,
    Deleted,
    /// <summary>A person's or family's record was opened, or a list of person-level data read (census, identification, the audit trail).</summary>
    Read,
    /// <summary>A sign-in, sign-out, failed sign-in or lockout.</summary>
    SignIn,
    /// <summary>A search for people: the kind of criterion and the number found, not the words searched for.</summary>
    Search,
    /// <summary>A request refused (403, or the 404 that hides another team's record): the route, never the data asked for.</summary>
    Denied,
}

/// <summary>
/// One entry in the append-only audit trail: who did what to which record, and when. Rows are only ever
/// inserted; the DbContext refuses updates and deletes, and database triggers refuse them too.
/// </summary>
public sealed class AuditEvent
{
    public long Id { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public Guid? ActorUserId { get; set; }
    public required string ActorName { get; set; }
    public AuditAction Action { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    /// <summary>JSON array of {field, from, to} for updates, {field, to} for creates.</summary>
    public string? Changes { get; set; }
    public string? Reason { get; set; }
}

/// <summary>A field that changed, as stored in <see cref="AuditEvent.Changes"/>.</summary>
public sealed record FieldChange(string Field, string? From, string? To);

/// <summary>Reads the <see cref="AuditEvent.Changes"/> the DbContext writes.</summary>
public static class AuditChanges
{
    private static readonly System.Text.Json.JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    public static IReadOnlyList<FieldChange> Parse(string? changes) =>
        string.IsNullOrEmpty(changes) ? [] : System.Text.Json.JsonSerializer.Deserialize<List<FieldChange>>(changes, Options) ?? [];

    /// <summary>The names of the fields that changed.</summary>
    public static IReadOnlyList<string> Fields(string? changes) => Parse(changes).Select(c => c.Field).ToList();
}

/// <summary>
/// Marks an entity whose saves write no audit events: a user's own working copy, not a record. Only for data that is
/// never the record itself and is deleted once the record is saved (the record's save is audited as usual), so that
/// the append-only trail does not keep every half-typed version of it.
/// </summary>
public interface IOutsideAuditTrail
{
}
