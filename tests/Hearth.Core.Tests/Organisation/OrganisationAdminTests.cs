using System.Text.Json;
using Hearth.Core.Auditing;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Hearth.Core.Reporting;
using Hearth.Core.Security;
using Hearth.Core.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Organisation;

/// <summary>Services, teams, workers, budgets and population set by an administrator: each change audited, bad input refused whole.</summary>
public sealed class OrganisationAdminTests : JourneyTestBase
{
    private static List<FieldChange> Changes(AuditEvent e) =>
        JsonSerializer.Deserialize<List<FieldChange>>(e.Changes!, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;

    private Task<List<AuditEvent>> AuditFor(string entityType, Guid id) =>
        InScope(s => Get<HearthDbContext>(s).AuditEvents.AsNoTracking().Where(e => e.EntityType == entityType && e.EntityId == id.ToString()).OrderBy(e => e.Id).ToListAsync());

    [Fact]
    public async Task Renaming_a_service_and_changing_a_teams_patch_and_base_are_audited_with_from_and_to()
    {
        await InScope(s => Get<OrganisationService>(s).UpdateServiceAsync(Admin.WithReason("recommissioned"), new ServiceChange("ifss-1", Ifss.Version, "Family Support North", "Whole-family work")));
        var service = (await AuditFor("Service", Ifss.Id)).Last();
        Assert.Equal(AuditAction.Updated, service.Action);
        Assert.Equal("recommissioned", service.Reason);
        Assert.Equal(Admin.UserId, service.ActorUserId);
        Assert.Contains(new FieldChange("Name", "IFSS Site 1", "Family Support North"), Changes(service));
        Assert.Contains(new FieldChange("Description", null, "Whole-family work"), Changes(service));

        await InScope(s => Get<OrganisationService>(s).UpdateTeamAsync(Admin, new TeamChange("team-a", TeamA.Version, "Team A", "North and Coast", "Riverside Family Hub")));
        var team = (await AuditFor("Team", TeamA.Id)).Last();
        Assert.Equal([new FieldChange("Base", null, "Riverside Family Hub"), new FieldChange("Patch", "North", "North and Coast")], Changes(team).OrderBy(c => c.Field));
    }

    [Fact]
    public async Task A_stale_edit_is_a_concurrency_conflict_and_changes_nothing()
    {
        await InScope(s => Get<OrganisationService>(s).UpdateTeamAsync(Admin, new TeamChange("team-a", TeamA.Version, "Team Alpha", null, null)));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            InScope(s => Get<OrganisationService>(s).UpdateTeamAsync(Admin, new TeamChange("team-a", TeamA.Version, "Team Aardvark", null, null))));
        Assert.Equal("Team Alpha", await InScope(s => Get<HearthDbContext>(s).Set<Team>().Where(t => t.Id == TeamA.Id).Select(t => t.Name).SingleAsync()));
    }

    [Fact]
    public async Task Bad_input_is_refused_whole_with_each_field_named_and_nothing_changed()
    {
        var worker = await WorkerAsync("Sian", TeamA);
        var before = await InScope(s => Get<HearthDbContext>(s).AuditEvents.CountAsync());
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => InScope(s => Get<OrganisationService>(s).UpdateWorkerAsync(Admin,
            new WorkerChange(worker.Id, worker.Version, " ", "", null, 51, [], null, new DateOnly(2026, 1, 5), new DateOnly(2025, 12, 1)))));
        Assert.Equal(["Name", "JobTitle", "Fte", "MaxIntensiveCases", "LeavingDate"], e.Errors.Select(x => x.Field));
        Assert.Equal("Enter the worker's full-time equivalent", e.Errors.Single(x => x.Field == "Fte").Message);

        var fte = await Assert.ThrowsAsync<ValidationFailedException>(() => InScope(s => Get<OrganisationService>(s).UpdateWorkerAsync(Admin,
            new WorkerChange(worker.Id, worker.Version, "Sian", "Family practitioner", 1.5m, 2, [], null, null, null))));
        Assert.Equal("Full-time equivalent must be between 0.1 and 1", Assert.Single(fte.Errors).Message);

