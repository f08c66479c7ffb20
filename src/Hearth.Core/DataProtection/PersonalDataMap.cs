using System.Reflection;
using Hearth.Core.Auditing;
using Hearth.Core.Data;
using Hearth.Core.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Hearth.Core.DataProtection;

/// <summary>How a row found for a subject access request may be released.</summary>
public enum Release
{
    /// <summary>The row is about the person who asked.</summary>
    AboutThePerson,
    /// <summary>A family-level record (a session note, a plan): it may mention other members, so it is read before release.</summary>
    FamilyRecord,
    /// <summary>The row is about someone else (another member of the family).</summary>
    ThirdParty,
}

/// <summary>
/// Where Hearth holds a person's data, read from the EF model rather than listed by hand, so a table added later is found
/// without anyone remembering to add it here: every entity with a foreign key to <see cref="Person"/> (or a Guid column named
/// PersonId or ChildId, for the statutory rows that carry the child's id without a constraint), every entity with a foreign key
/// to <see cref="Family"/>, and, transitively, every entity that depends on a row already found (a session on an episode,
/// a score on a measure). Reference data (teams, services, programmes) is only ever a principal, never walked into.
/// </summary>
public static class PersonalDataMap
{
    /// <summary>Column names that hold a person's id without a foreign key constraint.</summary>
    public static readonly IReadOnlySet<string> PersonIdNames = new HashSet<string> { "PersonId", "ChildId" };

    public static string Label(Release release) => release switch
    {
        Release.AboutThePerson => "about the person",
        Release.FamilyRecord => "family record: review for third-party details before release",
        _ => "third party — review before release",
    };

    /// <summary>The properties of <paramref name="type"/> that hold a person's id.</summary>
    public static IReadOnlyList<IProperty> PersonReferences(IEntityType type)
    {
        var refs = type.GetForeignKeys().Where(fk => fk.PrincipalEntityType.ClrType == typeof(Person) && fk.Properties.Count == 1)
            .Select(fk => fk.Properties[0]).ToList();
        refs.AddRange(type.GetProperties().Where(p => PersonIdNames.Contains(p.Name) && (p.ClrType == typeof(Guid) || p.ClrType == typeof(Guid?))
            && !p.IsForeignKey() && !refs.Contains(p)));
        if (type.ClrType == typeof(Person))
        {
            refs.Insert(0, type.FindPrimaryKey()!.Properties[0]);
        }
        return refs;
    }

    /// <summary>Entity types that can hold personal data about a family or its members: the tables a subject access export and erasure look at.</summary>
    public static IReadOnlyList<IEntityType> Tables(IModel model)
    {
        var found = new HashSet<IEntityType> { model.FindEntityType(typeof(Person))!, model.FindEntityType(typeof(Family))! };
        bool added;
        do
        {
            added = false;
            foreach (var type in Walkable(model))
            {
                if (!found.Contains(type) && (PersonReferences(type).Count > 0 || type.GetForeignKeys().Any(fk => found.Contains(fk.PrincipalEntityType))))
                {
                    found.Add(type);
                    added = true;
                }
            }
        }
        while (added);
        return found.OrderBy(t => t.ClrType == typeof(Person) ? 0 : t.ClrType == typeof(Family) ? 1 : 2).ThenBy(t => t.GetTableName()).ToList();
    }

    private static IEnumerable<IEntityType> Walkable(IModel model) =>
        model.GetEntityTypes().Where(t => !t.IsOwned() && t.FindPrimaryKey() is not null && t.ClrType != typeof(AuditEvent) && !t.HasSharedClrType);

    /// <summary>A row found, with how it may be released.</summary>
    public sealed record Row(IEntityType Type, object Entity, Release Release)
    {
        public object? Value(IProperty property) => property.IsShadowProperty() ? null : property.GetGetter().GetClrValueUsingContainingEntity(Entity);

