using System.Net;
using Hearth.Core.Auditing;
using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests.Casework;

/// <summary>Case notes as a record: the sessions page and its notes, the chronology that shows them, held reviews and their amendments.</summary>
public sealed partial class CaseworkPageTests
{
    private static KeyValuePair<string, string>[] SessionRow(int i, Guid member, string day, string start, string end, string note = "") =>
        [F($"Rows[{i}].Date.Day", day), F($"Rows[{i}].Date.Month", "10"), F($"Rows[{i}].Date.Year", "2026"), F($"Rows[{i}].Start", start), F($"Rows[{i}].End", end),
         F($"Rows[{i}].Type", "HomeVisit"), F($"Rows[{i}].Mode", "planned"), F($"Rows[{i}].PersonIds", member.ToString()), F($"Rows[{i}].Note", note)];

    [Fact]
    public async Task The_sessions_page_offers_one_session_adds_another_on_request_and_confirms_and_lists_what_it_saved_with_the_notes()
    {
        var (episode, _, members) = await SamsEpisodeAsync();
        var client = await app.SignedInClientAsync("Practitioner");
        var path = $"/casework/episodes/{episode.Id}/sessions";

        var first = await HearthWebFactory.HtmlAsync(await client.GetAsync(path));
        Assert.NotNull(first.QuerySelector("input[name='Rows[0].Date.Day']"));
        Assert.Null(first.QuerySelector("input[name='Rows[1].Date.Day']"));
        Assert.Equal("textarea", first.QuerySelector("#rows\\[0\\]\\.-note")!.LocalName);
        Assert.Equal("No sessions are recorded yet.", first.QuerySelectorAll("main p").Last(p => p.TextContent.Contains("sessions")).TextContent.Trim());

        // "Add another session" keeps what was typed, adds a row, and neither saves nor complains.
        var token = await HearthWebFactory.AntiforgeryTokenAsync(await client.GetAsync(path));
        var note = "Talked through the morning routine.\nAgreed two alarms.";
        var more = await client.PostAsync(path + "?handler=AddRow", new FormUrlEncodedContent([.. SessionRow(0, members[0], "5", "09:00", "10:30", note), F("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.OK, more.StatusCode);
        var twoRows = await HearthWebFactory.HtmlAsync(more);
        Assert.Equal("09:00", twoRows.QuerySelector("input[name='Rows[0].Start']")!.GetAttribute("value"));
        Assert.Equal(note, twoRows.QuerySelector("textarea[name='Rows[0].Note']")!.TextContent.ReplaceLineEndings("\n").TrimStart('\n'));
        Assert.NotNull(twoRows.QuerySelector("input[name='Rows[1].Date.Day']"));
        Assert.Null(twoRows.QuerySelector(".govuk-error-summary"));
        // Saving from here posts to the page, not back to "Add another session".
        Assert.Equal(path, twoRows.QuerySelector("main form[method='post']")!.GetAttribute("action"));
        Assert.Equal(0, await SessionCountAsync(episode.Id));

        var saved = await HearthWebFactory.PostFormAsync(client, path, [.. SessionRow(0, members[0], "5", "09:00", "10:30", note), .. SessionRow(1, members[0], "6", "14:00", "14:20")]);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(path + "?recorded=2", saved.Headers.Location!.OriginalString);
        var after = await HearthWebFactory.HtmlAsync(await client.GetAsync(saved.Headers.Location));
        Assert.Contains("2 sessions recorded", after.QuerySelector(".govuk-notification-banner--success")!.TextContent);
        var rows = after.QuerySelectorAll("main table tbody tr").ToList();
        Assert.Equal(["6 October 2026", "5 October 2026"], rows.Select(r => r.QuerySelector("th")!.TextContent));
        var noteCell = rows[1].QuerySelector("td.hearth-multiline")!;
        Assert.Equal(note, noteCell.TextContent);
        Assert.Contains("Home visit, 09:00, 90 minutes", rows[1].TextContent);
    }

    [Fact]
    public async Task A_sessions_note_is_in_the_familys_chronology_with_its_lines()
    {
        var (episode, workerId, members) = await SamsEpisodeAsync();
        await WithAsync(s => s.GetRequiredService<SessionService>().RecordAsync(System, new SessionInput(episode.Id, new DateOnly(2026, 10, 7), new TimeOnly(10, 0), new TimeOnly(11, 0),
            SessionType.HomeVisit, false, [members[0]], [workerId], null, null, "Kitchen table plan.\nSchool to call Friday.")));
        var client = await app.SignedInClientAsync("Practitioner");

        var doc = await HearthWebFactory.HtmlAsync(await client.GetAsync($"/casework/families/{episode.FamilyId}/chronology"));

        var cell = doc.QuerySelectorAll("main table tbody td.hearth-multiline").Single(c => c.TextContent.Contains("Kitchen table"));
        Assert.Equal("Home visit, 60 minutes\nKitchen table plan.\nSchool to call Friday.", cell.TextContent);
    }

    [Fact]
    public async Task A_held_review_opens_as_its_record_and_an_amendment_is_version_checked_and_listed()
    {
        var (episode, _, _) = await SamsEpisodeAsync();
        var review = await ReviewDueAsync(episode, Today.AddDays(-3));
        var client = await app.SignedInClientAsync("Practitioner");
        var path = $"/casework/reviews/{review.Id}";
        IEnumerable<KeyValuePair<string, string>> Form(int version, string progress) =>
            [F("Version", version.ToString()), F("HeldOn.Day", "1"), F("HeldOn.Month", "11"), F("HeldOn.Year", "2026"), F("Attendees", "Mum"), F("Progress", progress), F("Decision", "StepDown")];

        var recorded = await HearthWebFactory.PostFormAsync(client, path, Form(review.Version, "Mornings calmer"));
        Assert.Equal($"/casework/episodes/{episode.Id}", recorded.Headers.Location!.OriginalString);

        var record = await HearthWebFactory.HtmlAsync(await client.GetAsync(path));
        Assert.Null(record.QuerySelector("main form[method='post']"));
        var values = record.QuerySelectorAll(".govuk-summary-list__row").ToDictionary(r => r.QuerySelector("dt")!.TextContent.Trim(), r => r.QuerySelector("dd")!.TextContent.Trim());
        Assert.Equal(("1 November 2026", "Mornings calmer", "Step down"), (values["Date held"], values["Progress"], values["Decision"]));
        Assert.Equal(path + "?amend=true", record.QuerySelectorAll("main a").Single(a => a.TextContent == "Amend this review").GetAttribute("href"));
        Assert.Empty(record.QuerySelectorAll("main li"));

        var amendForm = await HearthWebFactory.HtmlAsync(await client.GetAsync(path + "?amend=true"));
        Assert.Equal("Mornings calmer", amendForm.QuerySelector("textarea[name='Progress']")!.TextContent.Trim());
        var current = await WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<Review>().SingleAsync(r => r.Id == review.Id));

        // A form read before the review was recorded is stale: refused, and the recorded progress stands.
        var stale = await HearthWebFactory.PostFormAsync(client, path + "?amend=true", Form(review.Version, "Overwritten"));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.NotNull((await HearthWebFactory.HtmlAsync(stale)).QuerySelector("main > .govuk-error-summary"));

        var amended = await HearthWebFactory.PostFormAsync(client, path + "?amend=true", Form(current.Version, "Mornings calmer; school every day this week"));
        Assert.Equal(path + "?amended=True", amended.Headers.Location!.OriginalString);
        var shown = await HearthWebFactory.HtmlAsync(await client.GetAsync(amended.Headers.Location));
        Assert.Contains("The review is amended", shown.QuerySelector(".govuk-notification-banner--success")!.TextContent);
        var amendment = Assert.Single(shown.QuerySelectorAll("main ul.govuk-list li"));
        Assert.EndsWith("by Sam Practitioner: Progress", amendment.TextContent);
        var trail = await WithAsync(s => s.GetRequiredService<HearthDbContext>().AuditEvents
            .Where(a => a.EntityType == nameof(Review) && a.EntityId == review.Id.ToString() && a.Action == AuditAction.Updated).OrderBy(a => a.Id).Select(a => a.Changes).ToListAsync());
        Assert.Contains(AuditChanges.Parse(trail[^1]), c => c == new FieldChange("Progress", "Mornings calmer", "Mornings calmer; school every day this week"));
    }

    [Fact]
    public async Task Reading_an_episodes_sessions_through_the_api_is_in_the_audit_trail()
    {
        var (episode, _, _) = await SamsEpisodeAsync();
        var client = await app.SignedInClientAsync("Practitioner");
        var before = await ReadsOfAsync(episode.Id);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/episodes/{episode.Id}/sessions")).StatusCode);

        Assert.Equal(before + 1, await ReadsOfAsync(episode.Id));
    }

    private Task<int> ReadsOfAsync(Guid episodeId) => WithAsync(s => s.GetRequiredService<HearthDbContext>().AuditEvents
        .CountAsync(a => a.Action == AuditAction.Read && a.EntityType == "Episode" && a.EntityId == episodeId.ToString()));
}
