using System.CommandLine;
using System.Globalization;
using CsvHelper;
using Hearth.Core.Exports;
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
        var gross = new Option<decimal?>("--gross") { Description = "The year's gross expenditure in pounds (the cost report divides it).", Required = true };
        var income = new Option<decimal?>("--income") { Description = "The year's income in pounds: grants, payment by results, partners' contributions (0 if none).", Required = true };
        var note = new Option<string?>("--note") { Description = "What the budget covers, e.g. \"10 staff\"." };
        var set = new Command("set", "Set a service's budget for a financial year: gross expenditure and income (net is the difference).") { service, year, gross, income, note };
        set.SetAction((parse, ct) => RunAsync(env, async provider =>
        {
            var budget = await provider.GetRequiredService<ReportInputService>().SetBudgetAsync(env.Actor,
                new BudgetInput(parse.GetValue(service)!, parse.GetValue(year), parse.GetValue(gross), parse.GetValue(income), parse.GetValue(note)), ct);
            await env.Out.WriteLineAsync($"Budget for {parse.GetValue(service)} in {ReportPeriod.FinancialYearLabel(budget.FinancialYear)} set: gross £{Money(budget.GrossExpenditure)}, income £{Money(budget.Income)}, net £{Money(budget.Net)}.");
            return CliEnvironment.Ok;
        }));
        var list = new Command("list", "Every budget entered, as CSV: service, year, gross, income, net, note.");
        list.SetAction((parse, ct) => RunAsync(env, async provider =>
        {
            using var csv = ExportCsv.Create(env.Out);
            csv.Row("service", "year", "gross_expenditure", "income", "net", "note");
            foreach (var b in await provider.GetRequiredService<ReportInputService>().BudgetsAsync(env.Actor, ct))
            {
                csv.Text(b.ServiceCode).Text(b.Year).Number(b.GrossExpenditure, "0.00").Number(b.Income, "0.00").Number(b.Net, "0.00").Text(b.Note).EndRow();
            }
            await csv.FlushAsync(ct);
            return CliEnvironment.Ok;
        }));
        var budgets = new Command("budgets", "Service budgets per financial year.") { set, list };

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
            return await RunAsync(env, async provider =>
            {
                var n = await provider.GetRequiredService<ReportInputService>().SetPopulationAsync(env.Actor, parse.GetValue(populationYear), figures, parse.GetValue(source), ct);
                await env.Out.WriteLineAsync($"Imported {n} population figure(s) for {parse.GetValue(populationYear)}.");
                return CliEnvironment.Ok;
            });
        }));
        var listYear = new Option<int?>("--year") { Description = "Only this year's figures." };
        var populationList = new Command("list", "The population figures entered, as CSV: year, characteristic, category, count, source.") { listYear };
        populationList.SetAction((parse, ct) => RunAsync(env, async provider =>
        {
            using var csv = ExportCsv.Create(env.Out);
            csv.Row("year", "characteristic", "category", "count", "source");
            foreach (var f in await provider.GetRequiredService<ReportInputService>().PopulationAsync(env.Actor, parse.GetValue(listYear), ct))
            {
                csv.Number(f.Year).Text(f.Characteristic).Text(f.Category).Number(f.Count).Text(f.Source).EndRow();
            }
            await csv.FlushAsync(ct);
            return CliEnvironment.Ok;
        }));
        var population = new Command("population", "The area's population, for the equality of reach report.") { import, populationList };

        var gaps = new Command("figures-to-enter", "The budgets and population figures not entered, which reports show as n/a. Exits 1 when there are any.");
        gaps.SetAction((parse, ct) => RunAsync(env, async provider =>
        {
            var found = await provider.GetRequiredService<ReportInputService>().GapsAsync(env.Actor, ct);
            foreach (var b in found.Budgets)
            {
                await env.Out.WriteLineAsync($"budget: {b.ServiceCode} {b.Year}: no budget entered");
            }
            foreach (var p in found.Population)
            {
                await env.Out.WriteLineAsync(p.Year is { } y ? $"population: {y}: no {p.Characteristic} figures" : $"population: no {p.Characteristic} figures for any year");
            }
            if (found.None)
            {
                await env.Out.WriteLineAsync("Every budget and population figure the reports need has been entered.");
            }
            return found.None ? CliEnvironment.Ok : CliEnvironment.Failed;
        }));
        return [budgets, population, gaps];
    }

    /// <summary>Runs a command body against the migrated database, with the errors a user can fix as one-line messages.</summary>
    internal static Task<int> RunAsync(CliEnvironment env, Func<IServiceProvider, Task<int>> body) => env.RunAsync(async () =>
    {
        await using var services = env.CreateServices();
        using var scope = services.CreateScope();
        if (!await env.EnsureMigratedAsync(scope.ServiceProvider))
        {
            return CliEnvironment.CannotRun;
        }
        return await body(scope.ServiceProvider);
    });

    private static string Money(decimal amount) => amount.ToString("N2", CultureInfo.GetCultureInfo("en-GB"));
}
