using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Measures;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Security;
using Hearth.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests.Measures;

public sealed class MeasuresPageTests(HearthWebFactory app) : IClassFixture<HearthWebFactory>
{
    private DateOnly Today => app.Today;

    /// <summary>An open demo episode of a team with a child of SDQ age (4-17) in its family.</summary>
    private async Task<(Guid EpisodeId, Guid ChildId)> EpisodeWithChildAsync(string teamCode)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
        var team = await db.Set<Team>().SingleAsync(t => t.Code == teamCode);
        var candidates = await (
            from e in db.Set<Episode>()
            where e.TeamId == team.Id && e.ClosedOn == null
            join m in db.Set<FamilyMembership>() on e.FamilyId equals m.FamilyId
            join p in db.Set<Person>() on m.PersonId equals p.Id
            where p.DateOfBirth != null
            orderby e.OpenedOn, p.Id
            select new { EpisodeId = e.Id, e.OpenedOn, PersonId = p.Id, Dob = p.DateOfBirth!.Value }).ToListAsync();
        var pick = candidates.First(c => MeasureEntry.AgeOn(c.Dob, Today) is >= 4 and <= 16 && c.OpenedOn < Today);
        return (pick.EpisodeId, pick.PersonId);
    }

    private async Task<int> CountAsync(Guid personId)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<HearthDbContext>().Set<MeasureAdministration>().CountAsync(a => a.PersonId == personId);
    }

    private IEnumerable<KeyValuePair<string, string>> Form(Guid childId, IReadOnlyDictionary<string, string> items, string timePoint = "Baseline", string number = "") =>
    [
        new("PersonId", childId.ToString()),
        new("TimePoint", timePoint),
        new("TimePointNumber", number),
        new("Respondent", "Parent"),
        new("CompletedOn.Day", Today.Day.ToString(CultureInfo.InvariantCulture)),
        new("CompletedOn.Month", Today.Month.ToString(CultureInfo.InvariantCulture)),
        new("CompletedOn.Year", Today.Year.ToString(CultureInfo.InvariantCulture)),
        .. items,
    ];

    private static Dictionary<string, string> SdqAll(string value) => Enumerable.Range(1, 25).ToDictionary(i => $"item{i}", _ => value);

    [Fact]
    public async Task The_record_form_is_a_table_with_one_row_per_item_and_the_answer_scale_as_inline_radios_without_item_wording()
    {
        var (episode, child) = await EpisodeWithChildAsync("ifss-1-team");
        var client = await app.SignedInClientAsync("Practitioner");

        var page = await HearthWebFactory.HtmlAsync(await client.GetAsync($"/measures/record?episode={episode}&instrument=sdq-parent&personid={child}"));

        var rows = page.QuerySelectorAll("table.hearth-answers tbody tr").ToList();
        // SDQ parent: 25 items, the burden item 26 and the impact items follow.
        Assert.Equal(Enumerable.Range(1, 25).Select(i => $"Item {i}"), rows.Take(25).Select(r => r.QuerySelector("th")!.TextContent.Trim()));
        var item3 = page.GetElementById("item3-row")!;
        Assert.Equal("Item 3", item3.QuerySelector("fieldset legend")!.TextContent.Trim());
        Assert.Contains("govuk-radios--inline", item3.QuerySelector(".govuk-radios")!.ClassName);
        var radios = item3.QuerySelectorAll("input[type=radio]").ToList();
        Assert.All(radios, r => Assert.Equal("item3", r.GetAttribute("name")));
        Assert.Equal(["0", "1", "2", ""], radios.Select(r => r.GetAttribute("value")));
        Assert.Equal(["0", "1", "2", "Not answered"], item3.QuerySelectorAll("label.govuk-radios__label").Select(l => l.TextContent.Trim()));
        // The first answer carries the item's id, where the error summary link lands.
        Assert.Equal("item3", radios[0].Id);
        Assert.Empty(page.QuerySelectorAll("input[type=text][name^=item]"));
        Assert.Null(page.QuerySelector("input[name=item3]:checked"));
        Assert.Equal($"/casework/episodes/{episode}", page.QuerySelector("a.govuk-back-link")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Invalid_entries_are_refused_per_item_with_every_error_at_once_in_the_summary_and_nothing_is_saved()
    {
        var (episode, child) = await EpisodeWithChildAsync("ifss-1-team");
        var client = await app.SignedInClientAsync("Practitioner");
        var items = SdqAll("1");
        items["item3"] = "5";
        items["item7"] = "two";
        items["item4"] = "2";
        var before = await CountAsync(child);
        // The respondent is missing too: its error comes with the items', not after them are put right.
        var form = Form(child, items).Where(f => f.Key != "Respondent");

        var response = await HearthWebFactory.PostFormAsync(client, $"/measures/record?episode={episode}&instrument=sdq-parent", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HearthWebFactory.HtmlAsync(response);
        var links = page.QuerySelectorAll("main > .govuk-error-summary a").Select(a => (a.GetAttribute("href"), a.TextContent.Trim())).ToList();
        Assert.Equal([("#respondent", "Choose who completed the form"), ("#item3", "Item 3 must be 0, 1 or 2"), ("#item7", "Item 7 must be a whole number")], links);
        Assert.Contains("govuk-form-group--error", page.GetElementById("item3-row")!.QuerySelector(".govuk-form-group")!.ClassName);
        Assert.Equal("Error: Item 3 must be 0, 1 or 2", page.GetElementById("item3-error")!.TextContent.Trim());
        Assert.NotNull(page.GetElementById("item3"));
        // The keyed answers come back so the worker corrects only the wrong ones.
        Assert.Equal("2", page.QuerySelector("input[name=item4][checked]")!.GetAttribute("value"));
        Assert.Null(page.QuerySelector("input[name=item3][checked]"));
        Assert.Equal(before, await CountAsync(child));
    }

    [Fact]
    public async Task A_long_answer_scale_is_refused_as_a_range()
    {
        var (episode, child) = await EpisodeWithChildAsync("ifss-1-team");
        var client = await app.SignedInClientAsync("Practitioner");
        var star = InstrumentCatalog.FindForm("family-star-plus")!;
        var first = star.Definition.Items[0];
        var items = star.Definition.Items.ToDictionary(i => $"item{i.Key}", i => i.Min.ToString(CultureInfo.InvariantCulture));
        items[$"item{first.Key}"] = (first.Max + 1).ToString(CultureInfo.InvariantCulture);

        var page = await HearthWebFactory.HtmlAsync(await HearthWebFactory.PostFormAsync(client, $"/measures/record?episode={episode}&instrument=family-star-plus", Form(child, items)));

        var links = page.QuerySelectorAll("main > .govuk-error-summary a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal([$"Item {first.Key} must be between {first.Min} and {first.Max}"], links);
    }

    [Fact]
    public async Task A_valid_form_is_saved_and_the_persons_page_shows_the_change_table_and_an_accessible_chart()
    {
        var (episode, child) = await EpisodeWithChildAsync("ifss-1-team");
        var client = await app.SignedInClientAsync("Practitioner");

        // A follow-up point, which the demo's own forms never use, so this form's row is the only one like it.
        var response = await HearthWebFactory.PostFormAsync(client, $"/measures/record?episode={episode}&instrument=sdq-parent", Form(child, SdqAll("1"), "FollowUp", "6"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith($"/measures/person?id={child}", response.Headers.Location!.OriginalString);

        var page = await HearthWebFactory.HtmlAsync(await client.GetAsync(response.Headers.Location.OriginalString));
        var svg = page.QuerySelector("svg[role=img]")!;
        Assert.NotNull(page.GetElementById(svg.GetAttribute("aria-labelledby")!.Split(' ')[0]));
        var sdqTable = page.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent.Contains("Total difficulties", StringComparison.Ordinal));
        var cells = sdqTable.QuerySelectorAll("tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToList()).Single(r => r[0] == "Follow-up at 6 months");
        // All items 1: total difficulties 20.
        Assert.Equal("20", cells[3]);
    }

    [Fact]
    public async Task Another_teams_practitioner_gets_not_found_and_a_volunteer_is_forbidden()
    {
        var (episode, child) = await EpisodeWithChildAsync("ifss-2-team");
        var practitioner = await app.SignedInClientAsync("Practitioner");
        var before = await CountAsync(child);

        Assert.Equal(HttpStatusCode.NotFound, (await practitioner.GetAsync($"/measures/record?episode={episode}&instrument=wemwbs")).StatusCode);
        // A valid antiforgery token from the practitioner's own team's form, so only the team scope can refuse the post.
        var (ownEpisode, _) = await EpisodeWithChildAsync("ifss-1-team");
        var token = await HearthWebFactory.AntiforgeryTokenAsync(await practitioner.GetAsync($"/measures/record?episode={ownEpisode}&instrument=sdq-parent"));
        var post = await practitioner.PostAsync($"/measures/record?episode={episode}&instrument=sdq-parent",
            new FormUrlEncodedContent(Form(child, SdqAll("1")).Append(new("__RequestVerificationToken", token))));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await practitioner.GetAsync($"/measures/person?id={child}")).StatusCode);
        Assert.Equal(before, await CountAsync(child));

        var volunteer = await app.SignedInClientAsync("Volunteer");
        Assert.Equal(HttpStatusCode.Forbidden, (await volunteer.GetAsync("/measures")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await volunteer.GetAsync($"/measures/record?episode={episode}")).StatusCode);
    }

    [Fact]
    public async Task The_due_list_shows_the_teams_outstanding_measures_with_links_to_record_them()
    {
        var (episode, child) = await EpisodeWithChildAsync("ifss-1-team");
        var client = await app.SignedInClientAsync("Practitioner");

        var page = await HearthWebFactory.HtmlAsync(await client.GetAsync("/measures"));
        // The page title is set through the localiser; the browser tab must still name the page.
        Assert.StartsWith("Measures due - ", page.Title);

        var links = page.QuerySelectorAll("main tbody a[href^='/measures/record']").Select(a => a.GetAttribute("href")!).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, l => Assert.Contains("episode=", l));
        // Another team's episodes are not listed.
        var (otherEpisode, _) = await EpisodeWithChildAsync("ifss-2-team");
        Assert.DoesNotContain(links, l => l.Contains(otherEpisode.ToString(), StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/measures?team={await TeamIdAsync("ifss-2-team")}")).StatusCode);
        _ = (episode, child);
    }

    private async Task<Guid> TeamIdAsync(string code)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<HearthDbContext>().Set<Team>().Where(t => t.Code == code).Select(t => t.Id).SingleAsync();
    }

    private async Task<HttpClient> TokenClientAsync(string role)
    {
        using var scope = app.Services.CreateScope();
        var issued = await scope.ServiceProvider.GetRequiredService<TokenService>()
            .CreateAsync(ActorContext.System("test"), HearthWebFactory.EmailFor(role), "test client", null);
        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Token);
        return client;
    }

    [Fact]
    public async Task Any_signed_in_user_can_score_without_saving()
    {
        var client = await TokenClientAsync("Volunteer");

        var response = await client.PostAsJsonAsync("/api/v1/measures/wemwbs/score", new { responses = Enumerable.Repeat<object>(3, 13).Append("x").ToArray() });
        var clean = await client.PostAsJsonAsync("/api/v1/measures/wemwbs/score", new { responses = Enumerable.Repeat(3, 14).ToArray() });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.GetProperty("valid").GetBoolean());
        Assert.Equal("unreadable", body.GetProperty("issues")[0].GetProperty("kind").GetString());
        Assert.Equal("14", body.GetProperty("issues")[0].GetProperty("item").GetString());
        var cleanBody = await clean.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(42m, cleanBody.GetProperty("scores").GetProperty("total").GetDecimal());
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync("/api/v1/measures/nope/score", new { responses = new[] { 1 } })).StatusCode);
    }

    [Fact]
    public async Task The_api_records_and_reads_administrations_within_the_callers_teams()
    {
        var (episode, child) = await EpisodeWithChildAsync("ifss-1-team");
        var (otherEpisode, otherChild) = await EpisodeWithChildAsync("ifss-2-team");
        var client = await TokenClientAsync("Practitioner");
        var sdq = Enumerable.Repeat<object?>(0, 25).ToArray();

        var created = await client.PostAsJsonAsync($"/api/v1/measures/episodes/{episode}",
            new { personId = child, instrument = "sdq-parent", timePoint = "review", timePointNumber = 1, respondent = "parent", completedOn = Today, responses = sdq });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var saved = await created.Content.ReadFromJsonAsync<JsonElement>();
        // All items 0: emotional 0, conduct 2, hyperactivity 4, peer 4 (reverse-scored items) = 10.
        Assert.Equal(10m, saved.GetProperty("primaryScore").GetDecimal());
        Assert.Equal("Normal", saved.GetProperty("bands").GetProperty("parent3_total").GetString());

        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/measures/episodes/{episode}?person={child}");
        Assert.Contains(list.EnumerateArray(), a => a.GetProperty("id").GetGuid() == saved.GetProperty("id").GetGuid());

        var invalid = await client.PostAsJsonAsync($"/api/v1/measures/episodes/{episode}",
            new { personId = child, instrument = "sdq-parent", timePoint = "closure", respondent = "parent", completedOn = Today, responses = sdq.Select((_, i) => (object?)(i == 4 ? 3 : 0)).ToArray() });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var problem = await invalid.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("item5", out _));

        var outside = await client.PostAsJsonAsync($"/api/v1/measures/episodes/{otherEpisode}",
            new { personId = otherChild, instrument = "sdq-parent", timePoint = "baseline", respondent = "parent", completedOn = Today, responses = sdq });
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/measures/episodes/{otherEpisode}")).StatusCode);
    }
}

