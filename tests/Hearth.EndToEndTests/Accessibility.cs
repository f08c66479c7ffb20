using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Hearth.EndToEndTests;

public static class Accessibility
{
    private static readonly string[] Wcag22AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

    /// <summary>Runs axe-core on the page and fails with each WCAG 2.2 A/AA violation named.</summary>
    public static async Task AssertNoViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Wcag22AA] } });
        var problems = result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}").ToList();
        Assert.True(problems.Count == 0, $"axe-core found WCAG violations on {page.Url}:\n" + string.Join("\n", problems));
        Assert.True(result.Passes.Length > 0, "axe-core ran no checks");
    }
}
