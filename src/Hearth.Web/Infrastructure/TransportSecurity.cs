using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;

namespace Hearth.Web.Infrastructure;

/// <summary>
/// How Hearth is reached and how its secrets are kept (the <c>Security</c> and <c>DataProtection</c> settings): HTTPS only,
/// with HSTS and Secure cookies, everywhere but a developer's machine and the demo; the addresses of the council's reverse
/// proxies, whose forwarded headers alone are believed; the certificate that encrypts the key ring at rest.
/// </summary>
public sealed class TransportSecurity
{
    /// <summary>True unless set false, or running in Development or as the demo (both on a person's own machine over http).</summary>
    public required bool RequireHttps { get; init; }
    public int? HttpsPort { get; init; }
    public required TimeSpan HstsMaxAge { get; init; }
    public required IReadOnlyList<IPAddress> KnownProxies { get; init; }
    public required IReadOnlyList<System.Net.IPNetwork> KnownNetworks { get; init; }
    /// <summary>A PKCS#12 file whose certificate encrypts the data-protection keys (which protect sign-in cookies and forms).</summary>
    public string? KeyCertificatePath { get; init; }
    public string? KeyCertificatePassword { get; init; }

    public static TransportSecurity From(IConfiguration configuration, IHostEnvironment environment)
    {
        var security = configuration.GetSection("Security");
        return new TransportSecurity
        {
            RequireHttps = Read(security, "RequireHttps", v => bool.Parse(v))
                ?? !(environment.IsDevelopment() || configuration.GetValue<bool>("Demo:Enabled")),
            HttpsPort = Read(security, "HttpsPort", v => int.Parse(v, WebSetup.Culture)),
            HstsMaxAge = TimeSpan.FromDays(Read(security, "HstsDays", v => int.Parse(v, WebSetup.Culture)) ?? 365),
            KnownProxies = List(security, "KnownProxies").Select(v => IPAddress.TryParse(v, out var ip) ? ip
                : throw new SettingException($"Security:KnownProxies: \"{v}\" is not an IP address")).ToList(),
            KnownNetworks = List(security, "KnownNetworks").Select(v => System.Net.IPNetwork.TryParse(v, out var network) ? network
                : throw new SettingException($"Security:KnownNetworks: \"{v}\" is not a network such as 10.0.0.0/8")).ToList(),
            KeyCertificatePath = configuration["DataProtection:CertificatePath"] is { Length: > 0 } path ? path : null,
            KeyCertificatePassword = configuration["DataProtection:CertificatePassword"],
        };
    }

    private static T? Read<T>(IConfiguration section, string key, Func<string, T> parse) where T : struct
    {
        if (section[key] is not { Length: > 0 } value)
        {
            return null;
        }
        try
        {
            return parse(value);
        }
        catch (FormatException)
        {
            throw new SettingException($"Security:{key}: \"{value}\" is not a valid value");
        }
    }

    /// <summary>A list setting, given as a JSON array or as one value separated by commas or semicolons (for environment variables).</summary>
    private static IEnumerable<string> List(IConfiguration section, string key)
    {
        var child = section.GetSection(key);
        var values = child.Value is { Length: > 0 } joined ? joined.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : child.GetChildren().Select(c => c.Value).OfType<string>();
        return values.Where(v => v.Length > 0);
    }

    public void AddServices(IServiceCollection services, IDataProtectionBuilder keys)
    {
        if (KeyCertificatePath is { } path)
        {
            X509Certificate2 certificate;
            try
            {
                certificate = X509CertificateLoader.LoadPkcs12FromFile(path, KeyCertificatePassword);
            }
            catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
            {
                throw new SettingException($"DataProtection:CertificatePath: the certificate \"{path}\" cannot be read ({e.Message})");
            }
            keys.ProtectKeysWithCertificate(certificate);
        }
        services.AddSingleton(this);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Loopback stays trusted (a proxy on the same host); anything else only when the council names it.
            foreach (var proxy in KnownProxies)
            {
                o.KnownProxies.Add(proxy);
            }
            foreach (var network in KnownNetworks)
            {
                o.KnownIPNetworks.Add(network);
            }
        });
        services.AddHsts(o =>
        {
            o.MaxAge = HstsMaxAge;
            o.IncludeSubDomains = true;
        });
        services.AddHttpsRedirection(o =>
        {
            o.RedirectStatusCode = StatusCodes.Status308PermanentRedirect;
            o.HttpsPort = HttpsPort;
        });
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookiePolicy);
    }

    public CookieSecurePolicy CookiePolicy => RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

    public void Use(WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!RequireHttps)
        {
            return;
        }
        app.UseHsts();
        // A load balancer's health probe may come over plain http inside the council's network.
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/health"), branch => branch.UseHttpsRedirection());
        if (KeyCertificatePath is null)
        {
            app.Logger.LogWarning("The data-protection keys are stored unencrypted; set DataProtection:CertificatePath to encrypt them at rest (docs/getting-started.md, settings)");
        }
    }
}

/// <summary>A setting the app cannot start with; the message names it.</summary>
public sealed class SettingException(string message) : Exception(message);
