using System.Text.RegularExpressions;
using Hearth.Core.Security;
using Hearth.TestCommon;
using Hearth.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Hearth.EndToEndTests;

public sealed class CensusJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private static readonly ActorContext System = ActorContext.System("census journey test");
    private static readonly PageWaitForURLOptions DomLoaded = new() { WaitUntil = WaitUntilState.DOMContentLoaded };

    private static async Task<string> CensusCardAsync(IPage page)
    {
        var card = page.Locator(".govuk-summary-card", new() { Has = page.Locator(".govuk-summary-card__title", new() { HasTextRegex = new Regex("^Census issues for") }) });
        return await card.CountAsync() == 0 ? "" : await card.InnerTextAsync();
    }

    [Fact]
    public async Task A_performance_officer_checks_a_file_downloads_its_csv_and_sees_readiness_and_export_all_accessible()
    {
        var page = await app.SignedInPageAsync("Performance");
        await page.GotoAsync("/census");
        await Accessibility.AssertNoViolationsAsync(page);

        // The report in the page: CIN_Census_2024.xml is read as its header's 2023-24 (see CensusSampleFileTests).
        await page.GetByRole(AriaRole.Link, new() { Name = "Check a census file" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/census/upload$"), DomLoaded);
        await Accessibility.AssertNoViolationsAsync(page);
        var sample = Path.Combine(AppContext.BaseDirectory, "Data", "CIN_Census_2024.xml");
        await page.Locator("#upload").SetInputFilesAsync(sample);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "CIN_Census_2024.xml: CIN census 2023-24, 2 children" }).WaitForAsync();
        var rows = page.Locator("table.govuk-table tbody tr");
        Assert.Contains(await rows.AllInnerTextsAsync(), r => r.StartsWith("child_fails_assessments", StringComparison.Ordinal) && r.Contains("8897Q"));
        await Accessibility.AssertNoViolationsAsync(page);

        // The same file again as a CSV download.
        await page.Locator("#upload").SetInputFilesAsync(sample);
        await page.GetByLabel("As a CSV download").CheckAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync());
        Assert.Equal("CIN_Census_2024-issues.csv", download.SuggestedFilename);
        using (var reader = new StreamReader(await download.CreateReadStreamAsync()))
        {
            var csv = await reader.ReadToEndAsync();
            Assert.StartsWith("LAchildID,Rule,Type,Fields,Message,Location", csv);
            Assert.Contains(csv.Split('\n'), line => line.StartsWith("child_fails_assessments,8897Q,", StringComparison.Ordinal));
        }

        // Readiness: the council's issues by team, each with a link to the family record.
        await page.GotoAsync("/census");
        await page.GetByRole(AriaRole.Link, new() { Name = "Census readiness: every issue in Hearth's records, by rule" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/census/readiness$"), DomLoaded);
        await page.GetByRole(AriaRole.Heading, new() { Name = "Census readiness", Exact = true }).WaitForAsync();
        Assert.True(await page.Locator("table.govuk-table caption").CountAsync() > 0);
        Assert.Matches("^/families/", await page.Locator("table.govuk-table a.govuk-link").First.GetAttributeAsync("href"));
        await Accessibility.AssertNoViolationsAsync(page);

        // Export: a bad date is named in the error summary; the demo's 2025-26 census downloads straight away.
        await page.GotoAsync("/census");
        await page.GetByRole(AriaRole.Link, new() { Name = "Export Hearth's census" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/census/export$"), DomLoaded);
        await Accessibility.AssertNoViolationsAsync(page);
        await page.Locator("[id='reference-date-day']").FillAsync("31");
        await page.Locator("[id='reference-date-month']").FillAsync("March");
        await page.Locator("[id='reference-date-year']").FillAsync("2026");
        await page.GetByLabel("Local authority code").FillAsync("808");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check and download" }).ClickAsync();
        await page.Locator(".govuk-error-summary").WaitForAsync();
        Assert.Contains("The reference date must be a real date", await page.Locator(".govuk-error-summary").InnerTextAsync());
        await Accessibility.AssertNoViolationsAsync(page);
        await BrowserFixture.FillDateAsync(page, "reference-date", new DateOnly(2026, 3, 31));
        var census = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Check and download" }).ClickAsync());
        Assert.EndsWith(".xml", census.SuggestedFilename);
        using var xml = new StreamReader(await census.CreateReadStreamAsync());
        Assert.Contains("<ReferenceDate>2026-03-31</ReferenceDate>", await xml.ReadToEndAsync());
    }

    /// <summary>A new family of the practitioner's team with a child referred on 1 September 2026 and accepted.</summary>
    private async Task<(Guid Family, string ChildName)> ReferredChildAsync()
    {
        var family = await TestData.CreateFamilyAsync(app.Services, f =>
            f.By(System).Named("Census").WithoutParent().WithChild("Nia", new DateOnly(2015, 4, 1)).Accepted(new DateOnly(2026, 9, 1), "domestic_abuse").WithReference("E2E-CENSUS"));
        return (family.Id, "Nia Census");
    }

    [Fact]
    public async Task A_practitioner_records_a_cin_plan_an_enquiry_and_a_protection_plan_and_sees_the_census_issues_change()
    {
        // Signing in starts the app, which seeds the demo council and its teams.
        var page = await app.SignedInPageAsync("Practitioner");
        var (family, name) = await ReferredChildAsync();

        await page.GotoAsync($"/families/{family}");
        await Accessibility.AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Statutory records") }).ClickAsync();
        await page.WaitForURLAsync(new Regex($"/statutory/families/{family}$"), DomLoaded);
        await Accessibility.AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"{name}'s statutory record") }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/statutory/referrals/.+/children/[^/]+$"), DomLoaded);
        var child = page.Url;
        await Accessibility.AssertNoViolationsAsync(page);
        Assert.DoesNotContain("8675Q", await CensusCardAsync(page));

        // Primary need and factors.
        await page.Locator("input[name='PrimaryNeedCode'][value='N1']").CheckAsync();
        await page.Locator("input[name='AssessmentFactors'][value='3B']").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save primary need and factors" }).ClickAsync();
        await page.WaitForURLAsync(child, DomLoaded);

        // A CIN plan for the first fortnight.
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a CIN plan" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/cin-plans$"), DomLoaded);
        await Accessibility.AssertNoViolationsAsync(page);
        await BrowserFixture.FillDateAsync(page, "started-on", new DateOnly(2026, 9, 1));
        await BrowserFixture.FillDateAsync(page, "ended-on", new DateOnly(2026, 9, 15));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save CIN plan" }).ClickAsync();
        await page.WaitForURLAsync(child, DomLoaded);
        Assert.Contains("Ended 15 September 2026", await page.Locator("main").InnerTextAsync());

        // A section 47 enquiry with no conference yet: on 2 November it started more than 15 working days before
        // 31 March 2027, so the census now queries it (8675Q).
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a section 47 enquiry" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/section-47$"), DomLoaded);
        await Accessibility.AssertNoViolationsAsync(page);
        await BrowserFixture.FillDateAsync(page, "started-on", new DateOnly(2026, 9, 2));
        await BrowserFixture.FillDateAsync(page, "conference-target-on", new DateOnly(2026, 9, 23));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save section 47 enquiry" }).ClickAsync();
        await page.WaitForURLAsync(child, DomLoaded);
        Assert.Contains("8675Q", await CensusCardAsync(page));
        await Accessibility.AssertNoViolationsAsync(page);

        // The conference is recorded on the enquiry, and the query goes.
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("Section 47 enquiry from 2 September 2026") }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/section-47/[^/]+$"), DomLoaded);
        await Accessibility.AssertNoViolationsAsync(page);
        await BrowserFixture.FillDateAsync(page, "conference-on", new DateOnly(2026, 9, 16));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save section 47 enquiry" }).ClickAsync();
        await page.WaitForURLAsync(child, DomLoaded);
        Assert.DoesNotContain("8675Q", await CensusCardAsync(page));

        // The protection plan starts on the conference day.
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a child protection plan" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/protection-plans$"), DomLoaded);
        await Accessibility.AssertNoViolationsAsync(page);
        await BrowserFixture.FillDateAsync(page, "started-on", new DateOnly(2026, 9, 16));
        await page.Locator("input[name='InitialCategory'][value='NEG']").CheckAsync();
        await page.Locator("input[name='LatestCategory'][value='NEG']").CheckAsync();
        await page.GetByLabel("Number of previous child protection plans").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save child protection plan" }).ClickAsync();
        await page.WaitForURLAsync(child, DomLoaded);
        var main = await page.Locator("main").InnerTextAsync();
        Assert.Contains("conference 16 September 2026", main, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("8675Q", await CensusCardAsync(page));
        await Accessibility.AssertNoViolationsAsync(page);
    }
}
