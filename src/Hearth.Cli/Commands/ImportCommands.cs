using System.CommandLine;
using Hearth.Core.Programmes;
using Hearth.Core.Imports;
using Hearth.Core.Referrals;
using Hearth.Core.Results;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Cli.Commands;

internal static class ImportCommands
{
    public static Command Build(CliEnvironment env)
    {
        var import = new Command("import", "Import a council's history from files.");
        var file = new Argument<FileInfo>("FILE") { Description = "The journeys CSV, one row per referral (see docs/import.md)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the file and report what would change, writing nothing." };
        var createMissing = new Option<bool>("--create-missing") { Description = "Create services and teams the file names that do not exist yet (needs --programme)." };
        var programme = new Option<string?>("--programme") { Description = $"Programme for created services: {string.Join(", ", ShippedProgrammes.All.Select(p => p.Code))}." };
        var journeys = new Command("journeys", "Import referrals and their journeys (triage, phases, closure). All or nothing; importing twice changes nothing.")
        {
            file, dryRun, createMissing, programme,
        };
        journeys.SetAction((parse, ct) => env.RunAsync(async () =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await env.Error.WriteLineAsync($"error: cannot read {path.FullName}: the file does not exist.");
                return CliEnvironment.CannotRun;
            }
            if (parse.GetValue(programme) is not null && !parse.GetValue(createMissing))
            {
                await env.Error.WriteLineAsync("error: --programme is only used with --create-missing.");
                return CliEnvironment.CannotRun;
            }
            IReadOnlyList<JourneyRow> rows;
            IReadOnlyList<ImportError> readErrors;
            using (var reader = new StreamReader(path.FullName))
            {
                (rows, readErrors) = JourneyImport.Read(reader);
            }
            if (readErrors.Count > 0)
            {
                return await ReportAsync(env, readErrors);
            }
            await using var services = env.CreateServices();
            using var scope = services.CreateScope();
            if (!await env.EnsureMigratedAsync(scope.ServiceProvider))
            {
                return CliEnvironment.CannotRun;
            }
            var options = new JourneyImportOptions(parse.GetValue(dryRun), parse.GetValue(createMissing), parse.GetValue(programme));
            var progress = new ProgressBar(env.Error, rows.Count);
            var result = await scope.ServiceProvider.GetRequiredService<JourneyImport>().ImportAsync(env.Actor, rows, options, progress, ct);
            progress.Finish();
            if (!result.Succeeded)
            {
                return await ReportAsync(env, result.Errors);
            }
            var verb = result.Written ? "Imported" : "Dry run: would import";
            await env.Out.WriteLineAsync($"{verb} {result.ReferralsCreated} referral(s), {result.FamiliesCreated} family(ies), {result.PeopleCreated} child(ren), {result.EpisodesCreated} episode(s); {result.ReferralsUnchanged} referral(s) already present and left unchanged.");
            return CliEnvironment.Ok;
        }));
        import.Subcommands.Add(journeys);
        import.Subcommands.Add(Evidence(env));
        return import;
    }

    private static Command Evidence(CliEnvironment env)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The evidence CSV, one fact a row (see docs/results.md)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the file and report what would change, writing nothing." };
        var evidence = new Command("evidence", "Import payment-by-results evidence (attendance, exclusions, offences, ASB, benefits, employment, needs). All or nothing; importing twice changes nothing.")
        {
            file, dryRun,
        };
        evidence.SetAction((parse, ct) => env.RunAsync(async () =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await env.Error.WriteLineAsync($"error: cannot read {path.FullName}: the file does not exist.");
                return CliEnvironment.CannotRun;
            }
            IReadOnlyList<EvidenceRow> rows;
            IReadOnlyList<ImportError> readErrors;
            using (var reader = new StreamReader(path.FullName))
            {
                (rows, readErrors) = EvidenceImport.Read(reader);
            }
            if (readErrors.Count > 0)
            {
                return await ReportAsync(env, readErrors);
            }
            await using var services = env.CreateServices();
            using var scope = services.CreateScope();
            if (!await env.EnsureMigratedAsync(scope.ServiceProvider))
            {
                return CliEnvironment.CannotRun;
            }
            var result = await scope.ServiceProvider.GetRequiredService<EvidenceImport>().ImportAsync(env.Actor, path.Name, rows, parse.GetValue(dryRun), ct);
            if (!result.Succeeded)
            {
                return await ReportAsync(env, result.Errors);
            }
            foreach (var line in result.RowReport)
            {
                await env.Out.WriteLineAsync(line);
            }
            var verb = result.Written ? "Imported" : "Dry run: would import";
            await env.Out.WriteLineAsync($"{verb} {result.FactsCreated} fact(s) about {result.SubjectsCreated} new person(s) ({result.LinkedToKnownPeople} matched to people the service knows); {result.FactsUnchanged} fact(s) already present and left unchanged.");
            return CliEnvironment.Ok;
        }));
        return evidence;
    }

    private static async Task<int> ReportAsync(CliEnvironment env, IReadOnlyList<ImportError> errors)
    {
        foreach (var e in errors)
        {
            // Core names its options and remedies; the command line says them as its flags.
            var error = e.Column == nameof(JourneyImportOptions.ProgrammeCode) ? e with { Column = "--programme", Message = "--create-missing needs --programme: " + e.Message } : e;
            var hint = e.Remedy == ImportRemedy.CreateMissing ? " (use --create-missing --programme ID to create it)" : "";
            await env.Error.WriteLineAsync($"error: {error}{hint}");
        }
        await env.Error.WriteLineAsync($"{errors.Count} error(s); nothing was imported.");
        return CliEnvironment.Failed;
    }

    /// <summary>A one-line progress bar on stderr, redrawn at most every 1% so large files do not flood the terminal.</summary>
    private sealed class ProgressBar(TextWriter output, int total) : IProgress<int>
    {
        private int _lastPercent = -1;

        public void Report(int value)
        {
            if (total < 500)
            {
                return;
            }
            var percent = (int)(100L * value / total);
            if (percent == _lastPercent)
            {
                return;
            }
            _lastPercent = percent;
            var filled = percent / 5;
            output.Write($"\r[{new string('#', filled)}{new string('.', 20 - filled)}] {percent,3}% {value}/{total} rows");
        }

        public void Finish()
        {
            if (_lastPercent >= 0)
            {
                output.WriteLine();
            }
        }
    }
}
