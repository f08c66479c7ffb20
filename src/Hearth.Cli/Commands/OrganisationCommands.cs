using Hearth.Core;
using System.CommandLine;
using System.Globalization;
using Hearth.Core.Data;
using Hearth.Core.Exports;
using Hearth.Core.Organisation;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Cli.Commands;

/// <summary>
/// Services, teams and workers, so a council can script its set-up. An edit changes only the options given; the
/// rest keep their current values.
/// </summary>
internal static class OrganisationCommands
{
    public static IEnumerable<Command> Build(CliEnvironment env) => [Services(env), Teams(env), Workers(env)];

    private static Command Services(CliEnvironment env)
    {
        var list = new Command("list", "Every service, as CSV: code, name, programme, teams, closed on.");
        list.SetAction((parse, ct) => ReportInputCommands.RunAsync(env, async provider =>
        {
            using var csv = ExportCsv.Create(env.Out);
            csv.Row("code", "name", "programme", "teams", "closed_on");
            foreach (var s in await Organisation(provider).ServicesAsync(env.Actor, ct))
            {
                csv.Text(s.Code).Text(s.Name).Text(s.ProgrammeCode).Number(s.Teams.Count).Date(s.ClosedOn).EndRow();
            }
            await csv.FlushAsync(ct);
            return CliEnvironment.Ok;
        }));

        var code = new Option<string>("--code") { Description = "Short stable identifier, e.g. ifss-1.", Required = true };
        var name = new Option<string>("--name") { Description = "The service's name.", Required = true };
        var description = new Option<string?>("--description") { Description = "What the service does." };
        var programme = new Option<string?>("--programme") { Description = "The programme it runs, e.g. ifss." };
        var create = new Command("create", "Add a service.") { code, name, description, programme };
        create.SetAction((parse, ct) => ReportInputCommands.RunAsync(env, async provider =>
        {
            var s = await Organisation(provider).CreateServiceAsync(env.Actor, new NewService(parse.GetValue(name)!, parse.GetValue(code)!, parse.GetValue(description), parse.GetValue(programme)), ct);
            await env.Out.WriteLineAsync($"Service {s.Code} created: {s.Name}.");
            return CliEnvironment.Ok;
        }));

        var newName = new Option<string?>("--name") { Description = "The service's new name." };
        var rename = new Command("rename", "Rename a service or change its description; its code stays.") { code, newName, description };
        rename.SetAction((parse, ct) => ReportInputCommands.RunAsync(env, async provider =>
        {
            var organisation = Organisation(provider);
            var current = await organisation.ServiceAsync(env.Actor, parse.GetValue(code)!, ct) ?? throw NoSuch("Service", "service", parse.GetValue(code));
            var s = await organisation.UpdateServiceAsync(env.Actor, new ServiceChange(current.Code, current.Version,
                parse.GetValue(newName) ?? current.Name, parse.GetValue(description) ?? current.Description), ct);
            await env.Out.WriteLineAsync($"Service {s.Code} is now {s.Name}.");
            return CliEnvironment.Ok;
        }));

        var on = new Option<string?>("--on") { Description = "The day it closes, e.g. 2026-03-31 (default today)." };
        var close = new Command("close", "Close a service: no new referrals or allocations from that day; its history stays.") { code, on };
        close.SetAction((parse, ct) => ReportInputCommands.RunAsync(env, async provider =>
        {
            var organisation = Organisation(provider);
            var current = await organisation.ServiceAsync(env.Actor, parse.GetValue(code)!, ct) ?? throw NoSuch("Service", "service", parse.GetValue(code));
            var s = await organisation.CloseServiceAsync(env.Actor, current.Code, current.Version, ParseDate(parse.GetValue(on), "ClosedOn") ?? Today(provider), ct);
            await env.Out.WriteLineAsync($"Service {s.Code} closed on {Date(s.ClosedOn)}.");
            return CliEnvironment.Ok;
        }));
        return new Command("services", "The council's family support services.") { list, create, rename, close };
    }

