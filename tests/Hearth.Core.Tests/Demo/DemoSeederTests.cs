using Hearth.Core.Data;
using Hearth.Core.Demo;
using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Referrals;
using Hearth.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Core.Tests.Demo;

public sealed class DemoSeederTests
{
    private static readonly DateOnly Today = new(2026, 11, 2);

    [Fact]
    public void The_demo_journeys_are_the_same_every_time()
    {
        var plan = new List<(string, string, string, int)> { ("IFSS Site 1", "IFSS Site 1 team", "ifss", 40), ("FACT22", "Pod 1", "cin-pod", 40) };
        var first = new DemoJourneys(DemoSeeder.JourneySeed, Today).Generate(plan);
        var second = new DemoJourneys(DemoSeeder.JourneySeed, Today).Generate(plan);
        Assert.Equal(first, second);
        Assert.All(first, r => Assert.True(DateOnly.Parse(r.ReceivedOn) <= Today));
    }

    [Fact]
    public async Task Seeding_the_demo_gives_every_page_a_few_hundred_families_with_journeys_of_every_kind()
    {
        // The demo as the seeder writes it on that day (the template the web and CLI tests also copy).
        await using var database = await TestDatabase.CreateDemoAsync(FixedTimeProvider.At(2026, 11, 2));
        await using var services = database.CreateServices(FixedTimeProvider.At(2026, 11, 2));
        using var check = services.CreateScope();
        var db = check.ServiceProvider.GetRequiredService<HearthDbContext>();

        Assert.Equal(7, await db.Set<Hearth.Core.Security.HearthUser>().CountAsync());
        Assert.InRange(await db.Set<Family>().CountAsync(), 250, 400);
        Assert.All(await db.Set<Service>().ToListAsync(), s => Assert.NotNull(s.ProgrammeCode));
        Assert.True(await db.Set<Referral>().CountAsync(r => r.IsReReferral) >= 10);
        Assert.True(await db.Set<WaitingListEntry>().CountAsync(w => w.RemovedOn == null) >= 3);
        Assert.True(await db.Set<Episode>().CountAsync(e => e.ClosedOn == null) >= 20);
        var reasons = await db.Set<Episode>().Where(e => e.ClosureReason != null).Select(e => e.ClosureReason!.Value).Distinct().ToListAsync();
        Assert.Superset(new HashSet<ClosureReason> { ClosureReason.GoalsAchieved, ClosureReason.SteppedDownEarlyHelp, ClosureReason.SteppedDownUniversal, ClosureReason.SteppedUpCp, ClosureReason.Disengaged, ClosureReason.MovedAway }, reasons.ToHashSet());
        Assert.True(await db.Set<Allocation>().AnyAsync());
        var earliest = await db.Set<Referral>().MinAsync(r => r.ReceivedOn);
        Assert.True(earliest < Today.AddYears(-2), "The history covers about three years");
        Assert.False(await db.Set<Person>().AnyAsync(p => p.GivenName == p.CouncilChildId), "Demo children have names, not references");

        // Payment by results: eight families attached to Supporting Families, five with every need met and sustained;
        // four more and three households not yet known are eligible and waiting.
        var performance = Hearth.Core.Security.ActorContext.ForUser(Guid.CreateVersion7(), "Pat", Hearth.Core.Security.Role.Performance, []);
        var results = check.ServiceProvider.GetRequiredService<Hearth.Core.Results.ResultsService>();
        var evaluated = await results.EvaluateAsync(performance, Hearth.Core.Results.ShippedFrameworks.SupportingFamilies, Today);
        Assert.Equal((8, 5), (evaluated.Count, evaluated.Count(f => f.Results.Single().Claimable)));
        var found = await results.IdentifyAsync(performance, Hearth.Core.Results.ShippedFrameworks.SupportingFamilies, Today);
        Assert.Equal((3, 4), (found.Count(f => !f.Known), found.Count(f => f.Known && !f.Attached)));
    }

    [Fact]
    public async Task The_demo_practitioner_holds_cases_no_worker_is_over_their_maximum_and_no_follow_up_waits_a_year()
    {
        await using var database = await TestDatabase.CreateDemoAsync(FixedTimeProvider.At(2026, 11, 2));
        await using var services = database.CreateServices(FixedTimeProvider.At(2026, 11, 2));
        using var check = services.CreateScope();
        var db = check.ServiceProvider.GetRequiredService<HearthDbContext>();
        var sam = await db.Users.Where(u => u.Email == "practitioner@" + DemoSeeder.EmailDomain).Select(u => u.WorkerId!.Value).SingleAsync();

        var loads = await Caseloads.LoadsAsync(db, db.Set<Worker>().Where(w => w.IsActive), CancellationToken.None);

        Assert.InRange(loads.Single(l => l.WorkerId == sam).OpenCases, 2, 4);
        Assert.DoesNotContain(loads, l => l.OverCapacity);
        // Cases are shared out: within a team, no case-holding worker holds more than one case more than another.
        Assert.All(loads.Where(l => l.MaxIntensiveCases > 0).GroupBy(l => l.TeamId), team =>
            Assert.True(team.Max(l => l.OpenCases - (l.WorkerId == sam ? 1 : 0)) - team.Min(l => l.OpenCases - (l.WorkerId == sam ? 1 : 0)) <= 1, string.Join(", ", team.Select(l => $"{l.Name} {l.OpenCases}"))));
        Assert.False(await db.Set<FollowUp>().AnyAsync(f => f.CompletedOn == null && f.DueOn < Today.AddYears(-1)));
        Assert.True(await db.Set<FollowUp>().AnyAsync(f => f.CompletedOn == null && f.DueOn <= Today), "some follow-ups of the last year are still to do");
    }

    [Fact]
    public async Task The_demo_is_never_added_to_a_database_that_holds_a_councils_own_records()
    {
        var clock = FixedTimeProvider.At(2026, 11, 2);
        await using var database = await TestDatabase.CreateAsync();
        await using var services = database.CreateServices(clock);
        var admin = Hearth.Core.Security.ActorContext.System("council set-up");
        using (var scope = services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<Hearth.Core.Programmes.ProgrammeService>().EnsureShippedAsync(admin);
            await scope.ServiceProvider.GetRequiredService<OrganisationService>().CreateServiceAsync(admin,
                new NewService("Family Help North", "fh-north", null, Hearth.Core.Programmes.ShippedProgrammes.Ifss));
        }

        using (var scope = services.CreateScope())
        {
            var e = await Assert.ThrowsAsync<DatabaseConfigurationException>(() => scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync("a long demo password"));
            Assert.StartsWith("This database already holds a council's own records", e.Message);
        }

        using var check = services.CreateScope();
        var db = check.ServiceProvider.GetRequiredService<HearthDbContext>();
        Assert.Equal(["fh-north"], await db.Set<Service>().Select(s => s.Code).ToListAsync());
        Assert.False(await db.Set<Hearth.Core.Security.HearthUser>().AnyAsync());
    }
}
