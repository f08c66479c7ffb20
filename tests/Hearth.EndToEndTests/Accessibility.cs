using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace Hearth.EndToEndTests;

public static class Accessibility
{
    private static readonly string[] Wcag22AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

    // axe-core as Deque ships it in Deque.AxeCore.Commons. We inject it and call axe.run ourselves rather than through
    // Deque.AxeCore.Playwright's RunAxe, which re-injects the script and carries every pass and inapplicable rule with
    // its nodes back to .NET on each call: about 1.5 s a page against 0.2 s for the same rules, same results.
    private static readonly Lazy<string> AxeSource = new(() => new BundledAxeScriptProvider().GetScript());

    private const string Run = """
        async tags => {
          const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
          return {
            passes: r.passes.length,
            violations: r.violations.map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)
          };
        }
        """;

    // Playwright fills the result by property, so it needs a parameterless constructor.
    private sealed class AxeSummary
    {
        public int Passes { get; set; }
        public string[] Violations { get; set; } = [];
    }

    /// <summary>Runs axe-core on the page and fails with each WCAG 2.2 A/AA violation named.</summary>
    public static async Task AssertNoViolationsAsync(IPage page)
    {
        // Evaluated through the DevTools protocol, so the page's Content-Security-Policy does not block it.
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(AxeSource.Value);
        }
        var result = await page.EvaluateAsync<AxeSummary>(Run, Wcag22AA);
        Assert.True(result.Violations.Length == 0, $"axe-core found WCAG violations on {page.Url}:\n" + string.Join("\n", result.Violations));
        Assert.True(result.Passes > 0, "axe-core ran no checks");
    }
}
