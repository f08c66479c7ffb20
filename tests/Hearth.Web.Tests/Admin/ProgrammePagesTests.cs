using System.Net;
using Hearth.Core.Data;
using Hearth.Core.Programmes;
using Hearth.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests.Admin;

public sealed class ProgrammePagesTests(HearthWebFactory app) : IClassFixture<HearthWebFactory>
{
    private static KeyValuePair<string, string> F(string k, string v) => new(k, v);

    /// <summary>Posts a draft form as a browser would: with the antiforgery token and the draft version the page carried.</summary>
    private static async Task<HttpResponseMessage> PostDraftFormAsync(HttpClient client, string path, IEnumerable<KeyValuePair<string, string>> fields, string? handler = null)
    {
        var page = await client.GetAsync(path);
        var doc = await HearthWebFactory.HtmlAsync(page);
        var token = doc.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var version = doc.QuerySelector("input[name=Version]")!.GetAttribute("value")!;
        return await client.PostAsync(handler is null ? path : $"{path}?handler={handler}",
            new FormUrlEncodedContent(fields.Append(F("Version", version)).Append(F("__RequestVerificationToken", token))));
    }

    private static async Task StartDraftAsync(HttpClient admin, string code)
    {
        var token = await HearthWebFactory.AntiforgeryTokenAsync(await admin.GetAsync($"/admin/programmes/{code}"));
        var started = await admin.PostAsync($"/admin/programmes/{code}?handler=draft", new FormUrlEncodedContent([F("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Equal($"/admin/programmes/{code}/draft", started.Headers.Location!.OriginalString);
    }

    private async Task<(int Versions, string? DraftJson)> StateAsync(string code)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
        return (await db.Set<ProgrammeVersion>().CountAsync(v => v.Code == code),
            await db.Set<ProgrammeDraft>().Where(d => d.Code == code).Select(d => d.DefinitionJson).SingleOrDefaultAsync());
    }

    [Fact]
    public async Task An_admin_sees_the_programmes_and_a_version_in_full()
    {
        var admin = await app.SignedInClientAsync("Admin");
        var list = await admin.GetAsync("/admin/programmes");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var rows = (await HearthWebFactory.HtmlAsync(list)).QuerySelectorAll("main tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("Integrated Family Support Service") && r.Contains("Version 1, from 1 January 2000"));

        var ifss = await HearthWebFactory.HtmlAsync(await admin.GetAsync("/admin/programmes/ifss"));
        Assert.Equal("Integrated Family Support Service", ifss.QuerySelector("h1")!.TextContent);
        var cards = ifss.QuerySelectorAll(".govuk-summary-card__title").Select(t => t.TextContent).ToList();
        Assert.Equal(["1. Consultation", "2. 72-hour assessment", "3. Phase 1 (intensive)", "4. Phase 2 (step-down)"], cards);
        Assert.Contains("1 month after the phase starts; 3 months after the phase starts; 6 months after the phase starts; 12 months after the phase starts", ifss.QuerySelector("main")!.TextContent);
        Assert.Empty(ifss.QuerySelectorAll("main a[href*='/draft/']"));
    }

    [Fact]
    public async Task An_admin_drafts_the_next_version_changes_a_phase_previews_it_and_publishes_it_from_a_date()
    {
        var admin = await app.SignedInClientAsync("Admin");
        await StartDraftAsync(admin, "ifit");
        var draft = await HearthWebFactory.HtmlAsync(await admin.GetAsync("/admin/programmes/ifit/draft"));
        Assert.Equal("Draft of version 2", draft.QuerySelector("h1")!.TextContent);
        Assert.NotNull(draft.QuerySelector("a[href='/admin/programmes/ifit/draft/phases/intensive']"));

        var saved = await PostDraftFormAsync(admin, "/admin/programmes/ifit/draft/phases/intensive",
            [F("Name", "Intensive work"), F("ExpectedMinDays", "42"), F("ExpectedMaxDays", "70"), F("Intensive", "true"), F("IsAssessment", "false"), F("ReviewEveryWeeks", "2")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/admin/programmes/ifit/draft?saved=true", saved.Headers.Location!.OriginalString);
        var added = await PostDraftFormAsync(admin, "/admin/programmes/ifit/draft/eligibility",
            [F("Key", "lives_in_area"), F("Question", "Does the family live in the council's area?"), F("RequiredYes", "true")]);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        var preview = await HearthWebFactory.HtmlAsync(await admin.GetAsync("/admin/programmes/ifit/draft/preview"));
        // Each detail is a line of its own in the last cell.
        var changes = preview.QuerySelectorAll("#changes tbody tr").Select(r => string.Join(" | ", r.Children.Select(c =>
            c.QuerySelectorAll("span").Length > 0 ? string.Join("; ", c.QuerySelectorAll("span").Select(x => x.TextContent)) : c.TextContent.Trim())).TrimEnd()).ToList();
        Assert.Equal(
            [
                "Phases | Changed | Intensive work | Expected length: 42 to 84 days → 42 to 70 days; Review points: every 4 weeks → every 2 weeks",
                "Review points | Added | Intensive work: every 2 weeks |",
                "Review points | Removed | Intensive work: every 4 weeks |",
                "Eligibility | Added | lives_in_area | Question: Does the family live in the council's area?; Eligible when the answer is yes",
            ],
            changes);

        var published = await PostDraftFormAsync(admin, "/admin/programmes/ifit/draft/preview",
            [F("EffectiveFrom.Day", "1"), F("EffectiveFrom.Month", "4"), F("EffectiveFrom.Year", "2027")]);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var page = await HearthWebFactory.HtmlAsync(await admin.GetAsync(published.Headers.Location!.OriginalString));
        Assert.Contains("Version 2 has been published, taking effect from 1 April 2027", page.QuerySelector(".govuk-notification-banner")!.TextContent);

        using var scope = app.Services.CreateScope();
        var programmes = scope.ServiceProvider.GetRequiredService<ProgrammeService>();
        var v2 = await programmes.VersionAsync("ifit", 2);
        Assert.Equal(new DateOnly(2027, 4, 1), v2!.EffectiveFrom);
        Assert.Equal((42, 70, 2), (v2.Definition.Phase("intensive")!.ExpectedMinDays, v2.Definition.Phase("intensive")!.ExpectedMaxDays, v2.Definition.Phase("intensive")!.Reviews.Single().EveryWeeks));
        Assert.Equal(84, (await programmes.VersionAsync("ifit", 1))!.Definition.Phase("intensive")!.ExpectedMaxDays);
        Assert.Null((await StateAsync("ifit")).DraftJson);
    }

    [Fact]
    public async Task Bad_input_re_renders_with_the_error_summary_naming_the_field_and_changes_nothing()
    {
        var admin = await app.SignedInClientAsync("Admin");
        await StartDraftAsync(admin, "troubled-families");
        var before = await StateAsync("troubled-families");

        var bad = await PostDraftFormAsync(admin, "/admin/programmes/troubled-families/draft/phases",
            [F("Key", "plan"), F("Name", ""), F("ExpectedMaxDays", "a year"), F("Intensive", "false"), F("IsAssessment", "false")]);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var doc = await HearthWebFactory.HtmlAsync(bad);
        var links = doc.QuerySelectorAll("main > .govuk-error-summary a").Select(a => (a.GetAttribute("href"), a.TextContent)).ToList();
        Assert.Equal(
            [
                ("#key", "The programme already has a phase with the key 'plan'"),
                ("#name", "Enter the phase name"),
                ("#expected-max-days", "Longest expected length must be a whole number"),
            ],
            links);
        Assert.Equal("a year", doc.QuerySelector("#expected-max-days")!.GetAttribute("value"));

        var early = await PostDraftFormAsync(admin, "/admin/programmes/troubled-families/draft/preview",
            [F("EffectiveFrom.Day", "31"), F("EffectiveFrom.Month", "12"), F("EffectiveFrom.Year", "1999")]);
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        var summary = (await HearthWebFactory.HtmlAsync(early)).QuerySelectorAll("main > .govuk-error-summary a").Select(a => (a.GetAttribute("href"), a.TextContent)).ToList();
        Assert.Equal(
            [
                ("#draft", "The draft makes no changes to version 1"),
                ("#effective-from", "A new version must take effect on or after 1 January 2000, when version 1 did"),
            ],
            summary);

        // A form read before another administrator's save is refused, not saved over their change.
        var form = await HearthWebFactory.HtmlAsync(await admin.GetAsync("/admin/programmes/troubled-families/draft/settings"));
        var stale = await admin.PostAsync("/admin/programmes/troubled-families/draft/settings", new FormUrlEncodedContent(
        [
            F("Name", "Supporting Families"), F("MaxBoosterSessions", "0"), F("ReopenWindowDays", "60"), F("Version", "99"),
            F("__RequestVerificationToken", form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
        ]));
        Assert.Contains("changed by someone else", (await HearthWebFactory.HtmlAsync(stale)).QuerySelector("main > .govuk-error-summary a[href='#name']")!.TextContent);

        Assert.Equal(before, await StateAsync("troubled-families"));
    }

    [Fact]
    public async Task An_admin_schedules_an_instrument_changes_the_settings_and_closure_reasons_and_discards_the_draft()
    {
        var admin = await app.SignedInClientAsync("Admin");
        await StartDraftAsync(admin, "ifss");
        foreach (var path in new[] { "settings", "instruments", "instruments/0", "eligibility", "eligibility/family_consents", "phases", "phases/phase2", "closure-reasons", "preview" })
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/admin/programmes/ifss/draft/{path}")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/programmes/ifss/draft/phases/no-such-phase")).StatusCode);

        var noTime = await PostDraftFormAsync(admin, "/admin/programmes/ifss/draft/instruments", [F("Instrument", "family-star-plus"), F("Respondent", "Worker"), F("MinAgeYears", "18")]);
        Assert.Equal(("#when", "Select when the instrument is due, or give an interval in months"),
            (await HearthWebFactory.HtmlAsync(noTime)).QuerySelectorAll("main > .govuk-error-summary a").Select(a => (a.GetAttribute("href"), a.TextContent)).Single());
        var noReasons = await PostDraftFormAsync(admin, "/admin/programmes/ifss/draft/closure-reasons", []);
        Assert.Equal(("#closure-reasons", "Select at least one closure reason"),
            (await HearthWebFactory.HtmlAsync(noReasons)).QuerySelectorAll("main > .govuk-error-summary a").Select(a => (a.GetAttribute("href"), a.TextContent)).Single());

        Assert.Equal(HttpStatusCode.Redirect, (await PostDraftFormAsync(admin, "/admin/programmes/ifss/draft/instruments",
            [F("Instrument", "family-star-plus"), F("Respondent", "Worker"), F("MinAgeYears", "18"), F("When", "AtBaseline"), F("When", "AtClosure"), F("EveryMonths", "3")])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostDraftFormAsync(admin, "/admin/programmes/ifss/draft/settings",
            [F("Name", "Integrated Family Support"), F("MaxBoosterSessions", "5"), F("ReopenWindowDays", "90")])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostDraftFormAsync(admin, "/admin/programmes/ifss/draft/closure-reasons",
            [F("ClosureReasons", "MovedAway"), F("ClosureReasons", "GoalsAchieved")])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostDraftFormAsync(admin, "/admin/programmes/ifss/draft/eligibility/family_consents", [], handler: "remove")).StatusCode);

        using (var scope = app.Services.CreateScope())
        {
            var draft = await scope.ServiceProvider.GetRequiredService<HearthDbContext>().Set<ProgrammeDraft>().AsNoTracking().SingleAsync(d => d.Code == "ifss");
            Assert.Equal("Integrated Family Support", draft.Name);
            var d = draft.Definition;
            Assert.Equal(5, d.MaxBoosterSessions);
            Assert.Equal([Hearth.Core.Episodes.ClosureReason.GoalsAchieved, Hearth.Core.Episodes.ClosureReason.MovedAway], d.ClosureReasons);
            var star = d.Measures.Last();
            Assert.Equal(("family-star-plus", Hearth.Core.Measures.Respondent.Worker, 18, (int?)null, true, false, (int?)3, true),
                (star.Instrument, star.Respondent, star.MinAgeYears, star.MaxAgeYears, star.AtBaseline, star.AtReviews, star.EveryMonths, star.AtClosure));
            Assert.DoesNotContain(d.Eligibility, q => q.Key == "family_consents");
        }
        var preview = await HearthWebFactory.HtmlAsync(await admin.GetAsync("/admin/programmes/ifss/draft/preview"));
        Assert.Contains("Family Star Plus (star scale, 10 areas, 1-10) (worker)", preview.QuerySelector("#changes")!.TextContent);
        Assert.Contains("Family disengaged", preview.QuerySelector("#changes")!.TextContent);

        var discarded = await PostDraftFormAsync(admin, "/admin/programmes/ifss/draft", [], handler: "discard");
        Assert.Equal("/admin/programmes/ifss", discarded.Headers.Location!.OriginalString);
        Assert.Equal((1, (string?)null), await StateAsync("ifss"));
    }

    [Fact]
    public async Task Only_an_administrator_may_see_or_edit_programmes()
    {
        var manager = await app.SignedInClientAsync("Manager");
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/admin/programmes")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/admin/programmes/cin-pod")).StatusCode);
        var performance = await app.SignedInClientAsync("Performance");
        Assert.Equal(HttpStatusCode.Forbidden, (await performance.PostAsync("/admin/programmes/cin-pod?handler=draft", new FormUrlEncodedContent([]))).StatusCode);
        Assert.Equal((1, (string?)null), await StateAsync("cin-pod"));
    }
}
