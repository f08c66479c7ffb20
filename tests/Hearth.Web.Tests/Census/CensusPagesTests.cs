using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.People;
using Hearth.Core.Referrals;
using Hearth.Core.Returns.Census;
using Hearth.Core.Security;
using Hearth.TestCommon;
using Hearth.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests.Census;

/// <summary>The census pages over HTTP on the demo council: access, readiness, export download and file upload.</summary>
public sealed class CensusPagesTests(HearthWebFactory app) : IClassFixture<HearthWebFactory>
{
    private static readonly string[] Paths = ["/census", "/census/readiness", "/census/export", "/census/upload"];

    public static TheoryData<Role> Roles => new(Enum.GetValues<Role>());

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Only_roles_with_ManageReturns_reach_the_census_pages(Role role)
    {
        var client = await app.SignedInClientAsync(role.ToString());
        var expected = RolePermissions.Has(role, Permission.ManageReturns) ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
        foreach (var path in Paths)
        {
            var response = await client.GetAsync(path);
            Assert.True(expected == response.StatusCode, $"{role} GET {path}: expected {expected}, got {response.StatusCode}");
        }
        var nav = (await HearthWebFactory.HtmlAsync(await client.GetAsync("/"))).QuerySelectorAll(".govuk-service-navigation__link").Select(a => a.GetAttribute("href"));
        Assert.Equal(expected == HttpStatusCode.OK, nav.Contains("/census"));
    }

    [Fact]
    public async Task Readiness_lists_a_planted_problem_under_the_childs_team_with_a_link_to_fix_it()
    {
        // Plant an invalid UPN (wrong check letter) on a child whose episode is open now, so it is in this year's census.
        var (childId, teamName, familyId) = await WithDbAsync(async db =>
        {
            var open = await db.Set<Episode>().Where(e => e.ClosedOn == null).OrderBy(e => e.OpenedOn).FirstAsync();
            var personId = await db.Set<Referral>().Where(r => r.EpisodeId == open.Id).SelectMany(r => r.Children).Select(c => c.PersonId).FirstAsync();
            var person = await db.Set<Person>().SingleAsync(p => p.Id == personId);
            person.Upn = "A801200005001";
            await db.SaveChangesAsync(ActorContext.System("test"));
            var family = await db.Set<Family>().SingleAsync(f => f.Id == person.FamilyId);
            var team = await db.Set<Hearth.Core.Organisation.Team>().SingleAsync(t => t.Id == family.TeamId);
            return (person.CouncilChildId!, team.Name, family.Id);
        });

        var client = await app.SignedInClientAsync("Performance");
        var doc = await HearthWebFactory.HtmlAsync(await client.GetAsync("/census/readiness"));
        // Nobody else in the demo has a UPN, so rule 1510 is a section of its own with this one child in it.
        var section = doc.GetElementById("rule-1510")!;
        Assert.Equal("details", section.LocalName);
        var summary = section.QuerySelector(".govuk-details__summary-text")!.TextContent.Trim();
        Assert.Contains("check letter", summary);
        Assert.EndsWith("(rule 1510): 1 child", summary, StringComparison.Ordinal);
        var row = Assert.Single(section.QuerySelectorAll("tbody tr"));
        Assert.Equal(childId, row.QuerySelector("th")!.TextContent);
        Assert.Equal(teamName, row.QuerySelectorAll("td")[1].TextContent);
        Assert.Contains("UPN=A801200005001", row.QuerySelectorAll("td")[2].TextContent);
        Assert.Equal($"/families/{familyId}", row.QuerySelector("a.govuk-link")!.GetAttribute("href"));
        Assert.Null(section.QuerySelector(".govuk-pagination"));
        // Errors come before queries.
        var types = doc.QuerySelectorAll("main details .govuk-tag").Select(t => t.TextContent.Trim()).ToList();
        Assert.Equal(types.OrderBy(t => t == "Error" ? 0 : 1), types);
    }

