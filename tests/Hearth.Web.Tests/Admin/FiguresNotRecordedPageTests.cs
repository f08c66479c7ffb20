using System.Net;
using AngleSharp.Html.Dom;
using Hearth.Core.Auditing;
using Hearth.Core.Data;
using Hearth.Core.Reporting;
using Hearth.Core.Security;
using Hearth.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests.Admin;

/// <summary>Figures not recorded (report gaps): recorded, listed and removed by a performance officer through the page, and shown by the funnel.</summary>
public sealed class FiguresNotRecordedPageTests(HearthWebFactory app) : IClassFixture<HearthWebFactory>
{
    private const string List = "/admin/figures-not-recorded";
    private const string Record = "/admin/figures-not-recorded/record";
    // The demo journeys run over the three years before the seed date; 2025-26 has acceptances in the demo services.
    private const string Period = "period=2025-26";
    private static KeyValuePair<string, string> F(string k, string v) => new(k, v);

    private static IEnumerable<KeyValuePair<string, string>> Date(string name, string day, string month, string year) =>
        [F($"{name}.Day", day), F($"{name}.Month", month), F($"{name}.Year", year)];

    private static List<(string? Href, string Text)> SummaryLinks(IHtmlDocument doc) =>
        doc.QuerySelectorAll("main > .govuk-error-summary a").Select(a => (a.GetAttribute("href"), a.TextContent)).ToList();

