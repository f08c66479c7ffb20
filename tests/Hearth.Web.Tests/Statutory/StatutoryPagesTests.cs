using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Hearth.Core.Data;
using Hearth.Core.Security;
using Hearth.Core.Statutory;
using Hearth.TestCommon;
using Hearth.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests.Statutory;

public sealed class StatutoryPagesTests(HearthWebFactory app) : IClassFixture<HearthWebFactory>
{
    private static readonly ActorContext System = ActorContext.System("statutory page tests");
    private static KeyValuePair<string, string> F(string k, string v) => new(k, v);

    private async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        using var scope = app.Services.CreateScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>A new family of the practitioner's team (IFSS Site 1) with a child referred on 1 September 2026 and accepted.</summary>
    private async Task<(Guid Family, Guid Referral, Guid Child)> ReferredChildAsync()
    {
        // Signing in starts the app (the demo council is already in its database).
        await app.SignedInClientAsync("Practitioner");
        var family = await TestData.CreateFamilyAsync(app.Services, f => f.By(System).WithoutParent().WithChild("Nia", new DateOnly(2015, 4, 1)).Accepted(new DateOnly(2026, 9, 1), "domestic_abuse"));
        return (family.Id, family.Referral!.Id, family.Child.Id);
    }

    private static string ChildPath(Guid referral, Guid child) => $"/statutory/referrals/{referral}/children/{child}";

    private Task<ChildInNeedRecord?> RecordAsync(Guid referral, Guid child) => WithAsync(s =>
        s.GetRequiredService<HearthDbContext>().Set<ChildInNeedRecord>().AsNoTracking()
            .Include(r => r.Section47Enquiries).Include(r => r.ProtectionPlans).Include(r => r.CinPlans)
            .SingleOrDefaultAsync(r => r.ReferralId == referral && r.PersonId == child));

