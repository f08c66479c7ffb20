using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Hearth.Core.Data;
using Hearth.Core.Reporting;

namespace Hearth.Core.Tests.Reporting;

public sealed class ReportEngineTests
{
    [Theory]
    [InlineData("2017-18", "2017-04-01", "2018-03-31")]
    [InlineData("2017-18 Q1", "2017-04-01", "2017-06-30")]
    [InlineData("2017-18 Q3", "2017-10-01", "2017-12-31")]
    [InlineData("2017-18 q4", "2018-01-01", "2018-03-31")]
    [InlineData("2019-20 Q4", "2020-01-01", "2020-03-31")]
    [InlineData("1999-00", "1999-04-01", "2000-03-31")]
    public void Financial_years_and_quarters_run_April_to_March(string text, string from, string to)
    {
        var period = ReportPeriod.Parse(text, null, null);
        Assert.Equal(DateOnly.Parse(from), period.From);
        Assert.Equal(DateOnly.Parse(to), period.To);
    }

    [Theory]
    [InlineData("2017-19", null, null, "Period")]
    [InlineData("2017", null, null, "Period")]
    [InlineData("2017-18 Q5", null, null, "Period")]
    [InlineData(null, "2018-02-30", "2018-03-31", "From")]
    [InlineData(null, "2018-04-01", "2018-03-31", "To")]
    [InlineData(null, null, "2018-03-31", "From")]
    public void Bad_periods_are_refused_naming_the_field(string? period, string? from, string? to, string field)
    {
        var e = Assert.Throws<ValidationFailedException>(() => ReportPeriod.Parse(period, from, to));
        Assert.Contains(e.Errors, x => x.Field == field);
    }

    [Fact]
    public void A_financial_year_has_four_quarters_and_a_year_earlier()
    {
        var year = ReportPeriod.FinancialYear(2017);
        Assert.Equal(["2017-18 Q1", "2017-18 Q2", "2017-18 Q3", "2017-18 Q4"], year.Quarters().Select(q => q.Label));
        Assert.Equal(ReportPeriod.FinancialYear(2016), year.YearEarlier());
        Assert.Equal("2017-18", year.Label);
        Assert.Equal(2017, ReportPeriod.FinancialYearOf(new DateOnly(2018, 3, 31)));
        Assert.Equal(2018, ReportPeriod.FinancialYearOf(new DateOnly(2018, 4, 1)));
    }

    [Fact]
    public void Rows_named_by_their_own_quarter_pair_with_the_same_quarter_a_year_earlier()
    {
        // Stockton's quarters (seeds/003): Q1 530 -> 628 and Q2 589 -> 774.
        ReportColumn[] columns = [new("quarter", "Quarter", ColumnKind.Text), new("referrals", "Referrals", ColumnKind.Count), new("share", "Share %", ColumnKind.Percent)];
        var now = new ReportTable("quarters", "Referrals", columns, [["2017-18 Q1", 628L, 50.0], ["2017-18 Q2", 774L, 50.0]]);
        var earlier = new ReportTable("quarters", "Referrals", columns, [["2016-17 Q1", 530L, 50.0], ["2016-17 Q2", 589L, 50.0]]);
        var compared = ReportService.YearOnYear(now, earlier, ReportPeriod.FinancialYear(2017), ReportPeriod.FinancialYear(2016))!;
        Assert.Equal(["quarter", "referrals", "referrals_year_earlier", "referrals_change_pct"], compared.Columns.Select(c => c.Key));
        Assert.Equal([(object?)"2017-18 Q1 / 2016-17 Q1", 628L, 530L, 18.5], compared.Rows[0]);
        Assert.Equal([(object?)"2017-18 Q2 / 2016-17 Q2", 774L, 589L, 31.4], compared.Rows[1]);
    }

    [Fact]
    public void Rows_in_one_period_only_show_the_other_as_not_available_and_a_table_without_counts_is_not_compared()
    {
        ReportColumn[] columns = [new("source", "Source", ColumnKind.Text), new("referrals", "Referrals", ColumnKind.Count)];
        var now = new ReportTable("sources", "By source", columns, [["School", 10L], ["Police", 4L]]);
        var earlier = new ReportTable("sources", "By source", columns, [["Police", 8L], ["Health", 2L]]);
        var compared = ReportService.YearOnYear(now, earlier, ReportPeriod.FinancialYear(2017), ReportPeriod.FinancialYear(2016))!;
        Assert.Equal([(object?)"School", 10L, null, null], compared.Rows[0]);
        Assert.Equal([(object?)"Police", 4L, 8L, -50.0], compared.Rows[1]);
        Assert.Equal([(object?)"Health", null, 2L, null], compared.Rows[2]);

        var means = new ReportTable("gas", "GAS", [new("point", "Point", ColumnKind.Text), new("mean", "Mean", ColumnKind.Number)], [["Baseline", 38.5]]);
        Assert.Null(ReportService.YearOnYear(means, means, ReportPeriod.FinancialYear(2017), ReportPeriod.FinancialYear(2016)));
    }

