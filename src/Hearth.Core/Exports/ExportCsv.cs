using System.Globalization;
using CsvHelper;

namespace Hearth.Core.Exports;

/// <summary>
/// The one way Hearth writes CSV: every report, results, claim and census-issue export, the scored measures file and
/// the CLI's lists. RFC 4180 by CsvHelper: comma separated, records ending CRLF, a field holding a comma, a quote or a
/// line break enclosed in quotes with its quotes doubled. A text cell that a spreadsheet would run as a formula (one
/// starting with =, +, -, @, tab or carriage return) gets a leading apostrophe and is quoted, as OWASP's CSV injection
/// guidance says, so a family reference such as <c>=HYPERLINK("http://x")</c> opens as text. Numbers and dates written
/// as numbers and dates are never altered: -3 stays -3. The Excel exports apply the same rule (<see cref="StartsLikeFormula"/>).
/// </summary>
public sealed class ExportCsv : IDisposable, IAsyncDisposable
{
    /// <summary>The characters that make a text cell a possible formula when it starts with one of them.</summary>
    public const string FormulaCharacters = "=+-@\t\r";

    /// <summary>Whether a spreadsheet could take this text for a formula (the Excel exports then mark the cell as text).</summary>
    public static bool StartsLikeFormula(string? text) => !string.IsNullOrEmpty(text) && FormulaCharacters.Contains(text[0], StringComparison.Ordinal);

    private static readonly CsvWriterOptions SameWidth = new()
    {
        Injection = CsvInjection.Escape,
        InjectionCharacters = FormulaCharacters,
        InjectionEscape = '\'',
    };

    private readonly CsvWriter _csv;

    private ExportCsv(CsvWriter csv) => _csv = csv;

    /// <summary>
    /// A writer to <paramref name="writer"/>, which stays open. Every record must have as many fields as the first
    /// unless <paramref name="sameWidth"/> is false (a report's tables of different widths follow one another).
    /// </summary>
    public static ExportCsv Create(TextWriter writer, bool sameWidth = true) =>
        new(CsvWriter.Create(writer, sameWidth ? SameWidth : SameWidth with { ValidateFieldCount = false }, leaveOpen: true));

    /// <summary>A writer that writes UTF-8 (no byte order mark) to <paramref name="stream"/>, which stays open.</summary>
    public static ExportCsv Create(Stream stream, bool sameWidth = true) =>
        new(CsvWriter.Create(stream, sameWidth ? SameWidth : SameWidth with { ValidateFieldCount = false }, leaveOpen: true));

    /// <summary>The CSV that <paramref name="write"/> writes, as a string.</summary>
    public static string ToText(Action<ExportCsv> write, bool sameWidth = true)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = Create(text, sameWidth))
        {
            write(csv);
            csv.Flush();
        }
        return text.ToString();
    }

    /// <summary>A text cell, neutralised if it starts like a formula; null is an empty cell.</summary>
    public ExportCsv Text(string? value)
    {
        _csv.WriteField(value);
        return this;
    }

    /// <summary>A whole number, as it is (a negative number keeps its minus sign).</summary>
    public ExportCsv Number(long value)
    {
        _csv.WriteField(value, "");
        return this;
    }

    /// <summary>A number in the invariant culture with a .NET format such as "0.00".</summary>
    public ExportCsv Number(decimal value, string format)
    {
        _csv.WriteField(value, format);
        return this;
    }

    /// <summary>A date as yyyy-mm-dd; null is an empty cell.</summary>
    public ExportCsv Date(DateOnly? value)
    {
        if (value is { } date)
        {
            _csv.WriteField(date, "yyyy-MM-dd");
        }
        else
        {
            _csv.WriteField((string?)null);
        }
        return this;
    }

    /// <summary>
    /// A cell of unknown kind, such as one read from a file or a report figure already formatted: a plain decimal
    /// number ("-2", "10.50") that reads back as the same text is written as a number, anything else as text.
    /// </summary>
    public ExportCsv Cell(string? value)
    {
        if (value is { Length: > 0 }
            && decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            var dot = value.IndexOf('.', StringComparison.Ordinal);
            var format = "F" + (dot < 0 ? 0 : value.Length - dot - 1).ToString(CultureInfo.InvariantCulture);
            if (number.ToString(format, CultureInfo.InvariantCulture) == value)
            {
                _csv.WriteField(number, format);
                return this;
            }
        }
        return Text(value);
    }

    /// <summary>A record of text cells, such as a header row, ended.</summary>
    public void Row(params IEnumerable<string?> texts)
    {
        foreach (var text in texts)
        {
            Text(text);
        }
        EndRow();
    }

    /// <summary>Ends the record.</summary>
    public void EndRow() => _csv.EndRecord();

    public void Flush() => _csv.Flush();

    public ValueTask FlushAsync(CancellationToken ct = default) => _csv.FlushAsync(ct);

    public void Dispose() => _csv.Dispose();

    public ValueTask DisposeAsync() => _csv.DisposeAsync();
}