    [Fact]
    public async Task Export_shows_the_issues_first_and_downloads_the_file_only_when_asked_again()
    {
        var client = await app.SignedInClientAsync("Admin");
        var form = await client.GetAsync("/census/export");
        var boxes = await HearthWebFactory.HtmlAsync(form);
        Assert.Equal(["31", "3", "2026"], new[] { "day", "month", "year" }.Select(p => boxes.QuerySelector($"#reference-date-{p}")!.GetAttribute("value")));
        // The demo's census is clean (CensusExportDownloadTests); lose one 2025-26 child's ethnicity to give it an error.
        var childId = await WithDbAsync(async db =>
        {
            var person = await db.Set<Person>().Where(p => db.Set<Referral>().Any(r => r.ReceivedOn >= new DateOnly(2025, 4, 1) && r.ReceivedOn <= new DateOnly(2026, 3, 31)
                && r.Children.Any(c => c.PersonId == p.Id))).OrderBy(p => p.CouncilChildId).FirstAsync();
            person.EthnicityCode = null;
            await db.SaveChangesAsync(ActorContext.System("test"));
            return person.CouncilChildId!;
        });

        var fields = new Dictionary<string, string> { ["ReferenceDate.Day"] = "31", ["ReferenceDate.Month"] = "3", ["ReferenceDate.Year"] = "2026", ["LaCode"] = "808" };
        var first = await HearthWebFactory.PostFormAsync(client, "/census/export", fields);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/html", first.Content.Headers.ContentType!.MediaType);
        var page = await HearthWebFactory.HtmlAsync(first);
        Assert.Contains("errors", page.QuerySelector(".govuk-warning-text")!.TextContent);
        Assert.Contains(page.QuerySelectorAll("table tbody tr"), tr => tr.TextContent.Contains(childId) && tr.TextContent.Contains("4220"));

        var forced = await HearthWebFactory.PostFormAsync(client, "/census/export", fields.Append(new("Force", "true")));
        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        Assert.Equal("application/xml", forced.Content.Headers.ContentType!.MediaType);
        Assert.Equal("CIN_Census_2026_808.xml", forced.Content.Headers.ContentDisposition!.FileNameStar ?? forced.Content.Headers.ContentDisposition.FileName);
        var file = CensusReader.Read(new MemoryStream(await forced.Content.ReadAsByteArrayAsync()));
        Assert.Equal(CensusYear.Y2025_26, file.Year);
        Assert.Empty(file.StructuralIssues);
        Assert.NotEmpty(file.Children);
    }

    [Fact]
    public async Task Export_names_a_bad_reference_date_in_the_error_summary()
    {
        var client = await app.SignedInClientAsync("Admin");
        var response = await HearthWebFactory.PostFormAsync(client, "/census/export", new Dictionary<string, string> { ["ReferenceDate.Day"] = "31", ["ReferenceDate.Month"] = "March", ["ReferenceDate.Year"] = "2026", ["LaCode"] = "808" });
        var links = (await HearthWebFactory.HtmlAsync(response)).QuerySelectorAll("main > .govuk-error-summary a").Select(a => (a.GetAttribute("href"), a.TextContent)).ToList();
        Assert.Contains(links, l => l.Item1 == "#reference-date" && l.TextContent.Contains("The reference date must be a real date"));
        var empty = await HearthWebFactory.PostFormAsync(client, "/census/export", new Dictionary<string, string> { ["LaCode"] = "808" });
        var emptyLinks = (await HearthWebFactory.HtmlAsync(empty)).QuerySelectorAll("main > .govuk-error-summary a").Select(a => (a.GetAttribute("href"), a.TextContent)).ToList();
        Assert.Contains(emptyLinks, l => l.Item1 == "#reference-date" && l.TextContent.Contains("Enter the reference date"));
    }

