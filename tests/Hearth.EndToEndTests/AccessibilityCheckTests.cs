using Xunit.Sdk;

namespace Hearth.EndToEndTests;

/// <summary>The accessibility check every journey relies on: it must find a violation when there is one, on every page it is called on.</summary>
public sealed class AccessibilityCheckTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_check_names_each_violation_and_checks_again_after_the_page_changes()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await Accessibility.AssertNoViolationsAsync(page);

        // An image with no text alternative and a field with no label, added to a page the check has already passed.
        await page.EvaluateAsync("""
            () => {
              const main = document.querySelector('main');
              main.insertAdjacentHTML('beforeend', '<img src="/favicon.ico" id="bad-image"><input type="text" id="bad-field">');
            }
            """);
        var failure = await Assert.ThrowsAsync<TrueException>(() => Accessibility.AssertNoViolationsAsync(page));
        Assert.Contains("image-alt", failure.Message);
        Assert.Contains("#bad-image", failure.Message);
        Assert.Contains("label", failure.Message);
        Assert.Contains("#bad-field", failure.Message);

        // A new page load drops the injected axe-core and the bad markup; the check injects it again and passes.
        await page.GotoAsync("/account/sign-in");
        await Accessibility.AssertNoViolationsAsync(page);
    }
}
