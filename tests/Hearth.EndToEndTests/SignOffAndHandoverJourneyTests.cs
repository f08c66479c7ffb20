using Hearth.TestCommon;
using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Hearth.EndToEndTests;

/// <summary>A member's agreement, a manager's authorisation and a leaver's case handed over, in Chromium, on accessible pages.</summary>
public sealed class SignOffAndHandoverJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    private static readonly ActorContext System = ActorContext.System("sign-off and handover journey test");

    private async Task<T> WithAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        using var scope = app.Services.CreateScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>A new family of the practitioner's team, referred 30 days ago and accepted that day.</summary>
    private async Task<Episode> EpisodeAsync(DateOnly today, string reference) =>
        (await TestData.CreateFamilyAsync(app.Services, f => f.By(System).Named("Evans").WithReference(reference).Accepted(today.AddDays(-30)))).Episode!;

    [Fact]
    public async Task Agreement_authorisation_and_handover_work_in_chromium_and_are_accessible()
    {
        var today = app.Today;
        var episode = await EpisodeAsync(today, "E2E-SIGNOFF");
        var input = new AssessmentInput(today.AddDays(-29), "Kim's drug use", null, null, 5, [],
            new Dictionary<string, string?> { ["motivation_to_change"] = "6", ["substances_used"] = "Heroin" });
        await WithAsync(async s =>
        {
            await s.GetRequiredService<PlanService>().SavePlanAsync(System, episode.Id, null, new PlanInput(PlanKind.FamilyAgreement, "We will be honest with each other.", null));
            var assessments = s.GetRequiredService<AssessmentService>();
            var started = await assessments.StartAssessmentAsync(System, episode.Id, input);
            return await assessments.UpdateAssessmentAsync(System, started.Id, started.Version, input, complete: true);
        });
        var home = $"/casework/episodes/{episode.Id}";

        var practitioner = await app.SignedInPageAsync("Practitioner");
        await practitioner.GotoAsync(home);
        await practitioner.GetByRole(AriaRole.Link, new() { Name = "Record agreement to the family agreement" }).ClickAsync();
        await Accessibility.AssertNoViolationsAsync(practitioner);
        await practitioner.GetByRole(AriaRole.Button, new() { Name = "Record agreement" }).ClickAsync();
        var summary = practitioner.Locator(".govuk-error-summary");
        await summary.WaitForAsync();
        Assert.Contains("Choose the family member who agreed", await summary.InnerTextAsync());
        await Accessibility.AssertNoViolationsAsync(practitioner);
        await practitioner.GetByLabel("Kim Evans", new() { Exact = true }).CheckAsync();
        await practitioner.GetByLabel("Signed on paper").CheckAsync();
        await BrowserFixture.FillDateAsync(practitioner, "agreed-on", today);
        await practitioner.GetByRole(AriaRole.Button, new() { Name = "Record agreement" }).ClickAsync();
        await practitioner.WaitForURLAsync(app.BaseUrl + home, new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Contains("Kim Evans on", await practitioner.Locator("ul.agreements").InnerTextAsync());
        await Accessibility.AssertNoViolationsAsync(practitioner);

        var manager = await app.SignedInPageAsync("Manager");
        await manager.GotoAsync(home);
        await manager.GetByRole(AriaRole.Link, new() { Name = "Authorise the assessment" }).ClickAsync();
        await Accessibility.AssertNoViolationsAsync(manager);
        await manager.GetByRole(AriaRole.Button, new() { Name = "Authorise the assessment" }).ClickAsync();
        await manager.WaitForURLAsync(app.BaseUrl + home, new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.StartsWith("Authorised on", (await manager.Locator("#assessment-status").InnerTextAsync()).Trim());

        // The worker holding the case leaves; the manager finds it on the reallocation list and hands it over.
        var team = await WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<Team>().SingleAsync(t => t.Code == "ifss-1-team"));
        var (leaver, taker) = await WithAsync(async s =>
        {
            var org = s.GetRequiredService<OrganisationService>();
            var leaving = await org.CreateWorkerAsync(System, new NewWorker("ifss-1-team", "Dee Leaver", "Family worker", 1m, 2, [], team.Patch));
            var taking = await org.CreateWorkerAsync(System, new NewWorker("ifss-1-team", "Ash Taker", "Family worker", 1m, 2, [], team.Patch));
            await s.GetRequiredService<AllocationService>().AllocateAsync(System, new NewAllocation(episode.Id, leaving.Id, episode.OpenedOn));
            await org.WorkerLeavesAsync(System, leaving.Id, leaving.Version, episode.OpenedOn);
            return (leaving, taking);
        });
        await manager.GotoAsync("/caseload/reallocation");
        await Accessibility.AssertNoViolationsAsync(manager);
        await manager.GetByRole(AriaRole.Link, new() { Name = "Hand over Dee Leaver's case of family E2E-SIGNOFF" }).ClickAsync();
        await Accessibility.AssertNoViolationsAsync(manager);
        await manager.GetByRole(AriaRole.Button, new() { Name = "Hand over the case" }).ClickAsync();
        await manager.Locator(".govuk-error-summary").WaitForAsync();
        Assert.Contains("Choose the worker to hand the case to", await manager.Locator(".govuk-error-summary").InnerTextAsync());
        await Accessibility.AssertNoViolationsAsync(manager);
        await manager.GetByLabel(taker.Name, new() { Exact = true }).CheckAsync();
        await manager.GetByLabel("Worker left the team").CheckAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "Hand over the case" }).ClickAsync();
        await manager.WaitForURLAsync(app.BaseUrl + $"/episodes/{episode.Id}?saved=handover", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Contains("Worker left the team", await manager.Locator("main").InnerTextAsync());
        await Accessibility.AssertNoViolationsAsync(manager);
        Assert.Equal(leaver.Id, (await WithAsync(s => s.GetRequiredService<HearthDbContext>().Set<Allocation>().AsNoTracking().SingleAsync(a => a.EpisodeId == episode.Id && a.To != null))).WorkerId);
    }
}
