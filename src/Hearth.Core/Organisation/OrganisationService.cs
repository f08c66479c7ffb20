using Hearth.Core.Data;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Organisation;

public sealed record NewService(string Name, string Code, string? Description, string? ProgrammeCode = null);
public sealed record NewTeam(string ServiceCode, string Name, string Code, string? Patch, string? Base = null);
public sealed record NewWorker(string TeamCode, string Name, string JobTitle, decimal? Fte, int? MaxIntensiveCases, IReadOnlyList<string> Specialisms, string? Patch,
    DateOnly? StartDate = null);

/// <summary>A service's new name and description; <paramref name="Version"/> is the version as it was read.</summary>
public sealed record ServiceChange(string Code, int Version, string Name, string? Description);

/// <summary>A team's new name, patch and base; <paramref name="Version"/> is the version as it was read.</summary>
public sealed record TeamChange(string Code, int Version, string Name, string? Patch, string? Base);

/// <summary>
/// A worker's details as edited. A leaving date given for a worker still working is the day they are due to leave;
/// for one who has left it corrects the day recorded when they left.
/// </summary>
public sealed record WorkerChange(Guid Id, int Version, string Name, string JobTitle, decimal? Fte, int? MaxIntensiveCases, IReadOnlyList<string> Specialisms,
    string? Patch, DateOnly? StartDate, DateOnly? LeavingDate);

/// <summary>The only way to change services, teams and workers.</summary>
public sealed class OrganisationService(HearthDbContext db)
{
    public async Task<Service> CreateServiceAsync(ActorContext actor, NewService input, CancellationToken ct = default)
    {
        actor.Demand(Permission.Administer);
        var v = ServiceRules(input.Name, input.Description)
            .Require("Code", input.Code, "Enter a short code for the service")
            .MaxLength("Code", input.Code, 50, "Code");
        if (!string.IsNullOrWhiteSpace(input.Code) && await db.Set<Service>().AnyAsync(s => s.Code == input.Code.Trim(), ct))
        {
            v.Add("Code", $"A service with code {input.Code.Trim()} already exists");
        }
        var programme = string.IsNullOrWhiteSpace(input.ProgrammeCode) ? null : input.ProgrammeCode.Trim();
        if (programme is not null && !await db.Set<Programmes.ProgrammeVersion>().AnyAsync(p => p.Code == programme, ct))
        {
            v.Add("ProgrammeCode", $"There is no programme with identifier {programme}");
        }
        v.ThrowIfAny();
        var service = new Service { Name = input.Name.Trim(), Code = input.Code.Trim(), Description = Clean(input.Description), ProgrammeCode = programme };
        db.Add(service);
        await db.SaveChangesAsync(actor, ct);
        return service;
    }

    /// <summary>Renames a service or changes its description; its code, which imports and the CLI use, stays.</summary>
    public async Task<Service> UpdateServiceAsync(ActorContext actor, ServiceChange input, CancellationToken ct = default)
    {
        actor.Demand(Permission.Administer);
        var service = await FindServiceAsync(input.Code, ct);
        ServiceRules(input.Name, input.Description).ThrowIfAny();
        service.Version = input.Version;
        service.Name = input.Name.Trim();
        service.Description = Clean(input.Description);
        await db.SaveChangesAsync(actor, ct);
        return service;
    }

    /// <summary>Closes a service: it takes no new referrals or allocations from that day, and keeps its history.</summary>
    public async Task<Service> CloseServiceAsync(ActorContext actor, string code, int version, DateOnly? closedOn, CancellationToken ct = default)
    {
        actor.Demand(Permission.Administer);
        var service = await FindServiceAsync(code, ct);
        var v = ClosingRules(closedOn, service.ClosedOn, "service");
        v.ThrowIfAny();
        service.Version = version;
        service.ClosedOn = closedOn;
        await db.SaveChangesAsync(actor, ct);
        return service;
    }

