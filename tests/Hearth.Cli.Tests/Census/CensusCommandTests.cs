using System.Text.Json;
using Hearth.Cli;
using Hearth.TestCommon;

namespace Hearth.Cli.Tests.Census;

public sealed class CensusCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hearth-census-").FullName;

    // Settings that would make any database access fail: validation must not need one.
    private static readonly Dictionary<string, string?> NoDatabase = new()
    {
        ["Database:Provider"] = "Postgres",
        ["Database:ConnectionString"] = "Host=unreachable.invalid;Database=none",
    };

    private const string Header = """
        <Header><CollectionDetails><Collection>CIN</Collection><Year>2025</Year><ReferenceDate>2025-03-31</ReferenceDate></CollectionDetails>
        <Source><SourceLevel>L</SourceLevel><LEA>201</LEA><SoftwareCode>Hearth</SoftwareCode><Release>1</Release><SerialNo>1</SerialNo><DateTime>2025-04-02T10:00:00</DateTime></Source></Header>
        """;

    private const string CleanChild = """
        <Child><ChildIdentifiers><LAchildID>A1</LAchildID><UPN>J201000000000</UPN><PersonBirthDate>2015-01-01</PersonBirthDate><Sex>F</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity><Disabilities><Disability>NONE</Disability></Disabilities></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-05-01</CINreferralDate><ReferralSource>1A</ReferralSource><PrimaryNeedCode>N1</PrimaryNeedCode>
        <CINPlanDates><CINPlanStartDate>2024-05-25</CINPlanStartDate></CINPlanDates><ReferralNFA>false</ReferralNFA></CINdetails></Child>
        """;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static async Task<(int Exit, string Out, string Err)> Run(IReadOnlyDictionary<string, string?>? settings, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await HearthCli.RunAsync(args, output, error, settings ?? NoDatabase);
        return (exit, output.ToString(), error.ToString());
    }

    private static string Sample(string name) => TestFiles.CensusSample(name);

    [Fact]
    public async Task A_file_with_queries_only_exits_0_without_a_database()
    {
        var path = Write("clean.xml", $"<Message>{Header}<Children>{CleanChild}</Children></Message>");
        var (exit, output, error) = await Run(null, "census", "validate", path);
        Assert.Equal(0, exit);
        var lines = output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("LAchildID,Rule,Type,Fields,Message,Location", lines[0]);
        Assert.StartsWith(",2887Q,query,", lines[1], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);
        Assert.Contains("CIN census 2024-25, 1 children: 0 error(s), 1 query(ies)", error);
    }

    [Fact]
    public async Task A_sample_file_with_errors_exits_1_and_lists_them()
    {
        var (exit, output, _) = await Run(null, "census", "validate", Sample("CIN_header_issues_100.xml"));
        Assert.Equal(1, exit);
        Assert.Contains(",100,error,ReferenceDate=2023-03-28; Expected=2023-03-31,Reference Date is incorrect,Message/Header/CollectionDetails/ReferenceDate", output);
        Assert.Contains("DfEX0000001,1103,error,AssessmentActualStartDate=1970-06-03; CINreferralDate=1970-10-06,", output);
    }

    [Fact]
    public async Task The_year_option_overrides_the_header()
    {
        var (exit, output, error) = await Run(null, "census", "validate", Sample("CIN_Census_2024.xml"), "--year", "2024-25");
        Assert.Equal(1, exit);
        Assert.Contains("DfEX0000001,4180,error,Sex=1,\"Sex must be provided and equal M, F, or U\",Message/Children/Child[1]/ChildIdentifiers", output);
        Assert.Contains("CIN census 2024-25", error);
    }

    [Fact]
    public async Task Json_goes_to_the_out_file()
    {
        var report = Path.Combine(_dir, "report.json");
        var (exit, output, _) = await Run(null, "census", "validate", Sample("CIN2rows.xml"), "--format", "json", "--out", report);
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        using var doc = JsonDocument.Parse(File.ReadAllText(report));
        Assert.Equal("2023-24", doc.RootElement.GetProperty("year").GetString());
        var rules = doc.RootElement.GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("rule").GetString()).ToList();
        Assert.Equal(2, rules.Count(r => r == "1105"));
        Assert.Contains("8670Q", rules);
    }

    [Fact]
    public async Task Csv_goes_to_the_out_file()
    {
        var report = Path.Combine(_dir, "report.csv");
        var (exit, _, _) = await Run(null, "census", "validate", Sample("CIN_la_issues_2887Q.xml"), "--out", report);
        Assert.Equal(1, exit);
        Assert.Contains(",2887Q,query,Disability codes used=2,", File.ReadAllText(report));
    }

    [Fact]
    public async Task An_external_entity_file_exits_2_with_one_line_and_no_secret()
    {
        var secret = Write("secret.txt", "TOP-SECRET");
        var path = Write("xxe.xml", $"""<?xml version="1.0"?><!DOCTYPE Message [<!ENTITY x SYSTEM "file://{secret}">]><Message>{Header}<Children><Child><ChildIdentifiers><LAchildID>&x;</LAchildID></ChildIdentifiers></Child></Children></Message>""");
        var (exit, output, error) = await Run(null, "census", "validate", path);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("DTD", error);
        Assert.DoesNotContain("TOP-SECRET", error);
    }

    [Fact]
    public async Task Billion_laughs_exits_2()
    {
        var path = Write("lol.xml", """<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><Message>&c;</Message>""");
        var (exit, _, error) = await Run(null, "census", "validate", path);
        Assert.Equal(2, exit);
        Assert.StartsWith("error: lol.xml: refused", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("notxml.xml", "{\"json\": true}", "not well-formed XML")]
    [InlineData("other.xml", "<Invoice><Total>3</Total></Invoice>", "root element is <Invoice>")]
    [InlineData("swf.xml", "<Message><Header><CollectionDetails><Collection>SWF</Collection></CollectionDetails></Header></Message>", "not CIN")]
    public async Task Files_that_are_not_census_files_exit_2(string name, string content, string reason)
    {
        var (exit, _, error) = await Run(null, "census", "validate", Write(name, content));
        Assert.Equal(2, exit);
        Assert.Contains(reason, error);
    }

    [Fact]
    public async Task A_file_over_the_configured_size_limit_exits_2()
    {
        var path = Write("big.xml", $"<Message>{Header}<Children>{string.Concat(Enumerable.Repeat(CleanChild, 20))}</Children></Message>");
        var settings = new Dictionary<string, string?>(NoDatabase) { ["Census:MaxFileBytes"] = "4096" };
        var (exit, _, error) = await Run(settings, "census", "validate", path);
        Assert.Equal(2, exit);
        Assert.Contains("too large", error);
    }

    [Fact]
    public async Task A_missing_file_or_unknown_year_exits_2()
    {
        var (exit, _, error) = await Run(null, "census", "validate", Path.Combine(_dir, "nope.xml"));
        Assert.Equal(2, exit);
        Assert.Contains("file not found", error);
        var (exit2, _, error2) = await Run(null, "census", "validate", Sample("CIN2rows.xml"), "--year", "1999-00");
        Assert.Equal(2, exit2);
        Assert.Contains("unknown collection year", error2);
    }

    [Theory]
    [InlineData("--format", "xml")]
    [InlineData("--unknown-option", "x")]
    public async Task A_wrong_command_line_exits_2_not_1_so_it_is_not_read_as_a_file_with_errors(string option, string value)
    {
        var (exit, output, error) = await Run(null, "census", "validate", Sample("CIN2rows.xml"), option, value);
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.StartsWith("error: ", error);
        Assert.Contains(value, error);
        var (missing, _, why) = await Run(null, "census", "validate");
        Assert.Equal(2, missing);
        Assert.StartsWith("error: ", why);
    }
}
