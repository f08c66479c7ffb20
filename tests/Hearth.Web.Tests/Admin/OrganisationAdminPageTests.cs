using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Hearth.Core.Data;
using Hearth.Core.Organisation;
using Hearth.Core.Reporting;
using Hearth.Core.Security;
using Hearth.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests.Admin;

/// <summary>Organisation administration pages and API: services, teams, workers (and a worker leaving), budgets, population, the budgets and population figures to enter.</summary>
public sealed class OrganisationAdminPageTests(HearthWebFactory app) : IClassFixture<HearthWebFactory>
{
    private static readonly ActorContext System = ActorContext.System("test");
    private DateOnly Today => app.Today;
    private static KeyValuePair<string, string> F(string k, string v) => new(k, v);

    private static IEnumerable<KeyValuePair<string, string>> Date(string name, DateOnly d) =>
        [F($"{name}.Day", d.Day.ToString()), F($"{name}.Month", d.Month.ToString()), F($"{name}.Year", d.Year.ToString())];

    /// <summary>GETs the form page for its token and version, then posts to <paramref name="action"/> (a page handler, say).</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string action, IEnumerable<KeyValuePair<string, string>> fields, bool withVersion = true)
    {
        var form = await HearthWebFactory.HtmlAsync(await client.GetAsync(page));
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var version = form.QuerySelector("input[name=Version]")?.GetAttribute("value");
        var all = fields.Append(F("__RequestVerificationToken", token));
        if (withVersion && version is not null && !fields.Any(f => f.Key == "Version"))
        {
            all = all.Append(F("Version", version));
        }
        return await client.PostAsync(action, new FormUrlEncodedContent(all));
    }

    private static List<(string? Href, string Text)> SummaryLinks(IHtmlDocument doc) =>
        doc.QuerySelectorAll("main > .govuk-error-summary a").Select(a => (a.GetAttribute("href"), a.TextContent)).ToList();

