using System.Security.Cryptography;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Programmes;
using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Demo;

public sealed record DemoSignIn(string Role, string Email, string Password);

/// <summary>
/// A believable council for demonstrations and tests: the three IFSS sites of the Welsh evaluation, an IFIT-style
/// edge-of-care team, a York-style Troubled Families locality team and a FACT22-style pod, with a user for every role.
/// Only ever run when demo mode is asked for.
/// </summary>
public sealed class DemoSeeder(HearthDbContext db, OrganisationService organisation, UserService users, ProgrammeService programmes, JourneyImport journeys, AllocationService allocations, Reporting.ReportInputService reportInputs)
{
    public const string EmailDomain = "demo.hearth.example";

    private static readonly (string Code, string Name, string Description, string Programme, (string Code, string Name, string Patch)[] Teams)[] Services =
    [
        ("ifss-1", "IFSS Site 1", "Integrated Family Support Service, first site of the Welsh evaluation", ShippedProgrammes.Ifss, [("ifss-1-team", "IFSS Site 1 team", "North")]),
        ("ifss-2", "IFSS Site 2", "Integrated Family Support Service, second site", ShippedProgrammes.Ifss, [("ifss-2-team", "IFSS Site 2 team", "South")]),
        ("ifss-3", "IFSS Site 3", "Integrated Family Support Service, third site", ShippedProgrammes.Ifss, [("ifss-3-team", "IFSS Site 3 team", "West")]),
        ("ifit", "Intensive Family Intervention Team", "Edge-of-care outreach, planned and emergency work 8am-10pm", ShippedProgrammes.Ifit, [("ifit-team", "IFIT", "City-wide")]),
        ("york-ifs", "Integrated Family Service", "Troubled Families locality work, up to 12 months", ShippedProgrammes.TroubledFamilies, [("york-east", "East locality team", "East")]),
        ("fact22", "FACT22", "Intensive support to children in need, delivered in pods", ShippedProgrammes.CinPod, [("fact22-pod-1", "Pod 1", "Crewe")]),
    ];

    /// <summary>Fixed so that every demo database tells the same story.</summary>
    public const int JourneySeed = 20261122;

    private static readonly string[] GivenNames =
    [
        "Ava", "Oliver", "Amelia", "Noah", "Isla", "Jack", "Freya", "Harry", "Lily", "Leo", "Evie", "Charlie", "Mia", "Alfie",
        "Ffion", "Dylan", "Seren", "Osian", "Aisha", "Mohammed", "Zara", "Yusuf", "Maja", "Jakub", "Chloe", "Tyler", "Ruby", "Kai",
    ];

    private static readonly string[] ParentNames =
    [
        "Kim", "Sarah", "Gemma", "Rhian", "Nia", "Emma", "Leanne", "Fatima", "Anna", "Kerry", "Lisa", "Dan", "Craig", "Gareth",
    ];

    private static readonly string[] FamilyNames =
    [
        "Jones", "Williams", "Davies", "Evans", "Thomas", "Roberts", "Hughes", "Lewis", "Morgan", "Griffiths", "Smith", "Brown",
        "Taylor", "Wilson", "Khan", "Ahmed", "Begum", "Kowalski", "Nowak", "Murphy", "Kelly", "Walker", "Wright", "Green",
    ];

    private static readonly (string Name, string Title, string[] Specialisms)[] Practitioners =
    [
        ("Sian Roberts", "Family practitioner", ["substance misuse"]),
        ("Owen Davies", "Family practitioner", ["domestic abuse"]),
        ("Priya Shah", "Family practitioner", ["parental mental health"]),
    ];

    public async Task<bool> IsSeededAsync(CancellationToken ct = default) =>
        await db.Set<Service>().AnyAsync(s => s.Code == "ifss-1", ct);

    /// <summary>Whether anything but the shipped programmes is here: the demo is only ever added to an empty database.</summary>
    private async Task<bool> HoldsCouncilRecordsAsync(CancellationToken ct) =>
        await db.Set<HearthUser>().AnyAsync(ct) || await db.Set<Service>().AnyAsync(ct)
        || await db.Set<Team>().AnyAsync(ct) || await db.Set<Family>().AnyAsync(ct);

