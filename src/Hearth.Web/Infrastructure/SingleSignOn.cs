using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Hearth.Web.Infrastructure;

/// <summary>OpenID Connect single sign-on settings (section "Authentication:Oidc"), e.g. Microsoft Entra ID.</summary>
public sealed class SingleSignOnOptions
{
    public const string Section = "Authentication:Oidc";

    public bool Enabled { get; set; }
    /// <summary>Shown on the sign-in button, e.g. "Microsoft".</summary>
    public string DisplayName { get; set; } = "your organisation";
    /// <summary>Issuer base address, e.g. https://login.microsoftonline.com/{tenant}/v2.0.</summary>
    public string Authority { get; set; } = "";
    public string ClientId { get; set; } = "";
    public string ClientSecret { get; set; } = "";
    /// <summary>Defaults to Entra's endpoints under the authority; set both for another provider.</summary>
    public string? AuthorizationEndpoint { get; set; }
    public string? TokenEndpoint { get; set; }
}

/// <summary>
/// Authorization-code flow with PKCE on ASP.NET Core's OAuth handler, validating the ID token against the provider's
/// published keys (discovery document). The identity is then mapped to a Hearth user by /Account/ExternalCallback.
/// </summary>
public static class SingleSignOn
{
    public const string Scheme = "oidc";
    public const string SubjectClaim = "hearth:sso-subject";

    public static AuthenticationBuilder AddHearthSingleSignOn(this AuthenticationBuilder auth, SingleSignOnOptions sso)
    {
        if (!sso.Enabled)
        {
            return auth;
        }
        var authority = sso.Authority.TrimEnd('/');
        var baseAddress = authority.EndsWith("/v2.0", StringComparison.Ordinal) ? authority[..^5] : authority;
        var discovery = new ConfigurationManager<OpenIdConnectConfiguration>(
            authority + "/.well-known/openid-configuration", new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever { RequireHttps = authority.StartsWith("https://", StringComparison.Ordinal) });
        return auth.AddOAuth(Scheme, sso.DisplayName, o =>
        {
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.ClientId = sso.ClientId;
            o.ClientSecret = sso.ClientSecret;
            o.AuthorizationEndpoint = sso.AuthorizationEndpoint ?? baseAddress + "/oauth2/v2.0/authorize";
            o.TokenEndpoint = sso.TokenEndpoint ?? baseAddress + "/oauth2/v2.0/token";
            o.CallbackPath = "/signin-oidc";
            o.UsePkce = true;
            o.Scope.Clear();
            o.Scope.Add("openid");
            o.Scope.Add("profile");
            o.Scope.Add("email");
            o.Events = new OAuthEvents
            {
                OnCreatingTicket = async context =>
                {
                    var idToken = context.TokenResponse.Response?.RootElement.TryGetProperty("id_token", out var t) == true ? t.GetString() : null;
                    if (idToken is null)
                    {
                        context.Fail("The identity provider returned no ID token.");
                        return;
                    }
                    var config = await discovery.GetConfigurationAsync(context.HttpContext.RequestAborted);
                    var result = await new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
                    {
                        ValidIssuer = config.Issuer,
                        ValidAudience = sso.ClientId,
                        IssuerSigningKeys = config.SigningKeys,
                    });
                    if (!result.IsValid)
                    {
                        context.Fail("The ID token could not be validated.");
                        return;
                    }
                    // Entra's object id is stable across apps; "sub" is the standard subject elsewhere.
                    var subject = Claim(result.Claims, "oid") ?? Claim(result.Claims, "sub") ?? "";
                    var email = Claim(result.Claims, "email") ?? Claim(result.Claims, "preferred_username") ?? "";
                    context.Identity!.AddClaim(new Claim(SubjectClaim, subject));
                    context.Identity.AddClaim(new Claim(ClaimTypes.Email, email));
                },
            };
        });
    }

    private static string? Claim(IDictionary<string, object> claims, string name) =>
        claims.TryGetValue(name, out var value) ? value?.ToString() : null;
}
