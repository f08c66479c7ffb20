using Microsoft.Extensions.Logging;
using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Hearth.TestCommon;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hearth.Web.Tests.Infrastructure;

/// <summary>
/// Hearth's real web app on a real test database, with the demo council seeded (every role has a user whose
/// password is <see cref="Password"/>). One per test class.
/// </summary>
public class HearthWebFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = TestDatabase.DemoPassword;

    public TestDatabase Database { get; private set; } = null!;
    /// <summary>The app's clock: <see cref="TestDatabase.DemoClock"/> unless a fixture sets another.</summary>
    public FixedTimeProvider Clock { get; init; } = TestDatabase.DemoClock();

    /// <summary>The app's today, the UK date of <see cref="Clock"/>.</summary>
    public DateOnly Today => Hearth.Core.UkTime.TodayInUk(Clock);
    public Dictionary<string, string?> ExtraSettings { get; } = [];

    /// <summary>Whether the app starts on the demo council (as <c>Demo:Enabled</c>) or on an empty database.</summary>
    protected virtual bool WithDemo => true;

    // The demo council is copied from a per-process template seeded on the fixture's date, so the app's own start
    // finds it already there instead of seeding it again for every class.
    public virtual async Task InitializeAsync() =>
        Database = WithDemo ? await TestDatabase.CreateDemoAsync(Clock) : await TestDatabase.CreateAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // The test server speaks plain http; TransportTests turns HTTPS on through ExtraSettings.
        builder.UseSetting("Security:RequireHttps", "false");
        foreach (var (key, value) in Database.Settings.Concat(ExtraSettings))
        {
            builder.UseSetting(key, value);
        }
        builder.UseSetting("Demo:Enabled", WithDemo ? "true" : "false");
        builder.UseSetting("Demo:Password", Password);
        builder.UseSetting("Database:DataFolder", Path.Combine(Path.GetTempPath(), "hearth-web-tests", Guid.NewGuid().ToString("N")));
        builder.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
        // A page test sees a 500 only as a page without its content; the server's own account of it goes to a file
        // that .ci/run prints when a suite fails.
        builder.ConfigureLogging(l => l.AddProvider(new ServerErrorLog()));
    }

    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static string EmailFor(string role) => $"{role.ToLowerInvariant()}@demo.hearth.example";

    /// <summary>Signs in through the real sign-in form and returns the response to the POST.</summary>
    public async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password = Password)
    {
        var form = await client.GetAsync("/account/sign-in");
        var token = await AntiforgeryTokenAsync(form);
        return await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    public async Task<HttpClient> SignedInClientAsync(string role)
    {
        var client = NewClient();
        var response = await SignInAsync(client, EmailFor(role));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static async Task<IHtmlDocument> HtmlAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    public static async Task<string> AntiforgeryTokenAsync(HttpResponseMessage page)
    {
        var doc = await HtmlAsync(page);
        return doc.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("The page has no antiforgery token.");
    }

    /// <summary>Posts a form the way a browser would: GET the page for its token, then POST the fields.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = await AntiforgeryTokenAsync(await client.GetAsync(path));
        return await client.PostAsync(path, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
    }
}

/// <summary>The test servers' errors (an unhandled exception behind a 500, say), appended to one file per database.</summary>
public sealed class ServerErrorLog : ILoggerProvider
{
    public static string FilePath => Path.Combine(Path.GetTempPath(), $"hearth-test-server-errors-{TestDatabase.ProviderUnderTest}.log".ToLowerInvariant());

    private static readonly Lock Writing = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }
            lock (Writing)
            {
                File.AppendAllText(FilePath, $"{DateTimeOffset.UtcNow:O} {logLevel} {category}: {formatter(state, exception)}\n{exception}\n\n");
            }
        }
    }
}
