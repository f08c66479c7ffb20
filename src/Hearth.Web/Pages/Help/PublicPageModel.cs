using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;

namespace Hearth.Web.Pages.Help;

/// <summary>The footer's pages (privacy, cookies, accessibility): open to anyone, signed in or not, and carrying the council's own details.</summary>
public abstract class PublicPageModel(PublicInformationOptions info) : HearthPageModel
{
    public PublicInformationOptions Info => info;

    public void OnGet()
    {
    }
}

[AllowAnonymous]
public sealed class PrivacyModel(PublicInformationOptions info) : PublicPageModel(info);

[AllowAnonymous]
public sealed class CookiesModel(PublicInformationOptions info, SingleSignOnOptions sso) : PublicPageModel(info)
{
    /// <summary>The sign-in-with-your-organisation cookies are only set when single sign-on is on.</summary>
    public bool SingleSignOn => sso.Enabled;
}

[AllowAnonymous]
public sealed class AccessibilityModel(PublicInformationOptions info) : PublicPageModel(info);
