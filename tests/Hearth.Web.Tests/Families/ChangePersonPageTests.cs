using System.Net;
using Hearth.Core.Auditing;
using Hearth.Core.Data;
using Hearth.Core.People;
using Hearth.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Hearth.Web.Tests.Infrastructure.JourneyWebFactory;

namespace Hearth.Web.Tests.Families;

public sealed class ChangePersonPageTests(JourneyWebFactory app) : IClassFixture<JourneyWebFactory>
{
    private Task<Person> ReadAsync(Guid id) =>
        app.WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<Person>().AsNoTracking().SingleAsync(p => p.Id == id));

    private static string Step(Guid family, Guid person, string step) => $"/families/{family}/people/{person}/change/{step}";

    [Fact]
    public async Task A_practitioner_corrects_a_child_from_the_family_record_through_question_pages_check_answers_and_a_reason()
    {
        var (family, _, child) = await app.FamilyAsync();
        var client = await app.SignedInClientAsync("Practitioner");
        var record = await HearthWebFactory.HtmlAsync(await client.GetAsync($"/families/{family}"));
        var start = $"{Step(family, child, "name")}?start=true";
        var link = record.QuerySelector($".govuk-summary-list__actions a[href='{start}']");
        Assert.NotNull(link);
        Assert.Equal("Change name of Ava Pagetest", link.TextContent.Trim());
        Assert.NotNull(record.QuerySelector($".govuk-summary-list__actions a[href='{Step(family, child, "identifiers")}?start=true']"));

        var name = await client.GetAsync(start);
        Assert.Equal(HttpStatusCode.OK, name.StatusCode);
        Assert.Equal("Ava", (await HearthWebFactory.HtmlAsync(name)).QuerySelector("input[name=GivenName]")!.GetAttribute("value"));

        // Each question page checks its own fields and names them.
        var noName = await AssertRefusedAsync(await PostAsync(client, Step(family, child, "name"), [F("GivenName", " "), F("FamilyName", "Pagetest")]));
        Assert.Equal(["#given-name"], ErrorLinks(noName));
        var named = await PostAsync(client, Step(family, child, "name"), [F("GivenName", "Mia"), F("FamilyName", "Pagetest"), F("KnownAs", "")]);
        Assert.Equal(Step(family, child, "check"), named.Headers.Location!.OriginalString);
        var badUpn = await AssertRefusedAsync(await PostAsync(client, Step(family, child, "identifiers"), [F("Upn", "A801200005001"), F("NhsNumber", "943 476 5918")]));
        Assert.Equal(["#upn", "#nhs-number"], ErrorLinks(badUpn));
        Assert.Contains("check letter", ErrorSummary(badUpn));
        await PostAsync(client, Step(family, child, "identifiers"), [F("Upn", "b801200005001"), F("NhsNumber", "943 476 5919")]);
        await PostAsync(client, Step(family, child, "characteristics"), [F("Sex", "Female"), F("EthnicityCode", "MWBC"), F("DisabilityCodes", "AUT"), F("FirstLanguage", "Welsh")]);
        var futureMove = await AssertRefusedAsync(await PostAsync(client, Step(family, child, "address"),
            [F("NewAddressLines", "1 High Street, Cardiff"), F("NewAddressPostcode", "CF10 1EP"), .. Date("NewAddressFrom", Today.AddDays(1))]));
        Assert.Equal(["#new-address-from"], ErrorLinks(futureMove));
        await PostAsync(client, Step(family, child, "address"),
            [F("NewAddressLines", "1 High Street, Cardiff"), F("NewAddressPostcode", "cf10 1ep"), .. Date("NewAddressFrom", new DateOnly(2026, 10, 1))]);

        var check = await HearthWebFactory.HtmlAsync(await client.GetAsync(Step(family, child, "check")));
        var answers = check.QuerySelector("main .govuk-summary-list")!.TextContent;
        Assert.Contains("Mia Pagetest", answers);
        Assert.Contains("White and Black Caribbean", answers);
        Assert.DoesNotContain("MWBC", answers);
        Assert.Contains("Autism or Asperger syndrome", answers);
        Assert.Contains("1 High Street, Cardiff, CF10 1EP, from 1 October 2026", answers);
        Assert.Equal(Step(family, child, "identifiers") + "?change=true",
            check.QuerySelectorAll(".govuk-summary-list__actions a").Single(a => a.TextContent.Trim() == "Change UPN of Mia Pagetest").GetAttribute("href"));

        // Without a reason nothing is saved.
        var noReason = await AssertRefusedAsync(await PostAsync(client, Step(family, child, "check"), [F("Reason", "")]));
        Assert.Equal(["#reason"], ErrorLinks(noReason));
        Assert.Equal("Ava", (await ReadAsync(child)).GivenName);

        var saved = await PostAsync(client, Step(family, child, "check"), [F("Reason", "Details from the school admission form")]);
        Assert.Equal($"/families/{family}?person=changed", saved.Headers.Location!.OriginalString);
        var stored = await ReadAsync(child);
        Assert.Equal(("Mia", Sex.Female, "MWBC", "B801200005001", "9434765919", "CF10 1EP", "Welsh"),
            (stored.GivenName, stored.Sex, stored.EthnicityCode, stored.Upn, stored.NhsNumber, stored.Postcode, stored.FirstLanguage));
        Assert.Equal(["AUT"], stored.DisabilityCodes);
        var reasons = await app.WithAsync(s => s.GetRequiredService<HearthDbContext>().AuditEvents.AsNoTracking()
            .Where(a => a.Action != AuditAction.Read && (a.EntityId == child.ToString() || a.EntityType == nameof(PersonAddress)) && a.Reason == "Details from the school admission form")
            .Select(a => a.EntityType).ToListAsync());
        Assert.Equal([nameof(Person), nameof(PersonAddress)], reasons.Order());

        var after = await HearthWebFactory.HtmlAsync(await client.GetAsync(saved.Headers.Location.OriginalString));
        Assert.Contains("The changes have been saved", after.QuerySelector(".govuk-notification-banner")!.TextContent);
        var card = after.QuerySelectorAll(".govuk-summary-card").Single(c => c.QuerySelector(".govuk-summary-card__title")!.TextContent.Trim() == "Mia Pagetest");
        Assert.Contains("1 High Street, Cardiff, CF10 1EP", card.TextContent);
        Assert.Contains("White and Black Caribbean", card.TextContent);
    }

    [Fact]
    public async Task A_date_of_death_in_the_future_is_refused_and_a_correction_of_a_record_changed_meanwhile_is_not_saved()
    {
        var (family, _, child) = await app.FamilyAsync();
        var client = await app.SignedInClientAsync("Practitioner");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{Step(family, child, "death")}?start=true")).StatusCode);
        var future = await AssertRefusedAsync(await PostAsync(client, Step(family, child, "death"), [.. Date("DateOfDeath", Today.AddDays(1))]));
        Assert.Equal(["#date-of-death"], ErrorLinks(future));
        Assert.Contains("Date of death must be today or in the past", ErrorSummary(future));
        await PostAsync(client, Step(family, child, "death"), [.. Date("DateOfDeath", new DateOnly(2026, 10, 30))]);

        var person = await ReadAsync(child);
        await app.WithAsync(s => s.GetRequiredService<PersonDetailsService>().CorrectAsync(Seeder, child, person.Version,
            new PersonCorrection(PersonDetails.Of(person) with { FirstLanguage = "Polish" }, "Told by the family")));

        var stale = await AssertRefusedAsync(await PostAsync(client, Step(family, child, "check"), [F("Reason", "Reported by the hospital")]));
        Assert.Contains("changed by someone else", ErrorSummary(stale));
        Assert.Equal(["#changes"], ErrorLinks(stale));
        Assert.Null((await ReadAsync(child)).DateOfDeath);
    }

    [Fact]
    public async Task Only_users_who_record_casework_in_the_family_s_team_can_correct_a_person()
    {
        var (family, _, child) = await app.FamilyAsync();
        var performance = await app.SignedInClientAsync("Performance");
        Assert.Equal(HttpStatusCode.Forbidden, (await performance.GetAsync($"{Step(family, child, "name")}?start=true")).StatusCode);
        var record = await HearthWebFactory.HtmlAsync(await performance.GetAsync($"/families/{family}"));
        Assert.NotNull(record.QuerySelector(".govuk-summary-card"));
        Assert.Null(record.QuerySelector(".govuk-summary-list__actions"));

        var (outside, _, outsideChild) = await app.FamilyAsync("ifit-team");
        var practitioner = await app.SignedInClientAsync("Practitioner");
        Assert.Equal(HttpStatusCode.NotFound, (await practitioner.GetAsync($"{Step(outside, outsideChild, "name")}?start=true")).StatusCode);
        // A person of another family is not reachable through this family's address.
        Assert.Equal(HttpStatusCode.NotFound, (await practitioner.GetAsync($"{Step(family, outsideChild, "name")}?start=true")).StatusCode);
    }

    [Fact]
    public async Task Adding_a_person_asks_for_the_census_characteristics_with_labels_and_checks_them()
    {
        var (family, _, _) = await app.FamilyAsync();
        var client = await app.SignedInClientAsync("Practitioner");
        var path = $"/families/{family}/people/add";
        var form = await HearthWebFactory.HtmlAsync(await client.GetAsync(path));
        Assert.Equal("White British", form.QuerySelector("select[name=EthnicityCode] option[value=WBRI]")!.TextContent);
        Assert.Equal("Autism or Asperger syndrome", form.QuerySelector("input[name=DisabilityCodes][value=AUT]")!.NextElementSibling!.TextContent);
        Assert.NotNull(form.QuerySelector("input[name='ExpectedDateOfBirth.Day']"));

        var bad = await AssertRefusedAsync(await PostAsync(client, path,
            [F("GivenName", "Noor"), F("FamilyName", "Census"), F("Sex", "Female"), F("Relationship", "Child"), F("DisabilityCodes", "NONE"), F("DisabilityCodes", "AUT")]));
        Assert.Equal(["#disability-codes"], ErrorLinks(bad));

        var added = await PostAsync(client, path, [F("GivenName", "Noor"), F("FamilyName", "Census"), .. Date("ExpectedDateOfBirth", new DateOnly(2027, 2, 1)),
            F("Sex", "Unknown"), F("EthnicityCode", "APKN"), F("DisabilityCodes", "NONE"), F("FirstLanguage", "Urdu"), F("Relationship", "Child")]);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var noor = await app.WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<Person>().AsNoTracking().SingleAsync(p => p.FamilyId == family && p.GivenName == "Noor"));
        Assert.Equal((new DateOnly(2027, 2, 1), (DateOnly?)null, "APKN", "Urdu"), (noor.ExpectedDateOfBirth!.Value, noor.DateOfBirth, noor.EthnicityCode, noor.FirstLanguage));
        Assert.Equal(["NONE"], noor.DisabilityCodes);
    }
}
