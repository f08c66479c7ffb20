using System.CommandLine;
using System.Globalization;
using System.Text;
using Hearth.Core.Returns.Census;

namespace Hearth.Cli.Commands;

/// <summary>`hearth census`: the Children in Need census. Validation needs no database.</summary>
internal static class CensusCommands
{
    public static Command Build(CliEnvironment env)
    {
        var census = new Command("census", "The DfE Children in Need census: validate any census file.");
        census.Subcommands.Add(Validate(env));
        return census;
    }

    private static Command Validate(CliEnvironment env)
    {
        var file = new Argument<FileInfo>("file") { Description = "The census XML file to check." };
        var year = new Option<string?>("--year") { Description = $"Collection year ({string.Join(", ", CensusYear.All.Select(y => y.Name))}); inferred from the header's ReferenceDate or Year when omitted." };
        var format = new Option<string>("--format") { Description = "Report format.", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "json");
        var output = new Option<FileInfo?>("--out") { Description = "Write the report to this file instead of standard output." };
        var validate = new Command("validate",
            "Check a census file against its year's schema and DfE validation rules; one report row per issue. " +
            "Exit status 0: no errors (queries allowed); 1: errors found; 2: the file cannot be read.") { file, year, format, output };
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
                await env.Error.WriteLineAsync($"error: {path.Name}: {e.Message}");
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
