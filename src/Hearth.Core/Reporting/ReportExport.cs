using System.Globalization;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Hearth.Core.Exports;

namespace Hearth.Core.Reporting;

public enum ReportFormat
{
    Csv,
    Xlsx,
    Json,
}

/// <summary>Writes a report result as CSV, Excel or JSON. The cells are the same in every format.</summary>
public static class ReportExport
{
    public static ReportFormat ParseFormat(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "csv" => ReportFormat.Csv,
        "xlsx" or "excel" => ReportFormat.Xlsx,
        "json" => ReportFormat.Json,
        _ => throw new Data.ValidationFailedException("Format", $"\"{text}\" is not a format: use csv, xlsx or json"),
    };

    public static string ContentType(ReportFormat format) => format switch
    {
        ReportFormat.Csv => "text/csv",
        ReportFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/json",
    };

    public static void Write(ReportResult result, ReportFormat format, Stream output)
    {
        switch (format)
        {
            case ReportFormat.Csv:
                WriteCsv(result, output);
                break;
            case ReportFormat.Xlsx:
                WriteXlsx(result, output);
                break;
            default:
                JsonSerializer.Serialize(output, ToJson(result), JsonOptions);
                break;
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>The JSON shape: each table's rows as objects keyed by column key.</summary>
    public static object ToJson(ReportResult result) => new
    {
        report = result.Name,
        title = result.Title,
        scope = result.Scope,
        from = result.Filter.Period.From,
        to = result.Filter.Period.To,
        tables = result.Tables.Select(t => new
        {
            key = t.Key,
            title = t.Title,
            note = t.Note,
            columns = t.Columns.Select(c => new { key = c.Key, title = c.Title, kind = c.Kind.ToString().ToLowerInvariant(), decimals = c.Kind == ColumnKind.Text ? (int?)null : c.Places }),
            rows = t.Rows.Select(r => t.Columns.Select((c, i) => (c.Key, r[i])).ToDictionary(x => x.Key, x => x.Item2)),
        }),
    };

    /// <summary>CSV: each table in turn, preceded by its title and separated by a blank line.</summary>
    private static void WriteCsv(ReportResult result, Stream output)
    {
        // Tables of different widths follow one another, so records cannot all have the same number of fields.
        using var csv = ExportCsv.Create(output, sameWidth: false);
        var first = true;
        foreach (var table in result.Tables)
        {
            if (!first)
            {
                // An empty record between tables; the writer shows its one empty field as "" so it reads back as a record.
                csv.Row("");
            }
            first = false;
            if (result.Tables.Count > 1)
            {
                csv.Row(table.Title);
            }
            csv.Row(table.Columns.Select(c => c.Title));
            foreach (var row in table.Rows)
            {
                for (var i = 0; i < row.Count; i++)
                {
                    // A figure is written as a number (a negative mean change stays -3.46); text, "n/a" and "[c]" as text.
                    var text = table.Columns[i].Format(row[i], plain: true);
                    if (table.Columns[i].Kind != ColumnKind.Text && row[i] is long or int or double or decimal)
                    {
                        csv.Cell(text);
                    }
                    else
                    {
                        csv.Text(text);
                    }
                }
                csv.EndRow();
            }
        }
        csv.Flush();
    }

    /// <summary>
    /// One worksheet per table, header row in bold, numbers as numbers and "n/a" for missing values. Text is written as
    /// inline strings, never formulas, and a text cell that starts like a formula (<see cref="ExportCsv.StartsLikeFormula"/>)
    /// also carries Excel's quote prefix, so it stays text when someone edits it.
    /// </summary>
    private static void WriteXlsx(ReportResult result, Stream output)
    {
        // The Open XML SDK needs a seekable stream; an HTTP response body is not one.
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new NumberingFormats(NumberFormats.Select((f, i) => new NumberingFormat { NumberFormatId = FirstCustomFormat + (uint)i, FormatCode = f })),
                new Fonts(new Font(), new Font(new Bold())),
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
                new Borders(new Border()),
                new CellFormats(new[] { new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true } }
                    .Concat(NumberFormats.Select((_, i) => new CellFormat { NumberFormatId = FirstCustomFormat + (uint)i, ApplyNumberFormat = true }))
                    .Concat([new CellFormat { QuotePrefix = true }, new CellFormat { FontId = 1, ApplyFont = true, QuotePrefix = true }])));
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            uint id = 1;
            foreach (var table in result.Tables)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                data.AppendChild(new Row(table.Columns.Select(c => TextCell(c.Title, bold: true))));
                foreach (var row in table.Rows)
                {
                    data.AppendChild(new Row(row.Select((cell, i) => table.Columns[i] is var column && column.Kind != ColumnKind.Text ? cell switch
                    {
                        long n => NumberCell(n.ToString(CultureInfo.InvariantCulture), column),
                        double d => NumberCell(d.ToString(CultureInfo.InvariantCulture), column),
                        decimal m => NumberCell(m.ToString(CultureInfo.InvariantCulture), column),
                        _ => TextCell(column.Format(cell), bold: false),
                    } : TextCell(column.Format(cell), bold: false))));
                }
                part.Worksheet = new Worksheet(data);
                sheets.AppendChild(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id++, Name = SheetName(table.Title, names) });
            }
            workbook.Workbook.Save();
        }
        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    private static Cell TextCell(string text, bool bold) =>
        new(new InlineString(new Text(text))) { DataType = CellValues.InlineString, StyleIndex = (ExportCsv.StartsLikeFormula(text) ? QuotePrefixed : 0u) + (bold ? 1u : 0u) };

    // The two text styles after the number formats: plain and bold, each with Excel's quote prefix ("this cell is text").
    private static uint QuotePrefixed => 2 + (uint)NumberFormats.Length;

    // Excel shows each number in its column's format while keeping the full value: whole numbers, 1 to 3 decimal
    // places, and p-values with a conditional section that shows anything under 0.001 as "<0.001".
    private const uint FirstCustomFormat = 164;
    private static readonly string[] NumberFormats = ["#,##0", "0.0", "#,##0.00", "0.000", "[<0.001]\"<0.001\";0.000"];

    private static uint StyleOf(ReportColumn column) => 2 + (column.Kind == ColumnKind.PValue ? 4u : column.Places switch
    {
        0 => 0u,
        1 => 1u,
        2 => 2u,
        _ => 3u,
    });

    private static Cell NumberCell(string value, ReportColumn column) => new(new CellValue(value)) { DataType = CellValues.Number, StyleIndex = StyleOf(column) };

    private static string SheetName(string title, HashSet<string> used)
    {
        var name = new string(title.Where(ch => !"[]:*?/\\'".Contains(ch)).ToArray());
        name = name.Length > 28 ? name[..28] : name;
        var candidate = name;
        for (var i = 2; !used.Add(candidate); i++)
        {
            candidate = $"{name} {i}";
        }
        return candidate;
    }
}