    public async Task<Team> CreateTeamAsync(ActorContext actor, NewTeam input, CancellationToken ct = default)
    {
        actor.Demand(Permission.Administer);
        // Errors in the order of the form: service, name, code, patch, base.
        var v = new Validator();
        var service = await db.Set<Service>().SingleOrDefaultAsync(s => s.Code == input.ServiceCode, ct);
        if (service is null)
        {
            v.Add("Service", string.IsNullOrWhiteSpace(input.ServiceCode) ? "Choose the service the team belongs to" : $"There is no service with code {input.ServiceCode}");
        }
        else if (service.ClosedOn is not null)
        {
            v.Add("Service", $"{service.Name} closed on {service.ClosedOn:d MMMM yyyy} and cannot have new teams");
        }
        v.Require("Name", input.Name, "Enter the team name")
            .MaxLength("Name", input.Name, 200, "Team name")
            .Require("Code", input.Code, "Enter a short code for the team")
            .MaxLength("Code", input.Code, 50, "Code")
            .MaxLength("Patch", input.Patch, 200, "Patch")
            .MaxLength("Base", input.Base, 200, "Base");
        if (!string.IsNullOrWhiteSpace(input.Code) && await db.Set<Team>().AnyAsync(t => t.Code == input.Code.Trim(), ct))
        {
            v.Add("Code", $"A team with code {input.Code.Trim()} already exists");
        }
        v.ThrowIfAny();
        var team = new Team { ServiceId = service!.Id, Name = input.Name.Trim(), Code = input.Code.Trim(), Patch = Clean(input.Patch), Base = Clean(input.Base) };
        db.Add(team);
        await db.SaveChangesAsync(actor, ct);
        return team;
    }

    /// <summary>Renames a team or changes its patch or base; its code stays.</summary>
    public async Task<Team> UpdateTeamAsync(ActorContext actor, TeamChange input, CancellationToken ct = default)
    {
        actor.Demand(Permission.Administer);
        var team = await FindTeamAsync(input.Code, ct);
        TeamRules(input.Name, input.Patch, input.Base).ThrowIfAny();
        team.Version = input.Version;
        team.Name = input.Name.Trim();
        team.Patch = Clean(input.Patch);
        team.Base = Clean(input.Base);
        await db.SaveChangesAsync(actor, ct);
        return team;
    }

    /// <summary>Closes a team: it takes no new referrals or allocations from that day, and keeps its history.</summary>
    public async Task<Team> CloseTeamAsync(ActorContext actor, string code, int version, DateOnly? closedOn, CancellationToken ct = default)
    {
        actor.Demand(Permission.Administer);
        var team = await FindTeamAsync(code, ct);
        ClosingRules(closedOn, team.ClosedOn, "team").ThrowIfAny();
        team.Version = version;
        team.ClosedOn = closedOn;
        await db.SaveChangesAsync(actor, ct);
        return team;
    }

    public async Task<Worker> CreateWorkerAsync(ActorContext actor, NewWorker input, CancellationToken ct = default)
    {
        actor.Demand(Permission.Administer);
        var team = await db.Set<Team>().SingleOrDefaultAsync(t => t.Code == input.TeamCode, ct);
        var worker = BuildWorker(team, input);
        db.Add(worker);
        await db.SaveChangesAsync(actor, ct);
        return worker;
    }

    /// <summary>Validates a new worker and returns it unsaved, so a caller can save it with other rows in one transaction.</summary>
    internal static Worker BuildWorker(Team? team, NewWorker input)
    {
        // Errors in the order of the form: team first, then the worker's details.
        var v = new Validator();
        if (team is null)
        {
            v.Add("Team", string.IsNullOrWhiteSpace(input.TeamCode) ? "Choose the worker's team" : $"There is no team with code {input.TeamCode}");
        }
        else if (team.ClosedOn is not null)
        {
            v.Add("Team", $"{team.Name} closed on {team.ClosedOn:d MMMM yyyy} and cannot have new workers");
        }
        foreach (var error in WorkerRules(input.Name, input.JobTitle, input.Fte, input.MaxIntensiveCases, input.Specialisms, input.Patch).Errors)
        {
            v.Add(error.Field, error.Message);
        }
        v.ThrowIfAny();
        return new Worker
        {
            TeamId = team!.Id,
            Name = input.Name.Trim(),
            JobTitle = input.JobTitle.Trim(),
            Fte = input.Fte!.Value,
            MaxIntensiveCases = input.MaxIntensiveCases!.Value,
            Specialisms = CleanList(input.Specialisms),
            Patch = Clean(input.Patch),
            StartDate = input.StartDate,
        };
    }

