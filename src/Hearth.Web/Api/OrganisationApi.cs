using Hearth.Core.Organisation;
using Hearth.Core.Reporting;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;

namespace Hearth.Web.Api;

/// <summary>
/// Organisation administration under /api/v1/admin, so a council can script its set-up: services, teams, workers,
/// user accounts, budgets, population figures and the report inputs still missing. Services and teams are named by
/// their codes in routes, workers and users by id; services and teams also answer their ids, which the families,
/// referrals and caseload routes take. A change sends back the version it read; a stale one answers 409.
/// </summary>
public static class OrganisationApi
{
    public static void MapOrganisationApi(this RouteGroupBuilder v1)
    {
        var admin = v1.MapGroup("/admin").RequireAuthorization(Policies.For(Permission.Administer));

        admin.MapGet("/services", async (HttpContext http, OrganisationService organisation, CancellationToken ct) =>
            TypedResults.Ok((await organisation.ServicesAsync(http.User.ToActor(), ct)).Select(ServiceDto.Of)))
            .WithName("ListServices").WithSummary("Every service with its teams.");
        admin.MapPost("/services", async (HttpContext http, OrganisationService organisation, NewServiceRequest body, CancellationToken ct) =>
        {
            var service = await organisation.CreateServiceAsync(http.User.ToActor(), new NewService(body.Name ?? "", body.Code ?? "", body.Description, body.ProgrammeCode), ct);
            return TypedResults.Created($"/api/v1/admin/services/{service.Code}", ServiceDto.Of(service));
        }).WithName("CreateService");
        admin.MapPut("/services/{code}", async (HttpContext http, OrganisationService organisation, string code, ServiceChangeRequest body, CancellationToken ct) =>
            TypedResults.Ok(ServiceDto.Of(await organisation.UpdateServiceAsync(http.User.ToActor(), new ServiceChange(code, body.Version, body.Name ?? "", body.Description), ct))))
            .WithName("UpdateService").WithSummary("Renames a service or changes its description.");
        admin.MapPost("/services/{code}/close", async (HttpContext http, OrganisationService organisation, string code, CloseRequest body, CancellationToken ct) =>
            TypedResults.Ok(ServiceDto.Of(await organisation.CloseServiceAsync(http.User.ToActor(), code, body.Version, body.ClosedOn, ct))))
            .WithName("CloseService").WithSummary("Closes a service: no new referrals or allocations from that day.");

        admin.MapGet("/teams", async (HttpContext http, OrganisationService organisation, CancellationToken ct) =>
            TypedResults.Ok((await organisation.ServicesAsync(http.User.ToActor(), ct)).SelectMany(s => s.Teams.Select(t => TeamDto.Of(t, s.Code)))))
            .WithName("ListTeams");
        admin.MapPost("/teams", async (HttpContext http, OrganisationService organisation, NewTeamRequest body, CancellationToken ct) =>
        {
            var team = await organisation.CreateTeamAsync(http.User.ToActor(), new NewTeam(body.ServiceCode ?? "", body.Name ?? "", body.Code ?? "", body.Patch, body.Base), ct);
            return TypedResults.Created($"/api/v1/admin/teams/{team.Code}", TeamDto.Of(team, body.ServiceCode!));
        }).WithName("CreateTeam");
        admin.MapPut("/teams/{code}", async (HttpContext http, OrganisationService organisation, string code, TeamChangeRequest body, CancellationToken ct) =>
        {
            var team = await organisation.UpdateTeamAsync(http.User.ToActor(), new TeamChange(code, body.Version, body.Name ?? "", body.Patch, body.Base), ct);
            return TypedResults.Ok(TeamDto.Of(team, (await organisation.TeamAsync(http.User.ToActor(), code, ct))!.Service!.Code));
        }).WithName("UpdateTeam").WithSummary("Renames a team or changes its patch or base.");
        admin.MapPost("/teams/{code}/close", async (HttpContext http, OrganisationService organisation, string code, CloseRequest body, CancellationToken ct) =>
        {
            var team = await organisation.CloseTeamAsync(http.User.ToActor(), code, body.Version, body.ClosedOn, ct);
            return TypedResults.Ok(TeamDto.Of(team, (await organisation.TeamAsync(http.User.ToActor(), code, ct))!.Service!.Code));
        }).WithName("CloseTeam").WithSummary("Closes a team: no new referrals or allocations from that day.");

        admin.MapGet("/workers", async (HttpContext http, OrganisationService organisation, string? team, CancellationToken ct) =>
            TypedResults.Ok((await organisation.WorkersAsync(http.User.ToActor(), team, ct)).Select(WorkerDto.Of)))
            .WithName("ListWorkers").WithSummary("Workers, of one team with ?team=; those who have left are included, with active false.");
        admin.MapGet("/workers/{id:guid}", async (HttpContext http, OrganisationService organisation, Guid id, CancellationToken ct) =>
            await organisation.WorkerAsync(http.User.ToActor(), id, ct) is { } w ? Results.Ok(WorkerDto.Of(w)) : Results.NotFound())
            .WithName("GetWorker");
        admin.MapPost("/workers", async (HttpContext http, OrganisationService organisation, NewWorkerRequest body, CancellationToken ct) =>
        {
            var actor = http.User.ToActor();
            var worker = await organisation.CreateWorkerAsync(actor, new NewWorker(body.TeamCode ?? "", body.Name ?? "", body.JobTitle ?? "", body.Fte, body.MaxIntensiveCases,
                body.Specialisms ?? [], body.Patch, body.StartDate), ct);
            return TypedResults.Created($"/api/v1/admin/workers/{worker.Id}", WorkerDto.Of((await organisation.WorkerAsync(actor, worker.Id, ct))!));
        }).WithName("CreateWorker");
        admin.MapPut("/workers/{id:guid}", async (HttpContext http, OrganisationService organisation, Guid id, WorkerChangeRequest body, CancellationToken ct) =>
        {
            var actor = http.User.ToActor();
            await organisation.UpdateWorkerAsync(actor, new WorkerChange(id, body.Version, body.Name ?? "", body.JobTitle ?? "", body.Fte, body.MaxIntensiveCases,
                body.Specialisms ?? [], body.Patch, body.StartDate, body.LeavingDate), ct);
            return TypedResults.Ok(WorkerDto.Of((await organisation.WorkerAsync(actor, id, ct))!));
        }).WithName("UpdateWorker").WithSummary("Changes a worker's details: the whole record is sent.");
        admin.MapPost("/workers/{id:guid}/leave", async (HttpContext http, OrganisationService organisation, Guid id, LeaveRequest body, CancellationToken ct) =>
        {
            var actor = http.User.ToActor();
            await organisation.WorkerLeavesAsync(actor, id, body.Version, body.LeavingDate, ct);
            return TypedResults.Ok(WorkerDto.Of((await organisation.WorkerAsync(actor, id, ct))!));
        }).WithName("WorkerLeaves").WithSummary("Records that a worker has left: inactive, and their user account can no longer sign in. Their open cases then need reallocation.");

        admin.MapGet("/users", async (HttpContext http, UserService users, CancellationToken ct) =>
            TypedResults.Ok(await users.UsersAsync(http.User.ToActor(), ct)))
            .WithName("ListUsers").WithSummary("Every user account with its role and team codes (never password hashes).");
        admin.MapPost("/users", async (HttpContext http, UserService users, NewUserRequest body, CancellationToken ct) =>
        {
            var user = await users.CreateAsync(http.User.ToActor(), new NewUser(body.Name ?? "", body.Email ?? "", body.Role ?? "", body.TeamCodes ?? [], body.Password ?? "", body.JobTitle), ct);
            return TypedResults.Created($"/api/v1/admin/users/{user.Id}", new CreatedUserDto(user.Id, user.WorkerId));
        }).WithName("CreateUser").WithSummary("Creates a user account; a practitioner, manager or volunteer in a team also gets a worker record, whose id is answered.");

        admin.MapGet("/budgets", async (HttpContext http, ReportInputService inputs, CancellationToken ct) =>
            TypedResults.Ok(await inputs.BudgetsAsync(http.User.ToActor(), ct)))
            .WithName("ListBudgets");
        admin.MapPut("/budgets/{service}/{year}", async (HttpContext http, ReportInputService inputs, string service, string year, BudgetRequest body, CancellationToken ct) =>
        {
            var actor = http.User.ToActor();
            var budget = await inputs.SetBudgetAsync(actor, new BudgetInput(service, year, body.GrossExpenditure, body.Income, body.Note, body.Version), ct);
            return TypedResults.Ok(await inputs.BudgetAsync(actor, service, budget.FinancialYear, ct));
        }).WithName("SetBudget").WithSummary("Sets a service's budget for a financial year such as 2025-26; net is gross expenditure less income.");

        admin.MapGet("/population", async (HttpContext http, ReportInputService inputs, int? year, CancellationToken ct) =>
            TypedResults.Ok((await inputs.PopulationAsync(http.User.ToActor(), year, ct)).Select(f => new PopulationFigureDto(f.Year, f.Characteristic, f.Category, f.Count, f.Source, f.Version))))
            .WithName("ListPopulation");
        admin.MapPut("/population/{year:int}", async (HttpContext http, ReportInputService inputs, int year, PopulationRequest body, CancellationToken ct) =>
        {
            var figures = (body.Figures ?? []).Select(f => (f.Characteristic ?? "", f.Category ?? "", f.Count)).ToList();
            return TypedResults.Ok(new { Imported = await inputs.SetPopulationAsync(http.User.ToActor(), year, figures, body.Source, ct) });
        }).WithName("SetPopulation").WithSummary("Replaces the population figures of a year, all or nothing.");

        admin.MapGet("/figures-to-enter", async (HttpContext http, ReportInputService inputs, CancellationToken ct) =>
            TypedResults.Ok(await inputs.GapsAsync(http.User.ToActor(), ct)))
            .WithName("ReportInputGaps").WithSummary("The budgets and population figures not entered, which reports show as n/a.");
    }