    private static Command Teams(CliEnvironment env)
    {
        var list = new Command("list", "Every team, as CSV: code, service, name, patch, base, workers, closed on.");
        list.SetAction((parse, ct) => ReportInputCommands.RunAsync(env, async provider =>
        {
            using var csv = ExportCsv.Create(env.Out);
            csv.Row("code", "service", "name", "patch", "base", "closed_on");
            foreach (var s in await Organisation(provider).ServicesAsync(env.Actor, ct))
            {
                foreach (var t in s.Teams)
                {
                    csv.Text(t.Code).Text(s.Code).Text(t.Name).Text(t.Patch).Text(t.Base).Date(t.ClosedOn).EndRow();
                }
            }
            await csv.FlushAsync(ct);
            return CliEnvironment.Ok;
        }));

        var code = new Option<string>("--code") { Description = "Short stable identifier, e.g. ifss-1-north.", Required = true };
        var service = new Option<string>("--service") { Description = "The code of the service the team belongs to.", Required = true };
        var name = new Option<string>("--name") { Description = "The team's name.", Required = true };
        var patch = new Option<string?>("--patch") { Description = "The area the team covers." };
        var @base = new Option<string?>("--base") { Description = "The base or venue the team works from." };
        var create = new Command("create", "Add a team to a service.") { code, service, name, patch, @base };
        create.SetAction((parse, ct) => ReportInputCommands.RunAsync(env, async provider =>
        {
            var t = await Organisation(provider).CreateTeamAsync(env.Actor, new NewTeam(parse.GetValue(service)!, parse.GetValue(name)!, parse.GetValue(code)!, parse.GetValue(patch), parse.GetValue(@base)), ct);
            await env.Out.WriteLineAsync($"Team {t.Code} created: {t.Name}.");
            return CliEnvironment.Ok;
        }));

        var newName = new Option<string?>("--name") { Description = "The team's new name." };
        var edit = new Command("edit", "Rename a team or change its patch or base; its code stays.") { code, newName, patch, @base };
        edit.SetAction((parse, ct) => ReportInputCommands.RunAsync(env, async provider =>
        {
            var organisation = Organisation(provider);
            var current = await organisation.TeamAsync(env.Actor, parse.GetValue(code)!, ct) ?? throw NoSuch("Team", "team", parse.GetValue(code));
            var t = await organisation.UpdateTeamAsync(env.Actor, new TeamChange(current.Code, current.Version,
                parse.GetValue(newName) ?? current.Name, parse.GetValue(patch) ?? current.Patch, parse.GetValue(@base) ?? current.Base), ct);
            await env.Out.WriteLineAsync($"Team {t.Code} saved: {t.Name}.");
            return CliEnvironment.Ok;
        }));

        var on = new Option<string?>("--on") { Description = "The day it closes, e.g. 2026-03-31 (default today)." };
        var close = new Command("close", "Close a team: no new referrals or allocations from that day; its history stays.") { code, on };
        close.SetAction((parse, ct) => ReportInputCommands.RunAsync(env, async provider =>
        {
            var organisation = Organisation(provider);
            var current = await organisation.TeamAsync(env.Actor, parse.GetValue(code)!, ct) ?? throw NoSuch("Team", "team", parse.GetValue(code));
            var t = await organisation.CloseTeamAsync(env.Actor, current.Code, current.Version, ParseDate(parse.GetValue(on), "ClosedOn") ?? Today(provider), ct);
            await env.Out.WriteLineAsync($"Team {t.Code} closed on {Date(t.ClosedOn)}.");
            return CliEnvironment.Ok;
        }));
        return new Command("teams", "The teams within each service.") { list, create, edit, close };
    }