    [Fact]
    public async Task An_uploaded_file_is_reported_in_the_page_and_as_csv_and_nothing_is_stored()
    {
        var client = await app.SignedInClientAsync("Performance");
        var sample = await File.ReadAllBytesAsync(SamplePath("CIN2rows.xml"));
        var before = await CountsAsync();

        var page = await HearthWebFactory.HtmlAsync(await UploadAsync(client, "CIN2rows.xml", sample, "html"));
        Assert.Empty(page.QuerySelectorAll(".govuk-error-summary"));
        var rules = page.QuerySelectorAll("table tbody tr").Select(r => r.QuerySelectorAll("td")[0].TextContent).ToList();
        Assert.Contains("1510", rules);
        Assert.Contains("8940", rules);
        Assert.Contains("CIN census 2023-24", page.QuerySelector("main h2")!.TextContent);

        var csv = await UploadAsync(client, "CIN2rows.xml", sample, "csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.StartsWith("LAchildID,Rule,Type,Fields,Message,Location", text);
        Assert.Equal(rules.Count, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1);

        Assert.Equal(before, await CountsAsync());
    }

    [Theory]
    [InlineData("xxe.xml", "<?xml version=\"1.0\"?><!DOCTYPE Message [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Message>&x;</Message>", "DTD")]
    [InlineData("laughs.xml", "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]><Message>&lol2;</Message>", "DTD")]
    [InlineData("notes.xml", "this is not XML at all", "cannot be checked")]
    [InlineData("other.xml", "<?xml version=\"1.0\"?><Invoice><Total>3</Total></Invoice>", "cannot be checked")]
    public async Task A_hostile_or_unreadable_file_gets_a_clear_error_and_nothing_is_stored(string name, string content, string expected)
    {
        var client = await app.SignedInClientAsync("Performance");
        var before = await CountsAsync();
        var response = await UploadAsync(client, name, Encoding.UTF8.GetBytes(content), "csv");
        // Even when a CSV was asked for, a file that cannot be read gets the page with the reason.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var doc = await HearthWebFactory.HtmlAsync(response);
        var link = Assert.Single(doc.QuerySelectorAll("main > .govuk-error-summary a"));
        Assert.Equal("#upload", link.GetAttribute("href"));
        Assert.Contains(expected, link.TextContent);
        Assert.Contains(expected, doc.QuerySelector("#upload-error")!.TextContent);
        Assert.DoesNotContain("/etc/passwd", doc.QuerySelector("main")!.TextContent);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task Posting_without_a_file_asks_for_one()
    {
        var client = await app.SignedInClientAsync("Performance");
        var token = await HearthWebFactory.AntiforgeryTokenAsync(await client.GetAsync("/census/upload"));
        var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent("html"), "Format" } };
        var doc = await HearthWebFactory.HtmlAsync(await client.PostAsync("/census/upload", content));
        Assert.Contains("Select a census XML file", doc.QuerySelector("main > .govuk-error-summary")!.TextContent);
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string name, byte[] bytes, string format)
    {
        var token = await HearthWebFactory.AntiforgeryTokenAsync(await client.GetAsync("/census/upload"));
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(format), "Format" },
            { file, "Upload", name },
        };
        return await client.PostAsync("/census/upload", content);
    }

    /// <summary>Rows in the tables an upload could conceivably touch: audit events (any write is audited) and people.</summary>
    private Task<(int Audit, int People, int Referrals)> CountsAsync() => WithDbAsync(async db =>
        (await db.AuditEvents.CountAsync(), await db.Set<Person>().CountAsync(), await db.Set<Referral>().CountAsync()));

    private async Task<T> WithDbAsync<T>(Func<HearthDbContext, Task<T>> action)
    {
        using var scope = app.Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<HearthDbContext>());
    }

    private static string SamplePath(string name) => TestFiles.CensusSample(name);
}

/// <summary>The app with the census size limit lowered to 2,000 bytes, as an operator may set it.</summary>
public sealed class SmallCensusLimitFactory : HearthWebFactory
{
    public SmallCensusLimitFactory() => ExtraSettings["Census:MaxFileBytes"] = "2000";
}

public sealed class CensusUploadLimitTests(SmallCensusLimitFactory app) : IClassFixture<SmallCensusLimitFactory>
{
    [Fact]
    public async Task A_file_over_the_limit_is_refused_naming_the_limit()
    {
        var client = await app.SignedInClientAsync("Performance");
        var token = await HearthWebFactory.AntiforgeryTokenAsync(await client.GetAsync("/census/upload"));
        var body = "<?xml version=\"1.0\"?><Message>" + new string(' ', 3000) + "</Message>";
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("html"), "Format" },
            { file, "Upload", "big.xml" },
        };
        var doc = await HearthWebFactory.HtmlAsync(await client.PostAsync("/census/upload", content));
        var summary = doc.QuerySelector("main > .govuk-error-summary")!.TextContent;
        Assert.Contains("too large", summary);
        Assert.Contains("2,000", summary);
    }
}

public sealed class CensusOnTheFamilyRecordTests(HearthWebFactory app) : IClassFixture<HearthWebFactory>
{
    [Fact]
    public async Task A_readiness_fix_link_opens_the_family_record_which_shows_the_childs_census_issues()
    {
        var client = await app.SignedInClientAsync("Performance");
        var readiness = await HearthWebFactory.HtmlAsync(await client.GetAsync("/census/readiness"));
        var fix = readiness.QuerySelectorAll("main a.govuk-link").Select(a => a.GetAttribute("href")!).First(h => h.StartsWith("/families/", StringComparison.Ordinal));

        var family = await HearthWebFactory.HtmlAsync(await client.GetAsync(fix));

        var cards = family.QuerySelectorAll(".govuk-summary-card__title").Select(t => t.TextContent).ToList();
        Assert.Contains(cards, c => c.StartsWith("Census issues for", StringComparison.Ordinal));
    }
}