    private async Task<T> WithDb<T>(Func<HearthDbContext, IServiceProvider, Task<T>> read)
    {
        using var scope = app.Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<HearthDbContext>(), scope.ServiceProvider);
    }

    private Task<int> GapCountAsync() => WithDb((db, _) => db.Set<ReportGap>().CountAsync());

    /// <summary>The funnel page's "Accepted to intensive phase" cell for a service, and the table's note.</summary>
    private static async Task<(string Accepted, string Note)> FunnelAsync(HttpClient client, string service)
    {
        var page = await HearthWebFactory.HtmlAsync(await client.GetAsync($"/reports/funnel?{Period}"));
        var table = page.QuerySelectorAll("main table").First(t => t.QuerySelector("caption")!.TextContent.Contains("Referral funnel"));
        var column = table.QuerySelectorAll("thead th").Select(h => h.TextContent.Trim()).ToList().IndexOf("Accepted to intensive phase");
        var row = table.QuerySelectorAll("tbody tr").Single(r => r.Children[0].TextContent.Trim() == service);
        return (row.Children[column].TextContent.Trim(), page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task A_performance_officer_records_a_figure_through_the_page_and_the_funnel_shows_it_as_not_recorded()
    {
        // A service whose acceptances in 2025-26 were counted, so the test sees the count replaced rather than a 0 left alone.
        var (code, name) = await WithDb(async (_, s) =>
        {
            var funnel = await s.GetRequiredService<ReportService>().RunAsync(ActorContext.System("test"), "funnel", new ReportFilter(ReportPeriod.FinancialYear(2025)));
            var service = (string)funnel.Tables[0].Rows.First(r => r[8] is long n && n > 0)[0]!;
            return ((await s.GetRequiredService<HearthDbContext>().Set<Core.Organisation.Service>().SingleAsync(x => x.Name == service)).Code, service);
        });
        var client = await app.SignedInClientAsync("Performance");
        var home = await HearthWebFactory.HtmlAsync(await client.GetAsync("/"));
        Assert.Contains(home.QuerySelectorAll("main .hearth-card a"), a => a.GetAttribute("href") == List && a.TextContent == "Figures not recorded");
        var (before, _) = await FunnelAsync(client, name);
        Assert.NotEqual("n/a", before);

        var form = await HearthWebFactory.HtmlAsync(await client.GetAsync(Record));
        Assert.Equal(["", FunnelReport.AcceptedGap], form.QuerySelectorAll("select[name=Figure] option").Select(o => o.GetAttribute("value")));
        Assert.Equal("Referral funnel: accepted to the intensive phase", form.QuerySelector($"select[name=Figure] option[value='{FunnelReport.AcceptedGap}']")!.TextContent.Trim());
        Assert.Contains(form.QuerySelectorAll("select[name=Service] option"), o => o.GetAttribute("value") == code);
        Assert.NotNull(form.QuerySelector("input[name='From.Day']"));

        var saved = await HearthWebFactory.PostFormAsync(client, Record,
            [F("Service", code), F("Figure", FunnelReport.AcceptedGap), .. Date("From", "1", "4", "2025"), .. Date("To", "31", "3", "2026"), F("Note", "Acceptances were kept on paper that year")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var list = await HearthWebFactory.HtmlAsync(await client.GetAsync(saved.Headers.Location!.OriginalString));
        Assert.Contains($"The figure not recorded by {name} has been saved", list.QuerySelector(".govuk-notification-banner")!.TextContent);
        var row = list.QuerySelectorAll("#gaps tbody tr").Single();
        Assert.Equal([name, "Referral funnel: accepted to the intensive phase", "1 April 2025", "31 March 2026", "Acceptances were kept on paper that year"],
            row.Children.Take(5).Select(c => c.TextContent.Trim()));

        var (after, note) = await FunnelAsync(client, name);
        Assert.Equal("n/a", after);
        Assert.Contains($"Not available: {name}: Acceptances were kept on paper that year", note);
        var audit = await WithDb((db, _) => db.AuditEvents.SingleAsync(e => e.EntityType == nameof(ReportGap) && e.Action == AuditAction.Created && e.Changes!.Contains("kept on paper")));
        Assert.Equal("Pat Performance", audit.ActorName);
    }

    [Fact]
    public async Task Bad_input_names_each_field_in_the_error_summary_and_saves_nothing()
    {
        var client = await app.SignedInClientAsync("Performance");
        var before = await GapCountAsync();
        var empty = await HearthWebFactory.PostFormAsync(client, Record, [F("Service", ""), F("Figure", ""), F("Note", "")]);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var doc = await HearthWebFactory.HtmlAsync(empty);
        Assert.Equal([("#service", "Choose the service"), ("#figure", "Choose the figure that was not recorded"), ("#from", "Enter the first day the figure was not recorded"),
            ("#to", "Enter the last day the figure was not recorded"), ("#note", "Say why the figure is not available")], SummaryLinks(doc));
        Assert.Equal("Choose the service", doc.QuerySelector("#service-error")!.TextContent.Replace("Error:", "").Trim());

        // Boxes that do not make a date are named by the page, and what was typed is kept.
        var unreal = await HearthWebFactory.HtmlAsync(await HearthWebFactory.PostFormAsync(client, Record,
            [F("Service", "ifss-1"), F("Figure", FunnelReport.AcceptedGap), .. Date("From", "31", "2", "2020"), .. Date("To", "31", "3", "2020"), F("Note", "Not kept")]));
        Assert.Equal([("#from", "The first day must be a real date, for example 31 3 2026")], SummaryLinks(unreal));
        Assert.Equal("31", unreal.QuerySelector("input[name='From.Day']")!.GetAttribute("value"));

        var backwards = await HearthWebFactory.HtmlAsync(await HearthWebFactory.PostFormAsync(client, Record,
            [F("Service", "ifss-1"), F("Figure", FunnelReport.AcceptedGap), .. Date("From", "1", "4", "2020"), .. Date("To", "31", "3", "2020"), F("Note", "Not kept")]));
        Assert.Equal([("#to", "The last day must be the same as or after the first day")], SummaryLinks(backwards));
        Assert.Equal(before, await GapCountAsync());
    }

    [Fact]
    public async Task A_mistaken_entry_is_removed_and_a_stale_removal_is_refused()
    {
        var client = await app.SignedInClientAsync("Performance");
        Assert.Equal(HttpStatusCode.Redirect, (await HearthWebFactory.PostFormAsync(client, Record,
            [F("Service", "ifss-3"), F("Figure", FunnelReport.AcceptedGap), .. Date("From", "1", "4", "2019"), .. Date("To", "31", "3", "2020"), F("Note", "Entered by mistake")])).StatusCode);
        var list = await HearthWebFactory.HtmlAsync(await client.GetAsync(List));
        var row = list.QuerySelectorAll("#gaps tbody tr").Single(r => r.TextContent.Contains("Entered by mistake"));
        var form = row.QuerySelector("form")!;
        var fields = new[] { "Id", "Version", "__RequestVerificationToken" }
            .Select(n => F(n, (form.QuerySelector($"input[name={n}]") ?? list.QuerySelector($"input[name={n}]"))!.GetAttribute("value")!)).ToList();
        var action = form.GetAttribute("action")!;

        var removed = await client.PostAsync(action, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        var after = await HearthWebFactory.HtmlAsync(await client.GetAsync(removed.Headers.Location!.OriginalString));
        Assert.Contains("has been removed", after.QuerySelector(".govuk-notification-banner")!.TextContent);
        Assert.DoesNotContain("Entered by mistake", after.QuerySelector("main")!.TextContent);
        Assert.False(await WithDb((db, _) => db.Set<ReportGap>().AnyAsync(g => g.Note == "Entered by mistake")));
        Assert.True(await WithDb((db, _) => db.AuditEvents.AnyAsync(e => e.EntityType == nameof(ReportGap) && e.Action == AuditAction.Deleted)));

        // The same form again (opened before the removal, in another tab) is a conflict shown in the error summary.
        var stale = await HearthWebFactory.HtmlAsync(await client.PostAsync(action, new FormUrlEncodedContent(fields)));
        var summary = Assert.Single(SummaryLinks(stale));
        Assert.Equal("#gaps", summary.Href);
        Assert.Contains("changed by someone else", summary.Text);
    }

    [Theory]
    [InlineData("Admin")]
    [InlineData("Manager")]
    [InlineData("ServiceManager")]
    public async Task A_role_without_import_data_is_refused_and_saves_nothing(string role)
    {
        var client = await app.SignedInClientAsync(role);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(List)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Record)).StatusCode);
        var token = await HearthWebFactory.AntiforgeryTokenAsync(await client.GetAsync("/account/sign-out"));
        var posted = await client.PostAsync(Record, new FormUrlEncodedContent(
            [F("Service", "ifss-2"), F("Figure", FunnelReport.AcceptedGap), .. Date("From", "1", "4", "2018"), .. Date("To", "31", "3", "2019"), F("Note", $"Sneaky {role}"), F("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        Assert.False(await WithDb((db, _) => db.Set<ReportGap>().AnyAsync(g => g.Note == $"Sneaky {role}")));
        var home = await HearthWebFactory.HtmlAsync(await client.GetAsync("/"));
        Assert.DoesNotContain(home.QuerySelectorAll("main a"), a => a.GetAttribute("href") == List);
    }
}
