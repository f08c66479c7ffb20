using System.Text.Json;
using Hearth.Core.Auditing;
using Hearth.Core.Data;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Security;
using Hearth.Core.Tests.Support;
using Hearth.TestCommon;
using Hearth.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hearth.Core.Tests.People;

public sealed class PersonSearchTests : JourneyTestBase
{
    private Task<PersonSearchPage> Search(string text, ActorContext? actor = null, int page = 1, int pageSize = PersonSearch.DefaultPageSize) =>
        InScope(s => Get<PersonSearch>(s).SearchAsync(actor ?? Practitioner, text, page, pageSize));

    private static List<string> Names(PersonSearchPage page) => page.Results.Select(r => $"{r.GivenName} {r.FamilyName}").ToList();

    private async Task<Family> FamilyAsync(string reference, Team? team = null)
    {
        // No parent or child from the builder: each test adds exactly the people it searches for.
        var family = await TestData.CreateFamilyAsync(Services, f => f.InTeam((team ?? TeamA).Id).By(team == TeamB ? Outsider : Practitioner)
            .WithReference(reference).WithoutParent().Children = []);
        return family.Family;
    }

    private Task<Person> AddAsync(Family family, string given, string familyName, DateOnly? born, Action<NewPersonBuilder>? more = null, ActorContext? actor = null)
    {
        var b = new NewPersonBuilder(new NewPerson(family.Id, given, familyName, born) { NotADuplicate = true });
        more?.Invoke(b);
        return InScope(s => Get<PeopleService>(s).AddPersonAsync(actor ?? (family.TeamId == TeamB.Id ? Outsider : Practitioner), b.Person));
    }

    private sealed class NewPersonBuilder(NewPerson person)
    {
        public NewPerson Person { get; set; } = person;
    }

    [Theory]
    [InlineData("Kayleigh Smtih")]
    [InlineData("kayleigh smith")]
    [InlineData("Kayley Smith")]
    [InlineData("Smith Kayleigh")]
    [InlineData("Smith, Kayleigh")]
    public async Task A_name_is_found_with_typos_sound_alikes_and_the_names_swapped(string text)
    {
        var family = await FamilyAsync("S-1");
        var kayleigh = await AddAsync(family, "Kayleigh", "Smith", new DateOnly(2015, 4, 3));
        await AddAsync(family, "Ava", "Smith", new DateOnly(2017, 1, 9));
        await AddAsync(family, "Kayleigh", "Patel", new DateOnly(2014, 2, 1));

        var result = await Search(text);

        Assert.Equal(SearchCriterion.Name, result.Criterion);
        Assert.Equal(kayleigh.Id, Assert.Single(result.Results).PersonId);
    }

    [Theory]
    [InlineData("Jonson", "Johnson")]
    [InlineData("Johnson", "Jonson")]
    [InlineData("Stephen", "Steven")]
    [InlineData("Smtih", "Smith")]
    public async Task One_name_finds_its_sound_alikes_with_the_exact_spelling_first(string typed, string soundAlike)
    {
        var family = await FamilyAsync("S-2");
        await AddAsync(family, "Mo", soundAlike, new DateOnly(2012, 1, 1));
        await AddAsync(family, "Lee", typed, new DateOnly(2013, 1, 1));
        await AddAsync(family, "Nia", "Evans", new DateOnly(2014, 1, 1));

        var result = await Search(typed);

        Assert.Equal([$"Lee {typed}", $"Mo {soundAlike}"], Names(result));
    }

    [Fact]
    public async Task A_soundex_collision_that_is_not_a_similar_name_is_not_a_result()
    {
        var family = await FamilyAsync("S-3");
        await AddAsync(family, "Ava", "Sandy", new DateOnly(2012, 1, 1)); // Sandy and Smith are both S530
        var smith = await AddAsync(family, "Ava", "Smith", new DateOnly(2012, 1, 1));

        Assert.Equal(smith.Id, Assert.Single((await Search("Smith")).Results).PersonId);
    }

    [Fact]
    public async Task The_start_of_a_name_finds_everyone_whose_name_starts_so()
    {
        var family = await FamilyAsync("S-4");
        await AddAsync(family, "Ava", "Richardson", new DateOnly(2012, 1, 1));
        await AddAsync(family, "Richard", "Evans", new DateOnly(2013, 1, 1));
        await AddAsync(family, "Ava", "Jones", new DateOnly(2014, 1, 1));

        Assert.Equal(["Richard Evans", "Ava Richardson"], Names(await Search("rich")));
    }

