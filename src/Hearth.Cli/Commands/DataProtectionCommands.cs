using System.CommandLine;
using Hearth.Core.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Cli.Commands;

/// <summary>`hearth sar`, `hearth backup` and `hearth restore`: the council's data-protection duties (docs/people.md, docs/getting-started.md).</summary>
internal static class DataProtectionCommands
{
    public static IEnumerable<Command> Build(CliEnvironment env)
    {
        yield return SubjectAccess(env);
        yield return Backup(env);
        yield return Restore(env);
    }

    private static Command Backup(CliEnvironment env)
    {
        var output = new Option<FileInfo>("--out") { Description = "The backup file to write (replaced if it exists).", Required = true };
        var backup = new Command("backup", "Back up the whole database: SQLite's online backup (safe while Hearth runs) or pg_dump's custom format.") { output };
        backup.SetAction((parse, ct) => env.RunAsync(async () =>
        {
            await using var services = env.CreateServices();
            using var scope = services.CreateScope();
            var path = parse.GetValue(output)!.FullName;
            try
            {
                await scope.ServiceProvider.GetRequiredService<DatabaseBackup>().BackupAsync(path, ct);
            }
            catch (BackupException e)
            {
                await env.Error.WriteLineAsync($"error: {e.Message}");
                return CliEnvironment.CannotRun;
            }
            await env.Out.WriteLineAsync($"Backed up the database to {path}.");
            return CliEnvironment.Ok;
        }));
        return backup;
    }

    private static Command Restore(CliEnvironment env)
    {
        var from = new Option<FileInfo>("--from") { Description = "The backup file written by `hearth backup`.", Required = true };
        var force = new Option<bool>("--force") { Description = "Restore over a database that already holds families or users, replacing them." };
        var restore = new Command("restore", "Restore the whole database from a backup. Refuses a database holding families or users unless --force.") { from, force };
        restore.SetAction((parse, ct) => env.RunAsync(async () =>
        {
            await using var services = env.CreateServices();
            using var scope = services.CreateScope();
            var path = parse.GetValue(from)!.FullName;
            try
            {
                await scope.ServiceProvider.GetRequiredService<DatabaseBackup>().RestoreAsync(path, parse.GetValue(force), ct);
            }
            catch (BackupException e)
            {
                await env.Error.WriteLineAsync($"error: {e.Message}");
                return CliEnvironment.Failed;
            }
            await env.Out.WriteLineAsync($"Restored the database from {path}. Run `./hearth migrate` if the backup is from an older Hearth.");
            return CliEnvironment.Ok;
        }));
        return restore;
    }

    private static Command SubjectAccess(CliEnvironment env)
    {
        var person = new Option<string>("--person") { Description = "The person's id (as the API and the family record's links give it).", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "The ZIP file to write.", Required = true };
        var sar = new Command("sar", "Subject access export: everything Hearth holds about a person, as a ZIP of a readable document and one CSV per table (the export is audited).") { person, output };
        sar.SetAction((parse, ct) => env.RunAsync(async () =>
        {
            if (!Guid.TryParse(parse.GetValue(person), out var id))
            {
                await env.Error.WriteLineAsync("error: --person must be a person's id.");
                return CliEnvironment.Failed;
            }
            await using var services = env.CreateServices();
            using var scope = services.CreateScope();
            if (!await env.EnsureMigratedAsync(scope.ServiceProvider))
            {
                return CliEnvironment.CannotRun;
            }
            var file = await scope.ServiceProvider.GetRequiredService<SubjectAccessExport>().ExportAsync(env.Actor, id, ct);
            var path = parse.GetValue(output)!.FullName;
            await File.WriteAllBytesAsync(path, file.Content, ct);
            var withRows = file.Sections.Where(s => s.Rows > 0).ToList();
            await env.Out.WriteLineAsync($"Wrote {path}: {withRows.Sum(s => s.Rows)} rows from {withRows.Count} tables "
                + $"({withRows.Sum(s => s.ThirdParty + s.FamilyRecords)} marked for review before release).");
            return CliEnvironment.Ok;
        }));
        return sar;
    }
}
