using CsvHelper;

namespace Hearth.Core.Imports;

/// <summary>A problem with an imported file: its row (the header is row 1; 0 for the command itself), the column and what is wrong.</summary>
public sealed record ImportError(int Row, string Column, string Message)
{
    /// <summary>What would let the import go ahead, for the front door to say in its own terms (a CLI flag, a form field).</summary>
    public ImportRemedy? Remedy { get; init; }

    public override string ToString() => Row == 0 ? $"{Column}: {Message}" : $"row {Row}, {Column}: {Message}";
}

/// <summary>A way round an import error that the caller chooses, not the file.</summary>
public enum ImportRemedy
{
    /// <summary>Ask the import to create the services and teams the file names, with the programme they run.</summary>
    CreateMissing,
}

/// <summary>One data row of an imported CSV: its line in the file and its values in the order of the expected columns.</summary>
public sealed record CsvImportRow(int Row, IReadOnlyList<string> Values);

/// <summary>
/// Reads a CSV whose header must name exactly the expected columns, in any order and case. Every import (journeys,
/// evidence) checks its header the same way, so the same file problem gets the same message whichever import reads it.
/// </summary>
public static class CsvImportReader
{
    /// <summary>
    /// Reads the file. Header problems (empty file, missing, unknown or repeated columns) are returned as errors on row 1
    /// with no rows; <paramref name="docsPage"/> is where the columns are described. Blank rows are skipped.
    /// </summary>
    public static (IReadOnlyList<CsvImportRow> Rows, IReadOnlyList<ImportError> Errors) Read(TextReader reader, IReadOnlyList<string> columns, string docsPage)
    {
        var options = new CsvReaderOptions { TrackLineNumbers = true, AllowLineBreaksInQuotes = true, TrimWhitespace = true, SkipEmptyLines = true };
        using var csv = CsvReader.Create(reader, options, false);
        var errors = new List<ImportError>();
        csv.ReadHeader();
        var header = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
        if (header.Count == 0 || header.All(h => h.Length == 0))
        {
            return ([], [new ImportError(1, "header", "The file is empty: the first row must name the columns")]);
        }
        foreach (var missing in columns.Where(c => !header.Contains(c)))
        {
            errors.Add(new ImportError(1, missing, "The column is missing"));
        }
        foreach (var unknown in header.Where(h => !columns.Contains(h)))
        {
            errors.Add(new ImportError(1, unknown, $"The column is not one Hearth knows (see {docsPage})"));
        }
        foreach (var duplicate in header.GroupBy(h => h).Where(g => g.Count() > 1))
        {
            errors.Add(new ImportError(1, duplicate.Key, "The column appears more than once"));
        }
        if (errors.Count > 0)
        {
            return ([], errors);
        }
        var index = columns.Select(c => header.IndexOf(c)).ToList();
        var rows = new List<CsvImportRow>();
        while (csv.Read())
        {
            var values = index.Select(i => i < csv.FieldCount ? csv.GetString(i).Trim() : "").ToList();
            if (values.All(string.IsNullOrEmpty))
            {
                continue;
            }
            rows.Add(new CsvImportRow((int)csv.LineNumber, values));
        }
        return (rows, errors);
    }
}
