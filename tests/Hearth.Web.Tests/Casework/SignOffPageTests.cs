using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Hearth.Core.Auditing;
using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Security;
using Hearth.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Hearth.Web.Tests.Infrastructure.JourneyWebFactory;

namespace Hearth.Web.Tests.Casework;

/// <summary>The family agreement agreed by each member, and a manager's authorisation of the assessment: pages and API.</summary>
public sealed class SignOffPageTests(JourneyWebFactory app) : IClassFixture<JourneyWebFactory>
{
    private async Task<(Episode Episode, Plan Plan)> EpisodeWithAgreementAsync()
    {
        var (episode, _) = await app.EpisodeAsync();
        var plan = await app.WithAsync(s => s.GetRequiredService<PlanService>().SavePlanAsync(Seeder, episode.Id, null,
            new PlanInput(PlanKind.FamilyAgreement, "We will be honest with each other and keep appointments.", null)));
        return (episode, plan);
    }

    private async Task<(Episode Episode, Assessment Assessment)> EpisodeWithCompleteAssessmentAsync()
    {
        var (episode, _) = await app.EpisodeAsync();
        var input = new AssessmentInput(new DateOnly(2026, 9, 2), "Kim's drug use", null, null, 5, [],
            new Dictionary<string, string?> { ["motivation_to_change"] = "6", ["substances_used"] = "Heroin" });
        var assessment = await app.WithAsync(async s =>
        {
            var assessments = s.GetRequiredService<AssessmentService>();
            var started = await assessments.StartAssessmentAsync(Seeder, episode.Id, input);
            return await assessments.UpdateAssessmentAsync(Seeder, started.Id, started.Version, input, complete: true);
        });
        return (episode, assessment);
    }

