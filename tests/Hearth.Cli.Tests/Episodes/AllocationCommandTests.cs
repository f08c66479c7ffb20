using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Programmes;
using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Hearth.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Cli.Tests.Episodes;

/// <summary>`hearth allocations`: what a council's script does with a leaver's cases.</summary>
public sealed class AllocationCommandTests : IAsyncLifetime
{
    // The CLI runs on the real clock, so the fixture's dates are relative to today.
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private static readonly ActorContext Setup = ActorContext.System("allocation command tests");
    private TestDatabase _db = null!;
    private Worker _leaver = null!;
    private Worker _taking = null!;
    private Allocation _allocation = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await using var services = _db.CreateServices(TimeProvider.System);
        using var scope = services.CreateScope();
        T Get<T>() where T : notnull => scope.ServiceProvider.GetRequiredService<T>();
        await Get<ProgrammeService>().EnsureShippedAsync(Setup);
        var org = Get<OrganisationService>();
        await org.CreateServiceAsync(Setup, new NewService("IFSS Site 1", "ifss-1", null, ShippedProgrammes.Ifss));
        var team = await org.CreateTeamAsync(Setup, new NewTeam("ifss-1", "Team A", "team-a", "North"));
        _leaver = await org.CreateWorkerAsync(Setup, new NewWorker("team-a", "Dee Leaver", "Family practitioner", 1m, 2, [], "North"));
        _taking = await org.CreateWorkerAsync(Setup, new NewWorker("team-a", "Ash Taker", "Family practitioner", 1m, 2, [], "North"));
        var received = Today.AddDays(-20);
        var family = await TestData.CreateFamilyAsync(services, f => f.InTeam(team.Id).By(Setup).Named("Cli").WithReference("CLI-1").WithoutParent()
            .WithChild("Ava", new DateOnly(2016, 5, 1)).Accepted(received));
        _allocation = await Get<AllocationService>().AllocateAsync(Setup, new NewAllocation(family.Episode!.Id, _leaver.Id, received.AddDays(5)));
        await org.WorkerLeavesAsync(Setup, _leaver.Id, _leaver.Version, Today);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<List<Allocation>> AllocationsAsync()
    {
        await using var services = _db.CreateServices(TimeProvider.System);
        using var scope = services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<HearthDbContext>().Set<Allocation>().AsNoTracking().OrderBy(a => a.To == null).ToListAsync();
    }

    [Fact]
    public async Task A_script_lists_a_leavers_cases_and_hands_them_over_in_one_step()
    {
        var listed = await CliRunner.RunAsync(_db.Settings, "allocations", "needing-reallocation", "--team", "team-a");
        Assert.Equal(0, listed.ExitCode);
        var lines = listed.Out.Trim().Split('\n').Select(l => l.Trim()).ToList();
        Assert.Equal("episode_id,team,family_reference,opened_on,phase,need,allocation_id,worker_id", lines[0]);
        Assert.Equal($"{_allocation.EpisodeId},Team A,CLI-1,{Today.AddDays(-20):yyyy-MM-dd},Consultation,worker-inactive,{_allocation.Id},{_leaver.Id}", Assert.Single(lines.Skip(1)));
        Assert.Equal(1, (await CliRunner.RunAsync(_db.Settings, "allocations", "needing-reallocation", "--team", "nope")).ExitCode);

        var badReason = await CliRunner.RunAsync(_db.Settings, "allocations", "hand-over", "--allocation", _allocation.Id.ToString(), "--to-worker", _taking.Id.ToString(), "--on", Today.ToString("yyyy-MM-dd"), "--reason", "sick");
        Assert.Equal(1, badReason.ExitCode);
        Assert.Equal("error: --reason: choose one of left-team, rebalancing, sickness, other.", badReason.Error.Trim());
        var toLeaver = await CliRunner.RunAsync(_db.Settings, "allocations", "hand-over", "--allocation", _allocation.Id.ToString(), "--to-worker", _leaver.Id.ToString(), "--on", Today.ToString("yyyy-MM-dd"), "--reason", "left-team");
        Assert.Equal(1, toLeaver.ExitCode);
        Assert.Equal("error: ToWorkerId: Choose a different worker to hand the case to", toLeaver.Error.Trim());
        Assert.Null(Assert.Single(await AllocationsAsync()).To);

        var handed = await CliRunner.RunAsync(_db.Settings, "allocations", "hand-over", "--allocation", _allocation.Id.ToString(), "--to-worker", _taking.Id.ToString(), "--on", Today.ToString("yyyy-MM-dd"), "--reason", "left-team");

        Assert.Equal(0, handed.ExitCode);
        var both = await AllocationsAsync();
        Assert.Equal([(_leaver.Id, (DateOnly?)Today, (AllocationEndReason?)AllocationEndReason.LeftTeam), (_taking.Id, null, null)], both.Select(a => (a.WorkerId, a.To, a.EndReason)));
        Assert.Equal(Today, both[1].From);
        Assert.Contains($"(allocation {both[1].Id})", handed.Out);
        Assert.Equal(["episode_id,team,family_reference,opened_on,phase,need,allocation_id,worker_id"], (await CliRunner.RunAsync(_db.Settings, "allocations", "needing-reallocation")).Out.Trim().Split('\n').Select(l => l.Trim()));

        var noNote = await CliRunner.RunAsync(_db.Settings, "allocations", "end", "--allocation", both[1].Id.ToString(), "--on", Today.ToString("yyyy-MM-dd"), "--reason", "other");
        Assert.Equal(1, noNote.ExitCode);
        Assert.Equal("error: Note: Enter why the allocation is ending", noNote.Error.Trim());
        var ended = await CliRunner.RunAsync(_db.Settings, "allocations", "end", "--allocation", both[1].Id.ToString(), "--on", Today.ToString("yyyy-MM-dd"), "--reason", "other", "--note", "Family asked for a break");
        Assert.Equal(0, ended.ExitCode);
        Assert.Equal("Family asked for a break", (await AllocationsAsync()).Single(a => a.Id == both[1].Id).EndNote);
    }
}