    [Theory]
    // Stockton's CIN review (seeds/003): quarter comparisons and the unmet-need share.
    [InlineData(530, 628, 18.5)]
    [InlineData(589, 774, 31.4)]
    [InlineData(100, 50, -50.0)]
    [InlineData(3, 4, 33.3)]
    public void Percentage_change_to_one_place(long earlier, long later, double expected) =>
        Assert.Equal(expected, ReportMath.PercentChange(earlier, later));

    [Fact]
    public void Percentages_round_half_up_and_are_missing_for_an_empty_whole()
    {
        Assert.Equal(24.0, ReportMath.Percent(533, 2223));
        Assert.Equal(12.5, ReportMath.Percent(1, 8));
        Assert.Equal(0.1, ReportMath.Percent(1, 1000)); // 0.1 exactly
        Assert.Equal(0.2, ReportMath.Percent(3, 2000)); // 0.15 rounds up, not to even
        Assert.Null(ReportMath.Percent(0, 0));
        Assert.Null(ReportMath.PercentChange(0, 5));
    }

    private static readonly ReportTable Sample = new("t", "Referrals by team",
        [new ReportColumn("team", "Team", ColumnKind.Text), new ReportColumn("referrals", "Referrals", ColumnKind.Count), new ReportColumn("share", "Share", ColumnKind.Percent)],
        [
            ["North", 120L, 96.0],
            ["South", 3L, 2.4],
            ["West", 0L, 0.0],
            ["East", null, null],
        ]);

    [Fact]
    public void Small_counts_and_the_percentages_beside_them_are_suppressed_for_publication()
    {
        var suppressed = ReportService.Suppress(Sample);
        Assert.Equal(["North", 120L, 96.0], suppressed.Rows[0]);
        Assert.Equal(["South", "[c]", "[c]"], suppressed.Rows[1]);
        Assert.Equal(["West", 0L, 0.0], suppressed.Rows[2]);
        Assert.Equal(["East", null, null], suppressed.Rows[3]);
        Assert.Contains("[c]", suppressed.Note);
    }

    private static ReportResult SampleResult => new("sample", "Sample", new ReportFilter(ReportPeriod.FinancialYear(2017)), "All services", [Sample]);