public sealed class DemoMeasuresTests(HearthWebFactory app) : IClassFixture<HearthWebFactory>
{
    [Fact]
    public async Task The_demo_council_has_scored_measures_at_its_episodes_time_points()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
        var all = await db.Set<MeasureAdministration>().AsNoTracking().ToListAsync();

        Assert.True(all.Count > 100, $"only {all.Count} demo administrations");
        Assert.All(all, a => Assert.True(a.IsViable));
        // SDQ parent for the children and WEMWBS for the parents, each only within the ages its schedule covers.
        Assert.Contains(all, a => a.InstrumentId == "sdq-parent" && a.TimePoint == TimePoint.Baseline);
        Assert.Contains(all, a => a.InstrumentId == "sdq-parent" && a.TimePoint == TimePoint.Closure);
        Assert.Contains(all, a => a.InstrumentId == "wemwbs" && a.TimePoint == TimePoint.Baseline);
        Assert.Contains(all, a => a.InstrumentId == "family-star-plus");
        Assert.All(all.Where(a => a.InstrumentId == "sdq-parent"), a => Assert.InRange(a.AgeYears!.Value, 4, 17));
        Assert.All(all.Where(a => a.InstrumentId == "wemwbs"), a => Assert.True(a.AgeYears >= 16, $"WEMWBS at age {a.AgeYears}"));
        // Every form's stored total is what the engine gives its stored responses.
        var sdq = (ItemInstrument)InstrumentCatalog.Find("sdq-parent")!;
        Assert.All(all.Where(a => a.InstrumentId == "sdq-parent"), a =>
            Assert.Equal(sdq.Score(MeasureService.ResponsesOf(a).Select(r => r is null ? (int?)null : int.Parse(r, CultureInfo.InvariantCulture)).ToArray(), a.AgeYears)["total"], a.PrimaryScore));
        // Most families improve: SDQ difficulties fall and WEMWBS wellbeing rises from baseline to closure.
        var pairs = all.GroupBy(a => (a.EpisodeId, a.PersonId, a.InstrumentId))
            .Select(g => (g.Key.InstrumentId, Baseline: g.FirstOrDefault(a => a.TimePoint == TimePoint.Baseline), Closure: g.FirstOrDefault(a => a.TimePoint == TimePoint.Closure)))
            .Where(p => p.Baseline is not null && p.Closure is not null).ToList();
        Assert.True(pairs.Count(p => p.InstrumentId == "sdq-parent") > 20);
        Assert.True(pairs.Count(p => p.InstrumentId == "wemwbs") > 20);
        Assert.True(pairs.Where(p => p.InstrumentId == "wemwbs").Average(p => p.Closure!.PrimaryScore!.Value - p.Baseline!.PrimaryScore!.Value) > 0);
        pairs = pairs.Where(p => p.InstrumentId == "sdq-parent").ToList();
        Assert.True(pairs.Average(p => p.Closure!.PrimaryScore!.Value - p.Baseline!.PrimaryScore!.Value) < 0);
    }
}
