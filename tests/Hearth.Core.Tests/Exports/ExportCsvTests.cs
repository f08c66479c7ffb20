using Hearth.Core.Exports;

namespace Hearth.Core.Tests.Exports;

public sealed class ExportCsvTests
{
    /// <summary>Reads CSV back as a spreadsheet would see the cells (CsvHelper, quoted fields may hold line breaks).</summary>
    internal static List<List<string>> Read(string text)
    {
        using var reader = new StringReader(text);
        using var csv = CsvHelper.CsvReader.Create(reader, new CsvHelper.CsvReaderOptions { AllowLineBreaksInQuotes = true, HasHeader = false }, false);
        var rows = new List<List<string>>();
        while (csv.Read())
        {
            rows.Add(Enumerable.Range(0, csv.FieldCount).Select(csv.GetString).ToList());
        }
        return rows;
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1+1", "\"'+1+1\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\tcmd", "\"'\tcmd\"")]
    [InlineData("\rcmd", "\"'\rcmd\"")]
    public void A_text_cell_that_starts_like_a_formula_gets_a_leading_apostrophe(string text, string written)
    {
        Assert.Equal(written + "\r\n", ExportCsv.ToText(csv => csv.Row(text)));
        Assert.True(ExportCsv.StartsLikeFormula(text));
    }

    [Fact]
    public void Numbers_and_dates_written_as_such_are_not_altered()
    {
        var text = ExportCsv.ToText(csv => csv.Number(-3).Number(-3.5m, "0.00").Cell("-2").Cell("-0.125").Date(new DateOnly(2026, 4, 1)).Date(null).EndRow());
        Assert.Equal("-3,-3.50,-2,-0.125,2026-04-01,\r\n", text);
        // Text that is not exactly a plain number stays text, and is neutralised when it starts like one.
        Assert.Equal("007,\"'+1\",\"'-1e5\",\"'-\"\r\n", ExportCsv.ToText(csv => csv.Cell("007").Cell("+1").Cell("-1e5").Cell("-").EndRow()));
        Assert.False(ExportCsv.StartsLikeFormula("F-1"));
        Assert.False(ExportCsv.StartsLikeFormula(""));
    }

    [Fact]
    public void Commas_quotes_and_line_breaks_are_quoted_as_RFC_4180_says()
    {
        var text = ExportCsv.ToText(csv =>
        {
            csv.Row("plain", "a, b", "say \"hi\"", "two\nlines", "cr\r\nlf", "");
            csv.Row("x", "y", "z", "1", "2", "3");
        });
        Assert.Equal("plain,\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\nlf\",\r\nx,y,z,1,2,3\r\n", text);
        Assert.Equal([["plain", "a, b", "say \"hi\"", "two\nlines", "cr\r\nlf", ""], ["x", "y", "z", "1", "2", "3"]], Read(text));
    }

    [Fact]
    public void Records_must_be_the_same_width_unless_asked_otherwise()
    {
        Assert.Throws<InvalidOperationException>(() => ExportCsv.ToText(csv =>
        {
            csv.Row("a", "b");
            csv.Row("c");
        }));
        Assert.Equal("a,b\r\nc\r\n", ExportCsv.ToText(csv =>
        {
            csv.Row("a", "b");
            csv.Row("c");
        }, sameWidth: false));
    }
}