    private async Task<HttpClient> OutsiderAsync()
    {
        await WithAsync(async s =>
        {
            var db = s.GetRequiredService<HearthDbContext>();
            if (!await db.Users.AnyAsync(u => u.Email == "outsider@demo.hearth.example"))
            {
                await s.GetRequiredService<UserService>().CreateAsync(System, new NewUser("Olly Outsider", "outsider@demo.hearth.example", "Practitioner", ["ifss-3-team"], HearthWebFactory.Password));
            }
            return true;
        });
        var client = app.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await app.SignInAsync(client, "outsider@demo.hearth.example")).StatusCode);
        return client;
    }

    [Fact]
    public async Task Each_role_reaches_the_pages_as_its_permissions_and_teams_allow()
    {
        var (family, referral, child) = await ReferredChildAsync();
        var paths = new[] { $"/statutory/families/{family}", ChildPath(referral, child), ChildPath(referral, child) + "/section-47" };
        foreach (var role in Enum.GetValues<Role>())
        {
            var client = await app.SignedInClientAsync(role.ToString());
            // Council-wide roles see every team's families; practitioners and managers their own (IFSS Site 1 is theirs).
            var expected = RolePermissions.Has(role, Permission.ViewFamilies) ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
            foreach (var path in paths)
            {
                var response = await client.GetAsync(path);
                Assert.True(expected == response.StatusCode, $"{role} GET {path}: expected {expected}, got {response.StatusCode}");
            }
        }
        // A practitioner of another team cannot tell the records exist.
        var outsider = await OutsiderAsync();
        foreach (var path in paths)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(path)).StatusCode);
        }

        // Performance reads but does not record: no form, and a post is refused with nothing written.
        var performance = await app.SignedInClientAsync("Performance");
        var page = await HearthWebFactory.HtmlAsync(await performance.GetAsync(ChildPath(referral, child)));
        Assert.Null(page.QuerySelector("main form"));
        Assert.Contains("Not recorded", page.QuerySelector("main dl")!.TextContent);
        // Any page's form gives the user's antiforgery token; the census upload page has one.
        var token = await HearthWebFactory.AntiforgeryTokenAsync(await performance.GetAsync("/census/upload"));
        var post = await performance.PostAsync(ChildPath(referral, child), new FormUrlEncodedContent(
            [F("__RequestVerificationToken", token), F("PrimaryNeedCode", "N1"), F("Version", "")]));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Null(await RecordAsync(referral, child));
    }

    [Fact]
    public async Task The_family_record_links_to_the_statutory_records_which_show_each_child()
    {
        var (family, referral, child) = await ReferredChildAsync();
        var client = await app.SignedInClientAsync("Practitioner");
        var show = await HearthWebFactory.HtmlAsync(await client.GetAsync($"/families/{family}"));
        Assert.Contains(show.QuerySelectorAll("main a"), a => a.GetAttribute("href") == $"/statutory/families/{family}");

        var page = await HearthWebFactory.HtmlAsync(await client.GetAsync($"/statutory/families/{family}"));
        Assert.Equal("Statutory records", page.QuerySelector("h1")!.TextContent);
        var card = Assert.Single(page.QuerySelectorAll("main .govuk-summary-card"));
        Assert.Contains("Nia Test", card.QuerySelector(".govuk-summary-card__title")!.TextContent);
        Assert.Contains(card.QuerySelectorAll("a"), a => a.GetAttribute("href") == ChildPath(referral, child));
        Assert.Contains("Not recorded", card.TextContent);
    }

    [Fact]
    public async Task Primary_need_and_factors_are_saved_from_the_form_with_errors_named_and_stale_edits_refused()
    {
        var (_, referral, child) = await ReferredChildAsync();
        var client = await app.SignedInClientAsync("Practitioner");
        var path = ChildPath(referral, child);

        var bad = await HearthWebFactory.PostFormAsync(client, path, [F("Version", ""), F("AssessmentFactors", "21"), F("AssessmentFactors", "3B")]);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var doc = await HearthWebFactory.HtmlAsync(bad);
        var links = doc.QuerySelectorAll("main > .govuk-error-summary a").Select(a => (a.GetAttribute("href"), a.TextContent)).ToList();
        Assert.Equal(
            [("#primary-need-code", "Choose the child's primary need"),
             ("#assessment-factors", "Factors identified at assessment: 21 (no factors identified) cannot be chosen with any other factor")],
            links);
        Assert.NotNull(doc.QuerySelector("#primary-need-code"));
        Assert.Null(await RecordAsync(referral, child));

        var good = await HearthWebFactory.PostFormAsync(client, path, [F("Version", ""), F("PrimaryNeedCode", "N4"), F("AssessmentFactors", "3B"), F("AssessmentFactors", "4B")]);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal(path, good.Headers.Location!.OriginalString);
        var record = await RecordAsync(referral, child);
        Assert.Equal("N4", record!.PrimaryNeedCode);
        Assert.Equal(["3B", "4B"], record.AssessmentFactors);
        var shown = await HearthWebFactory.HtmlAsync(await client.GetAsync(path));
        Assert.NotNull(shown.QuerySelector("input[name=PrimaryNeedCode][value=N4][checked]"));

        // A second form opened before the record existed is refused with the conflict named, and N4 stays.
        var stale = await HearthWebFactory.PostFormAsync(client, path, [F("Version", ""), F("PrimaryNeedCode", "N1")]);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("changed by someone else", (await HearthWebFactory.HtmlAsync(stale)).QuerySelector("main > .govuk-error-summary")!.TextContent);
        Assert.Equal("N4", (await RecordAsync(referral, child))!.PrimaryNeedCode);
    }

    [Fact]
    public async Task A_refused_stale_edit_is_not_saved_later_in_the_same_request_by_the_pages_audited_reads()
    {
        var (_, referral, child) = await ReferredChildAsync();
        var client = await app.SignedInClientAsync("Practitioner");
        var path = ChildPath(referral, child);
        Assert.Equal(HttpStatusCode.Redirect, (await HearthWebFactory.PostFormAsync(client, path, [F("Version", ""), F("PrimaryNeedCode", "N4")])).StatusCode);
        var opened = (await RecordAsync(referral, child))!.Version;

        // A colleague saves first; the form opened at the earlier version is then sent.
        await WithAsync(s => s.GetRequiredService<StatutoryService>().SetNeedAsync(System, referral, child, opened, new NeedInput("N2", [])));
        var stale = await HearthWebFactory.PostFormAsync(client, path, [F("Version", opened.ToString(global::System.Globalization.CultureInfo.InvariantCulture)), F("PrimaryNeedCode", "N1")]);

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var page = await HearthWebFactory.HtmlAsync(stale);
        Assert.Contains("changed by someone else", page.QuerySelector("main > .govuk-error-summary")!.TextContent);
        // The page went on to show the child's census issues, which records a read: that save must not carry the refused change.
        var record = (await RecordAsync(referral, child))!;
        Assert.Equal(("N2", opened + 1), (record.PrimaryNeedCode, record.Version));
    }

    [Fact]
    public async Task An_enquiry_its_conference_and_the_protection_plan_are_recorded_through_the_pages()
    {
        var (family, referral, child) = await ReferredChildAsync();
        var client = await app.SignedInClientAsync("Practitioner");
        var path = ChildPath(referral, child);
        KeyValuePair<string, string>[] Date(string name, int d, int m, int y) =>
            [F($"{name}.Day", d.ToString()), F($"{name}.Month", m.ToString()), F($"{name}.Year", y.ToString())];

        // 2026-09-19 is a Saturday (DfE 8875).
        var weekend = await HearthWebFactory.PostFormAsync(client, path + "/section-47", [F("Version", "0"), .. Date("StartedOn", 2, 9, 2026), .. Date("ConferenceOn", 19, 9, 2026)]);
        Assert.Equal(HttpStatusCode.OK, weekend.StatusCode);
        var error = Assert.Single((await HearthWebFactory.HtmlAsync(weekend)).QuerySelectorAll("main > .govuk-error-summary a"));
        Assert.Equal(("#conference-on", "The initial child protection conference date cannot be a Saturday or Sunday"), (error.GetAttribute("href"), error.TextContent));
        var notADate = await HearthWebFactory.PostFormAsync(client, path + "/section-47", [F("Version", "0"), .. Date("StartedOn", 31, 9, 2026)]);
        Assert.Contains("must be a real date", (await HearthWebFactory.HtmlAsync(notADate)).QuerySelector("main > .govuk-error-summary")!.TextContent);

        var s47 = await HearthWebFactory.PostFormAsync(client, path + "/section-47", [F("Version", "0"), .. Date("StartedOn", 2, 9, 2026), .. Date("ConferenceTargetOn", 23, 9, 2026), .. Date("ConferenceOn", 16, 9, 2026)]);
        Assert.Equal(HttpStatusCode.Redirect, s47.StatusCode);
        var plan = await HearthWebFactory.PostFormAsync(client, path + "/protection-plans",
            [F("Version", "0"), .. Date("StartedOn", 16, 9, 2026), F("InitialCategory", "NEG"), F("LatestCategory", "EMO"), F("PreviousPlans", "1"), .. Date("Reviews[0]", 15, 10, 2026), F("Reviews[1].Day", ""), F("Reviews[1].Month", ""), F("Reviews[1].Year", "")]);
        Assert.Equal(HttpStatusCode.Redirect, plan.StatusCode);

        var record = await RecordAsync(referral, child);
        var enquiry = Assert.Single(record!.Section47Enquiries);
        Assert.Equal((new DateOnly(2026, 9, 2), new DateOnly(2026, 9, 23), new DateOnly(2026, 9, 16)), (enquiry.StartedOn, enquiry.ConferenceTargetOn, enquiry.ConferenceOn));
        var cpp = Assert.Single(record.ProtectionPlans);
        Assert.Equal((new DateOnly(2026, 9, 16), "NEG", "EMO", 1), (cpp.StartedOn, cpp.InitialCategory, cpp.LatestCategory, cpp.PreviousPlans));
        Assert.Equal([new DateOnly(2026, 10, 15)], cpp.ReviewDates);

        // The change form opens with what was saved; the family page lists both.
        var change = await HearthWebFactory.HtmlAsync(await client.GetAsync($"{path}/protection-plans/{cpp.Id}"));
        // Each review is a date input; two empty ones follow for the reviews held since.
        Assert.Equal(("15", "10", "2026"), (change.QuerySelector("[id='reviews[0]-day']")!.GetAttribute("value"), change.QuerySelector("[id='reviews[0]-month']")!.GetAttribute("value"), change.QuerySelector("[id='reviews[0]-year']")!.GetAttribute("value")));
        Assert.Equal(3, change.QuerySelectorAll("input[name$='].Day']").Length);
        Assert.Equal("", change.QuerySelector("[id='reviews[2]-day']")!.GetAttribute("value") ?? "");

        // A review that is not a real date is named by its number, and nothing is saved.
        var badReview = await HearthWebFactory.PostFormAsync(client, $"{path}/protection-plans/{cpp.Id}",
            [F("Version", cpp.Version.ToString(global::System.Globalization.CultureInfo.InvariantCulture)), .. Date("StartedOn", 16, 9, 2026), F("InitialCategory", "NEG"), F("LatestCategory", "EMO"), F("PreviousPlans", "1"),
             .. Date("Reviews[0]", 15, 10, 2026), .. Date("Reviews[1]", 31, 11, 2026)]);
        var reviewError = Assert.Single((await HearthWebFactory.HtmlAsync(badReview)).QuerySelectorAll("main > .govuk-error-summary a"));
        Assert.Equal(("#reviews[1]", "Review 2 must be a real date, for example 31 3 2026"), (reviewError.GetAttribute("href"), reviewError.TextContent));
        Assert.Equal([new DateOnly(2026, 10, 15)], Assert.Single((await RecordAsync(referral, child))!.ProtectionPlans).ReviewDates);
        var familyPage = (await HearthWebFactory.HtmlAsync(await client.GetAsync($"/statutory/families/{family}"))).QuerySelector("main")!.TextContent;
        Assert.Contains("conference 16 September 2026", familyPage);
        Assert.Contains("from 16 September 2026, open", familyPage);

        // A CIN plan while the protection plan is open is refused (DfE 4001).
        var cin = await HearthWebFactory.PostFormAsync(client, path + "/cin-plans", [F("Version", "0"), .. Date("StartedOn", 1, 10, 2026)]);
        Assert.Equal(HttpStatusCode.OK, cin.StatusCode);
        Assert.Contains("cannot run at the same time", (await HearthWebFactory.HtmlAsync(cin)).QuerySelector("main > .govuk-error-summary")!.TextContent);
    }

    [Fact]
    public async Task The_child_page_shows_the_childs_census_issues_changing_as_records_are_saved()
    {
        var (_, referral, child) = await ReferredChildAsync();
        var client = await app.SignedInClientAsync("Practitioner");
        var path = ChildPath(referral, child);
        KeyValuePair<string, string>[] Date(string name, int d, int m, int y) =>
            [F($"{name}.Day", d.ToString()), F($"{name}.Month", m.ToString()), F($"{name}.Year", y.ToString())];
        async Task<string> CensusCardAsync()
        {
            var page = await HearthWebFactory.HtmlAsync(await client.GetAsync(path));
            var card = page.QuerySelectorAll("main .govuk-summary-card")
                .SingleOrDefault(c => c.QuerySelector(".govuk-summary-card__title")!.TextContent.StartsWith("Census issues for", StringComparison.Ordinal));
            return card?.TextContent ?? "";
        }

        Assert.DoesNotContain("8675Q", await CensusCardAsync());

        // On 2 November 2026 an enquiry from 2 September with no conference is more than 15 working days before
        // 31 March 2027 (the provisional 2026-27 year's reference date): DfE query 8675Q.
        var open = await HearthWebFactory.PostFormAsync(client, path + "/section-47", [F("Version", "0"), .. Date("StartedOn", 2, 9, 2026), .. Date("ConferenceTargetOn", 23, 9, 2026)]);
        Assert.Equal(HttpStatusCode.Redirect, open.StatusCode);
        Assert.Contains("8675Q", await CensusCardAsync());

        // Recording the conference on the enquiry's change page clears the query.
        var enquiry = Assert.Single((await RecordAsync(referral, child))!.Section47Enquiries);
        var held = await HearthWebFactory.PostFormAsync(client, $"{path}/section-47/{enquiry.Id}",
            [F("Version", enquiry.Version.ToString(global::System.Globalization.CultureInfo.InvariantCulture)), .. Date("StartedOn", 2, 9, 2026), .. Date("ConferenceTargetOn", 23, 9, 2026), .. Date("ConferenceOn", 16, 9, 2026)]);
        Assert.Equal(HttpStatusCode.Redirect, held.StatusCode);
        Assert.DoesNotContain("8675Q", await CensusCardAsync());
    }

    [Fact]
    public async Task The_api_records_and_reads_statutory_records_within_the_callers_teams()
    {
        var (family, referral, child) = await ReferredChildAsync();
        using var scope = app.Services.CreateScope();
        async Task<HttpClient> Token(Role role)
        {
            var issued = await scope.ServiceProvider.GetRequiredService<TokenService>().CreateAsync(System, HearthWebFactory.EmailFor(role.ToString()), "statutory", null);
            var c = app.NewClient();
            c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Token);
            return c;
        }
        var practitioner = await Token(Role.Practitioner);

        var refused = await practitioner.PutAsJsonAsync($"/api/v1/referrals/{referral}/children/{child}/need", new { primaryNeedCode = "N12" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("PrimaryNeedCode", await refused.Content.ReadAsStringAsync());

        var saved = await practitioner.PutAsJsonAsync($"/api/v1/referrals/{referral}/children/{child}/need", new { primaryNeedCode = "N2", assessmentFactors = new[] { "6A" } });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var planResponse = await practitioner.PostAsJsonAsync($"/api/v1/referrals/{referral}/children/{child}/cin-plans", new { startedOn = "2026-09-20" });
        Assert.Equal(HttpStatusCode.OK, planResponse.StatusCode);
        var plan = await planResponse.Content.ReadFromJsonAsync<JsonElement>();
        var ended = await practitioner.PutAsJsonAsync($"/api/v1/cin-plans/{plan.GetProperty("id").GetGuid()}",
            new { version = plan.GetProperty("version").GetInt32(), record = new { startedOn = "2026-09-20", endedOn = "2026-10-30" } });
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);

        var read = await (await Token(Role.Performance)).GetFromJsonAsync<JsonElement>($"/api/v1/families/{family}/statutory");
        var record = read.GetProperty("referrals")[0].GetProperty("children")[0].GetProperty("record");
        Assert.Equal("N2", record.GetProperty("primaryNeedCode").GetString());
        Assert.Equal("2026-10-30", record.GetProperty("cinPlans")[0].GetProperty("endedOn").GetString());

        // Performance may read but not record; a partner may do neither.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Token(Role.Performance)).PostAsJsonAsync($"/api/v1/referrals/{referral}/children/{child}/cin-plans", new { startedOn = "2026-10-31" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Token(Role.Partner)).GetAsync($"/api/v1/families/{family}/statutory")).StatusCode);
    }
}
