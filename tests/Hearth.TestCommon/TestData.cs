using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Programmes;
using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.TestCommon;

/// <summary>
/// The one way a test adds a family: through the Core services, as a worker would, each step in its own scope as a
/// request would be. The defaults are a family of the demo team <c>ifss-1-team</c> with a parent (Kim, born 1 January
/// 1990) and a child (Ava, born 1 January 2016) and a reference of its own, so tests never share records; the
/// <see cref="FamilySpec"/> callback changes any of it and can go on to a referral, its acceptance and an allocation.
/// </summary>
public static class TestData
{
    public static async Task<TestFamily> CreateFamilyAsync(IServiceProvider services, Action<FamilySpec>? configure = null)
    {
        var spec = new FamilySpec();
        configure?.Invoke(spec);
        var actor = spec.Actor;

        var team = await InScope(services, s => s.GetRequiredService<HearthDbContext>().Set<Team>().AsNoTracking()
            .SingleAsync(t => spec.TeamId != null ? t.Id == spec.TeamId : t.Code == spec.TeamCode));
        var (family, parent, children) = await InScope(services, async s =>
        {
            var people = s.GetRequiredService<PeopleService>();
            var family = await people.CreateFamilyAsync(actor, new NewFamily(spec.Reference, team.Id, team.Patch));
            Person? parent = spec.Parent is { } p
                ? await people.AddPersonAsync(actor, new NewPerson(family.Id, p.GivenName, spec.Surname, p.Born) { Relationship = Relationship.Parent, NotADuplicate = true })
                : null;
            var children = new List<Person>();
            foreach (var c in spec.Children)
            {
                children.Add(await people.AddPersonAsync(actor, new NewPerson(family.Id, c.GivenName, spec.Surname, c.Born) { NotADuplicate = true }));
            }
            return (family, parent, (IReadOnlyList<Person>)children);
        });
        if (spec.ReferredOn is not { } received)
        {
            return new TestFamily(family, team, parent, children, null, null);
        }

        var referral = await ReferAsync(services, family.Id, [.. children.Select(c => c.Id)], received, actor, team.Id, spec.Needs, spec.ReferralReference);
        if (spec.AcceptedOn is not { } accepted)
        {
            return new TestFamily(family, team, parent, children, referral, null);
        }

        var episode = await InScope(services, async s =>
        {
            var triaged = await s.GetRequiredService<TriageService>().TriageAsync(actor, referral.Id, referral.Version, new TriageDecision(TriageOutcome.Accepted, accepted));
            var db = s.GetRequiredService<HearthDbContext>();
            var episode = await db.Set<Episode>().AsNoTracking().SingleAsync(e => e.Id == triaged.EpisodeId);
            if (spec.WorkerId is { } worker)
            {
                await s.GetRequiredService<AllocationService>().AllocateAsync(actor, new NewAllocation(episode.Id, worker, episode.OpenedOn, spec.LeadWorker, "Test data"));
                episode = await db.Set<Episode>().AsNoTracking().SingleAsync(e => e.Id == episode.Id);
            }
            return episode;
        });
        return new TestFamily(family, team, parent, children, await InScope(services, s => s.GetRequiredService<HearthDbContext>().Set<Referral>().AsNoTracking().SingleAsync(r => r.Id == referral.Id)), episode);
    }

