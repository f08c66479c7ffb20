using Hearth.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;

namespace Hearth.EndToEndTests;

/// <summary>
/// Hearth served by Kestrel on a loopback port, and Debian's Chromium driven by Playwright. Playwright never
/// downloads a browser here: HEARTH_CHROMIUM (default /usr/bin/chromium) is the one .ci/run installs.
/// </summary>
public class BrowserFixture : HearthWebFactory
{
    // One Chromium for the whole test process: each fixture's pages get their own browser context (cookies, storage),
    // which isolates them as well as a browser each would, without starting Chromium once per class.
    private static readonly Lazy<Task<IBrowser>> SharedBrowser = new(async () =>
    {
        var playwright = await Playwright.CreateAsync();
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("HEARTH_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    });

    public IBrowser Browser { get; private set; } = null!;

    private readonly System.Collections.Concurrent.ConcurrentBag<IBrowserContext> _contexts = [];
    public string BaseUrl { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        UseKestrel(0);
        StartServer();
        BaseUrl = ClientOptions.BaseAddress.ToString().TrimEnd('/');
        Browser = await SharedBrowser.Value;
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = "en-GB" });
        _contexts.Add(context);
        // CI runs every test project at once on a small machine; Playwright's 30-second default is too short there.
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        return await context.NewPageAsync();
    }

    /// <summary>A new page, signed in as the demo user of a role and on the home page.</summary>
    public async Task<IPage> SignedInPageAsync(string role)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address").FillAsync(EmailFor(role));
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(BaseUrl + "/", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        return page;
    }

    /// <summary>
    /// Clicks a form's button and waits until the page it redirects to, <paramref name="path"/>, has loaded. Waiting
    /// for the responses, not for the address, matters when the form posts back to the address it is already on; a
    /// form that comes back with errors fails with its error summary rather than a bare timeout.
    /// </summary>
    public async Task SubmitAsync(IPage page, string button, string path)
    {
        var target = BaseUrl + path;
        var landed = page.WaitForResponseAsync(r => r.Request.Method == "GET" && (r.Url == target || r.Url.StartsWith(target + "?", StringComparison.Ordinal)));
        var posted = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync(), r => r.Request.Method == "POST");
        if (posted.Status != 302)
        {
            await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
            var errors = await page.Locator(".govuk-error-summary").AllInnerTextsAsync();
            Assert.Fail($"\"{button}\" answered {posted.Status}, not a redirect to {path}{(errors.Count > 0 ? "; errors: " + string.Join("; ", errors) : "")}");
        }
        await landed;
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(target) + @"(\?|$)"), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    /// <summary>Fills a GOV.UK date input: the fields <paramref name="id"/>-day, -month and -year.</summary>
    public static async Task FillDateAsync(IPage page, string id, DateOnly date)
    {
        await page.Locator($"[id='{id}-day']").FillAsync(date.Day.ToString());
        await page.Locator($"[id='{id}-month']").FillAsync(date.Month.ToString());
        await page.Locator($"[id='{id}-year']").FillAsync(date.Year.ToString());
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }
        await base.DisposeAsync();
    }
}
