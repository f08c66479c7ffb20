using System.Text.Json;
using Hearth.Core.Auditing;
using Hearth.Core.Data;
using Hearth.Core.People;
using Hearth.Core.Security;
using Hearth.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.People;

public sealed class PersonDetailsServiceTests : JourneyTestBase
{
    private Task<Person> CorrectAsync(Person person, PersonCorrection correction, ActorContext? actor = null, int? version = null) =>
        InScope(s => Get<PersonDetailsService>(s).CorrectAsync(actor ?? Practitioner, person.Id, version ?? person.Version, correction));

    private Task<PersonRecord> ReadAsync(Guid id) => InScope(s => Get<PersonDetailsService>(s).ReadAsync(Practitioner, id));

    private Task<List<AuditEvent>> ChangesAsync(string entityType) =>
        InScope(s => Get<HearthDbContext>(s).AuditEvents.AsNoTracking().Where(a => a.EntityType == entityType && a.Action != AuditAction.Read).OrderBy(a => a.Id).ToListAsync());

    [Fact]
    public async Task Every_detail_of_an_imported_child_is_corrected_in_one_change_audited_field_by_field_with_the_reason()
    {
        // As the journeys import creates a child: the reference as the first name, nothing else known.
        var (_, child) = await FamilyWithChildAsync("IMP-1");
        child = await InScope(async s =>
        {
            var db = Get<HearthDbContext>(s);
            var p = await db.Set<Person>().SingleAsync(x => x.Id == child.Id);
            p.GivenName = "C-1001";
            p.CouncilChildId = "C-1001";
            await db.SaveChangesAsync(ActorContext.System("journeys import"));
            return p;
        });
        var details = new PersonDetails
        {
            GivenName = "Mia", FamilyName = "Corrected", KnownAs = "Mimi", DateOfBirth = new DateOnly(2015, 6, 30), Sex = Sex.Female,
            GenderIdentity = "girl", EthnicityCode = "mwbc", DisabilityCodes = ["aut"], FirstLanguage = "Welsh", CouncilChildId = "C-1001",
            Upn = "b801200005001", FormerUpn = "M80120000500A", NhsNumber = "943 476 5919", Postcode = "cf10 1ep", DateOfDeath = new DateOnly(2026, 10, 30),
        };

        var saved = await CorrectAsync(child, new PersonCorrection(details, "Names and identifiers from the school's admission form"));

        var stored = (await ReadAsync(child.Id)).Person;
        Assert.Equal(("Mia", "Corrected", "Mimi", "MWBC", "B801200005001", "9434765919", "CF10 1EP"),
            (stored.GivenName, stored.FamilyName, stored.KnownAs, stored.EthnicityCode, stored.Upn, stored.NhsNumber, stored.Postcode));
        Assert.Equal(["AUT"], stored.DisabilityCodes);
        Assert.Equal(child.Version + 1, saved.Version);
        var audit = (await ChangesAsync("Person")).Last();
        Assert.Equal((AuditAction.Updated, child.Id.ToString(), "Names and identifiers from the school's admission form", "Sam Practitioner"),
            (audit.Action, audit.EntityId, audit.Reason, audit.ActorName));
        var changes = JsonSerializer.Deserialize<List<FieldChange>>(audit.Changes!, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
        Assert.Equal(
            ["DateOfBirth", "DateOfDeath", "DisabilityCodes", "EthnicityCode", "FamilyName", "FirstLanguage", "FormerUpn", "GenderIdentity", "GivenName", "KnownAs", "NhsNumber", "Postcode", "Sex", "Upn"],
            changes.Select(c => c.Field).Order());
        Assert.Contains(new FieldChange("GivenName", "C-1001", "Mia"), changes);
        Assert.Contains(new FieldChange("DateOfBirth", "2016-05-01", "2015-06-30"), changes);
        Assert.Contains(new FieldChange("FamilyName", "IMP-1", "Corrected"), changes);
        Assert.Contains(new FieldChange("DateOfDeath", null, "2026-10-30"), changes);
    }

    [Fact]
    public async Task A_move_ends_the_current_address_the_day_before_and_the_postcode_follows_the_address_all_audited_with_the_reason()
    {
        var (_, child) = await FamilyWithChildAsync("ADDR-1");
        var same = PersonDetails.Of(child);
        child = await CorrectAsync(child, new PersonCorrection(same, "Address given at referral") { MoveTo = new("1 High Street, Cardiff", "cf10 1ep", new DateOnly(2020, 1, 1)) });
        child = await CorrectAsync(child, new PersonCorrection(PersonDetails.Of(child), "Moved to their grandmother's") { MoveTo = new("2 Low Road, Newport", "NP20 1AA", new DateOnly(2026, 10, 15)) });

        var record = await ReadAsync(child.Id);
        Assert.Equal("NP20 1AA", record.Person.Postcode);
        Assert.Equal([("2 Low Road, Newport", new DateOnly(2026, 10, 15), (DateOnly?)null), ("1 High Street, Cardiff", new DateOnly(2020, 1, 1), new DateOnly(2026, 10, 14))],
            record.Addresses.Select(a => (a.Lines, a.From, a.To)));
        var addressEvents = await ChangesAsync("PersonAddress");
        Assert.Equal([(AuditAction.Created, "Address given at referral"), (AuditAction.Created, "Moved to their grandmother's"), (AuditAction.Updated, "Moved to their grandmother's")],
            addressEvents.Select(a => (a.Action, a.Reason)).OrderBy(a => a.Reason).ThenBy(a => a.Action));
        Assert.Contains("\"to\":\"2026-10-14\"", addressEvents.Single(a => a.Action == AuditAction.Updated).Changes);

        // Correcting the postcode corrects the current address's; ending the address leaves the postcode unknown.
        child = await CorrectAsync(child, new PersonCorrection(PersonDetails.Of(child) with { Postcode = "NP20 1AB" }, "Typo in the postcode"));
        Assert.Equal("NP20 1AB", (await ReadAsync(child.Id)).CurrentAddress!.Postcode);
        await CorrectAsync(child, new PersonCorrection(PersonDetails.Of(child), "Left the area") { EndCurrentAddressOn = new DateOnly(2026, 11, 1) });
        record = await ReadAsync(child.Id);
        Assert.Null(record.CurrentAddress);
        Assert.Null(record.Person.Postcode);
        Assert.Equal(new DateOnly(2026, 11, 1), record.Addresses[0].To);
    }

    [Fact]
    public async Task Bad_details_are_refused_naming_each_field_and_nothing_changes()
    {
        var (_, child) = await FamilyWithChildAsync("BAD-1");
        var before = await ChangesAsync("Person");
        var bad = PersonDetails.Of(child) with
        {
            GivenName = " ", Upn = "A801200005001", NhsNumber = "9434765918", DateOfBirth = new DateOnly(2026, 11, 3),
            DateOfDeath = new DateOnly(2026, 11, 3), EthnicityCode = "XXXX", Postcode = "nowhere",
        };
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => CorrectAsync(child, new PersonCorrection(bad, "")));
        Assert.Equal(["Reason", "GivenName", "DateOfBirth", "DateOfDeath", "EthnicityCode", "Upn", "NhsNumber", "Postcode"], e.Errors.Select(x => x.Field));
        Assert.Contains(e.Errors, x => x.Message == "Enter a valid UPN: a check letter and 12 characters whose check letter matches");

        var deathBeforeBirth = PersonDetails.Of(child) with { DateOfDeath = new DateOnly(2016, 4, 30) };
        var e2 = await Assert.ThrowsAsync<ValidationFailedException>(() => CorrectAsync(child, new PersonCorrection(deathBeforeBirth, "Reported by the GP")));
        Assert.Equal(["DateOfDeath"], e2.Errors.Select(x => x.Field));
        var e3 = await Assert.ThrowsAsync<ValidationFailedException>(() => CorrectAsync(child, new PersonCorrection(PersonDetails.Of(child), "Moving")
        {
            MoveTo = new("", "SW1A", new DateOnly(2026, 12, 1)),
        }));
        Assert.Equal(["NewAddressLines", "NewAddressPostcode", "NewAddressFrom"], e3.Errors.Select(x => x.Field));
        var nothing = await Assert.ThrowsAsync<ValidationFailedException>(() => CorrectAsync(child, new PersonCorrection(PersonDetails.Of(child), "No change")));
        Assert.Equal("Change at least one detail before saving", Assert.Single(nothing.Errors).Message);

        Assert.Equal(before.Count, (await ChangesAsync("Person")).Count);
        Assert.Empty(await ChangesAsync("PersonAddress"));
        Assert.Equal(child.Version, (await ReadAsync(child.Id)).Person.Version);
    }

