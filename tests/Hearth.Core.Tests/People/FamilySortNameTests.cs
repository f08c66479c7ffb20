using Hearth.Core.Auditing;
using Hearth.Core.Data;
using Hearth.Core.People;
using Hearth.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Hearth.Core.Tests.People;

/// <summary>The stored name the families list sorts by follows the family's current members on every save.</summary>
public sealed class FamilySortNameTests : JourneyTestBase
{
    private Task<string?> SortName(Guid familyId) =>
        InScope(s => Get<HearthDbContext>(s).Set<Family>().Where(f => f.Id == familyId).Select(f => f.SortName).SingleAsync());

    [Fact]
    public async Task The_sort_name_is_the_first_current_members_family_name_and_follows_additions_corrections_and_merges()
    {
        var family = await InScope(s => Get<PeopleService>(s).CreateFamilyAsync(Practitioner, new NewFamily("SORT-1", TeamA.Id)));
        Assert.Null(await SortName(family.Id));

        await InScope(s => Get<PeopleService>(s).AddPersonAsync(Practitioner, new NewPerson(family.Id, "Zak", "Young", new DateOnly(1990, 1, 1))));
        Assert.Equal("Young", await SortName(family.Id));

        var jones = await InScope(s => Get<PeopleService>(s).AddPersonAsync(Practitioner, new NewPerson(family.Id, "Ava", "Jones", new DateOnly(2015, 4, 1))));
        Assert.Equal("Jones", await SortName(family.Id));

        var renamed = await InScope(s => Get<PersonDetailsService>(s).CorrectAsync(Practitioner, jones.Id, jones.Version,
            new PersonCorrection(PersonDetails.Of(jones) with { FamilyName = "Zephaniah" }, "Name changed by deed poll")));
        Assert.Equal("Young", await SortName(family.Id));

        // A second record of the same child, merged away: the merged record no longer names the family.
        var duplicate = await InScope(s => Get<PeopleService>(s).AddPersonAsync(Practitioner, new NewPerson(family.Id, "Ava", "Abbott", new DateOnly(2015, 4, 1))));
        Assert.Equal("Abbott", await SortName(family.Id));
        await InScope(s => Get<PeopleService>(s).MergeAsync(Manager, renamed.Id, renamed.Version, duplicate.Id, duplicate.Version, "Same child recorded twice"));
        Assert.Equal("Young", await SortName(family.Id));

        // Derived, not part of the record: no audit event names it.
        var changes = await InScope(s => Get<HearthDbContext>(s).Set<AuditEvent>().Where(a => a.EntityType == nameof(Family)).Select(a => a.Changes).ToListAsync());
        Assert.NotEmpty(changes);
        Assert.DoesNotContain(changes, c => c != null && c.Contains(nameof(Family.SortName), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_refused_change_leaves_the_sort_name_as_it_was()
    {
        var family = await InScope(s => Get<PeopleService>(s).CreateFamilyAsync(Practitioner, new NewFamily("SORT-2", TeamA.Id)));
        var person = await InScope(s => Get<PeopleService>(s).AddPersonAsync(Practitioner, new NewPerson(family.Id, "Ava", "Jones", new DateOnly(2015, 4, 1))));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => InScope(s => Get<PersonDetailsService>(s).CorrectAsync(Practitioner, person.Id, person.Version - 1,
            new PersonCorrection(PersonDetails.Of(person) with { FamilyName = "Abbott" }, "Stale form"))));

        Assert.Equal("Jones", await SortName(family.Id));
    }

    [Fact]
    public async Task The_migration_that_adds_the_column_fills_it_for_families_already_recorded()
    {
        var family = await InScope(s => Get<PeopleService>(s).CreateFamilyAsync(Practitioner, new NewFamily("SORT-3", TeamA.Id)));
        await InScope(s => Get<PeopleService>(s).AddPersonAsync(Practitioner, new NewPerson(family.Id, "Ava", "Jones", new DateOnly(2015, 4, 1))));
        await InScope(s => Get<PeopleService>(s).AddPersonAsync(Practitioner, new NewPerson(family.Id, "Bo", "Evans", new DateOnly(1988, 2, 3))));

        await InScope(async s =>
        {
            var db = Get<HearthDbContext>(s);
            var migrator = db.GetService<IMigrator>();
            var before = db.Database.GetMigrations().Single(m => m.EndsWith("_PersonSearch", StringComparison.Ordinal));
            await migrator.MigrateAsync(before);
            await migrator.MigrateAsync();
            return 0;
        });

        Assert.Equal("Evans", await SortName(family.Id));
    }
}