    public sealed record NewServiceRequest(string? Name, string? Code, string? Description, string? ProgrammeCode);
    public sealed record ServiceChangeRequest(int Version, string? Name, string? Description);
    public sealed record CloseRequest(int Version, DateOnly? ClosedOn);
    public sealed record NewTeamRequest(string? ServiceCode, string? Name, string? Code, string? Patch, string? Base);
    public sealed record TeamChangeRequest(int Version, string? Name, string? Patch, string? Base);
    public sealed record NewWorkerRequest(string? TeamCode, string? Name, string? JobTitle, decimal? Fte, int? MaxIntensiveCases, IReadOnlyList<string>? Specialisms, string? Patch, DateOnly? StartDate);
    public sealed record WorkerChangeRequest(int Version, string? Name, string? JobTitle, decimal? Fte, int? MaxIntensiveCases, IReadOnlyList<string>? Specialisms, string? Patch,
        DateOnly? StartDate, DateOnly? LeavingDate);
    public sealed record LeaveRequest(int Version, DateOnly? LeavingDate);
    public sealed record NewUserRequest(string? Name, string? Email, string? Role, IReadOnlyList<string>? TeamCodes, string? Password, string? JobTitle);
    public sealed record CreatedUserDto(Guid Id, Guid? WorkerId);
    public sealed record BudgetRequest(decimal? GrossExpenditure, decimal? Income, string? Note, int? Version);
    public sealed record PopulationRequest(string? Source, IReadOnlyList<PopulationRow>? Figures);
    public sealed record PopulationRow(string? Characteristic, string? Category, long Count);
    public sealed record PopulationFigureDto(int Year, string Characteristic, string Category, long Count, string? Source, int Version);

