using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using Hearth.Core.Exports;
using Hearth.Core.Measures;

namespace Hearth.Cli.Commands;

/// <summary>`hearth measures`: list instruments and score files of administrations. No database is touched.</summary>
internal static partial class MeasuresCommands
{
    public static Command Build(CliEnvironment env)
    {
        var measures = new Command("measures", "Outcome instruments: list them and score files of completed forms (no database needed).");
        measures.Subcommands.Add(List(env));
        measures.Subcommands.Add(Items(env));
        measures.Subcommands.Add(Score(env));
        return measures;
    }

    private static Command List(CliEnvironment env)
    {
        var command = new Command("list", "Print the built-in instruments and their ids.");
        command.SetAction((_, _) => env.RunAsync(async () =>
        {
            foreach (var instrument in InstrumentCatalog.All)
            {
                await env.Out.WriteLineAsync($"{instrument.Id,-18} {instrument.Name}");
            }
            return CliEnvironment.Ok;
        }));
        return command;
    }

    private static Command Items(CliEnvironment env)
    {
        var instrumentOption = new Option<string>("--instrument") { Description = "Instrument id (see `measures list`).", Required = true };
        var labelsOption = new Option<FileInfo?>("--labels") { Description = "A council's labels file (JSON) with its licensed item wording." };
        var command = new Command("items", "Print an instrument's numbered items, the responses each accepts and, with --labels, the council's wording.")
        {
            instrumentOption, labelsOption,
        };
        command.SetAction((parse, _) => env.RunAsync(async () =>
        {
            var id = parse.GetValue(instrumentOption)!;
            if (InstrumentCatalog.Find(id) is not { } instrument)
            {
                return await UnknownInstrument(env, id);
            }
            var labels = ItemLabels.None;
            if (parse.GetValue(labelsOption) is { } file)
            {
                try
                {
                    labels = ItemLabels.Parse(await File.ReadAllTextAsync(file.FullName), InstrumentCatalog.All);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
                {
                    await env.Error.WriteLineAsync($"error: cannot use labels file {file.Name}: {e.Message}");
                    return CliEnvironment.CannotRun;
                }
            }
            await env.Out.WriteLineAsync($"{instrument.Name} ({instrument.Id}, {instrument.Version})");
            await env.Out.WriteLineAsync($"Source: {instrument.Source}");
            if (instrument is ItemInstrument items)
            {
                foreach (var item in items.Definition.Items)
                {
                    var notes = (item.Reverse ? " reverse-scored" : "") + (item.Optional ? " optional" : "");
                    var label = labels.Item(instrument.Id, item.Key);
                    await env.Out.WriteLineAsync($"  item{item.Key,-4} {item.Min}-{item.Max}{notes}{(label is null ? "" : $"  {label}")}");
                }
            }
            else
            {
                await env.Out.WriteLineAsync("  level1..levelN: -2..+2 per goal; weight1..weightN: optional positive weights (default 1).");
            }
            return CliEnvironment.Ok;
        }));
        return command;
    }

    private static Command Score(CliEnvironment env)
    {
        var instrumentOption = new Option<string>("--instrument") { Description = "Instrument id (see `measures list`).", Required = true };
        var inOption = new Option<FileInfo>("--in") { Description = "CSV with an id column and item1..itemN (GAS: level1..levelN, optional weight1..weightN); optional age column.", Required = true };
        var outOption = new Option<FileInfo>("--out") { Description = "CSV to write: the input rows with every score, band and validity flag appended.", Required = true };
        var rhoOption = new Option<double?>("--rho") { Description = "GAS only: assumed correlation between goals in the T-score (default 0.3)." };
        var command = new Command("score", "Score a CSV of completed forms, one row per administration.") { instrumentOption, inOption, outOption, rhoOption };
        command.SetAction((parse, ct) => env.RunAsync(async () =>
        {
            var id = parse.GetValue(instrumentOption)!;
            var instrument = InstrumentCatalog.Find(id);
            if (instrument is null)
            {
                return await UnknownInstrument(env, id);
            }
            if (parse.GetValue(rhoOption) is { } rho)
            {
                if (instrument is not GoalAttainmentScaling || rho is < 0 or > 1 || double.IsNaN(rho))
                {
                    await env.Error.WriteLineAsync("error: --rho applies to gas only and must be between 0 and 1.");
                    return CliEnvironment.CannotRun;
                }
                instrument = new GoalAttainmentScaling(rho);
            }
            var input = parse.GetValue(inOption)!;
            var output = parse.GetValue(outOption)!;
            try
            {
                var summary = await ScoreFileAsync(instrument, input.FullName, output.FullName, ct);
                await env.Out.WriteLineAsync(
                    $"Scored {summary.Rows} row(s) with {instrument.Id}: {summary.Valid} valid, {summary.Complete} complete, {summary.Viable} viable. Wrote {output.Name}.");
                return CliEnvironment.Ok;
            }
            catch (InputFileException e)
            {
                await env.Error.WriteLineAsync($"error: {e.Message}");
                return CliEnvironment.CannotRun;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CsvFormatException)
            {
                await env.Error.WriteLineAsync($"error: cannot read {input.Name} or write {output.Name}: {FirstLine(e.Message)}");
                return CliEnvironment.CannotRun;
            }
        }));
        return command;
    }

    private sealed record Summary(int Rows, int Valid, int Complete, int Viable);

    /// <summary>A problem with the file as a whole (not one row): reported on one line, nothing written.</summary>
    private sealed class InputFileException(string message) : Exception(message);

    private static async Task<Summary> ScoreFileAsync(Instrument instrument, string inPath, string outPath, CancellationToken ct)
    {
        var fileName = Path.GetFileName(inPath);
        var options = new CsvReaderOptions
        {
            Separator = ',',
            // A broken quote is a problem with the file, not a row: refuse the file rather than guess at its columns.
            MalformedData = CsvMalformedDataHandling.Throw,
            TrackLineNumbers = true,
            // Short rows are scored with the missing cells blank (the default): paper forms often end early.
        };
        await using var csv = CsvReader.Create(File.OpenRead(inPath), options);
        await csv.ReadHeaderAsync(ct);
        var header = csv.Headers.ToArray();
        if (header.Length == 0)
        {
            throw new InputFileException($"{fileName} has no header row.");
        }
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Length; i++)
        {
            if (!columns.TryAdd(header[i].Trim(), i))
            {
                throw new InputFileException($"{fileName} has the column '{header[i]}' twice.");
            }
        }
        if (!columns.ContainsKey("id"))
        {
            throw new InputFileException($"{fileName} has no 'id' column.");
        }
        var scorer = RowScorer.For(instrument, columns, fileName);
        foreach (var name in scorer.Columns)
        {
            if (columns.ContainsKey(name))
            {
                throw new InputFileException($"{fileName} already has a column '{name}' (was it scored before?).");
            }
        }

        // Write beside the target and move into place at the end, so a failure never leaves half a file.
        var temp = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outPath))!, $".{Path.GetFileName(outPath)}.{Guid.NewGuid():N}.tmp");
        int rows = 0, valid = 0, complete = 0, viable = 0;
        try
        {
            await using (var file = File.Create(temp))
            await using (var output = ExportCsv.Create(file))
            {
                output.Row([.. header, .. scorer.Columns]);
                var cells = new string?[header.Length];
                while (await csv.ReadAsync(ct))
                {
                    var count = csv.FieldCount;
                    for (var i = 0; i < cells.Length; i++)
                    {
                        cells[i] = i < count ? csv.GetString(i) : null;
                    }
                    var row = scorer.Score(i => cells[i]);
                    rows++;
                    valid += row.Valid ? 1 : 0;
                    complete += row.Complete ? 1 : 0;
                    viable += row.Viable ? 1 : 0;
                    // The input's cells and the scores as they are (a GAS level -2 stays a number); other text that starts like a formula is neutralised.
                    foreach (var cell in cells.Select(c => c ?? "").Concat(row.Values))
                    {
                        output.Cell(cell);
                    }
                    output.EndRow();
                }
                await output.FlushAsync(ct);
            }
            File.Move(temp, outPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
        return new Summary(rows, valid, complete, viable);
    }

    private sealed record ScoredRow(IReadOnlyList<string> Values, bool Valid, bool Complete, bool Viable);

    /// <summary>Maps one instrument's input columns to its scoring call and its sheet to output cells.</summary>
    private sealed class RowScorer
    {
        private readonly Func<Func<int, string?>, (ScoreSheet Sheet, string? ExtraIssue)> _score;
        private RowScorer(Instrument instrument, Func<Func<int, string?>, (ScoreSheet, string?)> score)
        {
            _score = score;
            Columns = instrument.ScoreKeys.Select(k => $"score_{k}")
                .Concat(instrument.BandKeys.Select(k => $"band_{k}"))
                .Concat(["valid", "complete", "viable", "issues"])
                .ToArray();
        }

        public IReadOnlyList<string> Columns { get; }

        public static RowScorer For(Instrument instrument, IReadOnlyDictionary<string, int> columns, string fileName)
        {
            int? Column(string name) => columns.TryGetValue(name, out var i) ? i : null;
            switch (instrument)
            {
                case ItemInstrument items:
                {
                    var itemColumns = items.Definition.Items.Select(i => Column($"item{i.Key}")).ToArray();
                    var absent = items.Definition.Items.Where((item, i) => !item.Optional && itemColumns[i] is null).Select(i => $"item{i.Key}").ToArray();
                    if (absent.Length > 0)
                    {
                        throw new InputFileException($"{fileName} lacks {string.Join(", ", absent.Take(5))}{(absent.Length > 5 ? ", ..." : "")} for {instrument.Id}.");
                    }
                    var ageColumn = Column("age");
                    return new RowScorer(instrument, cell =>
                    {
                        var responses = new Response[itemColumns.Length];
                        for (var i = 0; i < responses.Length; i++)
                        {
                            responses[i] = itemColumns[i] is { } c ? Response.Parse(cell(c)) : Response.Blank;
                        }
                        int? age = null;
                        string? ageIssue = null;
                        if (ageColumn is { } a && !string.IsNullOrWhiteSpace(cell(a)))
                        {
                            var parsed = Response.Parse(cell(a));
                            age = parsed.Value;
                            ageIssue = parsed.Unreadable is { } bad ? $"age '{bad}' is not a whole number of years; bands withheld" : null;
                        }
                        return (items.Score(responses, age), ageIssue);
                    });
                }
                case GoalAttainmentScaling gas:
                {
                    var goals = columns.Keys.Select(k => LevelColumn().Match(k)).Where(m => m.Success)
                        .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();
                    if (goals == 0)
                    {
                        throw new InputFileException($"{fileName} has no level1..levelN columns for gas.");
                    }
                    var levelColumns = Enumerable.Range(1, goals).Select(g => Column($"level{g}")).ToArray();
                    var weightColumns = Enumerable.Range(1, goals).Select(g => Column($"weight{g}")).ToArray();
                    return new RowScorer(instrument, cell =>
                    {
                        var ratings = new GoalRating[goals];
                        for (var g = 0; g < goals; g++)
                        {
                            var level = levelColumns[g] is { } l ? Response.Parse(cell(l)) : Response.Blank;
                            var weight = weightColumns[g] is { } w ? cell(w) : null;
                            ratings[g] = new GoalRating(level, weight);
                        }
                        return (gas.Score(ratings), null);
                    });
                }
                default:
                    throw new InputFileException($"{instrument.Id} cannot score files.");
            }
        }

        public ScoredRow Score(Func<int, string?> cell)
        {
            var (sheet, extraIssue) = _score(cell);
            var values = new List<string>(Columns.Count);
            foreach (var score in sheet.Scores)
            {
                values.Add(score is { } v ? Math.Round(v, 4, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture) : "");
            }
            foreach (var band in sheet.Bands)
            {
                // An unreadable age is treated like an out-of-range one: the norms behind the bands may not apply.
                values.Add(extraIssue is null ? band ?? "" : "");
            }
            var validRow = sheet.IsValid && extraIssue is null;
            var issues = sheet.Issues.Select(i => i.Message);
            if (extraIssue is not null)
            {
                issues = issues.Prepend(extraIssue);
            }
            values.Add(validRow ? "true" : "false");
            values.Add(sheet.IsComplete ? "true" : "false");
            values.Add(validRow && sheet.IsViable ? "true" : "false");
            values.Add(string.Join("; ", issues));
            return new ScoredRow(values, validRow, sheet.IsComplete, validRow && sheet.IsViable);
        }
    }

    [GeneratedRegex("^level([0-9]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex LevelColumn();

    private static async Task<int> UnknownInstrument(CliEnvironment env, string id)
    {
        await env.Error.WriteLineAsync($"error: unknown instrument '{id}'; run `hearth measures list` for the ids.");
        return CliEnvironment.CannotRun;
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