    /// <summary>
    /// A referral of a family's children to a team (the family's own unless <paramref name="teamId"/> says otherwise),
    /// with every eligibility question of the team's programme answered as it requires, so triage can accept it.
    /// </summary>
    public static Task<Referral> ReferAsync(IServiceProvider services, Guid familyId, IReadOnlyList<Guid> childIds, DateOnly received, ActorContext actor,
        Guid? teamId = null, IReadOnlyList<string>? needs = null, string? reference = null) =>
        InScope(services, async s =>
        {
            var db = s.GetRequiredService<HearthDbContext>();
            var team = teamId ?? await db.Set<Family>().Where(f => f.Id == familyId).Select(f => f.TeamId).SingleAsync();
            var programme = await db.Set<Team>().Where(t => t.Id == team).Join(db.Set<Service>(), t => t.ServiceId, x => x.Id, (t, x) => x.ProgrammeCode).SingleAsync();
            var version = programme is null ? null : await s.GetRequiredService<ProgrammeService>().InEffectAsync(programme, received);
            var eligibility = (version?.Definition.Eligibility ?? []).ToDictionary(q => q.Key, q => q.RequiredYes);
            return await s.GetRequiredService<ReferralService>().RecordAsync(actor, new NewReferral(team, familyId, childIds, received,
                new TimeOnly(10, 0), ReferralChannel.Phone, "5A", "Children's services", "Jo Referrer", "01234 567890", needs ?? ["substance_misuse_drugs"], true,
                SharingBasis.Consent, eligibility, reference));
        });

    private static async Task<T> InScope<T>(IServiceProvider services, Func<IServiceProvider, Task<T>> action)
    {
        using var scope = services.CreateScope();
        return await action(scope.ServiceProvider);
    }
}

/// <summary>What <see cref="TestData.CreateFamilyAsync"/> adds; every setter returns the spec, so calls chain.</summary>
public sealed class FamilySpec
{
    public ActorContext Actor { get; set; } = ActorContext.System("test data");
    public string TeamCode { get; set; } = "ifss-1-team";
    public Guid? TeamId { get; set; }
    public string Reference { get; set; } = $"TD-{Guid.NewGuid():N}"[..12];
    public string Surname { get; set; } = "Test";
    public (string GivenName, DateOnly? Born)? Parent { get; set; } = ("Kim", new DateOnly(1990, 1, 1));
    public List<(string GivenName, DateOnly? Born)> Children { get; set; } = [("Ava", new DateOnly(2016, 1, 1))];
    public DateOnly? ReferredOn { get; set; }
    public string? ReferralReference { get; set; }
    public IReadOnlyList<string> Needs { get; set; } = ["substance_misuse_drugs"];
    public DateOnly? AcceptedOn { get; set; }
    public Guid? WorkerId { get; set; }
    public bool LeadWorker { get; set; }

    public FamilySpec InTeam(string code) { TeamCode = code; return this; }
    public FamilySpec InTeam(Guid id) { TeamId = id; return this; }
    public FamilySpec By(ActorContext actor) { Actor = actor; return this; }
    public FamilySpec Named(string surname) { Surname = surname; return this; }
    public FamilySpec WithReference(string reference) { Reference = reference; return this; }
    public FamilySpec WithoutParent() { Parent = null; return this; }
    public FamilySpec WithChild(string givenName, DateOnly? born) { Children = [(givenName, born)]; return this; }

    /// <summary>Referred on <paramref name="on"/> (with every eligibility answer the programme requires).</summary>
    public FamilySpec Referred(DateOnly on, params string[] needs)
    {
        ReferredOn = on;
        if (needs.Length > 0)
        {
            Needs = needs;
        }
        return this;
    }

    /// <summary>Referred and accepted on <paramref name="on"/>: an open episode in its first phase.</summary>
    public FamilySpec Accepted(DateOnly on, params string[] needs)
    {
        Referred(ReferredOn ?? on, needs);
        AcceptedOn = on;
        return this;
    }

    /// <summary>Accepted and allocated to a worker from the episode's first day.</summary>
    public FamilySpec AllocatedTo(Guid workerId, bool lead = false)
    {
        WorkerId = workerId;
        LeadWorker = lead;
        return this;
    }
}

public sealed record TestFamily(Family Family, Team Team, Person? Parent, IReadOnlyList<Person> Children, Referral? Referral, Episode? Episode)
{
    public Person Child => Children[0];
    public Guid Id => Family.Id;
}
