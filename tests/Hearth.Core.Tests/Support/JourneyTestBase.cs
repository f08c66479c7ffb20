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

namespace Hearth.Core.Tests.Support;

/// <summary>
/// A real database with the shipped programmes, an IFSS service with two teams and workers, and actors for each side
/// of the team boundary. Each helper runs in its own scope, as a page or API request would.
/// </summary>
public abstract class JourneyTestBase : IAsyncLifetime
{
    protected static readonly DateOnly Today = new(2026, 11, 2);
    protected readonly FixedTimeProvider Time = new(new DateTimeOffset(2026, 11, 2, 9, 30, 0, TimeSpan.Zero));
    protected TestDatabase Db = null!;
    protected ServiceProvider Services = null!;
    protected readonly ActorContext Admin = ActorContext.ForUser(Guid.CreateVersion7(), "Alex Admin", Role.Admin, []);
    protected Team TeamA = null!;
    protected Team TeamB = null!;
    protected Service Ifss = null!;
    protected ActorContext Manager = null!;
    protected ActorContext Practitioner = null!;
    protected ActorContext Outsider = null!;
    protected ActorContext OutsideManager = null!;

    public async Task InitializeAsync()
    {
        Db = await TestDatabase.CreateAsync();
        Services = Db.CreateServices(Time);
        using var scope = Services.CreateScope();
        await Get<ProgrammeService>(scope).EnsureShippedAsync(Admin);
        var org = Get<OrganisationService>(scope);
        Ifss = await org.CreateServiceAsync(Admin, new NewService("IFSS Site 1", "ifss-1", null, ShippedProgrammes.Ifss));
        TeamA = await org.CreateTeamAsync(Admin, new NewTeam("ifss-1", "Team A", "team-a", "North"));
        TeamB = await org.CreateTeamAsync(Admin, new NewTeam("ifss-1", "Team B", "team-b", "South"));
        Manager = ActorContext.ForUser(Guid.CreateVersion7(), "Morgan Manager", Role.Manager, [TeamA.Id]);
        Practitioner = ActorContext.ForUser(Guid.CreateVersion7(), "Sam Practitioner", Role.Practitioner, [TeamA.Id]);
        Outsider = ActorContext.ForUser(Guid.CreateVersion7(), "Pat Other", Role.Practitioner, [TeamB.Id]);
        OutsideManager = ActorContext.ForUser(Guid.CreateVersion7(), "Max Other", Role.Manager, [TeamB.Id]);
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await Db.DisposeAsync();
    }

    protected static T Get<T>(IServiceScope scope) where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    protected async Task<T> InScope<T>(Func<IServiceScope, Task<T>> action)
    {
        using var scope = Services.CreateScope();
        return await action(scope);
    }

    protected async Task InScope(Func<IServiceScope, Task> action)
    {
        using var scope = Services.CreateScope();
        await action(scope);
    }

    protected async Task<(Family Family, Person Child)> FamilyWithChildAsync(string reference, Team? team = null, DateOnly? dob = null)
    {
        var family = await TestData.CreateFamilyAsync(Services, f => f.InTeam((team ?? TeamA).Id).By((team ?? TeamA) == TeamB ? Outsider : Practitioner)
            .WithReference(reference).Named(reference).WithoutParent().WithChild("Ava", dob ?? new DateOnly(2016, 5, 1)));
        return (family.Family, family.Child);
    }

    protected static NewReferral Referral(Family family, Guid childId, DateOnly received, string? reference = null, Team? team = null, IReadOnlyList<string>? needs = null) =>
        new(team?.Id ?? family.TeamId, family.Id, [childId], received, new TimeOnly(10, 15), ReferralChannel.Phone, "5A", "Children's services", "Jo Referrer", "01234 567890",
            needs ?? ["substance_misuse_drugs"], true, SharingBasis.Consent,
            new Dictionary<string, bool> { ["parental_substance_misuse"] = true, ["child_in_need_or_at_risk"] = true, ["family_consents"] = true }, reference);

    protected Task<Referral> RecordAsync(NewReferral referral, ActorContext? actor = null) =>
        InScope(s => Get<ReferralService>(s).RecordAsync(actor ?? Practitioner, referral));

    protected Task<Referral> TriageAsync(Guid referralId, TriageDecision decision, ActorContext? actor = null) =>
        InScope(async s =>
        {
            var version = await Get<HearthDbContext>(s).Set<Referral>().Where(r => r.Id == referralId).Select(r => r.Version).SingleAsync();
            return await Get<TriageService>(s).TriageAsync(actor ?? Manager, referralId, version, decision);
        });

    protected Task<Episode> EpisodeAsync(Guid episodeId) =>
        InScope(s => Get<HearthDbContext>(s).Set<Episode>().AsNoTracking().Include(e => e.Phases).SingleAsync(e => e.Id == episodeId));

    /// <summary>A referral received on <paramref name="received"/>, accepted the same day: returns its open episode.</summary>
    protected async Task<Episode> AcceptedEpisodeAsync(string familyRef, DateOnly received)
    {
        var (family, child) = await FamilyWithChildAsync(familyRef);
        var referral = await RecordAsync(Referral(family, child.Id, received));
        var accepted = await TriageAsync(referral.Id, new TriageDecision(TriageOutcome.Accepted, received));
        return await EpisodeAsync(accepted.EpisodeId!.Value);
    }

    protected Task<Episode> ActAsync(Guid episodeId, Func<EpisodeService, int, Task<Episode>> action) =>
        InScope(async s =>
        {
            var version = await Get<HearthDbContext>(s).Set<Episode>().Where(e => e.Id == episodeId).Select(e => e.Version).SingleAsync();
            return await action(Get<EpisodeService>(s), version);
        });

    protected Task<Worker> WorkerAsync(string name, Team team, int max = 2, params string[] specialisms) =>
        InScope(s => Get<OrganisationService>(s).CreateWorkerAsync(Admin, new NewWorker(team.Code, name, "Family practitioner", 1m, max, specialisms, team.Patch)));
}
