using Hearth.Core.Returns.Census;
using Hearth.TestCommon;
using static Hearth.Core.Tests.Census.CensusTestData;

namespace Hearth.Core.Tests.Census;

/// <summary>
/// The Data to Insight sample files in tests/data/cin, with the issues the DfE rules imply, worked out by
/// reading each file (see docs/census.md, "Sample files"). Each assertion names the child and the rule.
/// </summary>
public sealed class CensusSampleFileTests
{
    private static CensusValidationResult Validate(string name, string? year = null) =>
        CensusValidator.Validate(CensusReader.Read(TestFiles.CensusSample(name), year));

    private static string[] Codes(CensusValidationResult result, string? child) =>
        result.Issues.Where(i => i.LAchildID == child).Select(i => i.Code).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The single child shared by the 2021-style files: dates from 1965-1980 against a 2022-23 census.</summary>
    private static readonly string[] OldDatesChild2022 =
    [
        "1103",  // assessment 1970-06-03 before referral 1970-10-06
        "1104",  // S47 conference 1970-06-17 before referral
        "1105",  // CPP 1970-02-17 before referral
        "1510",  // UPN A123456789123: check letter should be P
        "1530",  // UPN characters 2-4 '123' are no LA code
        "2889",  // S47 start 1970-06-02 before referral
        "4013",  // CIN plan ended 1971, outside 2022-23
        "4016",  // CIN plan starts 1971-01-24 inside the CPP 1970-02-17 to 1971-03-14
        "8525Q",  // both date of birth and expected date of birth
        "8530Q", // expected date of birth 1066-04-13
        "8545Q", // death 1980 outside the census year
        "8565",  // closed 1971-02-27 before the assessment was authorised and the CPP ended
        "8620",  // closure outside the census year
        "8696",  // assessment authorised outside the census year
        "8715",  // S47 conference outside the census year
        "8930",  // CPP ended 1971-03-14, outside the census year
        "schema", // the stray text 'PersonBirthDate' inside ChildIdentifiers
    ];

    [Fact]
    public void CIN_Census_2021_gives_the_old_date_errors_for_2022_23()
    {
        var result = Validate("CIN_Census_2021.xml");
        Assert.Equal("2022-23", result.Year.Name);
        Assert.Equal(OldDatesChild2022, Codes(result, "DfEX0000001"));
        Assert.Equal(["2887Q"], Codes(result, null));
        Assert.True(result.HasErrors);
    }

    [Fact]
    public void CIN_header_issues_100_adds_rule_100_for_its_reference_date()
    {
        var result = Validate("CIN_header_issues_100.xml");
        Assert.Equal(OldDatesChild2022, Codes(result, "DfEX0000001"));
        Assert.Equal(["100", "2887Q"], Codes(result, null));
        var issue = result.Issues.Single(i => i.Code == "100");
        Assert.Equal(new CensusFieldValue("ReferenceDate", "2023-03-28"), issue.Fields[0]);
    }

    [Fact]
    public void CIN_la_issues_2887Q_raises_the_disability_code_query_at_la_level()
    {
        var result = Validate("CIN_la_issues_2887Q.xml");
        var query = result.Issues.Single(i => i.Code == "2887Q");
        Assert.Null(query.LAchildID);
        Assert.Equal(CensusSeverity.Query, query.Severity);
        Assert.Equal(new CensusFieldValue("Disability codes used", "2"), query.Fields[0]);
    }

    /// <summary>The 2023-24 copies: the same child with 2022-23 dates, now outside the census year.</summary>
    private static readonly string[] Child2023 =
    [
        "1104", "1105", "1510", "1530", "2889",
        "4013",  // plan ended 2023-01-26, before 2023-04-01
        "4016",  // plan starts inside the CPP 2022-02-17 to 2023-03-14
        "8565",  // closed 2023-02-27, the CPP ended 2023-03-14
        "8620",
        "8670Q", // open assessment from 2023-01-24, long before 2024-03-31 minus 45 working days (2024-01-29)
        "8715",
        "8736",  // open assessment starting before the census year
        "8867",  // the episode is closed but its assessment was never authorised
        "8930",  // CPP ended 2023-03-14, before 2023-04-01
        "schema",
    ];

    [Theory]
    [InlineData("CIN_Census_2021_copy.xml")]
    [InlineData("CIN_Census_2021_no_assessment_factors.xml")]
    public void The_2023_24_copies_give_the_out_of_period_errors(string name)
    {
        var result = Validate(name);
        Assert.Equal("2023-24", result.Year.Name);
        Assert.Equal(Child2023, Codes(result, "DfEX0000001"));
        Assert.Equal(["2887Q"], Codes(result, null));
    }