    [Fact]
    public async Task An_identifier_already_on_another_record_is_refused_as_a_merge_not_a_correction()
    {
        var (_, first) = await FamilyWithChildAsync("ID-1");
        first = await CorrectAsync(first, new PersonCorrection(PersonDetails.Of(first) with { NhsNumber = "9434765919" }, "From the health visitor"));
        var (_, second) = await FamilyWithChildAsync("ID-2");

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            CorrectAsync(second, new PersonCorrection(PersonDetails.Of(second) with { NhsNumber = "943 476 5919" }, "From the GP")));

        Assert.Equal("NhsNumber", Assert.Single(e.Errors).Field);
        Assert.Null((await ReadAsync(second.Id)).Person.NhsNumber);
    }

    [Fact]
    public async Task An_address_change_on_a_stale_version_is_refused_and_people_outside_the_teams_cannot_be_corrected()
    {
        var (_, child) = await FamilyWithChildAsync("STALE-1");
        var stale = child.Version;
        await CorrectAsync(child, new PersonCorrection(PersonDetails.Of(child) with { FirstLanguage = "Polish" }, "Told by the family"));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => CorrectAsync(child,
            new PersonCorrection(PersonDetails.Of(child) with { FirstLanguage = "Polish" }, "Moved") { MoveTo = new("3 New Street", null, new DateOnly(2026, 10, 1)) }, version: stale));
        Assert.Empty((await ReadAsync(child.Id)).Addresses);

        await Assert.ThrowsAsync<AccessDeniedException>(() => CorrectAsync(child, new PersonCorrection(PersonDetails.Of(child) with { GivenName = "Eve" }, "Why"), Outsider));
        var viewer = ActorContext.ForUser(Guid.CreateVersion7(), "Pip Performance", Role.Performance, []);
        await Assert.ThrowsAsync<AccessDeniedException>(() => CorrectAsync(child, new PersonCorrection(PersonDetails.Of(child) with { GivenName = "Eve" }, "Why"), viewer));
    }

    [Fact]
    public async Task Merging_a_duplicate_brings_its_address_history_and_date_of_death_to_a_record_without_them()
    {
        var (family, keep) = await FamilyWithChildAsync("MRG-1");
        var duplicate = await InScope(s => Get<PeopleService>(s).AddPersonAsync(Practitioner, new NewPerson(family.Id, "Ava", "MRG-1", new DateOnly(2016, 5, 1)) { NotADuplicate = true }));
        duplicate = await CorrectAsync(duplicate, new PersonCorrection(PersonDetails.Of(duplicate) with { DateOfDeath = new DateOnly(2026, 9, 1) }, "Reported by the hospital")
        {
            MoveTo = new("7 Quay Street, Swansea", "SA1 1AA", new DateOnly(2019, 4, 1)),
        });

        await InScope(s => Get<PeopleService>(s).MergeAsync(Manager, keep.Id, keep.Version, duplicate.Id, duplicate.Version, "Recorded twice"));

        var kept = await ReadAsync(keep.Id);
        Assert.Equal((new DateOnly(2026, 9, 1), "SA1 1AA"), (kept.Person.DateOfDeath!.Value, kept.Person.Postcode));
        Assert.Equal(["7 Quay Street, Swansea"], kept.Addresses.Select(a => a.Lines));
    }
}
