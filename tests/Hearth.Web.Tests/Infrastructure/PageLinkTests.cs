using System.Text.RegularExpressions;
using Hearth.TestCommon;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests.Infrastructure;

/// <summary>
/// Links are generated from page routes (asp-page, RedirectToPage, Url.Page), not typed as strings: a renamed route
/// then breaks the build or this test, not a user's click.
/// </summary>
public sealed partial class PageLinkTests(HearthWebFactory app) : IClassFixture<HearthWebFactory>
{
    private static string Web => Path.Combine(TestFiles.RepositoryRoot, "src", "Hearth.Web");

    private static IEnumerable<string> Views(string root) =>
        Directory.EnumerateFiles(root, "*.cshtml", SearchOption.AllDirectories)
            .Where(f => !new[] { "bin", "obj", "node_modules", ".git" }.Any(d => f.Contains($"{Path.DirectorySeparatorChar}{d}{Path.DirectorySeparatorChar}", StringComparison.Ordinal)));

    [Fact]
    public void No_view_in_the_repository_hand_types_an_internal_link()
    {
        var views = Views(TestFiles.RepositoryRoot).ToList();
        Assert.NotEmpty(views);
        var typed = views.SelectMany(f => File.ReadAllLines(f).Select((line, i) => (f, i, line)))
            .Where(x => !x.line.TrimStart().StartsWith("@page", StringComparison.Ordinal))
            .Where(x => HandTypedHref().IsMatch(x.line) || HandTypedPath().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(TestFiles.RepositoryRoot, x.f)}:{x.i + 1}: {x.line.Trim()}").ToList();
        Assert.Empty(typed);
    }

    [Fact]
    public void No_page_model_builds_or_redirects_to_a_hand_typed_path()
    {
        var typed = Directory.EnumerateFiles(Path.Combine(Web, "Pages"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (f, i, line)))
            .Where(x => TypedRedirect().IsMatch(x.line) || HandTypedPath().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(Web, x.f)}:{x.i + 1}: {x.line.Trim()}").ToList();
        Assert.Empty(typed);
    }

    [Fact]
    public void Every_page_a_link_or_redirect_names_exists()
    {
        var pages = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<PageActionDescriptor>()?.ViewEnginePath).OfType<string>().ToHashSet(StringComparer.Ordinal);
        Assert.Contains("/Families/Show", pages);
        var named = Views(Web).SelectMany(f => AspPage().Matches(File.ReadAllText(f)).Select(m => (File: f, Page: m.Groups[1].Value)))
            .Concat(Directory.EnumerateFiles(Web, "*.cs", SearchOption.AllDirectories).Concat(Views(Web))
                .SelectMany(f => PageInCode().Matches(File.ReadAllText(f)).Select(m => (File: f, Page: m.Groups[1].Value))))
            .ToList();
        Assert.True(named.Count > 150, $"only {named.Count} page links found");
        var missing = named.Where(n => !pages.Contains(n.Page)).Select(n => $"{Path.GetRelativePath(Web, n.File)}: {n.Page}").Distinct().ToList();
        Assert.Empty(missing);
    }

    // href="/families" (a static file is written ~/css/..., resolved by the framework).
    [GeneratedRegex("""href=["']/(?!/)""")]
    private static partial Regex HandTypedHref();

    // A path handed to a partial or built in a view: "/families/..." or $"/families/{id}".
    [GeneratedRegex("""(?<![=\w])\$?"/[a-z]""")]
    private static partial Regex HandTypedPath();

    [GeneratedRegex("""Redirect\(\$?"/""")]
    private static partial Regex TypedRedirect();

    [GeneratedRegex(@"asp-page=""([^""]+)""")]
    private static partial Regex AspPage();

    [GeneratedRegex("""(?:RedirectToPage|Url\.Page)\("(/[^"]+)"\s*[,)]""")]
    private static partial Regex PageInCode();
}
