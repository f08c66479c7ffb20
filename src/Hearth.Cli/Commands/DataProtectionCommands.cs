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
