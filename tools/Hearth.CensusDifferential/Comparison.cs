namespace Hearth.CensusDifferential;

/// <summary>
/// Compares Hearth's report (the CLI's CSV: LAchildID, Rule, ...) with Data to Insight's findings (LAchildID, Rule)
/// as sets of (child, rule) pairs, schema issues aside, and prints every difference grouped by rule. With
/// <c>--divergences</c> the documented divergences of that year and file are taken away first; the exit status is
/// then 1 when anything undocumented is left. <c>--emit FILE</c> appends the undocumented ones in divergences.csv form.
/// </summary>
internal static class Comparison
{
    public static int Run(string hearthCsv, string d2iCsv, string? divergencesCsv, string? year, string? fileName, string? emit = null)
    {
        var hearth = Pairs(hearthCsv);
        var d2i = Pairs(d2iCsv);
        var expectedHearthOnly = new HashSet<(string Child, string Rule)>();
        var expectedD2iOnly = new HashSet<(string Child, string Rule)>();
        if (divergencesCsv is not null)
        {
            foreach (var row in ReadCsv(divergencesCsv).Skip(1).Where(r => r.Count >= 5 && r[0] == year && r[1] == fileName))
            {
                (row[4] == "hearth" ? expectedHearthOnly : expectedD2iOnly).Add((row[2], row[3]));
            }
        }
        var onlyHearth = hearth.Except(d2i).Except(expectedHearthOnly).ToList();
        var onlyD2i = d2i.Except(hearth).Except(expectedD2iOnly).ToList();
        var both = hearth.Intersect(d2i).Count();
        var union = hearth.Union(d2i).Count();
        Console.WriteLine($"Hearth {hearth.Count}, D2I {d2i.Count}, both {both}, Jaccard {(union == 0 ? 1 : (double)both / union):0.000}; " +
            $"undocumented: {onlyHearth.Count} Hearth only, {onlyD2i.Count} D2I only");
        foreach (var rule in onlyHearth.Concat(onlyD2i).Select(p => p.Rule).Distinct().OrderBy(r => r, StringComparer.Ordinal))
        {
            var h = onlyHearth.Where(p => p.Rule == rule).Select(p => p.Child).Order(StringComparer.Ordinal).ToList();
            var d = onlyD2i.Where(p => p.Rule == rule).Select(p => p.Child).Order(StringComparer.Ordinal).ToList();
            Console.WriteLine($"  {rule}: Hearth only {h.Count} [{Show(h)}]; D2I only {d.Count} [{Show(d)}]");
        }
        if (emit is not null)
        {
            // Rows in divergences.csv form, reason left to fill in, for a person to review.
            File.AppendAllLines(emit, onlyHearth.Select(p => $"{year},{fileName},{p.Child},{p.Rule},hearth,")
                .Concat(onlyD2i.Select(p => $"{year},{fileName},{p.Child},{p.Rule},d2i,")));
        }
        return onlyHearth.Count + onlyD2i.Count == 0 ? 0 : 1;
    }

    private static string Show(List<string> children) =>
        string.Join(" ", children.Take(8).Select(c => c.Length == 0 ? "(file)" : c)) + (children.Count > 8 ? " ..." : "");

    private static HashSet<(string Child, string Rule)> Pairs(string csv) =>
        [.. ReadCsv(csv).Skip(1).Where(r => r.Count >= 2 && r[1] != "schema").Select(r => (r[0], r[1]))];

    /// <summary>Every row of a CSV file, the header first, read by CsvHelper (quoted fields may hold commas, quotes and line breaks).</summary>
    public static IEnumerable<List<string>> ReadCsv(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = CsvHelper.CsvReader.Create(reader, new CsvHelper.CsvReaderOptions { AllowLineBreaksInQuotes = true }, false);
        // The reader takes the first row as the header (as CsvImportReader reads it): give it back as the first row.
        csv.ReadHeader();
        yield return [.. csv.Headers];
        while (csv.Read())
        {
            yield return [.. Enumerable.Range(0, csv.FieldCount).Select(csv.GetString)];
        }
    }
}