    public sealed record TeamDto(Guid Id, string Code, string ServiceCode, string Name, string? Patch, string? Base, DateOnly? ClosedOn, int Version)
    {
        public static TeamDto Of(Team t, string serviceCode) => new(t.Id, t.Code, serviceCode, t.Name, t.Patch, t.Base, t.ClosedOn, t.Version);
    }

    public sealed record ServiceDto(Guid Id, string Code, string Name, string? Description, string? ProgrammeCode, DateOnly? ClosedOn, int Version, IReadOnlyList<TeamDto> Teams)
    {
        public static ServiceDto Of(Service s) => new(s.Id, s.Code, s.Name, s.Description, s.ProgrammeCode, s.ClosedOn, s.Version, s.Teams.Select(t => TeamDto.Of(t, s.Code)).ToList());
    }

    public sealed record WorkerDto(Guid Id, string TeamCode, string Name, string JobTitle, decimal Fte, int MaxIntensiveCases, IReadOnlyList<string> Specialisms, string? Patch,
        DateOnly? StartDate, DateOnly? LeavingDate, bool Active, int Version)
    {
        public static WorkerDto Of(Worker w) => new(w.Id, w.Team!.Code, w.Name, w.JobTitle, w.Fte, w.MaxIntensiveCases, w.Specialisms, w.Patch, w.StartDate, w.LeavingDate, w.IsActive, w.Version);
    }
}
