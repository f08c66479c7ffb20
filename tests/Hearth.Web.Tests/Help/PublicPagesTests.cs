using System.Net;
using Hearth.Web.Tests.Infrastructure;

namespace Hearth.Web.Tests.Help;

/// <summary>A council that has filled in its details for the privacy notice and accessibility statement, and uses single sign-on.</summary>
public sealed class FilledInCouncilFactory : HearthWebFactory
{
    public FilledInCouncilFactory()
    {
        ExtraSettings["PublicInformation:CouncilName"] = "Anytown Borough Council";
        ExtraSettings["PublicInformation:LawfulBasis"] = "Public task, Article 6(1)(e)";
        ExtraSettings["PublicInformation:AccessibilityContact"] = "access@anytown.example";
        ExtraSettings["Authentication:Oidc:Enabled"] = "true";
        ExtraSettings["Authentication:Oidc:Authority"] = "https://login.example/tenant/v2.0";
        ExtraSettings["Authentication:Oidc:ClientId"] = "hearth";
        ExtraSettings["Authentication:Oidc:ClientSecret"] = "not-a-secret";
    }
}

/// <summary>The footer's privacy, cookies and accessibility pages, open to anyone, on a council that has not filled its details in.</summary>
public sealed class PublicPagesTests(HearthWebFactory app) : IClassFixture<HearthWebFactory>
{
    [Fact]
    public async Task The_footer_links_to_the_privacy_cookies_and_accessibility_pages_and_each_opens_signed_out()
    {
        var signedOut = app.NewClient();
        var signIn = await HearthWebFactory.HtmlAsync(await signedOut.GetAsync("/account/sign-in"));
        var links = signIn.QuerySelectorAll("footer .govuk-footer__inline-list a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList();
        Assert.Equal([("Privacy", "/privacy"), ("Cookies", "/cookies"), ("Accessibility statement", "/accessibility")], links);

        foreach (var (heading, href) in new[] { ("Privacy notice", "/privacy"), ("Cookies", "/cookies"), ("Accessibility statement", "/accessibility") })
        {
            var response = await signedOut.GetAsync(href);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(heading, (await HearthWebFactory.HtmlAsync(response)).QuerySelector("main h1")!.TextContent.Trim());
        }
        // Signed in, the same footer is on every page.
        var home = await HearthWebFactory.HtmlAsync(await (await app.SignedInClientAsync("Practitioner")).GetAsync("/"));
        Assert.Equal(3, home.QuerySelectorAll("footer .govuk-footer__inline-list a").Length);
    }

    [Fact]
    public async Task Details_the_council_has_not_set_are_marked_as_gaps_naming_the_setting()
    {
        var privacy = await HearthWebFactory.HtmlAsync(await app.NewClient().GetAsync("/privacy"));

        var gaps = privacy.QuerySelectorAll("main .hearth-to-fill").Select(g => g.TextContent.Trim()).ToList();
        Assert.Equal(4, gaps.Count);
        Assert.Contains("To be completed by the council: set PublicInformation:LawfulBasis in the configuration.", gaps);
        Assert.Contains("To be completed by the council: set PublicInformation:CouncilName in the configuration.", gaps);
    }

    [Fact]
    public async Task The_cookies_page_lists_the_sign_in_and_antiforgery_cookies_and_says_there_is_no_analytics()
    {
        var cookies = await HearthWebFactory.HtmlAsync(await app.NewClient().GetAsync("/cookies"));

        Assert.Equal(["hearth", ".AspNetCore.Antiforgery.*"], cookies.QuerySelectorAll("main tbody th").Select(th => th.TextContent.Trim()));
        Assert.Contains("does not use analytics cookies", cookies.QuerySelector("main")!.TextContent);
    }
}

public sealed class FilledInPublicPagesTests(FilledInCouncilFactory app) : IClassFixture<FilledInCouncilFactory>
{
    [Fact]
    public async Task A_councils_own_details_replace_the_gaps_and_single_sign_on_adds_its_cookies()
    {
        var client = app.NewClient();
        var privacy = await HearthWebFactory.HtmlAsync(await client.GetAsync("/privacy"));
        var main = privacy.QuerySelector("main")!.TextContent;
        Assert.Contains("how Anytown Borough Council uses personal information", main);
        Assert.Contains("Public task, Article 6(1)(e)", main);
        // Still unset: the officer and the retention period.
        Assert.Equal(2, privacy.QuerySelectorAll("main .hearth-to-fill").Length);

        var accessibility = await HearthWebFactory.HtmlAsync(await client.GetAsync("/accessibility"));
        Assert.Contains("access@anytown.example", accessibility.QuerySelector("main")!.TextContent);

        var cookies = await HearthWebFactory.HtmlAsync(await client.GetAsync("/cookies"));
        Assert.Contains("Identity.External", cookies.QuerySelectorAll("main tbody th").Select(th => th.TextContent.Trim()));
    }
}
