using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.People;
using Hearth.Core.Referrals;
using Hearth.Core.Results;
using Hearth.Core.Security;
using Hearth.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.People;

public sealed class PeopleServiceTests : JourneyTestBase
{
    private Task<Person> Add(NewPerson person, ActorContext? actor = null) => InScope(s => Get<PeopleService>(s).AddPersonAsync(actor ?? Practitioner, person));

    private static PersonCorrection Correction(Person child, string givenName, string? firstLanguage) =>
        new(PersonDetails.Of(child) with { GivenName = givenName, FirstLanguage = firstLanguage }, "Corrected at a home visit");

    private Task<Family> NewFamily(string reference) => InScope(s => Get<PeopleService>(s).CreateFamilyAsync(Practitioner, new NewFamily(reference, TeamA.Id, "North")));

    [Fact]
    public async Task A_person_is_recorded_with_characteristics_identifiers_and_a_dated_membership()
    {
        var family = await NewFamily("P-1");
        var person = await Add(new NewPerson(family.Id, "Ava", "Jones", new DateOnly(2015, 4, 1))
        {
            Sex = Sex.Female, GenderIdentity = "girl", EthnicityCode = "wbri", DisabilityCodes = ["aut", "LD"], FirstLanguage = "Welsh",
            CouncilChildId = "LA-123", Upn = "b801200005001", FormerUpn = "M80120000500A", NhsNumber = "943 476 5919", Postcode = "cf10 1ep",
            Relationship = Relationship.Child, MemberFrom = new DateOnly(2015, 4, 1),
        });

        var stored = await InScope(s => Get<PeopleService>(s).ReadPersonAsync(Practitioner, person.Id));
        Assert.Equal("WBRI", stored.EthnicityCode);
        Assert.Equal(["AUT", "LD"], stored.DisabilityCodes);
        Assert.Equal("B801200005001", stored.Upn);
        Assert.Equal("9434765919", stored.NhsNumber);
        Assert.Equal("CF10 1EP", stored.Postcode);
        Assert.Equal(Sex.Female, stored.Sex);
        var membership = await InScope(s => Get<HearthDbContext>(s).Set<FamilyMembership>().SingleAsync(m => m.PersonId == person.Id));
        Assert.Equal((family.Id, Relationship.Child, new DateOnly(2015, 4, 1), (DateOnly?)null), (membership.FamilyId, membership.Relationship, membership.From, membership.To));
    }

