using System.CommandLine;
using System.Globalization;
using Hearth.Core.Demo;
using Hearth.Core.Synthetic;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Cli.Commands;

internal static class SeedCommands
{
    public static Command Build(CliEnvironment env)
    {
        var seed = new Command("seed", "Fill the database with generated data. Never use on a production database.");
        var password = new Option<string?>("--password") { Description = "Use this password for every demo user instead of generating one each." };
        var demo = new Command("demo", "Create the demo council (services, teams, workers and a user for every role) and print its sign-ins.") { password };
        demo.SetAction((parse, ct) => env.RunAsync(async () =>
        {
            await using var services = env.CreateServices();
            using var scope = services.CreateScope();
            if (!await env.EnsureMigratedAsync(scope.ServiceProvider))
            {
                return CliEnvironment.CannotRun;
            }
            var signIns = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(parse.GetValue(password), ct);
            if (signIns.Count == 0)
            {
                await env.Out.WriteLineAsync("The demo data is already there; nothing was changed.");
                return CliEnvironment.Ok;
            }
            await env.Out.WriteLineAsync("Demo council created. Sign in with:");
            foreach (var s in signIns)
            {
                await env.Out.WriteLineAsync($"  {s.Role,-15} {s.Email,-40} {s.Password}");
            }
            return CliEnvironment.Ok;
        }));
        seed.Subcommands.Add(demo);
        seed.Subcommands.Add(Synthetic(env));
        return seed;
    }

    private static Command Synthetic(CliEnvironment env)
    {
        var families = new Option<int>("--families") { Description = "How many families to generate.", Required = true };
        var seedOption = new Option<int>("--seed") { Description = "The random seed: the same seed, size and end date give the same data.", DefaultValueFactory = _ => 1 };
        var until = new Option<DateOnly?>("--until") { Description = "The last day of the generated history (default: today)." };
        var command = new Command("synthetic", "Bulk-load a synthetic council of N families with three years of journeys, casework and measures, for benchmarks.") { families, seedOption, until };
        command.SetAction((parse, ct) => env.RunAsync(async () =>
        {
            await using var services = env.CreateServices();
            using var scope = services.CreateScope();
            if (!await env.EnsureMigratedAsync(scope.ServiceProvider))
            {
                return CliEnvironment.CannotRun;
            }
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var bar = new ProgressBar(env.Error, clock);
            var summary = await scope.ServiceProvider.GetRequiredService<SyntheticCouncil>()
                .SeedAsync(env.Actor, parse.GetValue(families), parse.GetValue(seedOption), parse.GetValue(until), bar, ct);
            bar.Finish();
            await env.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Synthetic council (seed {summary.Seed}, history to {summary.Until:yyyy-MM-dd}): {summary.Families:N0} families, {summary.Teams:N0} teams, {summary.Workers:N0} workers, {summary.TotalRows:N0} rows in {clock.Elapsed.TotalSeconds:N1} s."));
            foreach (var (table, rows) in summary.Rows.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                await env.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {table,-24} {rows,12:N0}"));
            }
            return CliEnvironment.Ok;
        }));
        return command;
    }

    /// <summary>A one-line bar on the error stream, redrawn in place, so the summary on standard output stays clean.</summary>
    private sealed class ProgressBar(TextWriter writer, System.Diagnostics.Stopwatch clock) : IProgress<SyntheticProgress>
    {
        private const int Width = 30;

        public void Report(SyntheticProgress value)
        {
            var filled = (int)((long)Width * value.FamiliesDone / Math.Max(1, value.Families));
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"\r[{new string('#', filled)}{new string('.', Width - filled)}] {value.FamiliesDone:N0}/{value.Families:N0} families, {value.RowsWritten:N0} rows, {clock.Elapsed.TotalSeconds:N0} s"));
            writer.Flush();
        }

        public void Finish() => writer.WriteLine();
    }
}
