using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Hearth.Web.Tests.Infrastructure;

/// <summary>Hearth as a council runs it: HTTPS only, behind a named proxy, for its own host name, keys encrypted at rest.</summary>
public sealed class TransportTests(TransportTests.CouncilHostFactory app) : IClassFixture<TransportTests.CouncilHostFactory>
{
    private const string Host = "hearth.council.example";

    public sealed class CouncilHostFactory : HearthWebFactory
    {
        public string KeysFolder { get; } = Directory.CreateTempSubdirectory("hearth-keys-").FullName;

        public CouncilHostFactory()
        {
            var pfx = Path.Combine(KeysFolder, "..", Path.GetFileName(KeysFolder) + ".pfx");
            using (var rsa = RSA.Create(2048))
            {
                var request = new CertificateRequest("CN=Hearth key encryption (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
                File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pfx, "test-only"));
            }
            ExtraSettings["Security:RequireHttps"] = "true";
            ExtraSettings["Security:HttpsPort"] = "443";
            ExtraSettings["Security:KnownProxies"] = "10.1.2.3";
            ExtraSettings["AllowedHosts"] = Host;
            ExtraSettings["DataProtection:KeysFolder"] = KeysFolder;
            ExtraSettings["DataProtection:CertificatePath"] = pfx;
            ExtraSettings["DataProtection:CertificatePassword"] = "test-only";
        }

        public HttpClient Client(string scheme, string host = Host) =>
            CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"{scheme}://{host}"), AllowAutoRedirect = false, HandleCookies = true });
    }

    [Fact]
    public async Task Plain_http_is_redirected_to_https_and_https_answers_with_hsts()
    {
        var http = await app.Client("http").GetAsync("/account/sign-in?returnUrl=%2Fsearch");
        Assert.Equal(HttpStatusCode.PermanentRedirect, http.StatusCode);
        Assert.Equal($"https://{Host}/account/sign-in?returnUrl=%2Fsearch", http.Headers.Location!.ToString());

        var https = await app.Client("https").GetAsync("/account/sign-in");
        Assert.Equal(HttpStatusCode.OK, https.StatusCode);
        Assert.Equal("max-age=31536000; includeSubDomains", https.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task Every_answer_carries_the_security_headers_and_a_policy_without_inline_code()
    {
        foreach (var path in new[] { "/account/sign-in", "/health", "/no-such-page" })
        {
            var response = await app.Client("https").GetAsync(path);
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
            Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        }
    }

    [Fact]
    public async Task The_health_probe_answers_over_plain_http()
    {
        var response = await app.Client("http").GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Every_cookie_is_secure_and_the_encrypted_key_ring_still_signs_people_in()
    {
        var client = app.Client("https");
        var form = await client.GetAsync("/account/sign-in");
        var response = await app.SignInAsync(client, HearthWebFactory.EmailFor("Practitioner"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookies = form.Headers.GetValues("Set-Cookie").Concat(response.Headers.GetValues("Set-Cookie")).ToList();
        Assert.Contains(cookies, c => c.StartsWith("hearth=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));

        // The cookie is read back with the key it was protected with: the key ring decrypts with the certificate.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/search")).StatusCode);
        var keys = Directory.GetFiles(app.KeysFolder, "key-*.xml").Select(File.ReadAllText).ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_request_for_another_host_name_is_refused()
    {
        var response = await app.Client("https", "evil.example").GetAsync("/account/sign-in");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("10.1.2.3", HttpStatusCode.OK)]
    [InlineData("10.9.9.9", HttpStatusCode.PermanentRedirect)]
    public async Task Only_the_named_proxy_is_believed_when_it_says_the_request_came_over_https(string peer, HttpStatusCode expected)
    {
        var context = await app.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Scheme = "http";
            c.Request.Host = new HostString(Host);
            c.Request.Path = "/account/sign-in";
            c.Request.Headers["X-Forwarded-Proto"] = "https";
            c.Request.Headers["X-Forwarded-For"] = "192.0.2.10";
            c.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        });
        Assert.Equal((int)expected, context.Response.StatusCode);
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Hearth.Web";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private static TransportSecurity Read(string environment, params (string Key, string Value)[] settings) =>
        TransportSecurity.From(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build(),
            new Environment(environment));

    [Fact]
    public void Https_and_secure_cookies_are_the_default_everywhere_but_a_developers_machine_and_the_demo()
    {
        Assert.True(Read("Production").RequireHttps);
        Assert.Equal(CookieSecurePolicy.Always, Read("Production").CookiePolicy);
        Assert.True(Read("Staging").RequireHttps);
        Assert.False(Read("Development").RequireHttps);
        Assert.False(Read("Production", ("Demo:Enabled", "true")).RequireHttps);
        Assert.True(Read("Production", ("Demo:Enabled", "true"), ("Security:RequireHttps", "true")).RequireHttps);
        Assert.Equal(CookieSecurePolicy.SameAsRequest, Read("Development").CookiePolicy);
    }

    [Theory]
    [InlineData("Security:KnownProxies", "proxy.council.example", "Security:KnownProxies: \"proxy.council.example\" is not an IP address")]
    [InlineData("Security:KnownNetworks", "10.0.0.0", "Security:KnownNetworks: \"10.0.0.0\" is not a network such as 10.0.0.0/8")]
    [InlineData("Security:RequireHttps", "yes", "Security:RequireHttps: \"yes\" is not a valid value")]
    public void A_setting_that_cannot_be_read_stops_the_start_naming_it(string key, string value, string message)
    {
        var e = Assert.Throws<SettingException>(() => Read("Production", (key, value)));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Proxies_and_networks_are_read_from_a_list_or_from_one_value()
    {
        var joined = Read("Production", ("Security:KnownProxies", "10.0.0.1, 10.0.0.2"), ("Security:KnownNetworks", "192.168.0.0/16"));
        Assert.Equal(["10.0.0.1", "10.0.0.2"], joined.KnownProxies.Select(p => p.ToString()));
        Assert.Equal(["192.168.0.0/16"], joined.KnownNetworks.Select(n => n.ToString()));
        var listed = Read("Production", ("Security:KnownProxies:0", "10.0.0.3"), ("Security:KnownProxies:1", "::1"));
        Assert.Equal(["10.0.0.3", "::1"], listed.KnownProxies.Select(p => p.ToString()));
    }
}
