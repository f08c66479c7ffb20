namespace Hearth.Core.Data;

/// <summary>
/// Base of every domain row: a sortable GUID and a version number that EF checks on update, so that
/// two people editing the same record cannot silently overwrite each other (works on SQLite and PostgreSQL alike).
/// </summary>
public abstract class Entity
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Incremented by <see cref="HearthDbContext"/> on every update; a stale value makes the save fail.</summary>
    public int Version { get; set; }
}
