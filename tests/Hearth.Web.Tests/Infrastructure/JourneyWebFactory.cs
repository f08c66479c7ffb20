using System.Net;
using AngleSharp.Html.Dom;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Hearth.TestCommon;
using Hearth.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests.Infrastructure;

/// <summary>The demo council on 2 November 2026, with helpers that make a fresh family, referral or episode per test.</summary>
public sealed class JourneyWebFactory : HearthWebFactory
{
    /// <summary>The fixture's today as a static, for tests that import this class with <c>using static</c>.</summary>
    public static new readonly DateOnly Today = Hearth.Core.UkTime.TodayInUk(TestDatabase.DemoClock());
    public static readonly ActorContext Seeder = ActorContext.System("journey page tests");

    public async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        using var scope = Services.CreateScope();
        return await action(scope.ServiceProvider);
    }

    public Task<Team> TeamAsync(string code) => WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<Team>().SingleAsync(t => t.Code == code));

    /// <summary>A new family of the team with a parent and a child (<see cref="TestData"/>), so tests do not share records.</summary>
    public async Task<(Guid Family, Guid Parent, Guid Child)> FamilyAsync(string teamCode = "ifss-1-team")
    {
        // Signing in starts the app; the demo council is already in its database.
        await SignedInClientAsync("Practitioner");
        var family = await TestData.CreateFamilyAsync(Services, f => f.InTeam(teamCode).By(Seeder).Named("Pagetest"));
        return (family.Id, family.Parent!.Id, family.Child.Id);
    }

    public async Task<Referral> ReferralAsync(Guid family, Guid child, DateOnly received, string teamCode = "ifss-1-team") =>
        await TestData.ReferAsync(Services, family, [child], received, Seeder, (await TeamAsync(teamCode)).Id);

    /// <summary>A new family referred on 1 September 2026 and accepted the same day: an open episode in its first phase.</summary>
    public async Task<(Episode Episode, Guid Child)> EpisodeAsync(string teamCode = "ifss-1-team")
    {
        await SignedInClientAsync("Practitioner");
        var family = await TestData.CreateFamilyAsync(Services, f => f.InTeam(teamCode).By(Seeder).Accepted(new DateOnly(2026, 9, 1)).Named("Pagetest"));
        return (family.Episode!, family.Child.Id);
    }

    public Task<Episode> ReadEpisodeAsync(Guid id) =>
        WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<Episode>().AsNoTracking().Include(e => e.Phases).Include(e => e.Allocations).SingleAsync(e => e.Id == id));

    /// <summary>An episode of the team moved to a phase through the service, with the assessment decision when needed.</summary>
    public async Task<Episode> EpisodeInPhaseAsync(string phase)
    {
        var (episode, _) = await EpisodeAsync();
        await WithAsync(async s =>
        {
            var episodes = s.GetRequiredService<EpisodeService>();
            var e = await episodes.MoveToPhaseAsync(Seeder, episode.Id, episode.Version, "assessment", new DateOnly(2026, 9, 2));
            if (phase != "assessment")
            {
                e = await episodes.RecordAssessmentDecisionAsync(Seeder, e.Id, e.Version, AssessmentDecision.Proceed, new DateOnly(2026, 9, 3));
                e = await episodes.MoveToPhaseAsync(Seeder, e.Id, e.Version, phase, new DateOnly(2026, 9, 4));
            }
            return e;
        });
        return await ReadEpisodeAsync(episode.Id);
    }

    public static IEnumerable<string> ErrorLinks(IHtmlDocument page) =>
        page.QuerySelectorAll("main > .govuk-error-summary a").Select(a => a.GetAttribute("href")!);

    public static string ErrorSummary(IHtmlDocument page) => page.QuerySelector("main > .govuk-error-summary")?.TextContent ?? "";

    /// <summary>Posts a form with the version the page was read at, after the record changed: the save must be refused.</summary>
    public static async Task<IHtmlDocument> AssertRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlAsync(response);
        Assert.StartsWith("Error:", page.Title);
        return page;
    }

    public static async Task<string> VersionOnAsync(HttpResponseMessage form) =>
        (await HtmlAsync(form)).QuerySelector("input[name=Version]")!.GetAttribute("value")!;

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, params IEnumerable<KeyValuePair<string, string>>[] fields)
    {
        // The token comes from the page without its handler, as a browser has it.
        var token = await HearthWebFactory.AntiforgeryTokenAsync(await client.GetAsync(path.Split("&handler=")[0].Split("?handler=")[0]));
        return await client.PostAsync(path, new FormUrlEncodedContent(fields.SelectMany(f => f).Append(new("__RequestVerificationToken", token))));
    }

    public static KeyValuePair<string, string> F(string key, string value) => new(key, value);

    public static IEnumerable<KeyValuePair<string, string>> Date(string name, DateOnly date) =>
        [F($"{name}.Day", date.Day.ToString()), F($"{name}.Month", date.Month.ToString()), F($"{name}.Year", date.Year.ToString())];
}
