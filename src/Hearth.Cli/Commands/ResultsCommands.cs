using System.CommandLine;
using System.Globalization;
using Hearth.Core.Results;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Cli.Commands;

/// <summary>`hearth results evaluate`: every attached family's results as of a date, as CSV (docs/results.md).</summary>
internal static class ResultsCommands
{
    public static Command Build(CliEnvironment env)
    {
        var results = new Command("results", "Payment-by-results evaluations.");
        var framework = new Option<string>("--framework") { Description = $"The framework: {string.Join(", ", ShippedFrameworks.All.Select(f => f.Code))}.", Required = true };
        var asOf = new Option<string>("--as-of") { Description = "Evaluate as of this date (YYYY-MM-DD).", Required = true };
        var output = new Option<string?>("--out") { Description = "Write the CSV to this file instead of the terminal." };
        var evaluate = new Command("evaluate", "Each attached family's results: every rule met or not, with the computation, and when it can be claimed.") { framework, asOf, output };
        evaluate.SetAction((parse, ct) => env.RunAsync(async () =>
        {
            if (!DateOnly.TryParseExact(parse.GetValue(asOf), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                await env.Error.WriteLineAsync("error: --as-of must be a date in the form YYYY-MM-DD.");
                return CliEnvironment.Failed;
            }
            var code = parse.GetValue(framework)!;
            if (ShippedFrameworks.All.All(f => f.Code != code))
            {
                await env.Error.WriteLineAsync($"error: --framework must be one of: {string.Join(", ", ShippedFrameworks.All.Select(f => f.Code))}.");
                return CliEnvironment.Failed;
            }
            await using var services = env.CreateServices();
            using var scope = services.CreateScope();
            if (!await env.EnsureMigratedAsync(scope.ServiceProvider))
            {
                return CliEnvironment.CannotRun;
            }
            var families = await scope.ServiceProvider.GetRequiredService<ResultsService>().EvaluateAsync(env.Actor, code, date, ct);
            var csv = ResultsExport.EvaluationCsv(families);
            if (parse.GetValue(output) is { } path)
            {
                // Written beside the target and moved into place, so a failure never leaves half a file.
                await File.WriteAllTextAsync(path + ".partial", csv, ct);
                File.Move(path + ".partial", path, overwrite: true);
                await env.Out.WriteLineAsync($"Wrote {families.Count} family(ies), {families.Sum(f => f.Results.Count(r => r.Claimable && !f.Claimed.Contains(r.Key)))} claimable result(s), to {path}.");
            }
            else
            {
                await env.Out.WriteAsync(csv);
            }
            return CliEnvironment.Ok;
        }));
        results.Subcommands.Add(evaluate);
        return results;
    }
}