    /// <summary>Creates the demo council. Returns the sign-ins, or an empty list when it already exists.</summary>
    public async Task<IReadOnlyList<DemoSignIn>> SeedAsync(string? password = null, CancellationToken ct = default)
    {
        if (await IsSeededAsync(ct))
        {
            return [];
        }
        if (await HoldsCouncilRecordsAsync(ct))
        {
            throw new DatabaseConfigurationException(
                "This database already holds a council's own records (user accounts, services, teams or families), so the demo is not added: " +
                "its families would be counted in real reports and the census, and its accounts could sign in. Run the demo on its own " +
                "database (another data folder, or an empty PostgreSQL database).");
        }
        var actor = ActorContext.System("seed demo");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await programmes.EnsureShippedAsync(actor, ct);
        foreach (var (code, name, description, programme, teams) in Services)
        {
            await organisation.CreateServiceAsync(actor, new NewService(name, code, description, programme), ct);
            foreach (var team in teams)
            {
                await organisation.CreateTeamAsync(actor, new NewTeam(code, team.Name, team.Code, team.Patch), ct);
                foreach (var (workerName, title, specialisms) in Practitioners)
                {
                    await organisation.CreateWorkerAsync(actor, new NewWorker(team.Code, $"{workerName} ({team.Name})", title, 1m, 2, specialisms, team.Patch), ct);
                }
            }
        }
        var signIns = new List<DemoSignIn>();
        var roles = new (Role Role, string Name, string Local, string[] Teams)[]
        {
            (Role.Practitioner, "Sam Practitioner", "practitioner", ["ifss-1-team"]),
            (Role.Manager, "Morgan Manager", "manager", ["ifss-1-team", "ifss-2-team"]),
            (Role.Performance, "Pat Performance", "performance", []),
            (Role.ServiceManager, "Sasha Service-Manager", "servicemanager", []),
            (Role.Partner, "Parker Partner", "partner", []),
            (Role.Volunteer, "Val Volunteer", "volunteer", ["fact22-pod-1"]),
            (Role.Admin, "Alex Admin", "admin", []),
        };
        foreach (var (role, name, local, teams) in roles)
        {
            var pw = password ?? NewPassword();
            var email = $"{local}@{EmailDomain}";
            await users.CreateAsync(actor, new NewUser(name, email, role.ToString(), teams, pw), ct);
            signIns.Add(new DemoSignIn(role.ToString(), email, pw));
        }
        await SeedJourneysAsync(actor, ct);
        await SeedReportInputsAsync(actor, ct);
        await tx.CommitAsync(ct);
        return signIns;
    }

    /// <summary>Budgets for the last three financial years (IFIT's is Newcastle's £447,890) and an area population.</summary>
    private async Task SeedReportInputsAsync(ActorContext actor, CancellationToken ct)
    {
        var thisYear = Reporting.ReportPeriod.FinancialYearOf(db.Today());
        foreach (var (code, amount) in new[] { ("ifss-1", 380_000m), ("ifss-2", 360_000m), ("ifss-3", 340_000m), ("ifit", 447_890m), ("york-ifs", 420_000m), ("fact22", 520_000m) })
        {
            for (var year = thisYear - 2; year <= thisYear; year++)
            {
                // A tenth of the cost comes back as income (grants, partners' contributions), for the demo only.
                await reportInputs.SetBudgetAsync(actor, new Reporting.BudgetInput(code, Reporting.ReportPeriod.FinancialYearLabel(year), amount, Math.Round(amount / 10), "demo figure"), ct);
            }
        }
        // A made-up area of 60,000 children, for the demo only.
        await reportInputs.SetPopulationAsync(actor, 2021,
        [
            ("age", "0-4", 16_000), ("age", "5-9", 17_000), ("age", "10-15", 19_500), ("age", "16-17", 7_500),
            ("sex", "F", 29_300), ("sex", "M", 30_700),
            ("ethnicity", "WBRI", 46_800), ("ethnicity", "WOTH", 2_400), ("ethnicity", "MWBC", 1_500), ("ethnicity", "MOTH", 1_200),
            ("ethnicity", "APKN", 2_700), ("ethnicity", "ABAN", 900), ("ethnicity", "AOTH", 900), ("ethnicity", "BAFR", 1_800),
            ("ethnicity", "BOTH", 600), ("ethnicity", "CHNE", 300), ("ethnicity", "OOTH", 900),
        ], "Demo figures, not real", ct);
    }

    /// <summary>A few hundred families' journeys through the importer, then names, patches and allocations within capacity.</summary>
    private async Task SeedJourneysAsync(ActorContext actor, CancellationToken ct)
    {
        var today = db.Today();
        var plan = Services.SelectMany(s => s.Teams.Select(t => (s.Name, t.Name, s.Programme, s.Programme == ShippedProgrammes.Ifss ? 45 : 55))).ToList();
        var rows = new DemoJourneys(JourneySeed, today).Generate(plan);
        var result = await journeys.ImportAsync(actor, rows, new JourneyImportOptions(), null, ct);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The demo journeys did not import: " + string.Join("; ", result.Errors.Take(5)));
        }

