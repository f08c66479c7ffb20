using System.Text.RegularExpressions;
using Hearth.TestCommon;
using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Hearth.EndToEndTests;

public sealed class CaseworkJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private static readonly ActorContext System = ActorContext.System("casework journey test");

    /// <summary>A new family of the practitioner's team, referred 60 days ago and accepted that day.</summary>
    private async Task<Episode> EpisodeAsync(DateOnly today, string reference = "E2E-CASEWORK") =>
        (await TestData.CreateFamilyAsync(app.Services, f => f.By(System).Named("Evans").WithReference(reference).Accepted(today.AddDays(-60)))).Episode!;

    private async Task<Review> ReviewDueAsync(Episode episode, DateOnly due)
    {
        // The new episode is still in consultation, which has no review points; the row is what the scheduler would write.
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
        var review = new Review { EpisodeId = episode.Id, TeamId = episode.TeamId, PhaseKey = episode.CurrentPhase, Sequence = 1, DueOn = due };
        db.Add(review);
        await db.SaveChangesAsync(System);
        return review;
    }

    [Fact]
    public async Task The_chronology_team_wider_services_boosters_and_time_pages_work_in_chromium_and_are_accessible()
    {
        var today = app.Today;
        var page = await app.SignedInPageAsync("Practitioner");
        var episode = await EpisodeAsync(today, "E2E-WIDER");
        var home = $"/casework/episodes/{episode.Id}";
        await page.GotoAsync(home);

        await page.GetByRole(AriaRole.Link, new() { Name = "Team around the family" }).ClickAsync();
        await Accessibility.AssertNoViolationsAsync(page);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Jo Head");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to the team" }).ClickAsync();
        var summary = page.Locator(".govuk-error-summary");
        await summary.WaitForAsync();
        Assert.Contains("Enter the agency", await summary.InnerTextAsync());
        await Accessibility.AssertNoViolationsAsync(page);
        await page.GetByLabel("Agency").FillAsync("Greenfield Primary");
        await page.GetByLabel("Role", new() { Exact = true }).FillAsync("Safeguarding lead");
        await page.GetByLabel("Yes").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to the team" }).ClickAsync();
        await page.WaitForURLAsync(app.BaseUrl + home + "/team", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Contains("Greenfield Primary", await page.Locator("main table").InnerTextAsync());

        await page.GotoAsync(home + "/services");
        await Accessibility.AssertNoViolationsAsync(page);
        await page.GetByLabel("Service", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await BrowserFixture.FillDateAsync(page, "referred-on", today.AddDays(-10));
        await app.SubmitAsync(page, "Make the referral", home + "/services");
        Assert.Contains("10 days so far", await page.Locator("main table").InnerTextAsync());
        await page.Locator("main table tbody a").First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/casework/service-referrals/"), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Accessibility.AssertNoViolationsAsync(page);
        await page.GetByLabel("Accepted").CheckAsync();
        await BrowserFixture.FillDateAsync(page, "on", today.AddDays(-3));
        await app.SubmitAsync(page, "Save the change", home + "/services");
        Assert.Contains("7 days", await page.Locator("main table").InnerTextAsync());

        await page.GotoAsync(home + "/boosters");
        await Accessibility.AssertNoViolationsAsync(page);

        await page.GotoAsync("/casework/time");
        await Accessibility.AssertNoViolationsAsync(page);
        await BrowserFixture.FillDateAsync(page, "date", today);
        await page.GetByLabel("Minutes").FillAsync("40");
        await page.GetByLabel("Liaison with other agencies").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Log time" }).ClickAsync();
        await page.Locator(".govuk-notification-banner--success").WaitForAsync();
        await Accessibility.AssertNoViolationsAsync(page);

        await page.GotoAsync(home);
        await page.GetByRole(AriaRole.Link, new() { Name = "Chronology (filter and print)" }).ClickAsync();
        Assert.Equal("Chronology", await page.Locator("h1").InnerTextAsync());
        // The print button is shown only once the script can make it work.
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Print this chronology" }).IsVisibleAsync());
        Assert.Contains("Wider service", await page.Locator("main table").InnerTextAsync());
        await Accessibility.AssertNoViolationsAsync(page);
        await page.GetByLabel("What").SelectOptionAsync("Referral");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show entries" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("type=Referral"), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Equal(1, await page.Locator("main table tbody tr").CountAsync());
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await page.Locator("header.govuk-header").IsVisibleAsync());
        Assert.False(await page.Locator("form.hearth-no-print").IsVisibleAsync());
        Assert.True(await page.Locator("main table").IsVisibleAsync());
        await Accessibility.AssertNoViolationsAsync(page);

        // The family record prints as the case summary: no navigation, buttons or change links; the handling note.
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        await page.GotoAsync($"/families/{episode.FamilyId}");
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Print this case summary" }).IsVisibleAsync());
        Assert.False(await page.Locator(".hearth-print-only").IsVisibleAsync());
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await page.Locator("header.govuk-header").IsVisibleAsync());
        Assert.False(await page.GetByRole(AriaRole.Button, new() { Name = "Print this case summary" }).IsVisibleAsync());
        Assert.Equal(0, await page.Locator(".govuk-summary-list__actions:visible, .govuk-summary-card__actions:visible").CountAsync());
        Assert.True(await page.Locator(".hearth-print-only").IsVisibleAsync());
        Assert.True(await page.Locator("main table").First.IsVisibleAsync());
    }

    [Fact]
    public async Task A_practitioner_records_assessment_plan_goal_sessions_and_review_in_chromium_on_accessible_pages()
    {
        var today = app.Today;
        var page = await app.SignedInPageAsync("Practitioner");
        var episode = await EpisodeAsync(today);
        var home = $"/casework/episodes/{episode.Id}";

        await page.GotoAsync(home);
        Assert.Equal("Casework for E2E-CASEWORK", await page.Locator("h1").InnerTextAsync());
        await Accessibility.AssertNoViolationsAsync(page);

        // Assessment: a missing required answer is refused with the error summary, then completed.
        await page.GetByRole(AriaRole.Link, new() { Name = "72-hour assessment" }).ClickAsync();
        await Accessibility.AssertNoViolationsAsync(page);
        await BrowserFixture.FillDateAsync(page, "started-on", today.AddDays(-58));
        await page.GetByLabel("What are we worried about?").FillAsync("Kim's heroin use; Ava caring for her mum");
        await page.GetByLabel("Safety scale").FillAsync("4");
        await page.Locator("[id='answers_motivation_to_change']").FillAsync("7");
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete assessment" }).ClickAsync();
        var summary = page.Locator(".govuk-error-summary");
        await summary.WaitForAsync();
        Assert.Contains("Which substances does the parent use?: answer this before completing the assessment", await summary.InnerTextAsync());
        await Accessibility.AssertNoViolationsAsync(page);
        await page.Locator("[id='answers_substances_used']").FillAsync("Heroin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete assessment" }).ClickAsync();
        await page.WaitForURLAsync(app.BaseUrl + home, new() { WaitUntil = WaitUntilState.DOMContentLoaded });

        await page.GetByRole(AriaRole.Link, new() { Name = "Write the whole-family plan" }).ClickAsync();
        await Accessibility.AssertNoViolationsAsync(page);
        await page.GetByLabel("What the plan says").FillAsync("Kim attends Recovery Steps weekly; Nan does the school run.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save plan" }).ClickAsync();
        await page.WaitForURLAsync(app.BaseUrl + home, new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Contains("Kim attends Recovery Steps weekly", await page.Locator("main").InnerTextAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "Add a goal" }).ClickAsync();
        await Accessibility.AssertNoViolationsAsync(page);
        await page.GetByLabel("The goal").FillAsync("Ava goes to school every day");
        await page.GetByLabel("Who owns it").FillAsync("Kim");
        await page.GetByLabel("-2: much less than expected").FillAsync("Fewer than 2 days a week");
        await page.GetByLabel("-1: somewhat less than expected").FillAsync("2-3 days a week");
        await page.GetByLabel("0: the expected outcome").FillAsync("4 days most weeks");
        await page.GetByLabel("+1: somewhat more than expected").FillAsync("Every day most weeks");
        await page.GetByLabel("+2: much more than expected").FillAsync("Every day");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save goal" }).ClickAsync();
        await page.WaitForURLAsync(app.BaseUrl + home, new() { WaitUntil = WaitUntilState.DOMContentLoaded });

        await page.GetByRole(AriaRole.Link, new() { Name = "Record sessions" }).ClickAsync();
        await Accessibility.AssertNoViolationsAsync(page);
        await BrowserFixture.FillDateAsync(page, "rows[0].-date", today.AddDays(-50));
        await page.Locator("[id='rows[0].-start']").FillAsync("10:00");
        await page.Locator("[id='rows[0].-end']").FillAsync("11:30");
        await page.Locator("[id='rows[0].-type']").SelectOptionAsync("HomeVisit");
        await page.Locator("[id='rows[0].-person-ids']").CheckAsync();
        await page.GetByLabel("Note (optional)").FillAsync("Talked through the morning routine.\nAgreed Ava sets two alarms.");
        // A second session of the day: the form comes back with what was typed and a second row.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add another session" }).ClickAsync();
        await page.Locator("[id='rows[1].-start']").WaitForAsync();
        Assert.Equal("10:00", await page.Locator("[id='rows[0].-start']").InputValueAsync());
        await Accessibility.AssertNoViolationsAsync(page);
        await BrowserFixture.FillDateAsync(page, "rows[1].-date", today.AddDays(-49));
        await page.Locator("[id='rows[1].-start']").FillAsync("16:00");
        await page.Locator("[id='rows[1].-end']").FillAsync("16:20");
        await page.Locator("[id='rows[1].-type']").SelectOptionAsync("Phone");
        await page.Locator("[id='rows[1].-person-ids']").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save sessions" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/casework/episodes/[0-9a-f-]+/sessions\\?recorded=2$"), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Contains("2 sessions recorded", await page.Locator(".govuk-notification-banner").InnerTextAsync());
        // The note keeps its lines in the list of past sessions.
        var note = page.Locator("td.hearth-multiline").Filter(new() { HasText = "morning routine" });
        Assert.Equal("Talked through the morning routine.\nAgreed Ava sets two alarms.", await note.InnerTextAsync());
        await Accessibility.AssertNoViolationsAsync(page);
        await page.GotoAsync(home);
        Assert.Contains("2 sessions, 1h 50m in total.", await page.Locator("main").InnerTextAsync());

        var review = await ReviewDueAsync(episode, today.AddDays(-1));
        await page.GotoAsync($"/casework/reviews/{review.Id}");
        await Accessibility.AssertNoViolationsAsync(page);
        await BrowserFixture.FillDateAsync(page, "held-on", today);
        await page.GetByLabel("Who attended").FillAsync("Kim, Ava, Nan, school");
        await page.GetByLabel("+1", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Progress").FillAsync("Ava is in school four or five days most weeks");
        await page.GetByLabel("Continue").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save review" }).ClickAsync();
        await page.WaitForURLAsync(app.BaseUrl + home, new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Contains("held", await page.Locator("main").InnerTextAsync());
        await Accessibility.AssertNoViolationsAsync(page);

        using var scope = app.Services.CreateScope();
        var held = await scope.ServiceProvider.GetRequiredService<ReviewService>().ReadReviewAsync(System, review.Id);
        Assert.Equal(1, Assert.Single(held.Ratings).Level);
    }
}