    [Fact]
    public void CIN2rows_reports_each_duplicated_plan_separately()
    {
        var result = Validate("CIN2rows.xml");
        var codes = Codes(result, "DfEX0000001");
        // The two identical plans each overlap the other (8940).
        Assert.Equal(Child2023.Concat(["1105", "4016", "8930", "8940", "8940"]).Order(StringComparer.Ordinal).ToArray(), codes);
        Assert.Equal(
            ["Message/Children/Child[1]/CINdetails[1]/ChildProtectionPlans[1]", "Message/Children/Child[1]/CINdetails[1]/ChildProtectionPlans[2]"],
            result.Issues.Where(i => i.Code == "1105").Select(i => i.Path));
    }

    [Fact]
    public void CIN_Census_2024_read_as_its_header_says_2023_24_finds_Sex_outside_the_schema()
    {
        var result = Validate("CIN_Census_2024.xml");
        Assert.Equal("2023-24", result.Year.Name);
        var schema = result.Issues.Where(i => i.Code == "schema").Select(i => (i.LAchildID, i.Path)).ToList();
        Assert.Contains(("DfEX0000001", "Message/Children/Child[1]/ChildIdentifiers/Sex"), schema);
        Assert.Contains(("child_fails_assessments", "Message/Children/Child[2]/ChildIdentifiers/Sex"), schema);
        Assert.Contains(("DfEX0000001", "Message/Children/Child[1]/CINdetails[1]/Assessments[1]/FactorsIdentifiedAtAssessment/AssessmentFactors[2]"), schema);
        Assert.Contains(result.Issues, i => i.LAchildID == "DfEX0000001" && i.Code == "4180");
        Assert.Contains(result.Issues, i => i.LAchildID == "DfEX0000001" && i.Code == "8608"); // starts 2028-04-28, authorised 2020-09-19
        // Its assessment was authorised 2024-01-27, inside 2023-24, with an empty FactorsIdentifiedAtAssessment (8897).
        Assert.Equal(["1103", "4180", "8600", "8620", "8897Q", "schema"], Codes(result, "child_fails_assessments"));
        Assert.Equal(["2886Q", "2887Q"], Codes(result, null));
    }

    [Fact]
    public void CIN_Census_2024_as_2024_25_checks_Sex_and_the_second_childs_assessment()
    {
        var result = Validate("CIN_Census_2024.xml", "2024-25");
        Assert.DoesNotContain(result.Issues, i => i.Path?.EndsWith("/Sex", StringComparison.Ordinal) == true);
        var sex = result.Issues.Single(i => i.Code == "4180");
        Assert.Equal("DfEX0000001", sex.LAchildID);
        Assert.Equal(new CensusFieldValue("Sex", "1"), sex.Fields[0]);
        // 'child_fails_assessments' is 23 characters and has underscores: 1570 and 1580 are new in 2024-25.
        Assert.Equal(["1103", "1570", "1580", "8696"], Codes(result, "child_fails_assessments"));
        // The header still says 2024-03-31, which is not 2024-25's reference date.
        Assert.Equal(["100", "2887Q"], Codes(result, null));
    }

    [Fact]
    public void CIN_Census_2026_has_a_pre_proceedings_group_that_no_known_year_defines()
    {
        var result = Validate("CIN_Census_2026.xml", "2025-26");
        Assert.Contains(result.Issues, i => i.Code == "schema" && i.Path == "Message/Children/Child[1]/CINdetails[1]/PreProceedingsandFGDM");
        // Against 2025-26 its 2024-10-29 closure is also outside the census year (8620).
        Assert.Equal(["1103", "1570", "1580", "8620", "8696"], Codes(result, "child_fails_assessments"));
    }

    [Fact]
    public void Fake_CIN_data_is_read_as_2022_23_and_gives_the_rule_breaches_of_its_children()
    {
        var result = Validate("fake_CIN_data.xml");
        Assert.Equal("2022-23", result.Year.Name);
        Assert.Equal(332, result.ChildCount);
        Assert.DoesNotContain(result.Issues, i => i.Code == "schema");
        // Header ReferenceDate 2022-07-21 is not 31 March 2023.
        Assert.Contains(result.Issues, i => i.Code == "100" && i.LAchildID is null);
        // First child: UPN check letter should be G; closed 2021-06-11 with RC2 (died) but no date of death; an NFA
        // referral with a conference, referred long before the census year yet flagged NFA.
        Assert.Equal(["1510", "8569Q", "8585Q", "8620", "8831"], Codes(result, "RND000215205141"));
        // 35 episodes in the file close with RC2 and not one child has a date of death.
        Assert.Equal(35, result.Issues.Count(i => i.Code == "8585Q"));
        // Second child: UPN LA code 141 is not an LA; two NFA episodes each with a conference.
        Assert.Equal(["1510", "1530", "8569Q", "8569Q", "8620", "8831", "8831"], Codes(result, "RND000824303014"));
    }

    [Fact]
    public void Every_sample_file_is_read_without_being_refused()
    {
        var dir = Path.GetDirectoryName(TestFiles.CensusSample("CIN2rows.xml"))!;
        foreach (var path in Directory.GetFiles(dir, "*.xml"))
        {
            var result = CensusValidator.Validate(CensusReader.Read(path));
            Assert.True(result.ChildCount > 0, path);
        }
    }
}