    [Theory]
    [InlineData("3 4 2015")]
    [InlineData("3/4/2015")]
    [InlineData("03/04/2015")]
    [InlineData("3.4.2015")]
    [InlineData("2015-04-03")]
    [InlineData("3 April 2015")]
    [InlineData("3 apr 2015")]
    public async Task A_date_of_birth_is_read_as_gov_uk_writes_it(string text)
    {
        var family = await FamilyAsync("S-5");
        var child = await AddAsync(family, "Ava", "Jones", new DateOnly(2015, 4, 3));
        await AddAsync(family, "Ben", "Jones", new DateOnly(2015, 3, 4));

        var result = await Search(text);

        Assert.Equal(SearchCriterion.DateOfBirth, result.Criterion);
        Assert.Equal(child.Id, Assert.Single(result.Results).PersonId);
    }

    [Fact]
    public async Task A_name_and_a_date_of_birth_together_find_only_who_fits_both()
    {
        var family = await FamilyAsync("S-6");
        var ava = await AddAsync(family, "Ava", "Jones", new DateOnly(2015, 4, 3));
        await AddAsync(family, "Ben", "Jones", new DateOnly(2015, 4, 3));
        await AddAsync(family, "Ava", "Jones", new DateOnly(2016, 4, 3));

        var result = await Search("Ava Jnoes 3/4/2015");

        Assert.Equal(SearchCriterion.NameAndDateOfBirth, result.Criterion);
        Assert.Equal(ava.Id, Assert.Single(result.Results).PersonId);
    }

