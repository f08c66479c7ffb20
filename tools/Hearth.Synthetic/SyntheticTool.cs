using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Hearth.Cli;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Synthetic;

/// <summary>
/// The synthetic council's command line. It runs in `hearth`'s <see cref="CliEnvironment"/>, so it finds the database
/// as `hearth` does (appsettings.json in the current folder, then environment variables such as
/// Database__ConnectionString), reports errors with the same exit codes and refuses an unmigrated database; it
/// writes through <see cref="SyntheticCouncil"/>, whose guards refuse a database with real records and a run without
/// <see cref="SyntheticCouncil.ConfirmFlag"/>.
/// </summary>
public static class SyntheticTool
{
    /// <summary>Runs the tool with the given streams; <paramref name="settings"/> override the configuration (tests use this).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var env = new CliEnvironment(output, error, settings);
        var families = new Option<int>("--families") { Description = "How many families to generate.", Required = true };
        var seed = new Option<int>("--seed") { Description = "The random seed: the same seed, size and end date give the same data.", DefaultValueFactory = _ => 1 };
        var until = new Option<DateOnly?>("--until") { Description = "The last day of the generated history (default: today)." };
        var confirm = new Option<bool>(SyntheticCouncil.ConfirmFlag) { Description = "Confirm that the configured database is a throwaway one for fake families. Required." };
        var root = new RootCommand("Bulk-load a synthetic council of N families with three years of journeys, casework and measures, for benchmarks. " +
            "Only into an empty or already synthetic database; never a council's.") { families, seed, until, confirm };
        root.SetAction((parse, ct) => env.RunAsync(async () =>
        {
            await using var services = env.CreateServices();
            using var scope = services.CreateScope();
            if (!await env.EnsureMigratedAsync(scope.ServiceProvider))
            {
                return CliEnvironment.CannotRun;
            }
            var clock = Stopwatch.StartNew();
            var bar = new ProgressBar(env.Error, clock);
            var summary = await ActivatorUtilities.CreateInstance<SyntheticCouncil>(scope.ServiceProvider).SeedAsync(
                env.Actor, parse.GetValue(families), parse.GetValue(seed), parse.GetValue(confirm), parse.GetValue(until), bar, ct);
            bar.Finish();
            await env.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Synthetic council (seed {summary.Seed}, history to {summary.Until:yyyy-MM-dd}): {summary.Families:N0} families, {summary.Teams:N0} teams, {summary.Workers:N0} workers, {summary.TotalRows:N0} rows in {clock.Elapsed.TotalSeconds:N1} s."));
            foreach (var (table, rows) in summary.Rows.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                await env.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {table,-24} {rows,12:N0}"));
            }
            return CliEnvironment.Ok;
        }));
        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }

    /// <summary>A one-line bar on the error stream, redrawn in place, so the summary on standard output stays clean.</summary>
    private sealed class ProgressBar(TextWriter writer, Stopwatch clock) : IProgress<SyntheticProgress>
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
