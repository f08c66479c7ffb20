using System.Text.Json;
using Hearth.Core.Auditing;
using Hearth.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Hearth.Core.Data;

/// <summary>
/// The one DbContext. Every save is audited: a save needs an actor (passed to
/// <see cref="SaveChangesAsync(ActorContext, CancellationToken)"/> or set for the scope with <see cref="UseActor"/>),
/// and the audit events are inserted by the same SaveChanges, so they commit or fail with the change itself.
/// </summary>
public class HearthDbContext(DbContextOptions<HearthDbContext> options, TimeProvider time)
    : IdentityUserContext<HearthUser, Guid>(options)
{
    /// <summary>
    /// The properties whose values the audit trail records only as set or changed, named by entity type and property so
    /// that an ordinary property with the same name (a measure score's Value) is still recorded in full. Identity's
    /// user tokens hold authenticator keys and recovery codes in their Value.
    /// </summary>
    private static readonly HashSet<(Type Entity, string Property)> SecretFields =
    [
        (typeof(HearthUser), nameof(HearthUser.PasswordHash)),
        (typeof(HearthUser), nameof(HearthUser.SecurityStamp)),
        (typeof(HearthUser), nameof(HearthUser.ConcurrencyStamp)),
        (typeof(ApiToken), nameof(ApiToken.TokenHash)),
        (typeof(IdentityUserToken<Guid>), nameof(IdentityUserToken<Guid>.Value)),
    ];

    private ActorContext? _actor;

    public TimeProvider Time { get; } = time;

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    /// <summary>Sets the actor for saves made by code that cannot pass one (ASP.NET Identity's stores).</summary>
    public void UseActor(ActorContext actor) => _actor = actor;

    public async Task<int> SaveChangesAsync(ActorContext actor, CancellationToken cancellationToken = default)
    {
        var previous = _actor;
        _actor = actor;
        try
        {
            return await SaveChangesAsync(cancellationToken);
        }
        finally
        {
            _actor = previous;
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        AddAuditEvents();
        var families = People.FamilySortNames.Affected(ChangeTracker);
        if (families.Count == 0)
        {
            return await SaveWithConflictTranslation(() => base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken));
        }
        // The families' sort names are recomputed from the saved rows, in the same transaction as the save.
        await using var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var saved = await SaveWithConflictTranslation(() => base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken));
        await People.FamilySortNames.RefreshAsync(this, families, cancellationToken);
        if (own is not null)
        {
            await own.CommitAsync(cancellationToken);
        }
        return saved;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        AddAuditEvents();
        var families = People.FamilySortNames.Affected(ChangeTracker);
        using var own = families.Count > 0 && Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        var saved = SaveWithConflictTranslation(() => Task.FromResult(base.SaveChanges(acceptAllChangesOnSuccess))).GetAwaiter().GetResult();
        if (families.Count > 0)
        {
            People.FamilySortNames.Refresh(this, families);
        }
        own?.Commit();
        return saved;
    }

    /// <summary>
    /// Runs the save. One that fails leaves nothing pending: the refused changes are dropped from the change tracker, so a
    /// later save in the same request (an audited read on the page that shows the error) cannot write them after all.
    /// </summary>
    private async Task<int> SaveWithConflictTranslation(Func<Task<int>> save)
    {
        try
        {
            return await save();
        }
        catch (DbUpdateConcurrencyException e)
        {
            var name = e.Entries.FirstOrDefault()?.Metadata.ClrType.Name ?? "record";
            ChangeTracker.Clear();
            throw new ConcurrencyConflictException(DisplayName(name), e);
        }
        catch (DbUpdateException)
        {
            ChangeTracker.Clear();
            throw;
        }
    }

    private static string DisplayName(string typeName) =>
        string.Concat(typeName.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    // The reads already written by this context (one request, one CLI command): a page that shows a family's plans,
    // goals and reviews is one access to that family, not one per list drawn.
    private readonly HashSet<(Guid? Actor, string Type, string Id)> _readsRecorded = [];

    /// <summary>
    /// Writes an access event for a read of a person's or family's record, in its own small transaction; once per record
    /// and actor for this context's lifetime (one request).
    /// </summary>
    public Task RecordReadAsync(ActorContext actor, string entityType, Guid entityId, CancellationToken cancellationToken = default) =>
        RecordAccessAsync(actor, entityType, entityId.ToString(), null, cancellationToken);

    /// <summary>
    /// Writes an access event for a read of person-level data that is not one record: a census return, the census
    /// readiness list, a payment-by-results identification list, an audit-trail search. <paramref name="details"/> say
    /// what was read (the period, the filter, how many children and which, by id): never names or other personal values.
    /// </summary>
    public async Task RecordAccessAsync(ActorContext actor, string entityType, string entityId, IReadOnlyList<FieldChange>? details, CancellationToken cancellationToken = default)
    {
        if (details is null && !_readsRecorded.Add((actor.UserId, entityType, entityId)))
        {
            return;
        }
        AuditEvents.Add(NewEvent(actor, AuditAction.Read, entityType, entityId, details is null ? null : JsonSerializer.Serialize(details, JsonOptions)));
        await SaveChangesAsync(actor, cancellationToken);
    }

    /// <summary>
    /// Writes a refusal (403, or the 404 that hides a record outside the actor's scope): who, which route template,
    /// which entity when the route names one, and the status. Never the raw URL or query (it may hold a name searched
    /// for) nor the refusal's message. Call it on a context of its own (a new scope), so that it commits although the
    /// refused request's own work does not.
    /// </summary>
    public async Task RecordDenialAsync(ActorContext actor, string route, string? entityType, string? entityId, int status, CancellationToken cancellationToken = default)
    {
        var details = new[] { new FieldChange("route", null, route), new FieldChange("status", null, status.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        AuditEvents.Add(NewEvent(actor, AuditAction.Denied, entityType ?? "Route", entityId ?? route, JsonSerializer.Serialize(details, JsonOptions)));
        await SaveChangesAsync(actor, cancellationToken);
    }

    /// <summary>
    /// Writes a search event: what kind of criterion was used and how many people were found, never the words searched
    /// for (a name or identifier typed into the box is personal data the trail need not copy).
    /// </summary>
    public async Task RecordSearchAsync(ActorContext actor, string criterion, int results, CancellationToken cancellationToken = default)
    {
        var changes = new[] { new FieldChange("criterion", null, criterion), new FieldChange("results", null, results.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        AuditEvents.Add(NewEvent(actor, AuditAction.Search, "PersonSearch", criterion, JsonSerializer.Serialize(changes, JsonOptions)));
        await SaveChangesAsync(actor, cancellationToken);
    }

    /// <summary>Writes a sign-in event (success, failure, lockout, sign-out).</summary>
    public async Task RecordSignInAsync(ActorContext actor, Guid? userId, string outcome, CancellationToken cancellationToken = default)
    {
        var e = NewEvent(actor, AuditAction.SignIn, nameof(HearthUser), userId?.ToString() ?? "unknown", null);
        e.Reason = outcome;
        AuditEvents.Add(e);
        await SaveChangesAsync(actor, cancellationToken);
    }

    private AuditEvent NewEvent(ActorContext actor, AuditAction action, string entityType, string entityId, string? changes) => new()
    {
        OccurredAt = Time.GetUtcNow(),
        ActorUserId = actor.UserId,
        ActorName = actor.Name,
        Action = action,
        EntityType = entityType,
        EntityId = entityId,
        Changes = changes,
        Reason = actor.Reason,
    };

    private void AddAuditEvents()
    {
        ChangeTracker.DetectChanges();
        var entries = ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        if (entries.Count == 0)
        {
            return;
        }
        if (entries.Any(e => e.Entity is AuditEvent && e.State != EntityState.Added))
        {
            throw new InvalidOperationException("Audit events are append-only: they are never updated or deleted.");
        }
        var changed = entries.Where(e => e.Entity is not AuditEvent).ToList();
        if (changed.Count == 0)
        {
            return;
        }
        var actor = _actor ?? throw new InvalidOperationException(
            "A change was saved without an actor. Save through a Core service, which passes the ActorContext.");
        foreach (var entry in changed)
        {
            if (entry is { State: EntityState.Added or EntityState.Modified, Entity: People.Person person })
            {
                People.PersonSearchKeys.Fill(person);
                entry.DetectChanges();
            }
            if (entry is { State: EntityState.Modified, Entity: Entity versioned })
            {
                var version = entry.Property(nameof(Entity.Version));
                if (version.IsModified)
                {
                    // A caller set the version it read (for example from a form); keep it as the original so EF checks it.
                    version.OriginalValue = version.CurrentValue;
                }
                versioned.Version++;
            }
            if (entry.Entity is IOutsideAuditTrail)
            {
                continue;
            }
            var action = entry.State switch
            {
                EntityState.Added => AuditAction.Created,
                EntityState.Deleted => AuditAction.Deleted,
                _ => AuditAction.Updated,
            };
            var changes = DescribeChanges(entry);
            if (action == AuditAction.Updated && changes.Count == 0)
            {
                continue;
            }
            AuditEvents.Add(NewEvent(actor, action, entry.Metadata.ClrType.Name, KeyOf(entry),
                changes.Count == 0 ? null : JsonSerializer.Serialize(changes, JsonOptions)));
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private static List<FieldChange> DescribeChanges(EntityEntry entry)
    {
        var changes = new List<FieldChange>();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (name == nameof(Entity.Version) || property.Metadata.IsShadowProperty() && property.Metadata.IsForeignKey() is false && name != "Discriminator")
            {
                continue;
            }
            if (entry.Metadata.ClrType == typeof(People.Person) && People.PersonSearchKeys.Columns.Contains(name)
                || entry.Metadata.ClrType == typeof(People.Family) && name == nameof(People.Family.SortName))
            {
                continue;
            }
            var secret = SecretFields.Contains((entry.Metadata.ClrType, name));
            switch (entry.State)
            {
                case EntityState.Added when property.CurrentValue is not null:
                    changes.Add(new FieldChange(name, null, secret ? "(set)" : Format(property.CurrentValue)));
                    break;
                case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                    changes.Add(new FieldChange(name, secret ? "(hidden)" : Format(property.OriginalValue), secret ? "(changed)" : Format(property.CurrentValue)));
                    break;
                case EntityState.Deleted when property.OriginalValue is not null:
                    changes.Add(new FieldChange(name, secret ? "(hidden)" : Format(property.OriginalValue), null));
                    break;
            }
        }
        return changes;
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd"),
        DateTimeOffset t => t.ToString("O"),
        System.Collections.IEnumerable list and not string => string.Join(", ", list.Cast<object?>()),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        return key is null ? "" : string.Join("/", key.Properties.Select(p => Format(entry.Property(p.Name).CurrentValue)));
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            // SQLite cannot order or compare DateTimeOffset and decimal in SQL; store them as numbers it can.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
            configurationBuilder.Properties<decimal>().HaveConversion<double>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(HearthDbContext).Assembly);
        SnakeCaseNames.Apply(builder);
    }
}