        // The import carries references only; give the demo people names and the families their team's patch.
        var random = new Random(JourneySeed);
        var patches = await db.Set<Team>().ToDictionaryAsync(t => t.Id, t => t.Patch, ct);
        var families = await db.Set<Family>().OrderBy(f => f.Reference).ToListAsync(ct);
        var children = (await db.Set<Person>().OrderBy(p => p.CouncilChildId).ToListAsync(ct)).ToLookup(p => p.FamilyId);
        foreach (var family in families)
        {
            family.Patch = patches[family.TeamId];
            var surname = FamilyNames[random.Next(FamilyNames.Length)];
            foreach (var child in children[family.Id])
            {
                child.GivenName = GivenNames[random.Next(GivenNames.Length)];
                child.FamilyName = surname;
                child.Sex = random.Next(2) == 0 ? Sex.Female : Sex.Male;
            }
            // The journeys carry only the referred children; every family also has the parent the work is done with,
            // so adults' measures (WEMWBS) are due and recorded as for the children.
            var eldest = children[family.Id].Min(c => c.DateOfBirth) ?? today.AddYears(-8);
            var parent = new Person
            {
                FamilyId = family.Id,
                GivenName = ParentNames[random.Next(ParentNames.Length)],
                FamilyName = surname,
                DateOfBirth = eldest.AddYears(-random.Next(18, 36)).AddDays(-random.Next(0, 365)),
                Sex = random.NextDouble() < 0.8 ? Sex.Female : Sex.Male,
            };
            db.Add(parent);
            db.Add(new FamilyMembership { FamilyId = family.Id, PersonId = parent.Id, Relationship = Relationship.Parent, From = eldest });
        }
        await db.SaveChangesAsync(actor, ct);
        // Each save below detects changes across everything tracked; thousands of imported rows stay tracked otherwise
        // and made every later save scan them (most of the seed's time). Each stage reads what it needs afresh.
        db.ChangeTracker.Clear();

        // Open episodes are shared among each team's case-holding workers (a maximum above 0): each goes to whoever
        // holds fewest cases among those with room for it (an intensive case needs a free intensive place), so no one
        // worker collects every step-down case. Intensive cases nobody has room for wait on the resource panel. The
        // demo practitioner, whose home page the demo shows, counts as holding one case fewer, so they hold a few.
        var practitioner = await db.Users.Where(u => u.Email == $"practitioner@{EmailDomain}").Select(u => u.WorkerId).SingleAsync(ct);
        var open = await db.Set<Episode>().Where(e => e.ClosedOn == null).OrderBy(e => e.OpenedOn).ThenBy(e => e.Id).Select(e => new { e.Id, e.TeamId, e.OpenedOn, e.IsIntensive }).ToListAsync(ct);
        foreach (var team in open.GroupBy(e => e.TeamId))
        {
            var loads = (await allocations.LoadsAsync(actor, [team.Key], ct)).Where(l => l.MaxIntensiveCases > 0)
                .ToDictionary(l => l.WorkerId, l => (l.Name, Open: l.OpenCases, Free: l.FreeCapacity));
            foreach (var episode in team)
            {
                var candidates = loads.Where(w => !episode.IsIntensive || w.Value.Free > 0).ToList();
                if (candidates.Count == 0)
                {
                    continue;
                }
                var best = candidates.OrderBy(w => w.Value.Open - (w.Key == practitioner ? 1 : 0)).ThenBy(w => w.Key == practitioner ? 0 : 1)
                    .ThenBy(w => w.Value.Name, StringComparer.Ordinal).First();
                await allocations.AllocateAsync(actor, new NewAllocation(episode.Id, best.Key, episode.OpenedOn), ct);
                loads[best.Key] = (best.Value.Name, best.Value.Open + 1, best.Value.Free - (episode.IsIntensive ? 1 : 0));
            }
        }
        db.ChangeTracker.Clear();
        await new DemoCasework(db, JourneySeed + 4).SeedAsync(actor, ct);
        db.ChangeTracker.Clear();
        await DemoMeasures.SeedAsync(db, actor, JourneySeed, today, ct);
        db.ChangeTracker.Clear();
        await new DemoStatutory(db, JourneySeed + 7).SeedAsync(actor, ct);
        db.ChangeTracker.Clear();
        await DemoResults.SeedAsync(db, actor, today, ct);
        db.ChangeTracker.Clear();
        await DemoFollowUps.SeedAsync(db, actor, JourneySeed + 11, today, ct);
    }

    private static string NewPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        return "demo-" + RandomNumberGenerator.GetString(alphabet, 12);
    }
}
