using System.Text.Json;
using Hearth.Core.Exports;

namespace Hearth.Core.Returns.Census;

/// <summary>Writes the issue report: one row per issue, as CSV or JSON.</summary>
public static class CensusReportWriter
{
    public static readonly string[] CsvHeader = ["LAchildID", "Rule", "Type", "Fields", "Message", "Location"];

    public static void WriteCsv(TextWriter writer, CensusValidationResult result)
    {
        using var csv = ExportCsv.Create(writer);
        csv.Row(CsvHeader);
        foreach (var issue in result.Issues)
        {
            csv.Row(issue.LAchildID ?? "", issue.Code, issue.SeverityText, FormatFields(issue.Fields), issue.Message, issue.Path ?? "");
        }
        csv.Flush();
    }

    /// <summary>"CPPstartDate=2022-02-17; DateOfInitialCPC=" (an empty value means the field was missing).</summary>
    public static string FormatFields(IEnumerable<CensusFieldValue> fields) => string.Join("; ", fields.Select(f => $"{f.Field}={f.Value}"));

    public static void WriteJson(Stream stream, CensusValidationResult result)
    {
        // Relaxed escaping keeps apostrophes and curly quotes in messages readable; the report is a file, not HTML.
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("year", result.Year.Name);
        json.WriteNumber("children", result.ChildCount);
        json.WriteNumber("errors", result.ErrorCount);
        json.WriteNumber("queries", result.QueryCount);
        json.WriteStartArray("issues");
        foreach (var issue in result.Issues)
        {
            json.WriteStartObject();
            if (issue.LAchildID is null)
            {
                json.WriteNull("laChildId");
            }
            else
            {
                json.WriteString("laChildId", issue.LAchildID);
            }
            json.WriteString("rule", issue.Code);
            json.WriteString("type", issue.SeverityText);
            // An array, not an object: a rule may report the same field twice (two late CPP end dates, say).
            json.WriteStartArray("fields");
            foreach (var field in issue.Fields)
            {
                json.WriteStartObject();
                json.WriteString("field", field.Field);
                json.WriteString("value", field.Value);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteString("message", issue.Message);
            if (issue.Path is null)
            {
                json.WriteNull("location");
            }
            else
            {
                json.WriteString("location", issue.Path);
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
    }
}
