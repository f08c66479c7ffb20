using System.Text;
using System.Text.Json;
using Hearth.Core.Returns.Census;
using Hearth.Core.Returns.Census.Rules;
using static Hearth.Core.Tests.Census.CensusTestData;

namespace Hearth.Core.Tests.Census;

public sealed class CensusYearAndReportTests
{
    [Fact]
    public void Each_year_inherits_the_previous_years_rules_and_states_its_changes()
    {
        Assert.Null(CensusRuleSets.Y2022_23.Previous);
        Assert.Same(CensusRuleSets.Y2022_23, CensusRuleSets.Y2023_24.Previous);
        Assert.Same(CensusRuleSets.Y2023_24, CensusRuleSets.Y2024_25.Previous);
        Assert.Same(CensusRuleSets.Y2024_25, CensusRuleSets.Y2025_26.Previous);

        // 2023-24 changes only 1530; everything else is the same object as in 2022-23.
        var changed = CensusRuleSets.Y2023_24.Rules.Where(r => !ReferenceEquals(r, CensusRuleSets.Y2022_23.Find(r.Code))).Select(r => r.Code);
        Assert.Equal(["1530"], changed);

        var y24 = CensusRuleSets.Y2024_25;
        Assert.Equal(["1570", "1580", "8945Q", "8950Q"], y24.Added.Select(r => r.Code));
        Assert.Equal(["2886Q", "4180", "8750", "8770Q"], y24.Changed.Select(r => r.Code));
        Assert.Equal(CensusRuleSets.Y2023_24.Rules.Count + 4, y24.Rules.Count);
        Assert.Equal("Sex must be provided and equal M, F, or U", y24.Find("4180")!.Message);
        Assert.Equal("Gender is missing", CensusRuleSets.Y2023_24.Find("4180")!.Message);
        Assert.Equal(y24.Rules.Select(r => r.Code), CensusRuleSets.Y2025_26.Rules.Select(r => r.Code));
    }

    [Fact]
    public void The_rule_counts_match_docs_census_md()
    {
        Assert.Equal(105, CensusRuleSets.Y2022_23.Rules.Count);
        Assert.Equal(105, CensusRuleSets.Y2023_24.Rules.Count);
        Assert.Equal(109, CensusRuleSets.Y2024_25.Rules.Count);
        Assert.Equal(109, CensusRuleSets.Y2025_26.Rules.Count);
        Assert.Equal(24, CensusRuleSets.Y2022_23.Rules.Count(r => r.Severity == CensusSeverity.Query));
        Assert.Equal(26, CensusRuleSets.Y2024_25.Rules.Count(r => r.Severity == CensusSeverity.Query));
    }

    [Fact]
    public void Rule_codes_are_unique_within_a_year()
    {
        foreach (var year in CensusYear.All)
        {
            Assert.Equal(year.Rules.Rules.Count, year.Rules.Rules.Select(r => r.Code).Distinct().Count());
        }
    }

    [Fact]
    public void A_rule_set_refuses_to_change_a_rule_it_does_not_inherit_or_to_add_one_twice()
    {
        Assert.Throws<InvalidOperationException>(() => new CensusRuleSet("x", CensusRuleSets.Y2022_23, [], [new Rule1570()], []));
        Assert.Throws<InvalidOperationException>(() => new CensusRuleSet("x", CensusRuleSets.Y2022_23, [new Rule8500()], [], []));
        Assert.Throws<InvalidOperationException>(() => new CensusRuleSet("x", CensusRuleSets.Y2022_23, [], [], ["9999"]));
        var removed = new CensusRuleSet("x", CensusRuleSets.Y2022_23, [], [], ["8869"]);
        Assert.Null(removed.Find("8869"));
    }

