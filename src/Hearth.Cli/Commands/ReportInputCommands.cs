using System.CommandLine;
using System.Globalization;
using CsvHelper;
using Hearth.Core.Reporting;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Cli.Commands;

/// <summary>The figures reports need beside the recorded work: service budgets and the area's population.</summary>
internal static class ReportInputCommands
{
    public static IEnumerable<Command> Build(CliEnvironment env)
    {
        var service = new Option<string>("--service") { Description = "Service code, e.g. ifit.", Required = true };
        var year = new Option<string>("--year") { Description = "Financial year, e.g. 2025-26.", Required = true };
        var amount = new Option<decimal>("--amount") { Description = "The year's budget in pounds.", Required = true };
        var note = new Option<string?>("--note") { Description = "What the budget covers, e.g. \"10 staff\"." };
        var set = new Command("set", "Set a service's budget for a financial year (the cost report divides it).") { service, year, amount, note };
        set.SetAction((parse, ct) => env.RunAsync(async () =>
        {
            var period = ReportPeriod.Parse(parse.GetValue(year), null, null);
            await using var services = env.CreateServices();
            using var scope = services.CreateScope();
            if (!await env.EnsureMigratedAsync(scope.ServiceProvider))
            {
                return CliEnvironment.CannotRun;
            }
            await scope.ServiceProvider.GetRequiredService<ReportService>().SetBudgetAsync(env.Actor, parse.GetValue(service)!, period.From.Year, parse.GetValue(amount), parse.GetValue(note), ct);
            await env.Out.WriteLineAsync($"Budget for {parse.GetValue(service)} in {period.Label} set to £{parse.GetValue(amount).ToString("N2", CultureInfo.GetCultureInfo("en-GB"))}.");
            return CliEnvironment.Ok;
        }));
        var budgets = new Command("budgets", "Service budgets per financial year.") { set };

        var file = new Argument<FileInfo>("FILE") { Description = "CSV with columns characteristic (age, sex, ethnicity, disability), category, count." };
        var populationYear = new Option<int>("--year") { Description = "The year the figures describe, e.g. 2021 for the 2021 Census.", Required = true };
        var source = new Option<string?>("--source") { Description = "Where the figures come from." };
        var import = new Command("import", "Replace the population figures of a year. All or nothing.") { file, populationYear, source };
        import.SetAction((parse, ct) => env.RunAsync(async () =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await env.Error.WriteLineAsync($"error: cannot read {path.FullName}: the file does not exist.");
                return CliEnvironment.CannotRun;
            }
            var figures = new List<(string, string, long)>();
            using (var reader = new StreamReader(path.FullName))
            using (var csv = CsvReader.Create(reader, new CsvReaderOptions { TrimWhitespace = true, SkipEmptyLines = true }, false))
            {
                csv.ReadHeader();
                var header = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
                var columns = new[] { "characteristic", "category", "count" }.Select(c => header.IndexOf(c)).ToArray();
                if (columns.Any(i => i < 0))
                {
                    await env.Error.WriteLineAsync("error: header: the file needs the columns characteristic, category and count.");
                    return CliEnvironment.Failed;
                }
                var row = 1;
                while (csv.Read())
                {
                    row++;
                    string Field(int i) => columns[i] < csv.FieldCount ? csv.GetString(columns[i]).Trim() : "";
                    if (!long.TryParse(Field(2), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count))
                    {
                        await env.Error.WriteLineAsync($"error: row {row}, count: \"{Field(2)}\" is not a whole number.");
                        return CliEnvironment.Failed;
                    }
                    figures.Add((Field(0), Field(1), count));
                }
            }
            await using var services = env.CreateServices();
            using var scope = services.CreateScope();
            if (!await env.EnsureMigratedAsync(scope.ServiceProvider))
            {
                return CliEnvironment.CannotRun;
            }
            var n = await scope.ServiceProvider.GetRequiredService<ReportService>().SetPopulationAsync(env.Actor, parse.GetValue(populationYear), figures, parse.GetValue(source), ct);
            await env.Out.WriteLineAsync($"Imported {n} population figure(s) for {parse.GetValue(populationYear)}.");
            return CliEnvironment.Ok;
        }));
        var population = new Command("population", "The area's population, for the equality of reach report.") { import };
        return [budgets, population];
    }
}