    public async Task<Worker> UpdateWorkerAsync(ActorContext actor, WorkerChange input, CancellationToken ct = default)
    {
        actor.Demand(Permission.Administer);
        var worker = await db.Set<Worker>().SingleOrDefaultAsync(w => w.Id == input.Id, ct)
            ?? throw new ValidationFailedException("Worker", $"There is no worker with id {input.Id}");
        var v = WorkerRules(input.Name, input.JobTitle, input.Fte, input.MaxIntensiveCases, input.Specialisms, input.Patch);
        if (!worker.IsActive && input.LeavingDate is null)
        {
            v.Add("LeavingDate", "Enter the date the worker left");
        }
        else if (!worker.IsActive && input.LeavingDate > db.Today())
        {
            v.Add("LeavingDate", "The date the worker left must be today or in the past");
        }
        if (input.StartDate is { } start && input.LeavingDate is { } leaving && leaving < start)
        {
            v.Add("LeavingDate", "The leaving date must be the same as or after the start date");
        }
        v.ThrowIfAny();
        worker.Version = input.Version;
        worker.Name = input.Name.Trim();
        worker.JobTitle = input.JobTitle.Trim();
        worker.Fte = input.Fte!.Value;
        worker.MaxIntensiveCases = input.MaxIntensiveCases!.Value;
        worker.Specialisms = CleanList(input.Specialisms);
        worker.Patch = Clean(input.Patch);
        worker.StartDate = input.StartDate;
        worker.LeavingDate = input.LeavingDate;
        await db.SaveChangesAsync(actor, ct);
        return worker;
    }

    /// <summary>
    /// Records that a worker has left: the leaving date, the worker no longer active, and each user account linked to
    /// them deactivated (with a new security stamp, so a sign-in cookie they still hold stops working too). Their open
    /// allocations are left as they are: a manager reallocates them (the cases needing reallocation).
    /// </summary>
    public async Task<Worker> WorkerLeavesAsync(ActorContext actor, Guid workerId, int version, DateOnly? leftOn, CancellationToken ct = default)
    {
        actor.Demand(Permission.Administer);
        var worker = await db.Set<Worker>().SingleOrDefaultAsync(w => w.Id == workerId, ct)
            ?? throw new ValidationFailedException("Worker", $"There is no worker with id {workerId}");
        var v = new Validator();
        if (!worker.IsActive)
        {
            v.Add("LeavingDate", $"{worker.Name} has already left");
        }
        else if (leftOn is null)
        {
            v.Add("LeavingDate", "Enter the date the worker left");
        }
        else if (leftOn > db.Today())
        {
            v.Add("LeavingDate", "The date the worker left must be today or in the past");
        }
        else if (worker.StartDate is { } start && leftOn < start)
        {
            v.Add("LeavingDate", $"The date the worker left must be the same as or after their start date, {start:d MMMM yyyy}");
        }
        v.ThrowIfAny();
        worker.Version = version;
        worker.LeavingDate = leftOn;
        worker.IsActive = false;
        foreach (var user in await db.Users.Where(u => u.WorkerId == worker.Id && u.IsActive).ToListAsync(ct))
        {
            user.IsActive = false;
            user.SecurityStamp = Guid.NewGuid().ToString("N");
        }
        await db.SaveChangesAsync(actor, ct);
        return worker;
    }

