using Hearth.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Hearth.Core.People;

/// <summary>
/// Keeps <see cref="Family.SortName"/> in step with the family's members. The save that changes a person works out which
/// families it touches (both, when a person moves), and after the rows are written the database recomputes those
/// families' names in the same transaction, so members saved earlier or by others are counted too.
/// </summary>
public static class FamilySortNames
{
    private static readonly string[] Watched = [nameof(Person.FamilyName), nameof(Person.FamilyId), nameof(Person.MergedIntoId)];

    /// <summary>The families whose sort name this save may change.</summary>
    public static IReadOnlyList<Guid> Affected(ChangeTracker tracker)
    {
        var ids = new HashSet<Guid>();
        foreach (var entry in tracker.Entries<Person>())
        {
            var family = entry.Property(p => p.FamilyId);
            switch (entry.State)
            {
                case EntityState.Added when family.CurrentValue is { } added:
                    ids.Add(added);
                    break;
                case EntityState.Deleted when family.OriginalValue is { } removed:
                    ids.Add(removed);
                    break;
                case EntityState.Modified when Watched.Any(name => entry.Property(name).IsModified):
                    if (family.OriginalValue is { } before)
                    {
                        ids.Add(before);
                    }
                    if (family.CurrentValue is { } after)
                    {
                        ids.Add(after);
                    }
                    break;
            }
        }
        return ids.ToList();
    }

    public static Task RefreshAsync(HearthDbContext db, IReadOnlyCollection<Guid> familyIds, CancellationToken ct = default) =>
        db.Set<Family>().Where(f => familyIds.Contains(f.Id)).ExecuteUpdateAsync(s => s.SetProperty(f => f.SortName,
            f => db.Set<Person>().Where(p => p.FamilyId == f.Id && p.MergedIntoId == null).Min(p => p.FamilyName)), ct);

    public static void Refresh(HearthDbContext db, IReadOnlyCollection<Guid> familyIds) =>
        db.Set<Family>().Where(f => familyIds.Contains(f.Id)).ExecuteUpdate(s => s.SetProperty(f => f.SortName,
            f => db.Set<Person>().Where(p => p.FamilyId == f.Id && p.MergedIntoId == null).Min(p => p.FamilyName)));
}