    [Fact]
    public void The_schema_switches_from_GenderCurrent_to_Sex_in_2024_25()
    {
        Assert.False(CensusYear.Y2022_23.UsesSex);
        Assert.False(CensusYear.Y2023_24.UsesSex);
        Assert.True(CensusYear.Y2024_25.UsesSex);
        Assert.True(CensusYear.Y2025_26.UsesSex);
        var ids = (CensusYear y) => y.ChildSchema.Children.Single(c => c.Name == "ChildIdentifiers").Children.Select(c => c.Name).ToList();
        Assert.Contains("GenderCurrent", ids(CensusYear.Y2023_24));
        Assert.DoesNotContain("Sex", ids(CensusYear.Y2023_24));
        Assert.Contains("Sex", ids(CensusYear.Y2024_25));
        Assert.DoesNotContain("GenderCurrent", ids(CensusYear.Y2024_25));
    }

    [Theory]
    [InlineData("2024-03-31", null, "2023-24")]
    [InlineData("2022-07-21", "2022", "2022-23")]
    [InlineData(null, "2026", "2025-26")]
    [InlineData("not a date", "2025", "2024-25")]
    [InlineData(null, "2019", null)]
    public void The_year_is_inferred_from_the_reference_date_then_the_header_year(string? referenceDate, string? year, string? expected)
    {
        var header = new CensusHeader { Year = year, ReferenceDate = CensusSchema.TryParseDate(referenceDate, out var d) ? d : null };
        Assert.Equal(expected, CensusYear.Infer(header)?.Name);
    }

    [Fact]
    public void Years_are_found_by_their_usual_spellings()
    {
        Assert.Same(CensusYear.Y2025_26, CensusYear.Find("2025-26"));
        Assert.Same(CensusYear.Y2025_26, CensusYear.Find("2025/26"));
        Assert.Same(CensusYear.Y2025_26, CensusYear.Find("2025-2026"));
        Assert.Null(CensusYear.Find("2026-27"));
        Assert.Equal(new DateOnly(2025, 4, 1), CensusYear.Y2025_26.CensusStart);
    }

    private static CensusValidationResult Sample()
    {
        var y = CensusYear.Y2024_25;
        var child = Child(y);
        child.Cin().PrimaryNeedCode = null;
        return CensusValidator.Validate(File(y, child));
    }

    [Fact]
    public void The_csv_report_has_one_row_per_issue_with_fields_and_values()
    {
        var result = Sample();
        using var writer = new StringWriter();
        CensusReportWriter.WriteCsv(writer, result);
        var lines = writer.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("LAchildID,Rule,Type,Fields,Message,Location", lines[0]);
        Assert.Equal(result.Issues.Count + 1, lines.Length);
        Assert.Contains("CHILD1,8610,error,ReferralNFA=false; PrimaryNeedCode=,Primary Need code is missing for a referral which led to further action.,Message/Children/Child[1]/CINdetails[1]", lines);
        Assert.Contains(lines, l => l.StartsWith(",2887Q,query,", StringComparison.Ordinal));
    }

    [Fact]
    public void The_json_report_carries_counts_and_issues()
    {
        var result = Sample();
        using var stream = new MemoryStream();
        CensusReportWriter.WriteJson(stream, result);
        using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(stream.ToArray()));
        var root = doc.RootElement;
        Assert.Equal("2024-25", root.GetProperty("year").GetString());
        Assert.Equal(1, root.GetProperty("errors").GetInt32());
        Assert.Equal(1, root.GetProperty("queries").GetInt32());
        var issue = root.GetProperty("issues").EnumerateArray().Single(i => i.GetProperty("rule").GetString() == "8610");
        Assert.Equal("CHILD1", issue.GetProperty("laChildId").GetString());
        Assert.Equal("error", issue.GetProperty("type").GetString());
        var fields = issue.GetProperty("fields").EnumerateArray().Select(f => (f.GetProperty("field").GetString(), f.GetProperty("value").GetString())).ToList();
        Assert.Equal([("ReferralNFA", "false"), ("PrimaryNeedCode", "")], fields);
    }
}