    /// <summary>Every service with its teams, for administration.</summary>
    public async Task<IReadOnlyList<Service>> ServicesAsync(ActorContext actor, CancellationToken ct = default)
    {
        actor.Demand(Permission.Administer);
        var services = await db.Set<Service>().AsNoTracking().Include(s => s.Teams).ToListAsync(ct);
        foreach (var service in services)
        {
            service.Teams = service.Teams.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        }
        return services.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>The programmes a service can run, by code, each with the name of its latest version.</summary>
    public async Task<IReadOnlyList<(string Code, string Name)>> ProgrammesAsync(ActorContext actor, CancellationToken ct = default)
    {
        actor.Demand(Permission.Administer);
        var versions = await db.Set<Programmes.ProgrammeVersion>().AsNoTracking().Select(p => new { p.Code, p.Name, p.EffectiveFrom }).ToListAsync(ct);
        return versions.GroupBy(p => p.Code).Select(g => (g.Key, g.MaxBy(p => p.EffectiveFrom)!.Name)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<Service?> ServiceAsync(ActorContext actor, string code, CancellationToken ct = default)
    {
        actor.Demand(Permission.Administer);
        return await db.Set<Service>().AsNoTracking().Include(s => s.Teams).SingleOrDefaultAsync(s => s.Code == code, ct);
    }

    public async Task<Team?> TeamAsync(ActorContext actor, string code, CancellationToken ct = default)
    {
        actor.Demand(Permission.Administer);
        return await db.Set<Team>().AsNoTracking().Include(t => t.Service).Include(t => t.Workers).SingleOrDefaultAsync(t => t.Code == code, ct);
    }

    /// <summary>Workers, of one team when a code is given, with their teams; those who have left are included.</summary>
    public async Task<IReadOnlyList<Worker>> WorkersAsync(ActorContext actor, string? teamCode = null, CancellationToken ct = default)
    {
        actor.Demand(Permission.Administer);
        var query = db.Set<Worker>().AsNoTracking().Include(w => w.Team).AsQueryable();
        if (!string.IsNullOrWhiteSpace(teamCode))
        {
            query = query.Where(w => w.Team!.Code == teamCode);
        }
        return await query.OrderBy(w => w.Team!.Name).ThenBy(w => w.Name).ToListAsync(ct);
    }

    public async Task<Worker?> WorkerAsync(ActorContext actor, Guid id, CancellationToken ct = default)
    {
        actor.Demand(Permission.Administer);
        return await db.Set<Worker>().AsNoTracking().Include(w => w.Team).SingleOrDefaultAsync(w => w.Id == id, ct);
    }

    public async Task<IReadOnlyList<Team>> ListTeamsAsync(ActorContext actor, CancellationToken ct = default)
    {
        var query = db.Set<Team>().AsNoTracking().Include(t => t.Service).AsQueryable();
        if (!actor.SeesAllTeams)
        {
            var ids = actor.TeamIds.ToList();
            query = query.Where(t => ids.Contains(t.Id));
        }
        return await query.OrderBy(t => t.Service!.Name).ThenBy(t => t.Name).ToListAsync(ct);
    }

    /// <summary>
    /// Why a team cannot take a new referral or allocation on a day (it or its service has closed), or null when it can.
    /// Referrals and allocations ask this so a closed team keeps its history but gains no new work.
    /// </summary>
    public static string? ClosedReason(Team team, Service service) =>
        service.ClosedOn is { } s ? $"{service.Name} closed on {s:d MMMM yyyy} and takes no new work"
        : team.ClosedOn is { } t ? $"{team.Name} closed on {t:d MMMM yyyy} and takes no new work"
        : null;

    private async Task<Service> FindServiceAsync(string code, CancellationToken ct) =>
        await db.Set<Service>().SingleOrDefaultAsync(s => s.Code == code, ct)
            ?? throw new ValidationFailedException("Service", $"There is no service with code {code}");

    private async Task<Team> FindTeamAsync(string code, CancellationToken ct) =>
        await db.Set<Team>().SingleOrDefaultAsync(t => t.Code == code, ct)
            ?? throw new ValidationFailedException("Team", $"There is no team with code {code}");

    private static Validator ServiceRules(string? name, string? description) => new Validator()
        .Require("Name", name, "Enter the service name")
        .MaxLength("Name", name, 200, "Service name")
        .MaxLength("Description", description, 2000, "Description");

    private static Validator TeamRules(string? name, string? patch, string? @base) => new Validator()
        .Require("Name", name, "Enter the team name")
        .MaxLength("Name", name, 200, "Team name")
        .MaxLength("Patch", patch, 200, "Patch")
        .MaxLength("Base", @base, 200, "Base");

    private Validator ClosingRules(DateOnly? closedOn, DateOnly? alreadyClosedOn, string what)
    {
        var v = new Validator();
        if (alreadyClosedOn is { } closed)
        {
            v.Add("ClosedOn", $"The {what} already closed on {closed:d MMMM yyyy}");
        }
        else if (closedOn is null)
        {
            v.Add("ClosedOn", $"Enter the date the {what} closes");
        }
        else if (closedOn > db.Today())
        {
            v.Add("ClosedOn", $"The date the {what} closes must be today or in the past");
        }
        return v;
    }

    private static Validator WorkerRules(string? name, string? jobTitle, decimal? fte, int? maxIntensiveCases, IReadOnlyList<string> specialisms, string? patch)
    {
        var v = new Validator()
            .Require("Name", name, "Enter the worker's name")
            .MaxLength("Name", name, 200, "Name")
            .Require("JobTitle", jobTitle, "Enter the worker's job title")
            .MaxLength("JobTitle", jobTitle, 200, "Job title")
            .MaxLength("Patch", patch, 200, "Patch");
        if (fte is null)
        {
            v.Add("Fte", "Enter the worker's full-time equivalent");
        }
        else if (fte is < 0.1m or > 1m)
        {
            v.Add("Fte", "Full-time equivalent must be between 0.1 and 1");
        }
        if (maxIntensiveCases is null)
        {
            v.Add("MaxIntensiveCases", "Enter the most intensive cases the worker may hold at once");
        }
        else if (maxIntensiveCases is < 0 or > 50)
        {
            v.Add("MaxIntensiveCases", "Maximum intensive cases must be between 0 and 50");
        }
        if (specialisms.Any(s => s.Trim().Length > 100))
        {
            v.Add("Specialisms", "Each specialism must be 100 characters or fewer");
        }
        return v;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static List<string> CleanList(IReadOnlyList<string> values) => values.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct().ToList();
}
