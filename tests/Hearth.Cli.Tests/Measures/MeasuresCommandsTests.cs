namespace Hearth.Cli.Tests.Measures;

public sealed class MeasuresCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hearth-measures-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args) => await RunWith(null, args);

    private static async Task<(int Code, string Out, string Err)> RunWith(IReadOnlyDictionary<string, string?>? settings, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await HearthCli.RunAsync(args, output, error, settings);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Reads a CSV written by the command into header-keyed rows (CsvHelper, so quoted cells read as a spreadsheet would).</summary>
    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = CsvHelper.CsvReader.Create(reader, new CsvHelper.CsvReaderOptions { AllowLineBreaksInQuotes = true }, false);
        csv.ReadHeader();
        var header = csv.Headers.ToList();
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(header.Select((h, i) => (h, v: i < csv.FieldCount ? csv.GetString(i) : "")).ToDictionary(x => x.h, x => x.v));
        }
        return rows;
    }

    [Fact]
    public async Task List_prints_every_instrument_id_and_name()
    {
        var (code, output, _) = await Run("measures", "list");
        Assert.Equal(0, code);
        foreach (var id in new[] { "wemwbs", "swemwbs", "sdq-parent", "sdq-teacher", "sdq-self", "gas", "family-star-plus" })
        {
            Assert.Contains(output.Split('\n'), line => line.StartsWith(id + " ", StringComparison.Ordinal));
        }
        Assert.Contains("Goal Attainment Scaling", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SDQ_file_round_trip_scores_valid_partial_and_invalid_rows()
    {
        var items = string.Join(',', Enumerable.Range(1, 25).Select(i => $"item{i}"));
        string Row(string id, string age, Func<int, string> item, string impact) =>
            $"{id},{age},{string.Join(',', Enumerable.Range(1, 25).Select(item))},{impact}";
        File.WriteAllLines(PathOf("in.csv"),
        [
            $"id,age,{items},item26,item28,item29a,item29b,item29c,item29d,note",
            // Valid: all 1s, impact 2+1+0+0+2 = 5.
            Row("valid", "9", _ => "1", "2,3,2,1,0,3,first"),
            // Partial: emotional item 24 blank (1,1,0,0 answered -> 3); no impact supplement.
            Row("partial", "12", i => i switch { 3 or 8 => "1", 24 => "", 13 or 16 => "0", _ => "0" }, ",,,,,,second"),
            // Invalid: item 5 = 3 (out of range), item 6 = "x" (unreadable).
            Row("invalid", "10", i => i switch { 5 => "3", 6 => "x", _ => "2" }, "0,,,,,,third"),
        ]);
        var (code, output, error) = await Run("measures", "score", "--instrument", "sdq-parent", "--in", PathOf("in.csv"), "--out", PathOf("out.csv"));
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("Scored 3 row(s) with sdq-parent: 2 valid", output, StringComparison.Ordinal);

        var rows = ReadCsv(PathOf("out.csv"));
        Assert.Equal(["valid", "partial", "invalid"], rows.Select(r => r["id"]));
        // Input columns come back unchanged, including ones Hearth does not know.
        Assert.Equal(["first", "second", "third"], rows.Select(r => r["note"]));
        Assert.Equal("1", rows[0]["item7"]);

        var valid = rows[0];
        Assert.Equal(("5", "5", "5", "5", "5"), (valid["score_emotional"], valid["score_conduct"], valid["score_hyperactivity"], valid["score_peer"], valid["score_prosocial"]));
        Assert.Equal("20", valid["score_total"]);
        Assert.Equal("10", valid["score_externalising"]);
        Assert.Equal("10", valid["score_internalising"]);
        Assert.Equal("5", valid["score_impact"]);
        Assert.Equal("Abnormal", valid["band_parent3_total"]);
        Assert.Equal("Very high", valid["band_parent4_total"]);
        Assert.Equal(("true", "true", "true", ""), (valid["valid"], valid["complete"], valid["viable"], valid["issues"]));

        var partial = rows[1];
        Assert.Equal("3", partial["score_emotional"]);
        // Other items 0: conduct 2 (item 7 reversed), hyperactivity 4 (21, 25), peer 4 (11, 14): total 3 + 2 + 4 + 4 = 13.
        Assert.Equal("13", partial["score_total"]);
        Assert.Equal("Normal", partial["band_parent3_total"]);
        Assert.Equal("", partial["score_impact"]);
        Assert.Equal(("true", "false", "true"), (partial["valid"], partial["complete"], partial["viable"]));
        Assert.Contains("item 24: missing", partial["issues"], StringComparison.Ordinal);

        var invalid = rows[2];
        Assert.Equal(("false", "false"), (invalid["valid"], invalid["viable"]));
        Assert.Equal("", invalid["score_conduct"]);
        Assert.Equal("", invalid["score_peer"]);
        Assert.Equal("", invalid["score_total"]);
        Assert.Equal("10", invalid["score_emotional"]);
        Assert.Equal("0", invalid["score_impact"]);
        Assert.Contains("item 5: 3 is outside 0-2", invalid["issues"], StringComparison.Ordinal);
        Assert.Contains("item 6: 'x' is not a whole number", invalid["issues"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task GAS_file_scores_weighted_and_unweighted_goals()
    {
        File.WriteAllLines(PathOf("gas.csv"),
        [
            "id,level1,level2,level3,level4,level5,level6,weight1,weight2,weight3,weight4,weight5,weight6",
            "w,-2,0,-1,2,0,1,3,5,1,4,2,6",
            "u,2,1,0,,,,,,,,,",
            "bad,2,5,0,,,,,,,,,",
            "short,-1,-1,-2",
        ]);
        var (code, _, error) = await Run("measures", "score", "--instrument", "gas", "--in", PathOf("gas.csv"), "--out", PathOf("gas-out.csv"));
        Assert.Equal(0, code);
        Assert.Equal("", error);
        var rows = ReadCsv(PathOf("gas-out.csv"));
        Assert.Equal("55", rows[0]["score_t_score"]);
        Assert.Equal("63.6931", rows[1]["score_t_score"]);
        Assert.Equal("3", rows[1]["score_goals"]);
        Assert.Equal("", rows[2]["score_t_score"]);
        Assert.Equal("false", rows[2]["valid"]);
        Assert.Contains("goal 2: level 5 is outside -2 to +2", rows[2]["issues"], StringComparison.Ordinal);
        Assert.Equal("31.7426", rows[3]["score_t_score"]);
    }

    [Fact]
    public async Task Scored_file_neutralises_text_that_starts_like_a_formula_and_keeps_negative_levels_as_numbers()
    {
        File.WriteAllLines(PathOf("gas.csv"), ["id,level1,level2,level3,note", "\"=HYPERLINK(\"\"http://x\"\")\",-2,-1,0,\"a, b\"", "007,2,1,0,@home"]);
        var (code, _, error) = await Run("measures", "score", "--instrument", "gas", "--in", PathOf("gas.csv"), "--out", PathOf("gas-out.csv"));
        Assert.Equal((0, ""), (code, error));
        var lines = File.ReadAllText(PathOf("gas-out.csv")).Split("\r\n");
        Assert.StartsWith("\"'=HYPERLINK(\"\"http://x\"\")\",-2,-1,0,\"a, b\",", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("007,2,1,0,\"'@home\",", lines[2], StringComparison.Ordinal);
        var rows = ReadCsv(PathOf("gas-out.csv"));
        Assert.Equal(("'=HYPERLINK(\"http://x\")", "-2"), (rows[0]["id"], rows[0]["level1"]));
    }

    [Fact]
    public async Task GAS_rho_can_be_set_on_the_command_line()
    {
        File.WriteAllLines(PathOf("gas.csv"), ["id,level1,level2,level3", "a,2,1,0"]);
        var (code, _, _) = await Run("measures", "score", "--instrument", "gas", "--rho", "0", "--in", PathOf("gas.csv"), "--out", PathOf("o.csv"));
        Assert.Equal(0, code);
        Assert.Equal("67.3205", ReadCsv(PathOf("o.csv"))[0]["score_t_score"]);
    }

    [Fact]
    public async Task SWEMWBS_and_star_files_score()
    {
        File.WriteAllLines(PathOf("s.csv"), ["id,item1,item2,item3,item4,item5,item6,item7", "a,2,2,2,2,2,2,2", "b,5,5,5,5,5,5,5"]);
        Assert.Equal(0, (await Run("measures", "score", "--instrument", "swemwbs", "--in", PathOf("s.csv"), "--out", PathOf("s-out.csv"))).Code);
        var swemwbs = ReadCsv(PathOf("s-out.csv"));
        Assert.Equal(("14", "15.32"), (swemwbs[0]["score_raw"], swemwbs[0]["score_metric"]));
        Assert.Equal(("35", "35.00"), (swemwbs[1]["score_raw"], swemwbs[1]["score_metric"]));

        var header = "id," + string.Join(',', Enumerable.Range(1, 10).Select(i => $"item{i}"));
        File.WriteAllLines(PathOf("star.csv"), [header, "f1,1,2,3,4,5,6,7,8,9,10"]);
        Assert.Equal(0, (await Run("measures", "score", "--instrument", "family-star-plus", "--in", PathOf("star.csv"), "--out", PathOf("star-out.csv"))).Code);
        var star = ReadCsv(PathOf("star-out.csv"))[0];
        Assert.Equal("55", star["score_total"]);
        Assert.Equal("Stage 2", star["band_stage_area4"]);
        Assert.Equal("Stage 5", star["band_stage_area9"]);
    }

    [Fact]
    public async Task Scoring_needs_no_database_even_when_the_database_settings_are_broken()
    {
        // A provider no command could connect to: any command that touched the database would fail with exit 2.
        var broken = new Dictionary<string, string?> { ["Database:Provider"] = "no-such-database" };
        File.WriteAllLines(PathOf("w.csv"), ["id," + string.Join(',', Enumerable.Range(1, 14).Select(i => $"item{i}")), "a," + string.Join(',', Enumerable.Repeat("4", 14))]);
        var (code, _, error) = await RunWith(broken, "measures", "score", "--instrument", "wemwbs", "--in", PathOf("w.csv"), "--out", PathOf("w-out.csv"));
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Equal("56", ReadCsv(PathOf("w-out.csv"))[0]["score_total"]);
        Assert.Equal(0, (await RunWith(broken, "measures", "list")).Code);
        // The same settings do break a database command, so the test above is not passing by accident.
        Assert.Equal(2, (await RunWith(broken, "migrate")).Code);
    }

    [Fact]
    public async Task An_unreadable_or_out_of_range_age_marks_the_row_invalid_without_stopping_the_run()
    {
        var header = "id,age," + string.Join(',', Enumerable.Range(1, 25).Select(i => $"item{i}"));
        var items = string.Join(',', Enumerable.Repeat("0", 25));
        File.WriteAllLines(PathOf("self.csv"), [header, $"ok,11,{items}", $"young,10,{items}", $"typo,twelve,{items}", $"unknown,,{items}"]);
        var (code, output, _) = await Run("measures", "score", "--instrument", "sdq-self", "--in", PathOf("self.csv"), "--out", PathOf("self-out.csv"));
        Assert.Equal(0, code);
        Assert.Contains("Scored 4 row(s) with sdq-self: 2 valid", output, StringComparison.Ordinal);
        var rows = ReadCsv(PathOf("self-out.csv"));
        Assert.Equal(["true", "false", "false", "true"], rows.Select(r => r["valid"]));
        // All items 0: total 10, Normal on the self-report three-band table (0-15) when the age fits or is not given;
        // withheld when the age is outside 11-17 or cannot be read.
        Assert.Equal(["Normal", "", "", "Normal"], rows.Select(r => r["band_self3_total"]));
        Assert.Contains("age 10 is outside 11-17", rows[1]["issues"], StringComparison.Ordinal);
        Assert.Contains("age 'twelve' is not a whole number", rows[2]["issues"], StringComparison.Ordinal);
        Assert.All(rows, r => Assert.Equal("10", r["score_total"]));
    }

    [Fact]
    public async Task Unknown_instrument_is_one_line_and_exit_2()
    {
        File.WriteAllLines(PathOf("in.csv"), ["id,item1", "a,1"]);
        var (code, output, error) = await Run("measures", "score", "--instrument", "phq-9", "--in", PathOf("in.csv"), "--out", PathOf("out.csv"));
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("error: unknown instrument 'phq-9'", error, StringComparison.Ordinal);
        Assert.False(File.Exists(PathOf("out.csv")));
    }

    [Fact]
    public async Task Missing_input_file_is_one_line_and_exit_2()
    {
        var (code, _, error) = await Run("measures", "score", "--instrument", "wemwbs", "--in", PathOf("nope.csv"), "--out", PathOf("out.csv"));
        Assert.Equal(2, code);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("error: cannot read nope.csv", error, StringComparison.Ordinal);
        Assert.False(File.Exists(PathOf("out.csv")));
    }

    [Theory]
    [InlineData("item1,item2,item3,item4,item5,item6,item7\n1,1,1,1,1,1,1", "no 'id' column")]
    [InlineData("id,item1,item2\na,1,1", "lacks item3")]
    [InlineData("id,id,item1\na,b,1", "has the column 'id' twice")]
    [InlineData("id,item1,item2,item3,item4,item5,item6,item7,score_raw\na,1,1,1,1,1,1,1,7", "already has a column 'score_raw'")]
    [InlineData("id,item1,item2,item3,item4,item5,item6,item7\n\"a,1,1,1,1,1,1,1", "cannot read")]
    public async Task A_file_that_does_not_fit_the_instrument_is_refused_whole(string content, string message)
    {
        await File.WriteAllTextAsync(PathOf("in.csv"), content + "\n");
        var (code, _, error) = await Run("measures", "score", "--instrument", "swemwbs", "--in", PathOf("in.csv"), "--out", PathOf("out.csv"));
        Assert.Equal(2, code);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.False(File.Exists(PathOf("out.csv")));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public async Task Items_prints_numbered_items_and_a_councils_labels()
    {
        await File.WriteAllTextAsync(PathOf("labels.json"), """{ "sdq-teacher": { "items": { "7": "Licensed wording seven" } } }""");
        var (code, output, _) = await Run("measures", "items", "--instrument", "sdq-teacher", "--labels", PathOf("labels.json"));
        Assert.Equal(0, code);
        Assert.Contains(output.Split('\n'), l => l.Contains("item7", StringComparison.Ordinal) && l.Contains("reverse-scored", StringComparison.Ordinal) && l.Contains("Licensed wording seven", StringComparison.Ordinal));
        Assert.Contains(output.Split('\n'), l => l.Contains("item29b", StringComparison.Ordinal) && l.Contains("0-3", StringComparison.Ordinal));
        Assert.DoesNotContain(output.Split('\n'), l => l.Contains("item29c", StringComparison.Ordinal));

        await File.WriteAllTextAsync(PathOf("bad.json"), """{ "sdq-teacher": { "items": { "99": "x" } } }""");
        var (badCode, _, error) = await Run("measures", "items", "--instrument", "sdq-teacher", "--labels", PathOf("bad.json"));
        Assert.Equal(2, badCode);
        Assert.Contains("no item '99'", error, StringComparison.Ordinal);
    }
}
