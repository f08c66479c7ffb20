using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.People;
using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Hearth.Core.Statutory;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Demo;

/// <summary>
/// What the demo council's census needs (docs/census.md, "Statutory records"): every child's ethnicity and disability,
/// and on every referral that went on to further action the child's primary need and the factors found at assessment;
/// FACT22's children get CIN plans from their assessment decision; a few IFIT children go through a section 47 enquiry,
/// and most of those an initial conference and a child protection plan. Statutory records go through
/// <see cref="StatutoryService"/>, so they obey the same rules as a worker's. Deterministic for a seed and a date.
/// </summary>
internal sealed class DemoStatutory(HearthDbContext db, int seed)
{
    /// <summary>IFIT episodes whose children have a section 47 enquiry: enough to show, few enough to seed quickly.</summary>
    public const int Section47Episodes = 6;

    private readonly Random _random = new(seed);

    private static readonly string[] Ethnicities =
        ["WBRI", "WBRI", "WBRI", "WBRI", "WBRI", "WBRI", "WBRI", "WOTH", "WIRI", "MWBC", "MWBA", "MOTH", "APKN", "ABAN", "AOTH", "BAFR", "BCRB", "CHNE", "OOTH", "REFU"];

    /// <summary>Most children have no disability; the rest one (a few two) of the DfE codes.</summary>
    private static readonly string[] Disabilities = ["MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH", "CON", "AUT"];

    /// <summary>Weighted as the national returns are: abuse or neglect (N1) and family dysfunction (N5) most often.</summary>
    private static readonly string[] Needs = ["N1", "N1", "N1", "N1", "N5", "N5", "N5", "N4", "N4", "N2", "N3", "N6", "N7", "N8", "N9"];

    private static readonly string[] FactorPool = ["1B", "2B", "3A", "3B", "4A", "4B", "7A", "10A", "14A", "15A", "16A", "20", "24A"];

    public async Task SeedAsync(ActorContext actor, CancellationToken ct)
    {
        var today = db.Today();
        var statutory = new StatutoryService(db);

        db.ChangeTracker.Clear();
        var children = await db.Set<Person>().Where(p => p.CouncilChildId != null).OrderBy(p => p.CouncilChildId).ToListAsync(ct);
        var disabled = new HashSet<Guid>();
        foreach (var child in children)
        {
            child.EthnicityCode = Ethnicities[_random.Next(Ethnicities.Length)];
            var roll = _random.Next(10);
            child.DisabilityCodes = roll switch
            {
                0 => [Disabilities[_random.Next(Disabilities.Length)]],
                1 when _random.Next(3) == 0 => Two(),
                _ => ["NONE"],
            };
            if (child.DisabilityCodes[0] != "NONE")
            {
                disabled.Add(child.Id);
            }
        }
        await db.SaveChangesAsync(actor, ct);
        db.ChangeTracker.Clear();

        var referrals = await db.Set<Referral>().AsNoTracking().Include(r => r.Children).OrderBy(r => r.ReceivedOn).ThenBy(r => r.Id).ToListAsync(ct);
        var episodes = await db.Set<Episode>().AsNoTracking().ToDictionaryAsync(e => e.Id, ct);
        var services = await db.Set<Organisation.Service>().AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Code, ct);
        foreach (var referral in referrals.Where(r => !StatutoryService.IsNoFurtherAction(r)))
        {
            foreach (var child in referral.Children)
            {
                var factors = Factors(disabled.Contains(child.PersonId));
                await statutory.SetNeedAsync(actor, referral.Id, child.PersonId, null, new NeedInput(Needs[_random.Next(Needs.Length)], factors), ct);
                db.ChangeTracker.Clear();
            }
        }