    [Fact]
    public void Csv_json_and_excel_carry_the_same_cells()
    {
        using var csv = new MemoryStream();
        ReportExport.Write(SampleResult, ReportFormat.Csv, csv);
        var lines = System.Text.Encoding.UTF8.GetString(csv.ToArray()).Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(["Team,Referrals,Share", "North,120,96.0", "South,3,2.4", "West,0,0.0", "East,n/a,n/a"], lines);

        using var json = new MemoryStream();
        ReportExport.Write(SampleResult, ReportFormat.Json, json);
        var doc = JsonDocument.Parse(json.ToArray());
        var rows = doc.RootElement.GetProperty("tables")[0].GetProperty("rows");
        Assert.Equal(120, rows[0].GetProperty("referrals").GetInt64());
        Assert.Equal(2.4, rows[1].GetProperty("share").GetDouble());
        Assert.Equal(JsonValueKind.Null, rows[3].GetProperty("referrals").ValueKind);
        Assert.Equal("2017-04-01", doc.RootElement.GetProperty("from").GetString());

        using var xlsx = new MemoryStream();
        ReportExport.Write(SampleResult, ReportFormat.Xlsx, xlsx);
        xlsx.Position = 0;
        using var book = SpreadsheetDocument.Open(xlsx, false);
        var sheet = book.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var cells = sheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text).ToList()).ToList();
        Assert.Equal(["Team", "Referrals", "Share"], cells[0]);
        Assert.Equal(["North", "120", "96"], cells[1]);
        Assert.Equal(["South", "3", "2.4"], cells[2]);
        Assert.Equal(["East", "n/a", "n/a"], cells[4]);
        Assert.Equal("Referrals by team", book.WorkbookPart.Workbook.Descendants<Sheet>().Single().Name!.Value);
    }

    // A publication table of paired results: a count, means to 2 places, money, an FTE to 1 place and p-values.
    private static readonly ReportTable Statistics = new("s", "Baseline against latest",
        [new ReportColumn("instrument", "Instrument", ColumnKind.Text), new ReportColumn("pairs", "People", ColumnKind.Count), new ReportColumn("mean", "Mean change", ColumnKind.Number),
         new ReportColumn("p", "Paired t-test p", ColumnKind.PValue), new ReportColumn("cost", "Cost (£)", ColumnKind.Money), new ReportColumn("fte", "FTE", ColumnKind.Number, 1)],
        [
            ["SDQ", 1234L, -3.456, 0.0000412, 447890.5m, 2.25],
            ["GAS", 12L, 10.0, 0.04649, 0.125m, 1.0],
            ["CORE-10", 5L, 0.125, 0.001, null, 0.0],
        ]);

    [Fact]
    public void Each_column_formats_its_numbers_the_same_on_the_page_and_in_csv()
    {
        var c = Statistics.Columns;
        Assert.Equal(["SDQ", "1234", "-3.46", "<0.001", "447890.50", "2.3"], Statistics.Rows[0].Select((cell, i) => c[i].Format(cell, plain: true)));
        Assert.Equal(["GAS", "12", "10.00", "0.046", "0.13", "1.0"], Statistics.Rows[1].Select((cell, i) => c[i].Format(cell, plain: true)));
        // A half rounds away from zero, as the reports' own figures do (0.125 to 0.13, not to even); 0.001 itself is a number.
        Assert.Equal(["CORE-10", "5", "0.13", "0.001", "n/a", "0.0"], Statistics.Rows[2].Select((cell, i) => c[i].Format(cell, plain: true)));
        // On a page, thousands are separated; files keep plain numbers.
        Assert.Equal("1,234", c[1].Format(1234L));
        Assert.Equal("447,890.50", c[4].Format(447890.5m));
        Assert.Equal("<0.001", c[3].Format(0.0000412));
        Assert.Equal("[c]", c[1].Format("[c]"));

        using var csv = new MemoryStream();
        ReportExport.Write(SampleResult with { Tables = [Statistics] }, ReportFormat.Csv, csv);
        var lines = System.Text.Encoding.UTF8.GetString(csv.ToArray()).Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(["Instrument,People,Mean change,Paired t-test p,Cost (£),FTE", "SDQ,1234,-3.46,<0.001,447890.50,2.3", "GAS,12,10.00,0.046,0.13,1.0", "CORE-10,5,0.13,0.001,n/a,0.0"], lines);
    }

    [Fact]
    public void Excel_keeps_each_number_whole_and_shows_it_in_its_columns_format()
    {
        using var xlsx = new MemoryStream();
        ReportExport.Write(SampleResult with { Tables = [Statistics] }, ReportFormat.Xlsx, xlsx);
        xlsx.Position = 0;
        using var book = SpreadsheetDocument.Open(xlsx, false);
        var formats = book.WorkbookPart!.WorkbookStylesPart!.Stylesheet.NumberingFormats!.Elements<NumberingFormat>().ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value);
        var styles = book.WorkbookPart.WorkbookStylesPart.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        string? FormatOf(Cell cell) => styles[(int)(cell.StyleIndex?.Value ?? 0)].NumberFormatId?.Value is { } id && formats.TryGetValue(id, out var code) ? code : null;
        var row = book.WorkbookPart.WorksheetParts.Single().Worksheet.Descendants<Row>().ElementAt(1).Elements<Cell>().ToList();
        Assert.Equal(["1234", "-3.456", "4.12E-05", "447890.5", "2.25"], row.Skip(1).Select(c => c.CellValue!.Text));
        Assert.Equal(["#,##0", "#,##0.00", "[<0.001]\"<0.001\";0.000", "#,##0.00", "0.0"], row.Skip(1).Select(FormatOf));
        Assert.Null(FormatOf(row[0]));
    }

    [Fact]
    public void Json_gives_each_columns_kind_and_decimal_places_beside_the_unrounded_number()
    {
        using var json = new MemoryStream();
        ReportExport.Write(SampleResult with { Tables = [Statistics] }, ReportFormat.Json, json);
        var table = JsonDocument.Parse(json.ToArray()).RootElement.GetProperty("tables")[0];
        var columns = table.GetProperty("columns").EnumerateArray().ToList();
        Assert.Equal(["text", "count", "number", "pvalue", "money", "number"], columns.Select(c => c.GetProperty("kind").GetString()));
        Assert.Equal([null, 0, 2, 3, 2, 1], columns.Select(c => c.GetProperty("decimals").ValueKind == JsonValueKind.Null ? (int?)null : c.GetProperty("decimals").GetInt32()));
        Assert.Equal(0.0000412, table.GetProperty("rows")[0].GetProperty("p").GetDouble());
    }

    [Fact]
    public void Csv_writes_tables_of_different_widths_one_after_another()
    {
        var narrow = new ReportTable("n", "Totals", [new ReportColumn("measure", "Measure", ColumnKind.Text)], [["All"]]);
        var result = SampleResult with { Tables = [Sample, narrow] };
        using var csv = new MemoryStream();
        ReportExport.Write(result, ReportFormat.Csv, csv);
        var lines = System.Text.Encoding.UTF8.GetString(csv.ToArray()).Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(["Referrals by team", "Team,Referrals,Share", "North,120,96.0", "South,3,2.4", "West,0,0.0", "East,n/a,n/a", "\"\"", "Totals", "Measure", "All"], lines);
    }

    // A family reference (or any text a user typed) that a spreadsheet would run as a formula, beside a negative figure.
    private static readonly ReportTable Hostile = new("h", "Families",
        [new ReportColumn("family", "Family", ColumnKind.Text), new ReportColumn("change", "Change", ColumnKind.Number), new ReportColumn("count", "Count", ColumnKind.Count)],
        [["=HYPERLINK(\"http://x\")", -3.456, -3L], ["F-1", 2.0, "[c]"]]);

    [Fact]
    public void Csv_neutralises_text_that_starts_like_a_formula_and_leaves_negative_numbers_alone()
    {
        using var csv = new MemoryStream();
        ReportExport.Write(SampleResult with { Tables = [Hostile] }, ReportFormat.Csv, csv);
        var text = System.Text.Encoding.UTF8.GetString(csv.ToArray());
        Assert.Equal("Family,Change,Count\r\n\"'=HYPERLINK(\"\"http://x\"\")\",-3.46,-3\r\nF-1,2.00,[c]\r\n", text);
    }

    [Fact]
    public void Excel_writes_text_that_starts_like_a_formula_as_quote_prefixed_text_and_negative_numbers_as_numbers()
    {
        using var xlsx = new MemoryStream();
        ReportExport.Write(SampleResult with { Tables = [Hostile] }, ReportFormat.Xlsx, xlsx);
        xlsx.Position = 0;
        using var book = SpreadsheetDocument.Open(xlsx, false);
        var styles = book.WorkbookPart!.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ToList();
        bool QuotePrefixed(Cell cell) => styles[(int)(cell.StyleIndex?.Value ?? 0)].QuotePrefix?.Value == true;
        var sheet = book.WorkbookPart.WorksheetParts.Single().Worksheet;
        Assert.Empty(sheet.Descendants<CellFormula>());
        var rows = sheet.Descendants<Row>().Select(r => r.Elements<Cell>().ToList()).ToList();
        var hostile = rows[1][0];
        Assert.Equal((CellValues.InlineString, "=HYPERLINK(\"http://x\")"), (hostile.DataType!.Value, hostile.InlineString!.InnerText));
        Assert.True(QuotePrefixed(hostile));
        Assert.Equal((CellValues.Number, "-3.456", false), (rows[1][1].DataType!.Value, rows[1][1].CellValue!.Text, QuotePrefixed(rows[1][1])));
        Assert.Equal("-3", rows[1][2].CellValue!.Text);
        Assert.False(QuotePrefixed(rows[2][0]));
        Assert.False(QuotePrefixed(rows[0][0]));
    }

    [Theory]
    [InlineData("csv", ReportFormat.Csv)]
    [InlineData("XLSX", ReportFormat.Xlsx)]
    [InlineData("json", ReportFormat.Json)]
    public void Formats_are_named_case_insensitively(string text, ReportFormat expected) => Assert.Equal(expected, ReportExport.ParseFormat(text));

    [Fact]
    public void An_unknown_format_is_refused() =>
        Assert.Equal("Format", Assert.Throws<ValidationFailedException>(() => ReportExport.ParseFormat("pdf")).Errors.Single().Field);
}