    private async Task<T> WithDb<T>(Func<HearthDbContext, IServiceProvider, Task<T>> read)
    {
        using var scope = app.Services.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<HearthDbContext>(), scope.ServiceProvider);
    }

    private Task<int> AuditCountAsync() => WithDb((db, _) => db.AuditEvents.CountAsync());

    private Task<Service> NewServiceAsync(string code) => WithDb((_, s) =>
        s.GetRequiredService<OrganisationService>().CreateServiceAsync(System, new NewService($"Service {code}", code, null)));

    private Task<Team> NewTeamAsync(string service, string code) => WithDb((_, s) =>
        s.GetRequiredService<OrganisationService>().CreateTeamAsync(System, new NewTeam(service, $"Team {code}", code, "Harbour")));

    [Fact]
    public async Task The_admin_index_links_to_each_part_of_the_set_up()
    {
        var client = await app.SignedInClientAsync("Admin");
        var response = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = await HearthWebFactory.HtmlAsync(response);
        var links = doc.QuerySelectorAll("main .govuk-summary-list a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/admin/services", "/admin/workers", "/admin/users", "/admin/budgets", "/admin/population", "/admin/figures-to-enter", "/admin/directory"], links);
        Assert.Contains(doc.QuerySelectorAll(".govuk-service-navigation__link"), a => a.GetAttribute("href") == "/admin");
    }

    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/services")]
    [InlineData("/admin/services/create")]
    [InlineData("/admin/services/edit?code=ifss-1")]
    [InlineData("/admin/teams/create")]
    [InlineData("/admin/teams/edit?code=ifss-1-team")]
    [InlineData("/admin/workers")]
    [InlineData("/admin/workers/create")]
    [InlineData("/admin/budgets")]
    [InlineData("/admin/budgets/set")]
    [InlineData("/admin/population")]
    [InlineData("/admin/population/set")]
    [InlineData("/admin/figures-to-enter")]
    public async Task Each_page_opens_for_an_administrator_and_is_refused_to_a_manager(string path)
    {
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignedInClientAsync("Admin")).GetAsync(path)).StatusCode);
        var refused = await (await app.SignedInClientAsync("Manager")).GetAsync(path);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task A_manager_posting_an_admin_form_is_refused_with_403_and_nothing_saved()
    {
        var manager = await app.SignedInClientAsync("Manager");
        var token = await HearthWebFactory.AntiforgeryTokenAsync(await manager.GetAsync("/account/sign-out"));
        // The form's own "Code" field must not be taken for the error page's status code.
        var response = await manager.PostAsync("/admin/services/create", new FormUrlEncodedContent([F("Name", "Sneaky"), F("Code", "sneaky"), F("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("You do not have access to this page", (await HearthWebFactory.HtmlAsync(response)).QuerySelector("h1")!.TextContent);
        Assert.False(await WithDb((db, _) => db.Set<Service>().AnyAsync(s => s.Code == "sneaky")));
    }

    [Fact]
    public async Task An_administrator_adds_a_service_and_bad_input_is_refused_whole()
    {
        var client = await app.SignedInClientAsync("Admin");
        var before = await AuditCountAsync();
        var bad = await PostAsync(client, "/admin/services/create", "/admin/services/create", [F("Name", ""), F("Code", "ifss-1")]);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var links = SummaryLinks(await HearthWebFactory.HtmlAsync(bad));
        Assert.Equal([("#name", "Enter the service name"), ("#code", "A service with code ifss-1 already exists")], links);
        Assert.Equal(before, await AuditCountAsync());

        var ok = await PostAsync(client, "/admin/services/create", "/admin/services/create", [F("Name", "Early Help North"), F("Code", "early-help-north"), F("ProgrammeCode", "ifss")]);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var service = await WithDb((db, _) => db.Set<Service>().SingleAsync(s => s.Code == "early-help-north"));
        Assert.Equal(("Early Help North", "ifss"), (service.Name, service.ProgrammeCode));
        var list = await HearthWebFactory.HtmlAsync(await client.GetAsync(ok.Headers.Location!.OriginalString));
        Assert.Contains("Early Help North has been saved", list.QuerySelector(".govuk-notification-banner")!.TextContent);
    }

    [Fact]
    public async Task A_service_is_renamed_a_stale_form_is_refused_and_a_service_is_closed()
    {
        await NewServiceAsync("rename-me");
        var client = await app.SignedInClientAsync("Admin");
        var page = "/admin/services/edit?code=rename-me";
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, page, page, [F("Name", "Renamed Service"), F("Description", "After recommissioning")])).StatusCode);
        Assert.Equal("Renamed Service", await WithDb((db, _) => db.Set<Service>().Where(s => s.Code == "rename-me").Select(s => s.Name).SingleAsync()));

        var stale = await PostAsync(client, page, page, [F("Name", "Stale name"), F("Version", "0")]);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("changed by someone else", SummaryLinks(await HearthWebFactory.HtmlAsync(stale)).Single().Text);

        var future = await PostAsync(client, page, page + "&handler=Close", Date("ClosedOn", Today.AddDays(3)));
        Assert.Equal([("#closed-on", "The date the service closes must be today or in the past")], SummaryLinks(await HearthWebFactory.HtmlAsync(future)));
        var notADate = await PostAsync(client, page, page + "&handler=Close", [F("ClosedOn.Day", "31"), F("ClosedOn.Month", "2"), F("ClosedOn.Year", "2026")]);
        Assert.Equal([("#closed-on", "The date the service closes must be a real date, like 31 3 2026")], SummaryLinks(await HearthWebFactory.HtmlAsync(notADate)));
        Assert.Null(await WithDb((db, _) => db.Set<Service>().Where(s => s.Code == "rename-me").Select(s => s.ClosedOn).SingleAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, page, page + "&handler=Close", Date("ClosedOn", Today))).StatusCode);
        Assert.Equal(Today, await WithDb((db, _) => db.Set<Service>().Where(s => s.Code == "rename-me").Select(s => s.ClosedOn).SingleAsync()));
        var services = await HearthWebFactory.HtmlAsync(await client.GetAsync("/admin/services"));
        Assert.Contains($"Closed on {Today.ToString("d MMMM yyyy", global::System.Globalization.CultureInfo.GetCultureInfo("en-GB"))}", services.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task A_team_is_added_given_a_patch_and_base_and_closed()
    {
        await NewServiceAsync("team-home");
        var client = await app.SignedInClientAsync("Admin");
        var bad = await PostAsync(client, "/admin/teams/create", "/admin/teams/create", [F("Service", ""), F("Name", "Coast"), F("Code", "")]);
        Assert.Equal([("#service", "Choose the service the team belongs to"), ("#code", "Enter a short code for the team")], SummaryLinks(await HearthWebFactory.HtmlAsync(bad)));
        Assert.False(await WithDb((db, _) => db.Set<Team>().AnyAsync(t => t.Name == "Coast")));

        var ok = await PostAsync(client, "/admin/teams/create?service=team-home", "/admin/teams/create", [F("Service", "team-home"), F("Name", "Coast"), F("Code", "coast"), F("Patch", "Seaside"), F("Base", "Harbour Family Hub")]);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);

        var edit = "/admin/teams/edit?code=coast";
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, edit, edit, [F("Name", "Coast team"), F("Patch", "Seaside and Docks"), F("Base", "Dockside Centre")])).StatusCode);
        var tooLong = await PostAsync(client, edit, edit, [F("Name", "Coast team"), F("Base", new string('x', 201))]);
        Assert.Equal([("#base", "Base must be 200 characters or fewer")], SummaryLinks(await HearthWebFactory.HtmlAsync(tooLong)));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, edit, edit + "&handler=Close", Date("ClosedOn", Today))).StatusCode);

        var team = await WithDb((db, _) => db.Set<Team>().SingleAsync(t => t.Code == "coast"));
        Assert.Equal(("Coast team", "Seaside and Docks", "Dockside Centre", (DateOnly?)Today), (team.Name, team.Patch, team.Base, team.ClosedOn));
        // A closed team is no longer offered for new workers.
        var workerForm = await HearthWebFactory.HtmlAsync(await client.GetAsync("/admin/workers/create"));
        Assert.DoesNotContain(workerForm.QuerySelectorAll("#team option"), o => o.GetAttribute("value") == "coast");
    }

    [Fact]
    public async Task A_worker_is_added_and_edited_and_unreadable_numbers_are_named()
    {
        await NewServiceAsync("workers-home");
        await NewTeamAsync("workers-home", "workers-team");
        var client = await app.SignedInClientAsync("Admin");
        var fields = new List<KeyValuePair<string, string>> { F("Team", "workers-team"), F("Name", "Rhian Morgan"), F("JobTitle", "Family practitioner"), F("MaxIntensiveCases", "2"), F("Specialisms", "domestic abuse, parenting") };

        var unreadable = await PostAsync(client, "/admin/workers/create", "/admin/workers/create", fields.Append(F("Fte", "most of the week")));
        Assert.Equal([("#fte", "Full-time equivalent must be a number, like 0.6")], SummaryLinks(await HearthWebFactory.HtmlAsync(unreadable)));
        var empty = await PostAsync(client, "/admin/workers/create", "/admin/workers/create", fields.Append(F("Fte", "")));
        Assert.Equal([("#fte", "Enter the worker's full-time equivalent")], SummaryLinks(await HearthWebFactory.HtmlAsync(empty)));
        Assert.False(await WithDb((db, _) => db.Set<Worker>().AnyAsync(w => w.Name == "Rhian Morgan")));

        var ok = await PostAsync(client, "/admin/workers/create", "/admin/workers/create", fields.Append(F("Fte", "0.6")).Concat(Date("StartDate", new DateOnly(2024, 9, 2))));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var worker = await WithDb((db, _) => db.Set<Worker>().SingleAsync(w => w.Name == "Rhian Morgan"));
        Assert.Equal((0.6m, 2, new DateOnly(2024, 9, 2)), (worker.Fte, worker.MaxIntensiveCases, worker.StartDate!.Value));
        Assert.Equal(["domestic abuse", "parenting"], worker.Specialisms);

        var edit = $"/admin/workers/edit?id={worker.Id}";
        var form = await HearthWebFactory.HtmlAsync(await client.GetAsync(edit));
        Assert.Equal("0.6", form.QuerySelector("#fte")!.GetAttribute("value"));
        var saved = await PostAsync(client, edit, edit, [F("Name", "Rhian Morgan"), F("JobTitle", "Senior practitioner"), F("Fte", "1"), F("MaxIntensiveCases", "3"),
            F("Specialisms", "parenting"), F("Patch", "Docks"), .. Date("StartDate", new DateOnly(2024, 9, 2))]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        worker = await WithDb((db, _) => db.Set<Worker>().SingleAsync(w => w.Id == worker.Id));
        Assert.Equal(("Senior practitioner", 1m, 3, "Docks"), (worker.JobTitle, worker.Fte, worker.MaxIntensiveCases, worker.Patch));
        Assert.Equal(["parenting"], worker.Specialisms);
    }

    [Fact]
    public async Task A_worker_who_leaves_can_no_longer_sign_in_or_use_a_token()
    {
        var email = "leaver@council.example";
        var user = await WithDb((_, s) => s.GetRequiredService<UserService>().CreateAsync(System, new NewUser("Lee Leaver", email, "Practitioner", ["ifss-1-team"], HearthWebFactory.Password)));
        var token = await WithDb((_, s) => s.GetRequiredService<TokenService>().CreateAsync(System, email, "leaver's client", null));
        var api = app.NewClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.SignInAsync(app.NewClient(), email)).StatusCode);

        var client = await app.SignedInClientAsync("Admin");
        var leave = $"/admin/workers/leave?id={user.WorkerId}";
        var bad = await PostAsync(client, leave, leave, Date("LeavingDate", Today.AddDays(7)));
        Assert.Equal([("#leaving-date", "The date the worker left must be today or in the past")], SummaryLinks(await HearthWebFactory.HtmlAsync(bad)));
        Assert.True(await WithDb((db, _) => db.Users.Where(u => u.Id == user.Id).Select(u => u.IsActive).SingleAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, leave, leave, Date("LeavingDate", Today))).StatusCode);
        var worker = await WithDb((db, _) => db.Set<Worker>().SingleAsync(w => w.Id == user.WorkerId));
        Assert.False(worker.IsActive);
        Assert.Equal(Today, worker.LeavingDate);
        Assert.False(await WithDb((db, _) => db.Users.Where(u => u.Id == user.Id).Select(u => u.IsActive).SingleAsync()));

        var refused = await app.SignInAsync(app.NewClient(), email);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Enter a correct email address and password", (await HearthWebFactory.HtmlAsync(refused)).QuerySelector(".govuk-error-summary")!.TextContent);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me")).StatusCode);
        var list = await HearthWebFactory.HtmlAsync(await client.GetAsync("/admin/workers"));
        Assert.Contains("Left on", list.QuerySelectorAll("tr").Single(r => r.TextContent.Contains("Lee Leaver")).TextContent);
    }

    [Fact]
    public async Task A_budget_is_set_and_changed_and_bad_amounts_are_named()
    {
        await NewServiceAsync("budget-home");
        var client = await app.SignedInClientAsync("Admin");
        var bad = await PostAsync(client, "/admin/budgets/set", "/admin/budgets/set", [F("Service", "budget-home"), F("FinancialYear", "2025"), F("GrossExpenditure", "lots"), F("Income", "")]);
        Assert.Equal([("#gross-expenditure", "Gross expenditure must be an amount in pounds, like 447890")], SummaryLinks(await HearthWebFactory.HtmlAsync(bad)));
        var core = await PostAsync(client, "/admin/budgets/set", "/admin/budgets/set", [F("Service", "budget-home"), F("FinancialYear", "2025"), F("GrossExpenditure", "380,000"), F("Income", "")]);
        Assert.Equal([("#financial-year", "Enter the financial year in the format 2025-26"), ("#income", "Enter the income, or 0 if there was none")], SummaryLinks(await HearthWebFactory.HtmlAsync(core)));
        Assert.False(await WithDb((db, _) => db.Set<ServiceBudget>().AnyAsync(b => b.Note == "first")));

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, "/admin/budgets/set", "/admin/budgets/set",
            [F("Service", "budget-home"), F("FinancialYear", "2025-26"), F("GrossExpenditure", "£380,000"), F("Income", "45000.50"), F("Note", "first")])).StatusCode);
        var change = "/admin/budgets/set?service=budget-home&financialYear=2025-26";
        var form = await HearthWebFactory.HtmlAsync(await client.GetAsync(change));
        Assert.Equal("45000.50", form.QuerySelector("#income")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, change, change,
            [F("Service", "budget-home"), F("FinancialYear", "2025-26"), F("GrossExpenditure", "390000"), F("Income", "45000.50"), F("Note", "second")])).StatusCode);

        var budget = await WithDb((db, _) => db.Set<ServiceBudget>().Join(db.Set<Service>(), b => b.ServiceId, s => s.Id, (b, s) => new { b, s.Code }).Where(x => x.Code == "budget-home").Select(x => x.b).SingleAsync());
        Assert.Equal((390_000m, 45_000.50m, 344_999.50m, "second"), (budget.GrossExpenditure, budget.Income, budget.Net, budget.Note));
        var table = await HearthWebFactory.HtmlAsync(await client.GetAsync("/admin/budgets"));
        Assert.Contains("£344,999.50", table.QuerySelectorAll("tr").Single(r => r.TextContent.Contains("Service budget-home")).TextContent);
    }

    [Fact]
    public async Task A_population_figure_is_added_and_bad_input_is_named()
    {
        var client = await app.SignedInClientAsync("Admin");
        var bad = await PostAsync(client, "/admin/population/set", "/admin/population/set", [F("Year", "2019"), F("Category", ""), F("Count", "12")]);
        Assert.Equal([("#characteristic", "Choose the characteristic"), ("#category", "Enter the category, like 0-4, F or WBRI")], SummaryLinks(await HearthWebFactory.HtmlAsync(bad)));
        Assert.False(await WithDb((db, _) => db.Set<PopulationFigure>().AnyAsync(p => p.Year == 2019)));

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, "/admin/population/set", "/admin/population/set",
            [F("Year", "2019"), F("Characteristic", "disability"), F("Category", "AUT"), F("Count", "1,250"), F("Source", "School census")])).StatusCode);
        var figure = await WithDb((db, _) => db.Set<PopulationFigure>().SingleAsync(p => p.Year == 2019));
        Assert.Equal(("disability", "AUT", 1250L, "School census"), (figure.Characteristic, figure.Category, figure.Count, figure.Source));
        Assert.Contains("Population figures for 2019", (await HearthWebFactory.HtmlAsync(await client.GetAsync("/admin/population"))).QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task The_figures_to_enter_page_names_a_service_without_a_budget_this_year()
    {
        await NewServiceAsync("no-budget");
        var client = await app.SignedInClientAsync("Admin");
        var doc = await HearthWebFactory.HtmlAsync(await client.GetAsync("/admin/figures-to-enter"));
        var year = ReportPeriod.FinancialYearLabel(ReportPeriod.FinancialYearOf(Today));
        var row = doc.QuerySelectorAll("tr").Single(r => r.TextContent.Contains("Service no-budget"));
        Assert.Contains(year, row.TextContent);
        Assert.Equal($"/admin/budgets/set?service=no-budget&financialYear={year}", row.QuerySelector("a")!.GetAttribute("href"));
        // The demo council entered no disability population figures.
        Assert.Contains(doc.QuerySelectorAll("tr"), r => r.TextContent.Contains("disability") && r.TextContent.Contains("2021"));
    }

    private async Task<HttpClient> TokenClientAsync(string role)
    {
        var issued = await WithDb((_, s) => s.GetRequiredService<TokenService>().CreateAsync(System, HearthWebFactory.EmailFor(role), "set-up script", null));
        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued.Token);
        return client;
    }

    [Fact]
    public async Task A_council_scripts_its_set_up_through_the_api()
    {
        var api = await TokenClientAsync("Admin");
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/v1/admin/services", new { name = "Scripted Service", code = "scripted" })).StatusCode);
        var team = await api.PostAsJsonAsync("/api/v1/admin/teams", new { serviceCode = "scripted", name = "Scripted Team", code = "scripted-team", patch = "East", @base = "Town Hall" });
        Assert.Equal(HttpStatusCode.Created, team.StatusCode);
        var created = await api.PostAsJsonAsync("/api/v1/admin/workers", new { teamCode = "scripted-team", name = "Ana Script", jobTitle = "Family practitioner", fte = 0.8, maxIntensiveCases = 2, specialisms = new[] { "parenting" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var worker = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = worker.GetProperty("id").GetGuid();
        Assert.Equal(0.8m, worker.GetProperty("fte").GetDecimal());

        var bad = await api.PostAsJsonAsync("/api/v1/admin/workers", new { teamCode = "scripted-team", name = "", jobTitle = "Family practitioner", fte = 2, maxIntensiveCases = 2 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Enter the worker's name", problem.GetProperty("errors").GetProperty("Name")[0].GetString());
        Assert.Equal("Full-time equivalent must be between 0.1 and 1", problem.GetProperty("errors").GetProperty("Fte")[0].GetString());

        var version = worker.GetProperty("version").GetInt32();
        var edited = await api.PutAsJsonAsync($"/api/v1/admin/workers/{id}", new { version, name = "Ana Script", jobTitle = "Senior practitioner", fte = 1, maxIntensiveCases = 3, specialisms = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await api.PutAsJsonAsync($"/api/v1/admin/workers/{id}", new { version, name = "Stale", jobTitle = "x", fte = 1, maxIntensiveCases = 3 })).StatusCode);
        var current = (await edited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
        var left = await api.PostAsJsonAsync($"/api/v1/admin/workers/{id}/leave", new { version = current, leavingDate = Today });
        Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        Assert.False((await left.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("active").GetBoolean());

        var budget = await api.PutAsJsonAsync("/api/v1/admin/budgets/scripted/2025-26", new { grossExpenditure = 200000, income = 20000.5 });
        Assert.Equal(HttpStatusCode.OK, budget.StatusCode);
        Assert.Equal(179_999.5m, (await budget.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("net").GetDecimal());
        var population = await api.PutAsJsonAsync("/api/v1/admin/population/2018", new { source = "ONS", figures = new[] { new { characteristic = "sex", category = "F", count = 100 }, new { characteristic = "sex", category = "M", count = 90 } } });
        Assert.Equal(HttpStatusCode.OK, population.StatusCode);
        Assert.Equal(2, (await api.GetFromJsonAsync<JsonElement>("/api/v1/admin/population?year=2018")).GetArrayLength());

        var closed = await api.PostAsJsonAsync("/api/v1/admin/teams/scripted-team/close", new { version = 0, closedOn = Today });
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var services = await api.GetFromJsonAsync<JsonElement>("/api/v1/admin/services");
        var scripted = services.EnumerateArray().Single(s => s.GetProperty("code").GetString() == "scripted");
        Assert.Equal(Today.ToString("yyyy-MM-dd"), scripted.GetProperty("teams")[0].GetProperty("closedOn").GetString());
        Assert.Equal("Town Hall", scripted.GetProperty("teams")[0].GetProperty("base").GetString());

        var gaps = await api.GetFromJsonAsync<JsonElement>("/api/v1/admin/figures-to-enter");
        Assert.Contains(gaps.GetProperty("budgets").EnumerateArray(), b => b.GetProperty("serviceCode").GetString() == "scripted" && b.GetProperty("year").GetString() == ReportPeriod.FinancialYearLabel(ReportPeriod.FinancialYearOf(Today)));
    }

    [Fact]
    public async Task The_admin_api_refuses_a_manager()
    {
        var api = await TokenClientAsync("Manager");
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("/api/v1/admin/workers")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsJsonAsync("/api/v1/admin/services", new { name = "Nope", code = "nope-api" })).StatusCode);
        Assert.False(await WithDb((db, _) => db.Set<Service>().AnyAsync(s => s.Code == "nope-api")));
    }
}
