using System.CommandLine;
using System.Globalization;
using Hearth.Core.Programmes;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Cli.Commands;

/// <summary>
/// `hearth programmes`: list programmes, export a version as JSON, and publish an edited file as a new dated version
/// (with --dry-run, only check it and print what it would change), so a council can script its set-up.
/// </summary>
internal static class ProgrammeCommands
{
    public static Command Build(CliEnvironment env)
    {
        var list = new Command("list", "Every programme with its latest version and the version in effect today.");
        list.SetAction((_, ct) => WithServices(env, async services =>
        {
            foreach (var p in await services.GetRequiredService<ProgrammeService>().ListAsync(ct))
            {
                var inEffect = p.InEffectNumber is { } n ? $"version {n} in effect" : "no version in effect yet";
                await env.Out.WriteLineAsync($"{p.Code}\t{p.Name}\t{inEffect}; latest version {p.LatestNumber} from {p.LatestEffectiveFrom:yyyy-MM-dd}{(p.HasDraft ? "; a draft is being edited" : "")}");
            }
            return CliEnvironment.Ok;
        }));

        var code = new Argument<string>("CODE") { Description = "The programme's identifier, e.g. ifss." };
        var number = new Option<int?>("--version") { Description = "The version to export; the latest when not given." };
        var output = new Option<FileInfo?>("--out") { Description = "The file to write; the JSON is printed when not given." };
        var export = new Command("export", "Write a programme version as JSON, to edit and publish as the next version.") { code, number, output };
        export.SetAction((parse, ct) => WithServices(env, async services =>
        {
            var programmes = services.GetRequiredService<ProgrammeService>();
            var programme = parse.GetValue(code)!;
            var version = parse.GetValue(number) is { } n ? await programmes.VersionAsync(programme, n, ct) : await programmes.LatestAsync(programme, ct);
            if (version is null)
            {
                await env.Error.WriteLineAsync(parse.GetValue(number) is { } missing
                    ? $"error: Code: programme '{programme}' has no version {missing}"
                    : $"error: Code: there is no programme '{programme}'");
                return CliEnvironment.Failed;
            }
            var json = ProgrammeDocument.Of(version).ToJson();
            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, json + "\n", ct);
                await env.Out.WriteLineAsync($"Wrote {version.Code} version {version.Number} (in effect from {version.EffectiveFrom:yyyy-MM-dd}) to {file.FullName}.");
            }
            else
            {
                await env.Out.WriteLineAsync(json);
            }
            return CliEnvironment.Ok;
        }));

        var publishCode = new Argument<string>("CODE") { Description = "The programme's identifier, e.g. ifss; a new identifier starts a new programme." };
        var input = new Option<FileInfo>("--file") { Description = "JSON with the name and definition, as `programmes export` writes it.", Required = true };
        var effective = new Option<string>("--effective") { Description = "The date the new version takes effect, e.g. 2027-04-01.", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the file and print what would change; publish nothing." };
        var publish = new Command("publish", "Publish a new dated version of a programme. Episodes opened earlier keep their version.") { publishCode, input, effective, dryRun };
        publish.SetAction((parse, ct) => env.RunAsync(async () =>
        {
            var file = parse.GetValue(input)!;
            if (!file.Exists)
            {
                await env.Error.WriteLineAsync($"error: cannot read {file.FullName}: the file does not exist.");
                return CliEnvironment.CannotRun;
            }
            if (!DateOnly.TryParseExact(parse.GetValue(effective), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from))
            {
                await env.Error.WriteLineAsync($"error: EffectiveFrom: \"{parse.GetValue(effective)}\" is not a date in the form 2027-04-01");
                return CliEnvironment.Failed;
            }
            var (name, definition) = ProgrammeDocument.Read(await File.ReadAllTextAsync(file.FullName, ct));
            return await WithServicesInner(env, async services =>
            {
                var programmes = services.GetRequiredService<ProgrammeService>();
                var programme = parse.GetValue(publishCode)!;
                var preview = await programmes.PreviewAsync(env.Actor, programme, name, definition, from, ct);
                await env.Out.WriteLineAsync(preview.ComparedWithNumber is { } before
                    ? $"{preview.Code} version {preview.Number}, from {from:yyyy-MM-dd}: {preview.Changes.Count} change(s) from version {before}."
                    : $"{preview.Code} version 1, from {from:yyyy-MM-dd}: a new programme.");
                foreach (var change in preview.Changes)
                {
                    var details = change.Details.Count == 0 ? "" : ": " + string.Join("; ", change.Details);
                    await env.Out.WriteLineAsync($"  {change.Part}: {change.Kind.ToString().ToLowerInvariant()} {change.Item}{details}");
                }
                if (parse.GetValue(dryRun))
                {
                    await env.Out.WriteLineAsync("Dry run: nothing was published.");
                    return CliEnvironment.Ok;
                }
                var published = await programmes.PublishAsync(env.Actor, programme, name, definition, from, ct);
                await env.Out.WriteLineAsync($"Published {published.Code} version {published.Number}, in effect from {published.EffectiveFrom:yyyy-MM-dd}.");
                return CliEnvironment.Ok;
            });
        }));

        return new Command("programmes", "Each service's programme as dated versions: list, export and publish.") { list, export, publish };
    }

    private static Task<int> WithServices(CliEnvironment env, Func<IServiceProvider, Task<int>> body) =>
        env.RunAsync(() => WithServicesInner(env, body));

    private static async Task<int> WithServicesInner(CliEnvironment env, Func<IServiceProvider, Task<int>> body)
    {
        await using var services = env.CreateServices();
        using var scope = services.CreateScope();
        if (!await env.EnsureMigratedAsync(scope.ServiceProvider))
        {
            return CliEnvironment.CannotRun;
        }
        return await body(scope.ServiceProvider);
    }
}
