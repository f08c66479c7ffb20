using Microsoft.Playwright;

namespace Hearth.EndToEndTests;

/// <summary>
/// Every main page on a 390 px phone: the page never scrolls sideways (a wide table scrolls inside its own region) and
/// axe-core finds nothing. Each role visits the pages its home and navigation lead to.
/// </summary>
public sealed class NarrowScreenTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    public static TheoryData<string, string[]> Pages => new()
    {
        { "Practitioner", ["/", "/families", "/search?q=Pagetest", "/casework/due", "/measures"] },
        { "Manager", ["/", "/caseload", "/caseload/resource-panel", "/reports", "/reports/funnel", "/reports/outcomes", "/reports/measures", "/reports/capacity", "/reports/equality"] },
        { "Performance", ["/", "/results", "/census/readiness"] },
    };

    // One sign-in per role, then its pages in turn: signing in again for each page was most of the time.
    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Each_main_page_fits_a_390_pixel_screen_and_is_accessible(string role, string[] paths)
    {
        var page = await app.SignedInPageAsync(role);
        await page.SetViewportSizeAsync(390, 844);
        foreach (var path in paths)
        {
            await AssertFitsAsync(page, path);
        }
    }

    private static async Task AssertFitsAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.DOMContentLoaded });

        Assert.True(response!.Status == 200, $"{path} answered {response.Status}");
        var scroll = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        var width = await page.EvaluateAsync<int>("() => document.documentElement.clientWidth");
        if (scroll > width)
        {
            // Name the widest elements that stick out, so a failure says where to look.
            var culprits = await page.EvaluateAsync<string[]>("""
                w => [...document.querySelectorAll('body *')]
                  .filter(e => e.getBoundingClientRect().width > w && !e.parentElement.closest('.hearth-table-scroll'))
                  .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + [...e.classList].join('.') + ' ' + Math.round(e.getBoundingClientRect().width) + 'px')
                  .slice(-5)
                """, width);
            Assert.Fail($"{path} is {scroll} px wide on a {width} px screen: {string.Join("; ", culprits)}");
        }
        await Accessibility.AssertNoViolationsAsync(page);
    }
}
