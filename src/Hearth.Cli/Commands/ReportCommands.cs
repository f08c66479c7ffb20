using System.CommandLine;
using Hearth.Core.Reporting;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Cli.Commands;

internal static class ReportCommands
{
    public static Command Build(CliEnvironment env)
    {
        var name = new Argument<string>("name") { Description = "The report to run (see `./hearth report list`), or \"list\"." };
        var period = new Option<string?>("--period") { Description = "A financial year such as 2017-18, or a quarter such as 2017-18 Q1, instead of --from/--to." };
        var from = new Option<string?>("--from") { Description = "First day of the period, YYYY-MM-DD." };
        var to = new Option<string?>("--to") { Description = "Last day of the period, YYYY-MM-DD (inclusive)." };
        var service = new Option<string?>("--service") { Description = "Only this service (code or name)." };
        var team = new Option<string?>("--team") { Description = "Only this team (code or name)." };
        var worker = new Option<string?>("--worker") { Description = "Only this worker's work (their id, or their name where no other worker has it)." };
        var format = new Option<string>("--format") { Description = "csv, xlsx or json.", DefaultValueFactory = _ => "csv" };
        var output = new Option<string?>("--out") { Description = "Write to this file instead of the terminal (required for xlsx)." };
        var suppress = new Option<bool>("--suppress-small-counts") { Description = $"Show counts of 1 to {ReportService.SmallCountThreshold} as {ReportService.Suppressed}, for publication." };
        var compare = new Option<bool>("--compare") { Description = "Add, after each table, its counts a year earlier and the percentage change." };
        var command = new Command("report", "Run a report, or `report list` to see them all.") { name, period, from, to, service, team, worker, format, output, suppress, compare };
        command.SetAction((parse, ct) => env.RunAsync(async () =>
        {
            await using var services = env.CreateServices();
            using var scope = services.CreateScope();
            var reports = scope.ServiceProvider.GetRequiredService<ReportService>();
            var reportName = parse.GetValue(name)!;
            if (reportName == "list")
            {
                foreach (var d in reports.All)
                {
                    await env.Out.WriteLineAsync($"{d.Name,-14} {d.Title}: {d.Description}");
                }
                return CliEnvironment.Ok;
            }
            if (!await env.EnsureMigratedAsync(scope.ServiceProvider))
            {
                return CliEnvironment.CannotRun;
            }
            var fmt = ReportExport.ParseFormat(parse.GetValue(format));
            var outPath = parse.GetValue(output);
            if (fmt == ReportFormat.Xlsx && outPath is null)
            {
                await env.Error.WriteLineAsync("error: --out is required for xlsx: an Excel file cannot be printed to the terminal.");
                return CliEnvironment.Failed;
            }
            var filter = new ReportFilter(ReportPeriod.Parse(parse.GetValue(period), parse.GetValue(from), parse.GetValue(to)),
                parse.GetValue(service), parse.GetValue(team), parse.GetValue(suppress), parse.GetValue(compare), parse.GetValue(worker));
            var result = await reports.RunAsync(env.Actor, reportName, filter, ct);
            if (outPath is null)
            {
                using var buffer = new MemoryStream();
                ReportExport.Write(result, fmt, buffer);
                await env.Out.WriteAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            }
            else
            {
                // Written beside the target and moved into place, so a failure never leaves half a file.
                var temp = outPath + ".partial";
                await using (var file = File.Create(temp))
                {
                    ReportExport.Write(result, fmt, file);
                }
                File.Move(temp, outPath, overwrite: true);
                await env.Error.WriteLineAsync($"Wrote {result.Title} ({result.Scope}, {filter.Period.Label}) to {outPath}.");
            }
            return CliEnvironment.Ok;
        }));
        return command;
    }
}
