using System.Net;
using Hearth.Core.Data;
using Hearth.Core.People;
using Hearth.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Hearth.Web.Tests.Infrastructure.JourneyWebFactory;

namespace Hearth.Web.Tests.Families;

public sealed class MergePersonPageTests(JourneyWebFactory app) : IClassFixture<JourneyWebFactory>
{
    private static readonly DateOnly Birthday = new(2013, 3, 7);

    [Fact]
    public async Task A_manager_merges_a_duplicate_from_the_family_record_with_a_reason_and_a_stale_choice_is_refused()
    {
        var (family, _, _) = await app.FamilyAsync();
        var (otherFamily, _, _) = await app.FamilyAsync();
        var (keep, duplicate) = await app.WithAsync(async s =>
        {
            var people = s.GetRequiredService<PeopleService>();
            var keep = await people.AddPersonAsync(Seeder, new NewPerson(family, "Zara", "Mergetest", Birthday) { NotADuplicate = true });
            var duplicate = await people.AddPersonAsync(Seeder, new NewPerson(otherFamily, "Zara", "Mergetest", Birthday) { NotADuplicate = true, NhsNumber = "9434765919" });
            return (keep, duplicate);
        });
        var manager = await app.SignedInClientAsync("Manager");
        var path = $"/families/{family}/people/{keep.Id}/merge";
        var record = await HearthWebFactory.HtmlAsync(await manager.GetAsync($"/families/{family}"));
        Assert.NotNull(record.QuerySelector($".govuk-summary-card__actions a[href='{path}']"));

        // Nothing chosen, no reason: each is named and nothing changes.
        var empty = await AssertRefusedAsync(await PostAsync(manager, path, [F("Version", keep.Version.ToString())]));
        Assert.Equal(["#merge-id"], ErrorLinks(empty));
        var choice = (await HearthWebFactory.HtmlAsync(await manager.GetAsync(path))).QuerySelectorAll("input[name=MergeId]").Select(i => i.GetAttribute("value")!).Single();
        Assert.StartsWith($"{duplicate.Id}:", choice);
        var noReason = await AssertRefusedAsync(await PostAsync(manager, path, [F("Version", keep.Version.ToString()), F("MergeId", choice)]));
        Assert.Equal(["#reason"], ErrorLinks(noReason));

        // The duplicate changes after the manager chose it: the merge is refused, not made on what they did not see.
        await app.WithAsync(s => s.GetRequiredService<PersonDetailsService>().CorrectAsync(Seeder, duplicate.Id, duplicate.Version,
            new PersonCorrection(PersonDetails.Of(duplicate) with { FirstLanguage = "Welsh" }, "First language given at school")));
        var stale = await AssertRefusedAsync(await PostAsync(manager, path, [F("Version", keep.Version.ToString()), F("MergeId", choice), F("Reason", "Recorded twice")]));
        Assert.Contains("changed by someone else", ErrorSummary(stale));
        Assert.Null((await ReadAsync(duplicate.Id)).MergedIntoId);

        var fresh = (await HearthWebFactory.HtmlAsync(await manager.GetAsync(path))).QuerySelector("input[name=MergeId]")!.GetAttribute("value")!;
        var merged = await PostAsync(manager, path, [F("Version", keep.Version.ToString()), F("MergeId", fresh), F("Reason", "Recorded twice at intake")]);
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
        Assert.Equal($"/families/{family}?person=merged", merged.Headers.Location!.OriginalString);
        Assert.Equal(keep.Id, (await ReadAsync(duplicate.Id)).MergedIntoId);
        Assert.Equal("9434765919", (await ReadAsync(keep.Id)).NhsNumber);
        Assert.Contains("The records have been merged", (await HearthWebFactory.HtmlAsync(await manager.GetAsync(merged.Headers.Location.OriginalString))).QuerySelector(".govuk-notification-banner")!.TextContent);

        // Merging is a manager's decision, within their teams.
        var practitioner = await app.SignedInClientAsync("Practitioner");
        Assert.Equal(HttpStatusCode.Forbidden, (await practitioner.GetAsync(path)).StatusCode);
        Assert.Null((await HearthWebFactory.HtmlAsync(await practitioner.GetAsync($"/families/{family}"))).QuerySelector(".govuk-summary-card__actions a[href$='/merge']"));
        var (outside, _, outsideChild) = await app.FamilyAsync("ifit-team");
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/families/{outside}/people/{outsideChild}/merge")).StatusCode);
    }

    private Task<Person> ReadAsync(Guid id) =>
        app.WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<Person>().AsNoTracking().SingleAsync(p => p.Id == id));
}
