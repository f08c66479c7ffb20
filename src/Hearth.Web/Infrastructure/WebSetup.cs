using System.Globalization;
using Hearth.Core.Security;
using Hearth.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;

namespace Hearth.Web.Infrastructure;

public static class WebSetup
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-GB");
    public static readonly TimeZoneInfo LondonTime = Hearth.Core.UkTime.Zone;

    public static IServiceCollection AddHearthWeb(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        // Sign-in cookies must survive a restart: keep the key ring beside the data, or where the council points it.
        var database = configuration.GetSection(Hearth.Core.Data.DatabaseOptions.Section).Get<Hearth.Core.Data.DatabaseOptions>() ?? new();
        var keys = services.AddDataProtection()
            .SetApplicationName("Hearth")
            .PersistKeysToFileSystem(new DirectoryInfo(configuration["DataProtection:KeysFolder"] ?? Path.Combine(Path.GetFullPath(database.DataFolder), "keys")));
        var transport = TransportSecurity.From(configuration, environment);
        transport.AddServices(services, keys);
        services.AddHttpContextAccessor();
        services.AddIdentityCore<HearthUser>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<HearthClaimsPrincipalFactory>();

        var sso = configuration.GetSection(SingleSignOnOptions.Section).Get<SingleSignOnOptions>() ?? new SingleSignOnOptions();
        services.AddSingleton(sso);
        services.AddSingleton(configuration.GetSection(PublicInformationOptions.Section).Get<PublicInformationOptions>() ?? new PublicInformationOptions());
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = "Hearth";
                o.DefaultChallengeScheme = "Hearth";
            })
            // API callers present a bearer token; everyone else has the sign-in cookie.
            .AddPolicyScheme("Hearth", "Hearth", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiTokenAuthentication.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie!.Configure(o =>
            {
                o.LoginPath = "/account/sign-in";
                o.LogoutPath = "/account/sign-out";
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Cookie.Name = "hearth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = transport.CookiePolicy;
                o.Events.OnRedirectToLogin = context =>
                {
                    // Pages send people to sign in; the API answers 401.
                    if (context.Request.Path.StartsWithSegments("/api"))
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    }
                    else
                    {
                        context.Response.Redirect(context.RedirectUri);
                    }
                    return Task.CompletedTask;
                };
                // A signed-in user without the permission gets 403 (the error page explains it), not a redirect.
                o.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            }));
        // A deactivated user (a worker who left) gets a new security stamp; a sign-in cookie they still hold stops
        // working the next time the stamp is checked, so check it often.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAuthentication().AddHearthSingleSignOn(sso);
        services.AddAuthorization(o => o.AddHearthPolicies());
        // A policy's refusal is written to the audit trail before the usual 403.
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuditingAuthorizationResultHandler>();

        services.AddRazorPages(o =>
            {
                // Who may open each page is said on the page model itself ([RequirePermission], [SignedIn] or
                // [AllowAnonymous]); nothing here, so one place answers the question. Anything unmarked needs a sign-in.
                o.Conventions.Add(new LowercaseRoutes());
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization();
        services.AddRouting(o => o.LowercaseUrls = true);
        services.AddOpenApi("v1");
        services.AddProblemDetails();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    public static WebApplication UseHearthWeb(this WebApplication app)
    {
        // Never show a stack trace, in any environment: errors go to a plain page, details only to the log.
        app.Services.GetRequiredService<TransportSecurity>().Use(app);
        app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
            await next();
        });
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Culture),
            SupportedCultures = [Culture],
            SupportedUICultures = [Culture],
        });
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions()).AllowAnonymous();
        app.MapOpenApi("/api/{documentName}/openapi.json").AllowAnonymous();
        app.MapHearthApi();
        app.MapRazorPages();
        return app;
    }
}

/// <summary>Page routes in lower case with hyphens (/account/sign-in), as GOV.UK services use.</summary>
internal sealed class LowercaseRoutes : Microsoft.AspNetCore.Mvc.ApplicationModels.IPageRouteModelConvention
{
    public void Apply(Microsoft.AspNetCore.Mvc.ApplicationModels.PageRouteModel model)
    {
        foreach (var selector in model.Selectors)
        {
            if (selector.AttributeRouteModel?.Template is { } template)
            {
                selector.AttributeRouteModel.Template = Kebab(template);
            }
        }
    }

    /// <summary>Hyphenates the literal segments only: a parameter ({goalId}) keeps its name, or it would not bind to the handler's argument.</summary>
    private static string Kebab(string template)
    {
        var depth = 0;
        return string.Concat(template.Select((c, i) =>
        {
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            return depth == 0 && char.IsUpper(c) ? (i > 0 && template[i - 1] != '/' ? "-" : "") + char.ToLowerInvariant(c) : c.ToString();
        }));
    }
}
