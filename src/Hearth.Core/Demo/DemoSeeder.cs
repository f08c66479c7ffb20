using System.Security.Cryptography;
using Hearth.Core.Data;
using Hearth.Core.Organisation;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Demo;

public sealed record DemoSignIn(string Role, string Email, string Password);

/// <summary>
/// A believable council for demonstrations and tests: the three IFSS sites of the Welsh evaluation, an IFIT-style
/// edge-of-care team, a York-style Troubled Families locality team and a FACT22-style pod, with a user for every role.
/// Only ever run when demo mode is asked for.
/// </summary>
public sealed class DemoSeeder(HearthDbContext db, OrganisationService organisation, UserService users)
{
    public const string EmailDomain = "demo.hearth.example";

    private static readonly (string Code, string Name, string Description, (string Code, string Name, string Patch)[] Teams)[] Services =
    [
        ("ifss-1", "IFSS Site 1", "Integrated Family Support Service, first site of the Welsh evaluation", [("ifss-1-team", "IFSS Site 1 team", "North")]),
        ("ifss-2", "IFSS Site 2", "Integrated Family Support Service, second site", [("ifss-2-team", "IFSS Site 2 team", "South")]),
        ("ifss-3", "IFSS Site 3", "Integrated Family Support Service, third site", [("ifss-3-team", "IFSS Site 3 team", "West")]),
        ("ifit", "Intensive Family Intervention Team", "Edge-of-care outreach, planned and emergency work 8am-10pm", [("ifit-team", "IFIT", "City-wide")]),
        ("york-ifs", "Integrated Family Service", "Troubled Families locality work, up to 12 months", [("york-east", "East locality team", "East")]),
        ("fact22", "FACT22", "Intensive support to children in need, delivered in pods", [("fact22-pod-1", "Pod 1", "Crewe")]),
    ];

    private static readonly (string Name, string Title, string[] Specialisms)[] Practitioners =
    [
        ("Sian Roberts", "Family practitioner", ["substance misuse"]),
        ("Owen Davies", "Family practitioner", ["domestic abuse"]),
        ("Priya Shah", "Family practitioner", ["parental mental health"]),
    ];

    public async Task<bool> IsSeededAsync(CancellationToken ct = default) =>
        await db.Set<Service>().AnyAsync(s => s.Code == "ifss-1", ct);

    /// <summary>Creates the demo council. Returns the sign-ins, or an empty list when it already exists.</summary>
    public async Task<IReadOnlyList<DemoSignIn>> SeedAsync(string? password = null, CancellationToken ct = default)
    {
        if (await IsSeededAsync(ct))
        {
            return [];
        }
        var actor = ActorContext.System("seed demo");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var (code, name, description, teams) in Services)
        {
            await organisation.CreateServiceAsync(actor, new NewService(name, code, description), ct);
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
        await tx.CommitAsync(ct);
        return signIns;
    }

    private static string NewPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        return "demo-" + RandomNumberGenerator.GetString(alphabet, 12);
    }
}