        // CIN plans: FACT22 holds the council's children-in-need plans, from the decision to work with the family.
        var firstReferral = referrals.Where(r => r.EpisodeId is not null).GroupBy(r => r.EpisodeId!.Value).ToDictionary(g => g.Key, g => g.First());
        foreach (var episode in episodes.Values.Where(e => services[e.ServiceId] == "fact22" && e.AssessmentDecision == AssessmentDecision.Proceed
            && e.AssessmentDecidedOn is not null && firstReferral.ContainsKey(e.Id)).OrderBy(e => e.OpenedOn).ThenBy(e => e.Id))
        {
            var referral = firstReferral[episode.Id];
            var start = Max(episode.AssessmentDecidedOn!.Value, referral.ReceivedOn);
            if (start > today || episode.ClosedOn < start)
            {
                continue;
            }
            foreach (var child in referral.Children)
            {
                await statutory.AddCinPlanAsync(actor, referral.Id, child.PersonId, new CinPlanInput(start, episode.ClosedOn), ct);
                db.ChangeTracker.Clear();
            }
        }

        // Section 47: IFIT's edge-of-care families referred about ten months ago (so that the last census year has some);
        // the conference within 15 working days, a plan from it for most.
        var protectedEpisodes = episodes.Values.Where(e => services[e.ServiceId] == "ifit" && firstReferral.ContainsKey(e.Id))
            .OrderBy(e => Math.Abs(e.OpenedOn.DayNumber - today.AddDays(-300).DayNumber)).ThenBy(e => e.Id).Take(Section47Episodes).ToList();
        foreach (var (episode, index) in protectedEpisodes.Select((e, i) => (e, i)))
        {
            var referral = firstReferral[episode.Id];
            var last = Min(episode.ClosedOn ?? today, today);
            var started = Weekday(referral.ReceivedOn.AddDays(1));
            var target = Weekday(started.AddDays(19));
            var conference = Weekday(started.AddDays(12));
            if (conference > last)
            {
                continue;
            }
            foreach (var child in referral.Children)
            {
                if (index % 3 == 2)
                {
                    // Concluded without a conference: the worries were not of significant harm.
                    await statutory.AddSection47Async(actor, referral.Id, child.PersonId, new Section47Input(started, null, null, true), ct);
                    continue;
                }
                await statutory.AddSection47Async(actor, referral.Id, child.PersonId, new Section47Input(started, target, conference, false), ct);
                db.ChangeTracker.Clear();
                var end = conference.AddDays(150 + _random.Next(60));
                DateOnly? ended = episode.ClosedOn is { } closed ? Min(end, closed) : end <= today ? end : null;
                if (ended <= conference)
                {
                    continue;
                }
                var reviews = Enumerable.Range(1, 3).Select(n => conference.AddDays(90 * n))
                    .Where(d => d <= today && (ended is null || d <= ended)).ToList();
                var category = _random.Next(3) == 0 ? "EMO" : "NEG";
                await statutory.AddProtectionPlanAsync(actor, referral.Id, child.PersonId,
                    new ProtectionPlanInput(conference, ended, category, category, _random.Next(4) == 0 ? 1 : 0, reviews), ct);
                db.ChangeTracker.Clear();
            }
        }
    }

    private List<string> Two()
    {
        var first = _random.Next(Disabilities.Length);
        return [Disabilities[first], Disabilities[(first + 1 + _random.Next(Disabilities.Length - 1)) % Disabilities.Length]];
    }

    /// <summary>One to three factors; a disabled child's include the child's disability factor (5A or 6A, as the DfE guidance expects).</summary>
    private List<string> Factors(bool disabled)
    {
        var factors = new List<string>();
        if (disabled)
        {
            factors.Add(_random.Next(2) == 0 ? "5A" : "6A");
        }
        var count = 1 + _random.Next(3);
        while (factors.Count < count + (disabled ? 1 : 0))
        {
            var f = FactorPool[_random.Next(FactorPool.Length)];
            if (!factors.Contains(f))
            {
                factors.Add(f);
            }
        }
        return factors;
    }

    private static DateOnly Weekday(DateOnly d) => d.DayOfWeek switch
    {
        DayOfWeek.Saturday => d.AddDays(2),
        DayOfWeek.Sunday => d.AddDays(1),
        _ => d,
    };

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
