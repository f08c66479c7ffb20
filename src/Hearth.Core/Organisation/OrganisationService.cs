using Hearth.Core.Data;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Organisation;

public sealed record NewService(string Name, string Code, string? Description, string? ProgrammeCode = null);
public sealed record NewTeam(string ServiceCode, string Name, string Code, string? Patch);
public sealed record NewWorker(string TeamCode, string Name, string JobTitle, decimal Fte, int MaxIntensiveCases, IReadOnlyList<string> Specialisms, string? Patch);

/// <summary>The only way to change services, teams and workers.</summary>
public sealed class OrganisationService(HearthDbContext db)
{
    public async Task<Service> CreateServiceAsync(ActorContext actor, NewService input, CancellationToken ct = default)
    {
        actor.Demand(Permission.Administer);
        var v = new Validator()
            .Require("Name", input.Name, "Enter the service name")
            .Require("Code", input.Code, "Enter a short code for the service")
            .MaxLength("Name", input.Name, 200, "Service name")
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
        var service = new Service { Name = input.Name.Trim(), Code = input.Code.Trim(), Description = input.Description?.Trim(), ProgrammeCode = programme };
        db.Add(service);
        await db.SaveChangesAsync(actor, ct);
        return service;
    }

    public async Task<Team> CreateTeamAsync(ActorContext actor, NewTeam input, CancellationToken ct = default)
    {
        actor.Demand(Permission.Administer);
        var v = new Validator()
            .Require("Name", input.Name, "Enter the team name")
            .Require("Code", input.Code, "Enter a short code for the team")
            .MaxLength("Name", input.Name, 200, "Team name")
            .MaxLength("Code", input.Code, 50, "Code");
        var service = await db.Set<Service>().SingleOrDefaultAsync(s => s.Code == input.ServiceCode, ct);
        if (service is null)
        {
            v.Add("Service", $"There is no service with code {input.ServiceCode}");
        }
        if (!string.IsNullOrWhiteSpace(input.Code) && await db.Set<Team>().AnyAsync(t => t.Code == input.Code.Trim(), ct))
        {
            v.Add("Code", $"A team with code {input.Code.Trim()} already exists");
        }
        v.ThrowIfAny();
        var team = new Team { ServiceId = service!.Id, Name = input.Name.Trim(), Code = input.Code.Trim(), Patch = input.Patch?.Trim() };
        db.Add(team);
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
        var v = new Validator()
            .Require("Name", input.Name, "Enter the worker's name")
            .Require("JobTitle", input.JobTitle, "Enter the worker's job title")
            .MaxLength("Name", input.Name, 200, "Name");
        if (team is null)
        {
            v.Add("Team", $"There is no team with code {input.TeamCode}");
        }
        if (input.Fte is <= 0m or > 1m)
        {
            v.Add("Fte", "FTE must be more than 0 and no more than 1");
        }
        if (input.MaxIntensiveCases is < 0 or > 50)
        {
            v.Add("MaxIntensiveCases", "Maximum intensive cases must be between 0 and 50");
        }
        v.ThrowIfAny();
        return new Worker
        {
            TeamId = team!.Id,
            Name = input.Name.Trim(),
            JobTitle = input.JobTitle.Trim(),
            Fte = input.Fte,
            MaxIntensiveCases = input.MaxIntensiveCases,
            Specialisms = input.Specialisms.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct().ToList(),
            Patch = input.Patch?.Trim(),
        };
    }

    /// <summary>
    /// Marks a worker active or not (not: they have left). Their open allocations stay as they are, so their cases show
    /// on the managers' list of cases needing reallocation until someone hands them over.
    /// </summary>
    public async Task<Worker> SetWorkerActiveAsync(ActorContext actor, Guid workerId, int version, bool active, CancellationToken ct = default)
    {
        actor.Demand(Permission.Administer);
        var worker = await db.Set<Worker>().SingleOrDefaultAsync(w => w.Id == workerId, ct) ?? throw new ValidationFailedException("WorkerId", "Choose a worker who exists");
        worker.Version = version;
        worker.IsActive = active;
        await db.SaveChangesAsync(actor, ct);
        return worker;
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
}
