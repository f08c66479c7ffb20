using Hearth.Core.Data;
using Hearth.Core.People;
using Hearth.Core.Programmes;
using Hearth.Core.Referrals;
using Hearth.Core.Reporting;
using Hearth.Core.Organisation;
using Hearth.Core.Security;
using Hearth.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Core.Tests.Reporting;

public sealed class CostAndEqualityTests : IAsyncLifetime
{
    private static readonly ActorContext System = ActorContext.System("test");
    private TestDatabase _db = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _services = _db.CreateServices(new FixedTimeProvider(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero)));
        using var scope = _services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ProgrammeService>().EnsureShippedAsync(System);
        var org = scope.ServiceProvider.GetRequiredService<OrganisationService>();
        await org.CreateServiceAsync(System, new NewService("IFIT", "ifit", null, ShippedProgrammes.Ifit));
        await org.CreateTeamAsync(System, new NewTeam("ifit", "IFIT team", "ifit-team", null));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _db.DisposeAsync();
    }

    private async Task<T> With<T>(Func<IServiceProvider, Task<T>> action)
    {
        using var scope = _services.CreateScope();
        return await action(scope.ServiceProvider);
    }

    private async Task ImportAsync(JourneyCsv csv) => await With(async s =>
    {
        var (rows, errors) = JourneyImport.Read(new StringReader(csv.ToString()));
        Assert.Empty(errors);
        var result = await s.GetRequiredService<JourneyImport>().ImportAsync(System, rows, new JourneyImportOptions());
        Assert.True(result.Succeeded);
        return result;
    });

    private Task<ReportResult> RunAsync(string name, ReportPeriod period) =>
        With(s => s.GetRequiredService<ReportService>().RunAsync(System, name, new ReportFilter(period)));

    [Fact]
    public async Task Cost_divides_the_budget_by_families_children_and_successes_and_prorates_part_years()
    {
        var csv = new JourneyCsv();
        // 37 families: 6 of three children and 31 of two (80 children); 20 closed with goals achieved.
        for (var i = 0; i < 37; i++)
        {
            var children = string.Join(';', Enumerable.Range(0, i < 6 ? 3 : 2).Select(_ => csv.NewChild()));
            csv.Add("IFIT", "IFIT team", children, new DateOnly(2022, 5, 2), "accepted",
                closed: i < 20 ? new DateOnly(2022, 11, 1) : null, closure: i < 20 ? "goals_achieved" : null);
        }
        await ImportAsync(csv);
        await With(s => s.GetRequiredService<ReportInputService>().SetBudgetAsync(ActorContext.ForUser(Guid.NewGuid(), "Admin", Role.Admin, []), new BudgetInput("ifit", "2022-23", 447_890m, 40_000m, "10 staff")));

        var year = (await RunAsync("cost", ReportPeriod.FinancialYear(2022))).Tables[0].Rows.Single();
        // The gross expenditure, not the net: 447,890 / 37 = 12,105.135..., / 80 = 5,598.625, / 20 = 22,394.50
        Assert.Equal(["IFIT", 447_890.00m, 37L, 80L, 20L, 12_105.14m, 5_598.63m, 22_394.50m], year);

        // April-June 2022 is 91 of the year's 365 days: 447,890 x 91 / 365 = 40,757,990 / 365 = 111,665.73. No closures yet.
        var quarter = (await RunAsync("cost", ReportPeriod.Quarter(2022, 1))).Tables[0].Rows.Single();
        Assert.Equal(111_665.73m, quarter[1]);
        Assert.Null(quarter[7]);

        // Without a budget for 2023-24 a period reaching into it has no cost rather than an understated one.
        var across = (await RunAsync("cost", new ReportPeriod(new DateOnly(2022, 4, 1), new DateOnly(2023, 6, 30)))).Tables[0].Rows.Single();
        Assert.Null(across[1]);
    }

    [Fact]
    public async Task A_budget_needs_a_known_service_a_financial_year_a_positive_expenditure_and_an_income()
    {
        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => With(s => s.GetRequiredService<ReportInputService>()
            .SetBudgetAsync(ActorContext.ForUser(Guid.NewGuid(), "Admin", Role.Admin, []), new BudgetInput("nope", "2022-24", 0m, null, null))));
        Assert.Equal(["Service", "FinancialYear", "GrossExpenditure", "Income"], e.Errors.Select(x => x.Field));
        await Assert.ThrowsAsync<AccessDeniedException>(() => With(s => s.GetRequiredService<ReportInputService>()
            .SetBudgetAsync(ActorContext.ForUser(Guid.NewGuid(), "Pat", Role.Performance, []), new BudgetInput("ifit", "2022-23", 1m, 0m, null))));
    }

    [Fact]
    public async Task Equality_compares_the_children_served_with_the_population()
    {
        var csv = new JourneyCsv();
        // Ten children at 31 March 2023: four aged 0-4, six aged 10-15; one family each.
        var births = new[] { "2020-01-01", "2019-06-30", "2022-03-31", "2018-04-01", "2010-01-01", "2011-05-05", "2012-12-12", "2008-04-01", "2009-09-09", "2013-03-31" };
        var children = births.Select(_ => csv.NewChild()).ToList();
        for (var i = 0; i < 10; i++)
        {
            csv.Add("IFIT", "IFIT team", children[i], new DateOnly(2022, 6, 1), "accepted");
        }
        await ImportAsync(csv);
        // Birth dates, sex, ethnicity and disability recorded on each child afterwards, as a practitioner would.
        await With(async s =>
        {
            var db = s.GetRequiredService<HearthDbContext>();
            var people = await db.Set<Person>().Where(p => p.CouncilChildId != null).ToListAsync();
            foreach (var person in people)
            {
                var i = children.IndexOf(person.CouncilChildId!);
                person.DateOfBirth = DateOnly.Parse(births[i]);
                person.Sex = i < 6 ? Sex.Female : Sex.Male;
                person.EthnicityCode = i < 8 ? "WBRI" : "APKN";
                person.DisabilityCodes = i == 0 ? ["AUT", "COMM"] : [];
            }
            return await db.SaveChangesAsync(System);
        });
        // The area: 60% of children are WBRI, 10% APKN, 30% others; half of them girls.
        await With(s => s.GetRequiredService<ReportInputService>().SetPopulationAsync(System, 2021,
            [("ethnicity", "WBRI", 6000), ("ethnicity", "APKN", 1000), ("ethnicity", "WOTH", 3000), ("sex", "F", 5000), ("sex", "M", 5000)], "ONS 2021"));

        var result = await RunAsync("equality", ReportPeriod.FinancialYear(2022));
        var age = result.Tables[0].Rows.ToDictionary(r => (string)r[0]!, r => (long)r[1]!);
        Assert.Equal(new Dictionary<string, long> { ["0-4"] = 4, ["10-15"] = 6 }, age);
        // Each group by its label, its code beside it.
        var ethnicity = result.Tables[2].Rows.ToDictionary(r => (string)r[1]!);
        // WBRI: 80% served against 60% of the population: ratio 1.33. APKN: 20% against 10%: 2.0. WOTH: none served.
        Assert.Equal(["White British", "WBRI", 8L, 80.0, 60.0, 1.33], ethnicity["WBRI"]);
        Assert.Equal(["Pakistani", "APKN", 2L, 20.0, 10.0, 2.0], ethnicity["APKN"]);
        Assert.Equal(["Any other White background", "WOTH", 0L, 0.0, 30.0, 0.0], ethnicity["WOTH"]);
        var sex = result.Tables[1].Rows.ToDictionary(r => (string)r[1]!);
        Assert.Equal(["Female", "F", 6L, 60.0, 50.0, 1.2], sex["F"]);
        Assert.Equal(["AUT", "COMM"], result.Tables[3].Rows.Select(r => (string)r[1]!));
        Assert.Equal("Autism or Asperger syndrome", result.Tables[3].Rows[0][0]);
        Assert.Equal("No population figures have been entered for this characteristic.", result.Tables[0].Note);
    }
}
