using System.CommandLine;
using System.Globalization;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Exports;
using Hearth.Core.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Cli.Commands;

/// <summary>
/// `hearth allocations`: the cases needing reallocation, and ending or handing over an allocation, so a council can
/// script what happens to a worker's cases when its HR system says they have left.
/// </summary>
internal static class AllocationCommands
{
    private static readonly string Reasons = string.Join(", ", AllocationEndReasons.Chosen.Select(Kebab));

    public static Command Build(CliEnvironment env)
    {
        var allocations = new Command("allocations", "Allocations of workers to episodes: cases needing reallocation, ending and handing over.");

        var team = new Option<string?>("--team") { Description = "Only this team (its code)." };
        var needing = new Command("needing-reallocation", "Open episodes with no worker, or held by a worker who is no longer active, as CSV (one line per inactive worker's allocation).") { team };
        needing.SetAction((parse, ct) => env.RunAsync(async () =>
        {
            await using var services = env.CreateServices();
            using var scope = services.CreateScope();
            if (!await env.EnsureMigratedAsync(scope.ServiceProvider))
            {
                return CliEnvironment.CannotRun;
            }
            Guid? teamId = null;
            if (parse.GetValue(team) is { } code)
            {
                teamId = await scope.ServiceProvider.GetRequiredService<HearthDbContext>().Set<Team>().Where(t => t.Code == code).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(ct);
                if (teamId is null)
                {
                    await env.Error.WriteLineAsync($"error: --team: there is no team with code {code}.");
                    return CliEnvironment.Failed;
                }
            }
            var cases = await scope.ServiceProvider.GetRequiredService<AllocationService>().NeedingReallocationAsync(env.Actor, teamId, ct);
            using var csv = ExportCsv.Create(env.Out);
            csv.Row("episode_id", "team", "family_reference", "opened_on", "phase", "need", "allocation_id", "worker_id");
            foreach (var c in cases)
            {
                void Case() => csv.Text(c.EpisodeId.ToString()).Text(c.TeamName).Text(c.FamilyReference).Date(c.OpenedOn).Text(c.Phase).Text(Kebab(c.Need));
                if (c.InactiveHoldings.Count == 0)
                {
                    Case();
                    csv.Text("").Text("").EndRow();
                }
                foreach (var h in c.InactiveHoldings)
                {
                    Case();
                    csv.Text(h.AllocationId.ToString()).Text(h.WorkerId.ToString()).EndRow();
                }
            }
            await csv.FlushAsync(ct);
            return CliEnvironment.Ok;
        }));
        allocations.Subcommands.Add(needing);

        var allocation = new Option<Guid>("--allocation") { Description = "The allocation's id (from needing-reallocation).", Required = true };
        var on = new Option<string>("--on") { Description = "The day it ends (YYYY-MM-DD); a handover starts the new worker the same day.", Required = true };
        var reason = new Option<string>("--reason") { Description = $"Why it ends: {Reasons}.", Required = true };
        var note = new Option<string?>("--note") { Description = "A note; required when the reason is other." };
        var end = new Command("end", "End an allocation on a date with a reason.") { allocation, on, reason, note };
        end.SetAction((parse, ct) => env.RunAsync(() => ChangeAsync(env, parse.GetValue(allocation), parse.GetValue(on)!, parse.GetValue(reason)!, parse.GetValue(note), null, null, ct)));
        allocations.Subcommands.Add(end);

        var toWorker = new Option<Guid>("--to-worker") { Description = "The id of the worker who takes the case.", Required = true };
        var overrideReason = new Option<string?>("--override-reason") { Description = "Why to allocate beyond the worker's maximum of intensive cases, when they are at it." };
        var handOver = new Command("hand-over", "End an allocation and start another worker's on the same day, in one transaction.") { allocation, toWorker, on, reason, note, overrideReason };
        handOver.SetAction((parse, ct) => env.RunAsync(() =>
            ChangeAsync(env, parse.GetValue(allocation), parse.GetValue(on)!, parse.GetValue(reason)!, parse.GetValue(note), parse.GetValue(toWorker), parse.GetValue(overrideReason), ct)));
        allocations.Subcommands.Add(handOver);
        return allocations;
    }

    /// <summary>Ends the allocation, or hands it over when <paramref name="toWorker"/> is given.</summary>
    private static async Task<int> ChangeAsync(CliEnvironment env, Guid allocationId, string onText, string reasonText, string? note, Guid? toWorker, string? overrideReason, CancellationToken ct)
    {
        var problems = new List<string>();
        if (!DateOnly.TryParseExact(onText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on))
        {
            problems.Add("error: --on: enter the date as YYYY-MM-DD.");
        }
        var reason = AllocationEndReasons.Chosen.Cast<AllocationEndReason?>().FirstOrDefault(r => Kebab(r!.Value) == reasonText.Trim().ToLowerInvariant().Replace('_', '-'));
        if (reason is null)
        {
            problems.Add($"error: --reason: choose one of {Reasons}.");
        }
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await env.Error.WriteLineAsync(problem);
            }
            return CliEnvironment.Failed;
        }
        await using var services = env.CreateServices();
        using var scope = services.CreateScope();
        if (!await env.EnsureMigratedAsync(scope.ServiceProvider))
        {
            return CliEnvironment.CannotRun;
        }
        // A script does not hold the version it read, so the command reads the current one.
        var version = await scope.ServiceProvider.GetRequiredService<HearthDbContext>().Set<Allocation>().AsNoTracking()
            .Where(a => a.Id == allocationId).Select(a => (int?)a.Version).SingleOrDefaultAsync(ct);
        if (version is null)
        {
            await env.Error.WriteLineAsync($"error: --allocation: there is no allocation {allocationId}.");
            return CliEnvironment.Failed;
        }
        var service = scope.ServiceProvider.GetRequiredService<AllocationService>();
        var ending = new AllocationEnding(on, reason, note);
        if (toWorker is not { } worker)
        {
            await service.EndAllocationAsync(env.Actor, allocationId, version.Value, ending, ct);
            await env.Out.WriteLineAsync($"Allocation {allocationId} ended on {on:yyyy-MM-dd} ({Kebab(reason!.Value)}).");
            return CliEnvironment.Ok;
        }
        try
        {
            var next = await service.HandOverAsync(env.Actor, new Handover(allocationId, version.Value, worker, ending, overrideReason), ct);
            await env.Out.WriteLineAsync($"Allocation {allocationId} ended on {on:yyyy-MM-dd} ({Kebab(reason!.Value)}); worker {worker} holds the episode from the same day (allocation {next.Id}).");
            return CliEnvironment.Ok;
        }
        catch (CapacityExceededException e)
        {
            await env.Error.WriteLineAsync($"error: --override-reason: {e.Message}");
            return CliEnvironment.Failed;
        }
    }

    private static string Kebab<T>(T value) where T : struct, Enum => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

}