    private Task<List<PlanAgreement>> AgreementsAsync(Guid planId) =>
        app.WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<PlanAgreement>().AsNoTracking().Where(a => a.PlanId == planId).ToListAsync());

    private Task<Assessment> ReadAssessmentAsync(Guid id) =>
        app.WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<Assessment>().AsNoTracking().SingleAsync(a => a.Id == id));

    private async Task<HttpClient> TokenClientAsync(string role)
    {
        var issued = await app.WithAsync(s => s.GetRequiredService<TokenService>().CreateAsync(Seeder, HearthWebFactory.EmailFor(role), "sign-off tests", null));
        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Token);
        return client;
    }

    private static IEnumerable<string> ChronologyRows(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("main table tbody tr").Select(r => string.Join(" | ", r.Children.Select(c => c.TextContent.Trim())));

    [Fact]
    public async Task A_practitioner_records_each_members_agreement_shown_on_the_episode_and_in_the_chronology()
    {
        var (episode, plan) = await EpisodeWithAgreementAsync();
        var practitioner = await app.SignedInClientAsync("Practitioner");
        var path = $"/casework/episodes/{episode.Id}/plan/FamilyAgreement/agreement";

        var form = await HearthWebFactory.HtmlAsync(await practitioner.GetAsync(path));
        Assert.Equal(2, form.QuerySelectorAll("input[name=PersonId]").Length);
        Assert.Equal(5, form.QuerySelectorAll("input[name=Format]").Length);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignedInClientAsync("Performance")).GetAsync(path)).StatusCode);

        var members = await app.WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<Core.People.Person>().Where(p => p.FamilyId == episode.FamilyId)
            .OrderBy(p => p.DateOfBirth).Select(p => p.Id).ToListAsync());
        var (kim, ava) = (members[0], members[1]);
        var missing = await AssertRefusedAsync(await PostAsync(practitioner, path, [F("AgreedOn.Day", "31"), F("AgreedOn.Month", "2"), F("AgreedOn.Year", "2026")]));
        Assert.Equal(["#person-id", "#agreed-on", "#format"], ErrorLinks(missing));
        Assert.Contains("Enter the date they agreed as a real date", ErrorSummary(missing));
        var future = await AssertRefusedAsync(await PostAsync(practitioner, path, [F("PersonId", kim.ToString()), F("Format", "Signed"), .. Date("AgreedOn", Today.AddDays(1))]));
        Assert.Equal(["#agreed-on"], ErrorLinks(future));
        Assert.Contains("The date of agreement must be today or in the past", ErrorSummary(future));
        Assert.Empty(await AgreementsAsync(plan.Id));

        var saved = await PostAsync(practitioner, path, [F("PersonId", kim.ToString()), F("Format", "Signed"), .. Date("AgreedOn", new DateOnly(2026, 10, 5))]);

        Assert.Equal($"/casework/episodes/{episode.Id}", saved.Headers.Location!.OriginalString);
        var agreement = Assert.Single(await AgreementsAsync(plan.Id));
        Assert.Equal((kim, new DateOnly(2026, 10, 5), AgreementFormat.Signed, 1), (agreement.PersonId, agreement.AgreedOn, agreement.Format, agreement.PlanVersionNumber));
        var again = await AssertRefusedAsync(await PostAsync(practitioner, path, [F("PersonId", kim.ToString()), F("Format", "Verbal"), .. Date("AgreedOn", Today)]));
        Assert.Contains("This family member has already agreed version 1", ErrorSummary(again));
        Assert.Single(await AgreementsAsync(plan.Id));

        var casework = await HearthWebFactory.HtmlAsync(await practitioner.GetAsync($"/casework/episodes/{episode.Id}"));
        Assert.Equal(["Kim Pagetest on 5 October 2026, signed on paper"], casework.QuerySelectorAll("ul.agreements li").Select(li => li.TextContent.Trim()));
        Assert.Contains("Not yet agreed by: Ava Pagetest", casework.QuerySelector("main .govuk-summary-list")!.TextContent);
        // Links are generated from the page route, in lower case like every Hearth URL (the plan kind binds either way).
        Assert.Contains(path, casework.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")), StringComparer.OrdinalIgnoreCase);
        var chronology = await HearthWebFactory.HtmlAsync(await practitioner.GetAsync($"/casework/families/{episode.FamilyId}/chronology?type=Agreement"));
        Assert.Equal(["5 October 2026 | Agreement | Kim Pagetest agreed the family agreement (version 1): signed on paper"], ChronologyRows(chronology));

        // The API records Ava's agreement, naming a bad format.
        var api = await TokenClientAsync("Practitioner");
        var bad = await api.PostAsJsonAsync($"/api/v1/plans/{plan.Id}/agreements", new { personId = ava, agreedOn = "2026-10-06", format = "scribbled" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Format", out _));
        var created = await api.PostAsJsonAsync($"/api/v1/plans/{plan.Id}/agreements", new { personId = ava, agreedOn = "2026-10-06", format = "pictorial" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var listed = await (await api.GetAsync($"/api/v1/episodes/{episode.Id}/agreements")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal([(kim, "Signed"), (ava, "Pictorial")], listed.EnumerateArray().Select(a => (a.GetProperty("personId").GetGuid(), a.GetProperty("format").GetString())));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await TokenClientAsync("Performance")).PostAsJsonAsync($"/api/v1/plans/{plan.Id}/agreements",
            new { personId = ava, agreedOn = "2026-10-06", format = "verbal" })).StatusCode);
    }

    [Fact]
    public async Task Only_a_manager_authorises_the_assessment_which_the_episode_and_chronology_then_show()
    {
        var (episode, assessment) = await EpisodeWithCompleteAssessmentAsync();
        var path = $"/casework/episodes/{episode.Id}/assessment/authorise";
        var practitioner = await app.SignedInClientAsync("Practitioner");
        var manager = await app.SignedInClientAsync("Manager");
        var managerUser = await app.WithAsync(s => s.GetRequiredService<HearthDbContext>().Users.AsNoTracking().SingleAsync(u => u.Email == HearthWebFactory.EmailFor("Manager")));

        Assert.Equal(HttpStatusCode.Forbidden, (await practitioner.GetAsync(path)).StatusCode);
        var before = await HearthWebFactory.HtmlAsync(await practitioner.GetAsync($"/casework/episodes/{episode.Id}"));
        Assert.DoesNotContain(path, before.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")));
        var managed = await HearthWebFactory.HtmlAsync(await manager.GetAsync($"/casework/episodes/{episode.Id}"));
        Assert.Contains(path, managed.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")));
        var form = await HearthWebFactory.HtmlAsync(await manager.GetAsync(path));
        Assert.Contains("Kim's drug use", form.QuerySelector("main")!.TextContent);
        Assert.NotNull(form.QuerySelector("input[name='AuthorisedOn.Day']"));

        var empty = await AssertRefusedAsync(await PostAsync(manager, path, [F("Version", assessment.Version.ToString())]));
        Assert.Equal(["#authorised-on"], ErrorLinks(empty));
        Assert.Contains("Enter the date you authorised the assessment as a real date", ErrorSummary(empty));
        var future = await AssertRefusedAsync(await PostAsync(manager, path, [F("Version", assessment.Version.ToString()), .. Date("AuthorisedOn", Today.AddDays(1))]));
        Assert.Equal(["#authorised-on"], ErrorLinks(future));
        Assert.Contains("The date of authorisation must be today or in the past", ErrorSummary(future));
        var stale = await AssertRefusedAsync(await PostAsync(manager, path, [F("Version", (assessment.Version + 1).ToString()), .. Date("AuthorisedOn", Today)]));
        Assert.Contains("changed by someone else", ErrorSummary(stale));
        Assert.Equal(AssessmentState.Complete, (await ReadAssessmentAsync(assessment.Id)).State);

        var saved = await PostAsync(manager, path, [F("Version", assessment.Version.ToString()), .. Date("AuthorisedOn", Today)]);

        Assert.Equal($"/casework/episodes/{episode.Id}", saved.Headers.Location!.OriginalString);
        var authorised = await ReadAssessmentAsync(assessment.Id);
        Assert.Equal((AssessmentState.Authorised, (DateOnly?)Today, managerUser.DisplayName), (authorised.State, authorised.AuthorisedOn, authorised.AuthorisedBy));
        Assert.True(await app.WithAsync(s => s.GetRequiredService<HearthDbContext>().AuditEvents
            .AnyAsync(a => a.EntityType == nameof(Assessment) && a.EntityId == assessment.Id.ToString() && a.Action == AuditAction.Updated && a.ActorUserId == managerUser.Id)));
        var after = await HearthWebFactory.HtmlAsync(await practitioner.GetAsync($"/casework/episodes/{episode.Id}"));
        Assert.Equal($"Authorised on 2 November 2026 by {managerUser.DisplayName}.", after.QuerySelector("#assessment-status")!.TextContent.Trim());
        var chronology = await HearthWebFactory.HtmlAsync(await practitioner.GetAsync($"/casework/families/{episode.FamilyId}/chronology?type=Assessment"));
        Assert.Contains($"2 November 2026 | Assessment | 72-hour assessment authorised by {managerUser.DisplayName}", ChronologyRows(chronology));
    }

    [Fact]
    public async Task The_api_lets_only_a_manager_authorise_an_assessment_and_refuses_a_stale_version()
    {
        var (episode, assessment) = await EpisodeWithCompleteAssessmentAsync();
        var practitioner = await TokenClientAsync("Practitioner");
        var manager = await TokenClientAsync("Manager");
        var path = $"/api/v1/assessments/{assessment.Id}/authorisation";

        Assert.Equal(HttpStatusCode.Forbidden, (await practitioner.PostAsJsonAsync(path, new { version = assessment.Version })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await manager.PostAsJsonAsync(path, new { version = assessment.Version + 1 })).StatusCode);
        var future = await manager.PostAsJsonAsync(path, new { version = assessment.Version, authorisedOn = Today.AddDays(1).ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.True((await future.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("AuthorisedOn", out _));

        var ok = await manager.PostAsJsonAsync(path, new { version = assessment.Version });

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var listed = await (await practitioner.GetAsync($"/api/v1/episodes/{episode.Id}/assessments")).Content.ReadFromJsonAsync<JsonElement>();
        var read = Assert.Single(listed.EnumerateArray());
        Assert.Equal(("Authorised", "2026-11-02"), (read.GetProperty("state").GetString(), read.GetProperty("authorisedOn").GetString()));
    }
}