    [Fact]
    public async Task An_impossible_date_is_refused_naming_the_box()
    {
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => Search("31/2/2015"));
        Assert.Equal("q", Assert.Single(e.Errors).Field);
        var empty = await Assert.ThrowsAsync<ValidationFailedException>(() => Search("   "));
        Assert.Equal("q", Assert.Single(empty.Errors).Field);
        var shortYear = await Assert.ThrowsAsync<ValidationFailedException>(() => Search("3 4 15"));
        Assert.Equal(("q", "Enter a date of birth with the year in full, for example 27 3 2015, or a name or reference"),
            (Assert.Single(shortYear.Errors).Field, shortYear.Errors[0].Message));
    }

    [Theory]
    [InlineData("LA-778", SearchCriterion.Reference)]
    [InlineData("b801200005001", SearchCriterion.Upn)]
    [InlineData("M80120000500A", SearchCriterion.Upn)]
    [InlineData("943 476 5919", SearchCriterion.NhsNumber)]
    [InlineData("9434765919", SearchCriterion.NhsNumber)]
    [InlineData("cf10 1ep", SearchCriterion.Postcode)]
    [InlineData("CF101EP", SearchCriterion.Postcode)]
    [InlineData(" Cf10   1Ep ", SearchCriterion.Postcode)]
    public async Task Each_identifier_finds_the_person(string text, SearchCriterion criterion)
    {
        var family = await FamilyAsync("S-7");
        var child = await AddAsync(family, "Ava", "Jones", new DateOnly(2015, 4, 1), b => b.Person = b.Person with
        {
            CouncilChildId = "LA-778", Upn = "B801200005001", FormerUpn = "M80120000500A", NhsNumber = "9434765919", Postcode = "CF10 1EP",
        });
        await AddAsync(family, "Ben", "Jones", new DateOnly(2016, 4, 1), b => b.Person = b.Person with { Postcode = "CF10 1EQ" });

        var result = await Search(text);

        Assert.Equal(criterion, result.Criterion);
        Assert.Equal(child.Id, Assert.Single(result.Results).PersonId);
    }

    [Theory]
    [InlineData("FAM-991")]
    [InlineData("fam-991")]
    public async Task A_family_reference_finds_its_members_with_their_team_and_age(string text)
    {
        var family = await FamilyAsync("FAM-991");
        await AddAsync(family, "Kim", "Ng", new DateOnly(1990, 11, 3), b => b.Person = b.Person with { Relationship = Relationship.Parent });
        await AddAsync(family, "Ava", "Ng", new DateOnly(2015, 11, 2));
        var other = await FamilyAsync("FAM-992");
        await AddAsync(other, "Ava", "Ng", new DateOnly(2015, 11, 2));

        var result = await Search(text);

        Assert.Equal(SearchCriterion.Reference, result.Criterion);
        // Today is 2 November 2026: Ava turned 11 today, Kim is 35 until tomorrow.
        Assert.Equal([("Ava", 11, "FAM-991", "Team A"), ("Kim", 35, "FAM-991", "Team A")],
            result.Results.Select(r => (r.GivenName, r.Age!.Value, r.FamilyReference, r.TeamName)));
    }

    [Fact]
    public async Task Another_teams_family_is_never_found_but_a_council_wide_role_finds_both()
    {
        var ours = await FamilyAsync("S-8");
        var mine = await AddAsync(ours, "Tomos", "Pritchard", new DateOnly(2015, 4, 1), b => b.Person = b.Person with { NhsNumber = "4010232137" });
        var theirs = await FamilyAsync("S-9", TeamB);
        var other = await AddAsync(theirs, "Tomos", "Pritchard", new DateOnly(2015, 4, 1), b => b.Person = b.Person with { Upn = "P201123456789" });

        Assert.Equal(mine.Id, Assert.Single((await Search("Tomos Pritchard")).Results).PersonId);
        Assert.Empty((await Search("P201123456789")).Results);
        Assert.Empty((await Search("S-9")).Results);
        Assert.Equal(other.Id, Assert.Single((await Search("Tomos Pritchard", Outsider)).Results).PersonId);
        Assert.Empty((await Search("401 023 2137", Outsider)).Results);
        Assert.Equal(new[] { mine.Id, other.Id }.Order(), (await Search("Tomos Pritchard", ActorContext.ForUser(Guid.CreateVersion7(), "Pat Performance", Role.Performance, []))).Results.Select(r => r.PersonId).Order());
    }

    [Fact]
    public async Task A_merged_person_is_not_a_result()
    {
        var family = await FamilyAsync("S-10");
        var keep = await AddAsync(family, "Gethin", "Howells", new DateOnly(2015, 4, 1));
        var duplicate = await AddAsync(family, "Gethyn", "Howells", new DateOnly(2015, 4, 1));
        var versions = await InScope(s => Get<HearthDbContext>(s).Set<Person>().Where(p => p.Id == keep.Id || p.Id == duplicate.Id).ToDictionaryAsync(p => p.Id, p => p.Version));
        Assert.Equal(2, (await Search("Gethin Howells")).Total);

        await InScope(s => Get<PeopleService>(s).MergeAsync(Manager, keep.Id, versions[keep.Id], duplicate.Id, versions[duplicate.Id], "Same child"));

        Assert.Equal(keep.Id, Assert.Single((await Search("Gethin Howells")).Results).PersonId);
    }

    [Fact]
    public async Task A_corrected_name_is_found_by_its_new_spelling_and_not_its_old()
    {
        var family = await FamilyAsync("S-11");
        var added = await AddAsync(family, "Ava", "Abernathy", new DateOnly(2015, 4, 1));
        var child = await InScope(s => Get<HearthDbContext>(s).Set<Person>().AsNoTracking().SingleAsync(p => p.Id == added.Id));
        await InScope(s => Get<PersonDetailsService>(s).CorrectAsync(Practitioner, child.Id, child.Version,
            new PersonCorrection(PersonDetails.Of(child) with { FamilyName = "Okonkwo" }, "Name from the school")));

        Assert.Equal(child.Id, Assert.Single((await Search("Okonkwo")).Results).PersonId);
        Assert.Empty((await Search("Abernathy")).Results);
    }

    [Fact]
    public async Task People_saved_before_the_search_columns_are_filled_in_by_migrating()
    {
        var family = await FamilyAsync("S-12");
        var added = await AddAsync(family, "Ffion", "Llewellyn", new DateOnly(2015, 4, 1));
        var child = await InScope(s => Get<HearthDbContext>(s).Set<Person>().AsNoTracking().SingleAsync(p => p.Id == added.Id));
        await InScope(s => Get<HearthDbContext>(s).Set<Person>().Where(p => p.Id == child.Id).ExecuteUpdateAsync(u => u
            .SetProperty(p => p.SearchGivenName, (string?)null).SetProperty(p => p.SearchFamilyName, (string?)null)
            .SetProperty(p => p.GivenNameKey, (string?)null).SetProperty(p => p.FamilyNameKey, (string?)null)));
        Assert.Empty((await Search("Ffion Llewelyn")).Results);

        var filled = await InScope(s => Get<HearthDatabase>(s).MigrateAsync());

        Assert.Empty(filled);
        var stored = await InScope(s => Get<HearthDbContext>(s).Set<Person>().AsNoTracking().SingleAsync(p => p.Id == child.Id));
        Assert.Equal(("ffion", "llewellyn", "F500", "L450", child.Version), (stored.SearchGivenName, stored.SearchFamilyName, stored.GivenNameKey, stored.FamilyNameKey, stored.Version));
        Assert.Equal(child.Id, Assert.Single((await Search("Ffion Llewelyn")).Results).PersonId);
    }

    [Fact]
    public async Task Every_search_writes_one_audit_event_with_the_kind_of_criterion_and_the_count_but_not_the_words()
    {
        var family = await FamilyAsync("S-13");
        await AddAsync(family, "Ava", "Quennell", new DateOnly(2015, 4, 1));
        await AddAsync(family, "Ben", "Quennell", new DateOnly(2016, 4, 1));
        await InScope(s => Get<PersonSearch>(s).SearchAsync(Practitioner, "Quennell"));
        await InScope(s => Get<PersonSearch>(s).SearchAsync(Practitioner, "1/4/2016"));

        var events = await InScope(s => Get<HearthDbContext>(s).AuditEvents.AsNoTracking().Where(e => e.Action == AuditAction.Search).OrderBy(e => e.Id).ToListAsync());

        Assert.Equal([("Name", "2"), ("DateOfBirth", "1")], events.Select(e =>
        {
            var changes = JsonSerializer.Deserialize<List<FieldChange>>(e.Changes!, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
            return (changes.Single(c => c.Field == "criterion").To, changes.Single(c => c.Field == "results").To);
        }));
        Assert.All(events, e =>
        {
            Assert.Equal((Practitioner.UserId, "Sam Practitioner", "PersonSearch"), (e.ActorUserId, e.ActorName, e.EntityType));
            Assert.DoesNotContain("Quennell", e.Changes + e.EntityId + e.Reason, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("2016", e.Changes + e.EntityId + e.Reason, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task The_audit_of_a_new_person_leaves_out_the_search_columns()
    {
        var family = await FamilyAsync("S-14");
        var child = await AddAsync(family, "Ava", "Quennell", new DateOnly(2015, 4, 1));

        var created = await InScope(s => Get<HearthDbContext>(s).AuditEvents.AsNoTracking().SingleAsync(e => e.EntityType == nameof(Person) && e.EntityId == child.Id.ToString() && e.Action == AuditAction.Created));

        Assert.Contains("\"GivenName\"", created.Changes!, StringComparison.Ordinal);
        Assert.DoesNotContain("Search", created.Changes!, StringComparison.Ordinal);
        Assert.DoesNotContain("NameKey", created.Changes!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_are_paged_in_rank_order()
    {
        var family = await FamilyAsync("S-15");
        for (var i = 1; i <= 5; i++)
        {
            await AddAsync(family, $"Child{new string('a', i)}", "Marchetti", new DateOnly(2010 + i, 1, 1));
        }

        var second = await Search("Marchetti", page: 2, pageSize: 2);

        Assert.Equal((5, 2, 3), (second.Total, second.Page, second.Pages));
        Assert.Equal(["Childaaa Marchetti", "Childaaaa Marchetti"], Names(second));
    }

    [Fact]
    public async Task The_words_searched_for_never_reach_the_application_log_even_at_its_most_detailed()
    {
        var family = await FamilyAsync("S-16");
        await AddAsync(family, "Zebedee", "Quartermaine", new DateOnly(2015, 4, 1), b => b.Person = b.Person with { NhsNumber = "9434765919", Postcode = "CF10 1EP" });
        var log = new CapturingLog();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(log));
        services.AddHearthCore(new ConfigurationBuilder().AddInMemoryCollection(Db.Settings).Build());
        await using var provider = services.BuildServiceProvider();

        foreach (var text in new[] { "Zebedee Quartermaine", "Quartermain", "943 476 5919", "cf10 1ep", "1/4/2015" })
        {
            using var scope = provider.CreateScope();
            Assert.NotEmpty((await scope.ServiceProvider.GetRequiredService<PersonSearch>().SearchAsync(Practitioner, text)).Results);
        }

        Assert.NotEmpty(log.Lines);
        Assert.DoesNotContain(log.Lines, l => l.Contains("quartermain", StringComparison.OrdinalIgnoreCase) || l.Contains("zebedee", StringComparison.OrdinalIgnoreCase)
            || l.Contains("9434765919", StringComparison.Ordinal) || l.Contains("CF10", StringComparison.OrdinalIgnoreCase) || l.Contains("2015-04-01", StringComparison.Ordinal));
    }

    private sealed class CapturingLog : ILoggerProvider, ILogger
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new();
        public ILogger CreateLogger(string categoryName) => this;
        public void Dispose() { }
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue(formatter(state, exception) + exception);
    }
}