    private static Command Workers(CliEnvironment env)
    {
        var team = new Option<string?>("--team") { Description = "A team's code." };
        var list = new Command("list", "Workers, as CSV: id, team, name, job title, FTE, maximum intensive cases, specialisms, patch, start, leaving, active.") { team };
        list.SetAction((parse, ct) => ReportInputCommands.RunAsync(env, async provider =>
        {
            using var csv = ExportCsv.Create(env.Out);
            csv.Row("id", "team", "name", "job_title", "fte", "max_intensive_cases", "specialisms", "patch", "start_date", "leaving_date", "active");
            foreach (var w in await Organisation(provider).WorkersAsync(env.Actor, parse.GetValue(team), ct))
            {
                csv.Text(w.Id.ToString()).Text(w.Team!.Code).Text(w.Name).Text(w.JobTitle).Number(w.Fte, "0.##").Number(w.MaxIntensiveCases)
                    .Text(string.Join("; ", w.Specialisms)).Text(w.Patch).Date(w.StartDate).Date(w.LeavingDate).Text(w.IsActive ? "yes" : "no").EndRow();
            }
            await csv.FlushAsync(ct);
            return CliEnvironment.Ok;
        }));

        var name = new Option<string?>("--name") { Description = "The worker's full name." };
        var jobTitle = new Option<string?>("--job-title") { Description = "As the council uses it, e.g. Family practitioner." };
        var fte = new Option<decimal?>("--fte") { Description = "Full-time equivalent, 0.1 to 1." };
        var max = new Option<int?>("--max-intensive-cases") { Description = "Most open intensive cases at once." };
        var specialism = new Option<string[]>("--specialism") { Description = "A specialism; repeat for more. In an edit, replaces the list.", AllowMultipleArgumentsPerToken = false };
        var patch = new Option<string?>("--patch") { Description = "The area the worker covers." };
        var start = new Option<string?>("--start-date") { Description = "The day they started, e.g. 2024-09-02." };
        var create = new Command("create", "Add a worker to a team; prints the worker's id.") { team, name, jobTitle, fte, max, specialism, patch, start };
        create.SetAction((parse, ct) => ReportInputCommands.RunAsync(env, async provider =>
        {
            var w = await Organisation(provider).CreateWorkerAsync(env.Actor, new NewWorker(parse.GetValue(team) ?? "", parse.GetValue(name) ?? "", parse.GetValue(jobTitle) ?? "",
                parse.GetValue(fte) ?? 1m, parse.GetValue(max) ?? 2, parse.GetValue(specialism) ?? [], parse.GetValue(patch), ParseDate(parse.GetValue(start), "StartDate")), ct);
            await env.Out.WriteLineAsync(w.Id.ToString());
            return CliEnvironment.Ok;
        }));

        var id = new Option<Guid>("--id") { Description = "The worker's id, from `workers list`.", Required = true };
        var leaving = new Option<string?>("--leaving-date") { Description = "The day they are due to leave, or (after they have left) a corrected leaving date." };
        var edit = new Command("edit", "Change a worker's details.") { id, name, jobTitle, fte, max, specialism, patch, start, leaving };
        edit.SetAction((parse, ct) => ReportInputCommands.RunAsync(env, async provider =>
        {
            var organisation = Organisation(provider);
            var w = await organisation.WorkerAsync(env.Actor, parse.GetValue(id), ct) ?? throw NoSuch("Worker", "worker", parse.GetValue(id).ToString());
            var specialisms = parse.GetValue(specialism);
            var saved = await organisation.UpdateWorkerAsync(env.Actor, new WorkerChange(w.Id, w.Version, parse.GetValue(name) ?? w.Name, parse.GetValue(jobTitle) ?? w.JobTitle,
                parse.GetValue(fte) ?? w.Fte, parse.GetValue(max) ?? w.MaxIntensiveCases, specialisms is { Length: > 0 } ? specialisms : w.Specialisms, parse.GetValue(patch) ?? w.Patch,
                ParseDate(parse.GetValue(start), "StartDate") ?? w.StartDate, ParseDate(parse.GetValue(leaving), "LeavingDate") ?? w.LeavingDate), ct);
            await env.Out.WriteLineAsync($"Worker {saved.Name} saved.");
            return CliEnvironment.Ok;
        }));

        var on = new Option<string?>("--on") { Description = "The day they left, e.g. 2026-03-31 (default today)." };
        var leave = new Command("leave", "Record that a worker has left: they are no longer active and their user account can no longer sign in. Their open cases then need reallocation.") { id, on };
        leave.SetAction((parse, ct) => ReportInputCommands.RunAsync(env, async provider =>
        {
            var organisation = Organisation(provider);
            var w = await organisation.WorkerAsync(env.Actor, parse.GetValue(id), ct) ?? throw NoSuch("Worker", "worker", parse.GetValue(id).ToString());
            var saved = await organisation.WorkerLeavesAsync(env.Actor, w.Id, w.Version, ParseDate(parse.GetValue(on), "LeavingDate") ?? Today(provider), ct);
            await env.Out.WriteLineAsync($"{saved.Name} left on {Date(saved.LeavingDate)}.");
            return CliEnvironment.Ok;
        }));
        return new Command("workers", "The staff and volunteers who carry cases.") { list, create, edit, leave };
    }

    private static OrganisationService Organisation(IServiceProvider provider) => provider.GetRequiredService<OrganisationService>();

    private static DateOnly Today(IServiceProvider provider) => provider.GetRequiredService<TimeProvider>().TodayInUk();

    private static ValidationFailedException NoSuch(string field, string what, string? code) => new(field, $"There is no {what} {code}");

    /// <summary>A date given as yyyy-mm-dd; anything else is refused naming the field.</summary>
    private static DateOnly? ParseDate(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw new ValidationFailedException(field, $"\"{text}\" is not a date like 2026-03-31");

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