        public string Key => string.Join("/", Type.FindPrimaryKey()!.Properties.Select(p => Convert.ToString(Value(p), System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// Every row about the people in <paramref name="subjectIds"/> and about the families in <paramref name="familyIds"/>, and
    /// every row that depends on one of those, each marked with how it may be released. A row's own person columns decide
    /// its marking; a row with none takes the most cautious marking of the rows it was found through. Rows that point at
    /// another person are not followed through that person: their own records elsewhere are not part of this request.
    /// </summary>
    public static async Task<IReadOnlyDictionary<IEntityType, List<Row>>> FindAsync(HearthDbContext db, IReadOnlySet<Guid> subjectIds,
        IReadOnlySet<Guid> familyIds, CancellationToken ct)
    {
        var tables = Tables(db.Model);
        var rows = tables.ToDictionary(t => t, _ => new Dictionary<Guid, Row>());
        var pending = new Dictionary<IEntityType, HashSet<Guid>>();
        void Add(IEntityType type, Guid key, Row row)
        {
            var existing = rows[type];
            if (existing.TryGetValue(key, out var before))
            {
                if (row.Release > before.Release && PersonReferences(type).Count == 0)
                {
                    existing[key] = row;
                }
                return;
            }
            existing[key] = row;
            (pending.TryGetValue(type, out var set) ? set : pending[type] = []).Add(key);
        }

        var personType = db.Model.FindEntityType(typeof(Person))!;
        var familyType = db.Model.FindEntityType(typeof(Family))!;
        foreach (var p in await db.Set<Person>().AsNoTracking().Where(p => subjectIds.Contains(p.Id)).ToListAsync(ct))
        {
            Add(personType, p.Id, new Row(personType, p, Release.AboutThePerson));
        }
        foreach (var f in await db.Set<Family>().AsNoTracking().Where(f => familyIds.Contains(f.Id)).ToListAsync(ct))
        {
            Add(familyType, f.Id, new Row(familyType, f, Release.FamilyRecord));
        }

        while (pending.Count > 0)
        {
            var frontier = pending;
            pending = [];
            foreach (var type in tables)
            {
                var key = type.FindPrimaryKey()!.Properties;
                if (key.Count != 1 || key[0].ClrType != typeof(Guid))
                {
                    continue;
                }
                var links = type.GetForeignKeys().Where(fk => fk.Properties.Count == 1 && fk.Properties[0].ClrType is var c && (c == typeof(Guid) || c == typeof(Guid?)))
                    .Select(fk => (Property: fk.Properties[0], Principal: fk.PrincipalEntityType))
                    .Concat(PersonReferences(type).Where(p => !p.IsForeignKey() && !p.IsPrimaryKey()).Select(p => (Property: p, Principal: (IEntityType)personType)));
                foreach (var (property, principal) in links)
                {
                    if (!frontier.TryGetValue(principal, out var ids))
                    {
                        continue;
                    }
                    var through = principal == personType ? ids.Where(subjectIds.Contains).ToList() : ids.ToList();
                    if (through.Count == 0)
                    {
                        continue;
                    }
                    var entities = await LoadAsync(db, type, property, through, ct);
                    foreach (var entity in entities)
                    {
                        var row = new Row(type, entity, Release.AboutThePerson);
                        var via = row.Value(property) is Guid g ? rows[principal].GetValueOrDefault(g) : null;
                        Add(type, (Guid)row.Value(key[0])!, row with { Release = Marking(row, via, subjectIds) });
                    }
                }
            }
        }
        return rows.ToDictionary(r => r.Key, r => r.Value.Values.ToList());
    }

    private static Release Marking(Row row, Row? via, IReadOnlySet<Guid> subjectIds)
    {
        var people = PersonReferences(row.Type).Select(row.Value).OfType<Guid>().ToList();
        if (people.Any(subjectIds.Contains))
        {
            return Release.AboutThePerson;
        }
        return people.Count > 0 ? Release.ThirdParty : via?.Release ?? Release.FamilyRecord;
    }

    private static readonly MethodInfo LoadMethod = typeof(PersonalDataMap).GetMethod(nameof(LoadWhereAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static Task<List<object>> LoadAsync(HearthDbContext db, IEntityType type, IProperty property, List<Guid> ids, CancellationToken ct) =>
        (Task<List<object>>)LoadMethod.MakeGenericMethod(type.ClrType).Invoke(null, [db, property.Name, property.ClrType == typeof(Guid?), ids, ct])!;

    private static async Task<List<object>> LoadWhereAsync<T>(HearthDbContext db, string property, bool nullable, List<Guid> ids, CancellationToken ct)
        where T : class
    {
        var query = db.Set<T>().AsNoTracking();
        if (nullable)
        {
            var values = ids.Select(i => (Guid?)i).ToList();
            query = query.Where(e => values.Contains(EF.Property<Guid?>(e, property)));
        }
        else
        {
            query = query.Where(e => ids.Contains(EF.Property<Guid>(e, property)));
        }
        return [.. (await query.ToListAsync(ct)).Cast<object>()];
    }

    /// <summary>The person, and the records merged into them (the same person recorded twice).</summary>
    public static async Task<HashSet<Guid>> SubjectIdsAsync(HearthDbContext db, Guid personId, CancellationToken ct)
    {
        var ids = new HashSet<Guid> { personId };
        while (true)
        {
            var more = await db.Set<Person>().AsNoTracking().Where(p => p.MergedIntoId != null && ids.Contains(p.MergedIntoId.Value) && !ids.Contains(p.Id))
                .Select(p => p.Id).ToListAsync(ct);
            if (more.Count == 0)
            {
                return ids;
            }
            ids.UnionWith(more);
        }
    }

    /// <summary>Every family the people belong or belonged to.</summary>
    public static async Task<HashSet<Guid>> FamilyIdsAsync(HearthDbContext db, IReadOnlySet<Guid> subjectIds, CancellationToken ct)
    {
        var current = await db.Set<Person>().AsNoTracking().Where(p => subjectIds.Contains(p.Id) && p.FamilyId != null).Select(p => p.FamilyId!.Value).ToListAsync(ct);
        var past = await db.Set<FamilyMembership>().AsNoTracking().Where(m => subjectIds.Contains(m.PersonId)).Select(m => m.FamilyId).ToListAsync(ct);
        return [.. current, .. past];
    }
}
