using System.CommandLine;
using System.Globalization;
using System.Text;
using Hearth.Core.Data;
using Hearth.Core.Returns.Census;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Cli.Commands;

/// <summary>`hearth census`: the Children in Need census. Validation needs no database.</summary>
internal static class CensusCommands
{
    public static Command Build(CliEnvironment env)
    {
        var census = new Command("census", "The DfE Children in Need census: validate any census file.");
        census.Subcommands.Add(Validate(env));
        census.Subcommands.Add(Export(env));
        return census;
    }

    /// <summary>True for the `census validate` command, whose exit status 1 means only "the file has errors".</summary>
    public static bool IsValidate(Command command) =>
        command.Name == "validate" && command.Parents.OfType<Command>().Any(p => p.Name == "census");

    private static Command Validate(CliEnvironment env)
    {
        var file = new Argument<FileInfo>("file") { Description = "The census XML file to check." };
        var year = new Option<string?>("--year") { Description = $"Collection year ({string.Join(", ", CensusYear.All.Select(y => y.Name))}); inferred from the header's ReferenceDate or Year when omitted." };
        var format = new Option<string>("--format") { Description = "Report format.", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "json");
        var output = new Option<FileInfo?>("--out") { Description = "Write the report to this file instead of standard output." };
        var validate = new Command("validate",
            "Check a census file against its year's schema and DfE validation rules; one report row per issue. " +
            "Exit status 0: no errors (queries allowed); 1: errors found; 2: the file cannot be read or the command line is wrong.") { file, year, format, output };
        validate.SetAction((parse, ct) => env.RunAsync(async () =>
        {
            var path = parse.GetValue(file)!;
            CensusFile census;
            try
            {
                census = CensusReader.Read(path.FullName, parse.GetValue(year), ReaderOptions(env));
            }
            catch (CensusReadException e)
            {
                await env.Error.WriteLineAsync($"error: {path.Name}: {e.Message}{(e.NeedsYear ? " (pass --year)" : "")}");
                return CliEnvironment.CannotRun;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await env.Error.WriteLineAsync($"error: {path.Name}: cannot read the file: {e.Message}");
                return CliEnvironment.CannotRun;
            }
            var result = CensusValidator.Validate(census);
            var target = parse.GetValue(output);
            try
            {
                await WriteReportAsync(env, result, parse.GetValue(format)!, target, ct);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await env.Error.WriteLineAsync($"error: cannot write {target?.FullName}: {e.Message}");
                return CliEnvironment.CannotRun;
            }
            await env.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{path.Name}: CIN census {result.Year.Name}, {result.ChildCount} children: {result.ErrorCount} error(s), {result.QueryCount} query(ies)."));
            return result.HasErrors ? CliEnvironment.Failed : CliEnvironment.Ok;
        }));
        return validate;
    }

    private static Command Export(CliEnvironment env)
    {
        var referenceDate = new Option<string>("--reference-date") { Description = "The census reference date, YYYY-MM-DD (31 March); the collection year is the one whose census period contains it.", Required = true };
        var laCode = new Option<string>("--la-code") { Description = "The local authority's 3-digit code (the header's LEA).", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "The census XML file to write.", Required = true };
        var force = new Option<bool>("--force") { Description = "Write the file even when the validator finds errors (the exit status is still 1)." };
        var export = new Command("export",
            "Build the census from Hearth's records, validate it with the year's schema and rules, and write it. " +
            "The issue report goes to standard output. Exit status 0: written, no errors; 1: errors (written only with --force).")
            { referenceDate, laCode, output, force };
        export.SetAction((parse, ct) => env.RunAsync(async () =>
        {
            if (!DateOnly.TryParseExact(parse.GetValue(referenceDate), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new ValidationFailedException("--reference-date", "Enter the reference date as YYYY-MM-DD, for example 2026-03-31");
            }
            await using var services = env.CreateServices();
            using var scope = services.CreateScope();
            if (!await env.EnsureMigratedAsync(scope.ServiceProvider))
            {
                return CliEnvironment.CannotRun;
            }
            var result = await scope.ServiceProvider.GetRequiredService<CensusExport>().ExportAsync(env.Actor, date, parse.GetValue(laCode), ct);
            var validation = result.Validation;
            if (validation.Issues.Count > 0)
            {
                CensusReportWriter.WriteCsv(env.Out, validation);
                await env.Out.FlushAsync(ct);
            }
            var target = parse.GetValue(output)!;
            var write = !validation.HasErrors || parse.GetValue(force);
            if (write)
            {
                // Written beside the target and moved into place, so a failure never leaves half a census file.
                var temp = Path.Combine(target.DirectoryName ?? ".", $".{target.Name}.{Guid.NewGuid():N}.partial");
                try
                {
                    await File.WriteAllBytesAsync(temp, result.Xml, ct);
                    File.Move(temp, target.FullName, overwrite: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    File.Delete(temp);
                    await env.Error.WriteLineAsync($"error: cannot write {target.FullName}: {e.Message}");
                    return CliEnvironment.CannotRun;
                }
            }
            var outcome = write ? $"Wrote {target.FullName}." : "Not written: fix the errors, or pass --force to write it anyway.";
            await env.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"CIN census {result.Year.Name}, {validation.ChildCount} children: {validation.ErrorCount} error(s), {validation.QueryCount} query(ies). {outcome}"));
            return validation.HasErrors ? CliEnvironment.Failed : CliEnvironment.Ok;
        }));
        return export;
    }

    private static CensusReaderOptions ReaderOptions(CliEnvironment env)
    {
        // Census:MaxFileBytes lets an operator (or a test) lower the size limit.
        var configured = env.Configuration["Census:MaxFileBytes"];
        return long.TryParse(configured, NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max > 0
            ? new CensusReaderOptions { MaxBytes = max }
            : new CensusReaderOptions();
    }

    private static async Task WriteReportAsync(CliEnvironment env, CensusValidationResult result, string format, FileInfo? target, CancellationToken ct)
    {
        if (target is null)
        {
            if (format == "json")
            {
                using var buffer = new MemoryStream();
                CensusReportWriter.WriteJson(buffer, result);
                await env.Out.WriteLineAsync(Encoding.UTF8.GetString(buffer.ToArray()).AsMemory(), ct);
            }
            else
            {
                CensusReportWriter.WriteCsv(env.Out, result);
            }
            await env.Out.FlushAsync(ct);
            return;
        }
        await using var stream = new FileStream(target.FullName, FileMode.Create, FileAccess.Write, FileShare.None);
        if (format == "json")
        {
            CensusReportWriter.WriteJson(stream, result);
        }
        else
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false));
            CensusReportWriter.WriteCsv(writer, result);
        }
    }
}