/// <summary>Readiness on a council where one rule catches more children than a page holds.</summary>
public sealed class CensusReadinessPagingTests(HearthWebFactory app) : IClassFixture<HearthWebFactory>
{
    [Fact]
    public async Task A_rule_with_more_children_than_a_page_is_paged_at_25_and_only_that_rule_moves()
    {
        // A wrong check letter on the UPN of 30 children in this year's census: rule 1510 catches exactly them.
        const int planted = 30;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
            var open = db.Set<Episode>().Where(e => e.ClosedOn == null).Select(e => e.Id);
            var ids = await db.Set<Referral>().Where(r => r.EpisodeId != null && open.Contains(r.EpisodeId.Value))
                .SelectMany(r => r.Children).Select(c => c.PersonId).Distinct().OrderBy(id => id).Take(planted).ToListAsync();
            Assert.Equal(planted, ids.Count);
            var people = await db.Set<Person>().Where(p => ids.Contains(p.Id)).ToListAsync();
            for (var i = 0; i < people.Count; i++)
            {
                var body = "801200005" + i.ToString("000", System.Globalization.CultureInfo.InvariantCulture);
                people[i].Upn = (Identifiers.UpnCheckLetter(body) == 'A' ? "B" : "A") + body;
            }
            await db.SaveChangesAsync(ActorContext.System("test"));
        }
        var client = await app.SignedInClientAsync("Performance");

        var first = (await HearthWebFactory.HtmlAsync(await client.GetAsync("/census/readiness"))).GetElementById("rule-1510")!;
        Assert.EndsWith("(rule 1510): 30 children", first.QuerySelector(".govuk-details__summary-text")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(25, first.QuerySelectorAll("tbody tr").Length);
        Assert.Equal("Rule 1510: children 1 to 25 of 30", first.QuerySelector("caption")!.TextContent.Trim());
        Assert.False(first.HasAttribute("open"));
        var next = first.QuerySelector(".govuk-pagination__next a")!.GetAttribute("href")!;
        Assert.Equal("/census/readiness?rule=1510&pageNumber=2#rule-1510", next);

        var doc = await HearthWebFactory.HtmlAsync(await client.GetAsync(next));
        var second = doc.GetElementById("rule-1510")!;
        Assert.True(second.HasAttribute("open"));
        Assert.Equal(5, second.QuerySelectorAll("tbody tr").Length);
        Assert.Equal("Rule 1510: children 26 to 30 of 30", second.QuerySelector("caption")!.TextContent.Trim());
        Assert.Null(second.QuerySelector(".govuk-pagination__next"));
        Assert.Equal("page", second.QuerySelector(".govuk-pagination__item--current a")!.GetAttribute("aria-current"));
        // The 30 children over the two pages are 30 different children.
        var firstIds = first.QuerySelectorAll("tbody th").Select(th => th.TextContent);
        Assert.Equal(planted, firstIds.Concat(second.QuerySelectorAll("tbody th").Select(th => th.TextContent)).Distinct().Count());
        // The other rules stay closed on their first page.
        Assert.All(doc.QuerySelectorAll("main details").Where(d => d.Id != "rule-1510"), d => Assert.False(d.HasAttribute("open")));
    }
}

/// <summary>The export page on a fresh demo council, whose records make a census with no errors.</summary>
public sealed class CensusExportDownloadTests(HearthWebFactory app) : IClassFixture<HearthWebFactory>
{
    [Fact]
    public async Task A_census_with_no_errors_downloads_straight_away_and_validates_clean()
    {
        var client = await app.SignedInClientAsync("Admin");
        var response = await HearthWebFactory.PostFormAsync(client, "/census/export", new Dictionary<string, string> { ["ReferenceDate.Day"] = "31", ["ReferenceDate.Month"] = "3", ["ReferenceDate.Year"] = "2026", ["LaCode"] = "808" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("CIN_Census_2026_808.xml", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var file = CensusReader.Read(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var result = CensusValidator.Validate(file);
        Assert.False(result.HasErrors, string.Join("; ", result.Issues.Where(i => i.Severity == CensusSeverity.Error).Take(5).Select(i => $"{i.LAchildID} {i.Code}")));
        Assert.Contains(file.Children.SelectMany(c => c.CINdetails), d => d.ChildProtectionPlans.Count > 0 || d.CINPlanDates.Count > 0);
    }
}