        var close = await Assert.ThrowsAsync<ValidationFailedException>(() => InScope(s => Get<OrganisationService>(s).CloseTeamAsync(Admin, "team-a", TeamA.Version, Today.AddDays(1))));
        Assert.Equal(new FieldError("ClosedOn", "The date the team closes must be today or in the past"), Assert.Single(close.Errors));
        Assert.Equal(before, await InScope(s => Get<HearthDbContext>(s).AuditEvents.CountAsync()));
    }

    [Fact]
    public async Task Only_an_administrator_changes_the_organisation()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => InScope(s => Get<OrganisationService>(s).CloseTeamAsync(Manager, "team-a", TeamA.Version, Today)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => InScope(s => Get<ReportInputService>(s).SetBudgetAsync(Manager, new BudgetInput("ifss-1", "2026-27", 1m, 0m, null))));
        Assert.Null(await InScope(s => Get<HearthDbContext>(s).Set<Team>().Where(t => t.Id == TeamA.Id).Select(t => t.ClosedOn).SingleAsync()));
    }

    [Fact]
    public async Task A_closed_team_takes_no_new_referrals_or_allocations_and_keeps_its_history()
    {
        var worker = await WorkerAsync("Sian", TeamA);
        var episode = await AcceptedEpisodeAsync("A-1", Today.AddDays(-20));
        await InScope(s => Get<AllocationService>(s).AllocateAsync(Manager, new NewAllocation(episode.Id, worker.Id, Today.AddDays(-19), true, null)));
        var second = await AcceptedEpisodeAsync("A-2", Today.AddDays(-10));
        var (family, child) = await FamilyWithChildAsync("A-3");

        var closed = await InScope(s => Get<OrganisationService>(s).CloseTeamAsync(Admin, "team-a", TeamA.Version, Today));
        Assert.Equal(Today, closed.ClosedOn);
        Assert.Contains(new FieldChange("ClosedOn", null, "2026-11-02"), Changes((await AuditFor("Team", TeamA.Id)).Last()));

        var referral = await Assert.ThrowsAsync<ValidationFailedException>(() => RecordAsync(Referral(family, child.Id, Today)));
        Assert.Equal(new FieldError("TeamId", "Team A closed on 2 November 2026 and takes no new work"), Assert.Single(referral.Errors));
        var allocation = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            InScope(s => Get<AllocationService>(s).AllocateAsync(Manager, new NewAllocation(second.Id, worker.Id, Today, true, null))));
        Assert.Equal("Team A closed on 2 November 2026 and takes no new work", Assert.Single(allocation.Errors).Message);
        // The history stays: the first episode and its allocation are still there.
        Assert.Equal(1, await InScope(s => Get<HearthDbContext>(s).Set<Allocation>().CountAsync(a => a.WorkerId == worker.Id && a.To == null)));
    }

    [Fact]
    public async Task A_closed_service_refuses_referrals_to_its_teams()
    {
        var (family, child) = await FamilyWithChildAsync("B-1");
        await InScope(s => Get<OrganisationService>(s).CloseServiceAsync(Admin, "ifss-1", Ifss.Version, Today.AddDays(-1)));
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => RecordAsync(Referral(family, child.Id, Today)));
        Assert.Equal("IFSS Site 1 closed on 1 November 2026 and takes no new work", Assert.Single(e.Errors).Message);
    }

    [Fact]
    public async Task A_worker_who_leaves_is_inactive_their_user_cannot_act_and_their_open_cases_stay_to_be_reallocated()
    {
        var worker = await WorkerAsync("Sian", TeamA);
        var episode = await AcceptedEpisodeAsync("A-1", Today.AddDays(-20));
        await InScope(s => Get<AllocationService>(s).AllocateAsync(Manager, new NewAllocation(episode.Id, worker.Id, Today.AddDays(-19), true, null)));
        var userId = await InScope(async s =>
        {
            var user = new HearthUser { DisplayName = "Sian", UserName = "sian@council.example", Email = "sian@council.example", Role = Role.Practitioner, WorkerId = worker.Id };
            Get<HearthDbContext>(s).UseActor(Admin);
            Assert.True((await Get<UserManager<HearthUser>>(s).CreateAsync(user, "a-long-enough-password")).Succeeded);
            return user.Id;
        });
        var stamp = await InScope(s => Get<HearthDbContext>(s).Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleAsync());

        var left = await InScope(s => Get<OrganisationService>(s).WorkerLeavesAsync(Admin, worker.Id, worker.Version, Today.AddDays(-1)));
        Assert.False(left.IsActive);
        Assert.Equal(Today.AddDays(-1), left.LeavingDate);
        var user = await InScope(s => Get<HearthDbContext>(s).Users.AsNoTracking().SingleAsync(u => u.Id == userId));
        Assert.False(user.IsActive);
        Assert.NotEqual(stamp, user.SecurityStamp);

        // Audited in the one save: the worker's leaving and the account's deactivation.
        Assert.Contains(new FieldChange("IsActive", "True", "False"), Changes((await AuditFor("Worker", worker.Id)).Last()));
        Assert.Contains(new FieldChange("LeavingDate", null, "2026-11-01"), Changes((await AuditFor("Worker", worker.Id)).Last()));
        Assert.Contains(new FieldChange("IsActive", "True", "False"), Changes((await AuditFor("HearthUser", userId)).Last()));
        // The contract with the reallocation list: an inactive worker still holding an open allocation.
        Assert.Equal(1, await InScope(s => Get<HearthDbContext>(s).Set<Allocation>().CountAsync(a => a.WorkerId == worker.Id && a.To == null)));

        var again = await Assert.ThrowsAsync<ValidationFailedException>(() => InScope(s => Get<OrganisationService>(s).WorkerLeavesAsync(Admin, worker.Id, left.Version, Today)));
        Assert.Equal("Sian has already left", Assert.Single(again.Errors).Message);
    }

    [Fact]
    public async Task A_budget_keeps_gross_expenditure_income_and_net_and_is_audited()
    {
        var budget = await InScope(s => Get<ReportInputService>(s).SetBudgetAsync(Admin, new BudgetInput("ifss-1", "2025-26", 380_000m, 45_500.50m, "8 staff")));
        Assert.Equal(2025, budget.FinancialYear);
        Assert.Equal(334_499.50m, budget.Net);
        var created = Assert.Single(await AuditFor("ServiceBudget", budget.Id));
        Assert.Contains(new FieldChange("GrossExpenditure", null, "380000"), Changes(created));

        // Editing from a stale read is refused; from the current one it saves.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => InScope(s => Get<ReportInputService>(s).SetBudgetAsync(Admin, new BudgetInput("ifss-1", "2025-26", 1m, 0m, null, budget.Version + 1))));
        await InScope(s => Get<ReportInputService>(s).SetBudgetAsync(Admin, new BudgetInput("ifss-1", "2025/26", 390_000m, 45_500.50m, "8 staff", budget.Version)));
        var row = Assert.Single(await InScope(s => Get<ReportInputService>(s).BudgetsAsync(Admin)));
        Assert.Equal((390_000m, 344_499.50m, "2025-26"), (row.GrossExpenditure, row.Net, row.Year));
    }

    [Fact]
    public async Task Report_gaps_name_each_year_a_service_has_no_budget_and_each_characteristic_without_population()
    {
        // A first referral in May 2024 makes 2024-25, 2025-26 and 2026-27 (today is 2 November 2026) years needing a budget.
        var (family, child) = await FamilyWithChildAsync("G-1");
        await RecordAsync(Referral(family, child.Id, new DateOnly(2024, 5, 1)));
        await InScope(s => Get<ReportInputService>(s).SetBudgetAsync(Admin, new BudgetInput("ifss-1", "2025-26", 380_000m, 0m, null)));
        await InScope(s => Get<ReportInputService>(s).SetPopulationAsync(Admin, 2021, [("age", "0-4", 16_000), ("sex", "F", 29_300)], "Census 2021"));

        var gaps = await InScope(s => Get<ReportInputService>(s).GapsAsync(Admin));
        Assert.Equal([("ifss-1", "2024-25"), ("ifss-1", "2026-27")], gaps.Budgets.Select(b => (b.ServiceCode, b.Year)));
        Assert.Equal([new MissingPopulation(2021, "ethnicity"), new MissingPopulation(2021, "disability")], gaps.Population);

        await InScope(s => Get<ReportInputService>(s).SetPopulationFigureAsync(Admin, new PopulationFigureInput(2021, "disability", "AUT", 900, null)));
        Assert.Equal([new MissingPopulation(2021, "ethnicity")], (await InScope(s => Get<ReportInputService>(s).GapsAsync(Admin))).Population);
    }

    [Fact]
    public async Task A_population_figure_is_refused_naming_each_field()
    {
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => InScope(s => Get<ReportInputService>(s).SetPopulationFigureAsync(Admin, new PopulationFigureInput(null, "shoe size", " ", -1, null))));
        Assert.Equal(["Year", "Characteristic", "Category", "Count"], e.Errors.Select(x => x.Field));
        Assert.Empty(await InScope(s => Get<ReportInputService>(s).PopulationAsync(Admin)));
    }
}