    [Fact]
    public async Task Invalid_identifiers_and_codes_are_refused_naming_each_field()
    {
        var family = await NewFamily("P-2");
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => Add(new NewPerson(family.Id, "", "Jones", new DateOnly(2015, 4, 1))
        {
            ExpectedDateOfBirth = new DateOnly(2027, 1, 1), EthnicityCode = "XXXX", DisabilityCodes = ["NONE", "AUT"],
            Upn = "A801200005001", FormerUpn = "B207000016049", NhsNumber = "9434765918", Postcode = "not a postcode",
        }));
        Assert.Equal(["GivenName", "ExpectedDateOfBirth", "EthnicityCode", "DisabilityCodes", "Upn", "FormerUpn", "NhsNumber", "Postcode"], e.Errors.Select(x => x.Field));
        Assert.False(await InScope(s => Get<HearthDbContext>(s).Set<Person>().AnyAsync()));
    }

    [Theory]
    [InlineData("Kayley", "Jones", null, null, "same date of birth and a similar name")]
    [InlineData("Jones", "Kayleigh", null, null, "same date of birth and a similar name")]
    [InlineData("Different", "Name", "P201123456789", null, "same UPN")]
    [InlineData("Different", "Name", null, "4010232137", "same NHS number")]
    public async Task Adding_a_likely_duplicate_offers_the_existing_record(string given, string familyName, string? upn, string? nhs, string reason)
    {
        var family = await NewFamily("P-3");
        var existing = await Add(new NewPerson(family.Id, "Kayleigh", "Jones", new DateOnly(2014, 2, 3)) { Upn = "P201123456789", NhsNumber = "4010232137" });
        var other = await NewFamily("P-4");

        var e = await Assert.ThrowsAsync<PossibleDuplicateException>(() =>
            Add(new NewPerson(other.Id, given, familyName, upn is null && nhs is null ? new DateOnly(2014, 2, 3) : new DateOnly(2019, 1, 1)) { Upn = upn, NhsNumber = nhs }));

        var candidate = Assert.Single(e.Candidates);
        Assert.Equal(existing.Id, candidate.PersonId);
        Assert.Equal(reason, candidate.Reason);
        var confirmed = await Add(new NewPerson(other.Id, given, familyName, new DateOnly(2014, 2, 3)) { NotADuplicate = true });
        Assert.NotEqual(existing.Id, confirmed.Id);
    }

    [Fact]
    public async Task Someone_with_the_same_name_but_another_birthday_is_not_a_duplicate()
    {
        var family = await NewFamily("P-5");
        await Add(new NewPerson(family.Id, "Kayleigh", "Jones", new DateOnly(2014, 2, 3)));
        var sibling = await Add(new NewPerson(family.Id, "Kayleigh", "Jones", new DateOnly(2016, 2, 3)));
        Assert.NotEqual(Guid.Empty, sibling.Id);
    }

    [Fact]
    public async Task Duplicates_are_only_searched_within_the_actors_scope()
    {
        var family = await NewFamily("P-6");
        await Add(new NewPerson(family.Id, "Ava", "Jones", new DateOnly(2014, 2, 3)));
        var candidates = await InScope(s => Get<PeopleService>(s).FindDuplicatesAsync(Outsider, new NewPerson(Guid.Empty, "Ava", "Jones", new DateOnly(2014, 2, 3)), null));
        Assert.Empty(candidates);
    }

    [Fact]
    public async Task A_merge_moves_memberships_and_referrals_to_the_kept_record_and_is_audited_with_its_reason()
    {
        var (family, keep) = await FamilyWithChildAsync("M-1", dob: new DateOnly(2014, 2, 3));
        var other = await NewFamily("M-2");
        var duplicate = await Add(new NewPerson(other.Id, "Ava", "Jonse", new DateOnly(2014, 2, 3)) { NotADuplicate = true, NhsNumber = "9434765919" });
        await RecordAsync(Referral(family, keep.Id, new DateOnly(2026, 6, 1)));
        var duplicateReferral = await RecordAsync(Referral(other, duplicate.Id, new DateOnly(2026, 9, 1)));
        Assert.False(duplicateReferral.IsReReferral);
        // What else is recorded about the duplicate: a session they took part in and evidence matched to them.
        var accepted = await InScope(s => Get<TriageService>(s).TriageAsync(Manager, duplicateReferral.Id, duplicateReferral.Version, new TriageDecision(TriageOutcome.Accepted, new DateOnly(2026, 9, 2))));
        await InScope(async s =>
        {
            var db = Get<HearthDbContext>(s);
            db.Add(new Session { EpisodeId = accepted.EpisodeId!.Value, TeamId = TeamA.Id, PhaseKey = "consultation", Date = new DateOnly(2026, 9, 3), Minutes = 60, PersonIds = [duplicate.Id] });
            db.Add(new EvidenceSubject { PersonId = duplicate.Id, NhsNumber = "9434765919" });
            await db.SaveChangesAsync(Manager);
        });
        var versions = await InScope(s => Get<HearthDbContext>(s).Set<Person>().ToDictionaryAsync(p => p.Id, p => p.Version));

        await Assert.ThrowsAsync<AccessDeniedException>(() => InScope(s => Get<PeopleService>(s).MergeAsync(Practitioner, keep.Id, versions[keep.Id], duplicate.Id, versions[duplicate.Id], "same child")));
        var missingReason = await Assert.ThrowsAsync<ValidationFailedException>(() => InScope(s => Get<PeopleService>(s).MergeAsync(Manager, keep.Id, versions[keep.Id], duplicate.Id, versions[duplicate.Id], "")));
        Assert.Equal("Reason", missingReason.Errors.Single().Field);

        var kept = await InScope(s => Get<PeopleService>(s).MergeAsync(Manager, keep.Id, versions[keep.Id], duplicate.Id, versions[duplicate.Id], "Same child: spelling error at intake"));

        Assert.Equal("9434765919", kept.NhsNumber);
        await InScope(async s =>
        {
            var db = Get<HearthDbContext>(s);
            Assert.Equal(2, await db.Set<FamilyMembership>().CountAsync(m => m.PersonId == keep.Id));
            Assert.False(await db.Set<FamilyMembership>().AnyAsync(m => m.PersonId == duplicate.Id));
            Assert.Equal(2, await db.Set<ReferralChild>().CountAsync(c => c.PersonId == keep.Id));
            var merged = await db.Set<Person>().SingleAsync(p => p.Id == duplicate.Id);
            Assert.Equal(keep.Id, merged.MergedIntoId);
            Assert.True(await db.Set<Referral>().Where(r => r.Id == duplicateReferral.Id).Select(r => r.IsReReferral).SingleAsync(),
                "After the merge the same child was referred twice in 12 months");
            Assert.True(await db.AuditEvents.AnyAsync(a => a.EntityType == "Person" && a.EntityId == duplicate.Id.ToString() && a.Reason == "merge: Same child: spelling error at intake"));
            Assert.Equal([keep.Id], (await db.Set<Session>().SingleAsync(x => x.EpisodeId == accepted.EpisodeId)).PersonIds);
            Assert.Equal(keep.Id, (await db.Set<EvidenceSubject>().SingleAsync(x => x.NhsNumber == "9434765919")).PersonId);
        });
        await Assert.ThrowsAsync<AccessDeniedException>(() => InScope(s => Get<PeopleService>(s).ReadPersonAsync(Practitioner, duplicate.Id)));
    }

    [Fact]
    public async Task Editing_a_person_with_a_stale_version_is_refused()
    {
        var (_, child) = await FamilyWithChildAsync("E-1");
        var stale = child.Version;
        await InScope(s => Get<PersonDetailsService>(s).CorrectAsync(Practitioner, child.Id, stale, Correction(child, "Ava", "Welsh")));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            InScope(s => Get<PersonDetailsService>(s).CorrectAsync(Practitioner, child.Id, stale, Correction(child, "Eva", null))));
        var stored = await InScope(s => Get<PeopleService>(s).ReadPersonAsync(Practitioner, child.Id));
        Assert.Equal(("Ava", "Welsh"), (stored.GivenName, stored.FirstLanguage));
    }

    [Fact]
    public async Task People_outside_the_actors_teams_cannot_be_edited()
    {
        var (family, child) = await FamilyWithChildAsync("E-2");
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            InScope(s => Get<PersonDetailsService>(s).CorrectAsync(Outsider, child.Id, child.Version, Correction(child, "Eva", null))));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Add(new NewPerson(family.Id, "Eva", "Jones", null), Outsider));
    }
}
