using System.Net;
using System.Web;
using Hearth.Core.Security;
using Hearth.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests.Account;

public sealed class SingleSignOnFactory : HearthWebFactory
{
    public SingleSignOnFactory()
    {
        ExtraSettings["Authentication:Oidc:Enabled"] = "true";
        ExtraSettings["Authentication:Oidc:DisplayName"] = "Microsoft";
        ExtraSettings["Authentication:Oidc:Authority"] = "https://login.microsoftonline.com/contoso-tenant/v2.0";
        ExtraSettings["Authentication:Oidc:ClientId"] = "hearth-client";
        ExtraSettings["Authentication:Oidc:ClientSecret"] = "secret";
    }
}

public sealed class SingleSignOnTests(SingleSignOnFactory app) : IClassFixture<SingleSignOnFactory>
{
    [Fact]
    public async Task When_switched_on_the_sign_in_page_offers_it_and_the_challenge_goes_to_the_provider_with_pkce()
    {
        var client = app.NewClient();
        var page = await HearthWebFactory.HtmlAsync(await client.GetAsync("/account/sign-in"));
        Assert.Contains("Sign in with Microsoft", page.QuerySelector("main")!.TextContent);

        var response = await HearthWebFactory.PostFormAsync(client, "/account/sign-in?handler=SingleSignOn", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal("https://login.microsoftonline.com/contoso-tenant/oauth2/v2.0/authorize", location.GetLeftPart(UriPartial.Path));
        var query = HttpUtility.ParseQueryString(location.Query);
        Assert.Equal("hearth-client", query["client_id"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Contains("openid", query["scope"]!.Split(' '));
        Assert.EndsWith("/signin-oidc", query["redirect_uri"]);
    }

    [Fact]
    public async Task An_identity_is_mapped_to_the_user_with_its_email_once_and_then_by_subject()
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserService>();
        var manager = HearthWebFactory.EmailFor("Manager");

        var first = await users.FindForSingleSignOnAsync("entra-object-1", manager.ToUpperInvariant());
        Assert.Equal(manager, first!.Email);
        // Linked now: a later sign-in is found by subject even if the provider sends another email.
        var again = await users.FindForSingleSignOnAsync("entra-object-1", "renamed@elsewhere.example");
        Assert.Equal(first.Id, again!.Id);
        // A second identity cannot take over an account that is already linked.
        Assert.Null(await users.FindForSingleSignOnAsync("entra-object-2", manager));
        Assert.Null(await users.FindForSingleSignOnAsync("entra-object-3", "stranger@elsewhere.example"));
    }
}
