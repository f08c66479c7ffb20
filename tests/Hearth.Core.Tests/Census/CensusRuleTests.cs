using Hearth.Core.Returns.Census;
using Hearth.Core.Returns.Census.Rules;
using static Hearth.Core.Tests.Census.CensusTestData;

namespace Hearth.Core.Tests.Census;

public sealed class CensusRuleTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in CensusRuleCases.All)
        {
            data.Add(c.Year, c.Code);
        }
        return data;
    }

    private static (RuleCase Case, CensusYear Year, CensusRule Rule) Find(string year, string code)
    {
        var c = CensusRuleCases.All.Single(x => x.Year == year && x.Code == code);
        var y = CensusYear.Find(year)!;
        var rule = y.Rules.Find(code);
        Assert.NotNull(rule);
        return (c, y, rule);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Passing_record_raises_nothing_for_the_rule(string year, string code)
    {
        var (c, y, rule) = Find(year, code);
        var issues = Run(c.Passing(y), rule);
        Assert.DoesNotContain(issues, i => i.Code == code);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Failing_record_raises_the_rule_with_its_severity_and_fields(string year, string code)
    {
        var (c, y, rule) = Find(year, code);
        var issues = Run(c.Failing(y), rule).Where(i => i.Code == code).ToList();
        Assert.NotEmpty(issues);
        Assert.All(issues, i =>
        {
            Assert.Equal(rule.Severity, i.Severity);
            Assert.Equal(rule.Message, i.Message);
            Assert.NotEmpty(i.Fields);
        });
        Assert.Equal(code.EndsWith('Q') ? CensusSeverity.Query : CensusSeverity.Error, rule.Severity);
    }

    [Fact]
    public void Every_rule_of_every_year_has_a_passing_and_a_failing_case()
    {
        var missing = new List<string>();
        foreach (var year in CensusYear.All)
        {
            foreach (var rule in year.Rules.Rules)
            {
                // A case written for an earlier or later year counts when that year uses the very same rule object.
                var covered = CensusRuleCases.All.Any(c => c.Code == rule.Code && ReferenceEquals(CensusYear.Find(c.Year)!.Rules.Find(rule.Code), rule));
                if (!covered)
                {
                    missing.Add($"{rule.Code} ({year.Name})");
                }
            }
        }
        Assert.Empty(missing);
    }

    [Fact]
    public void The_clean_test_child_passes_every_error_rule_of_every_year()
    {
        foreach (var year in CensusYear.All)
        {
            var result = CensusValidator.Validate(File(year, Child(year, 1), Child(year, 2)));
            Assert.DoesNotContain(result.Issues, i => i.Severity == CensusSeverity.Error);
            // Small files always use fewer than 8 disability codes: the only query expected.
            Assert.Equal(["2887Q"], result.Issues.Select(i => i.Code).Distinct());
        }
    }

    [Fact]
    public void Issue_rows_carry_the_child_the_fields_and_values_and_the_location()
    {
        var y = CensusYear.Y2023_24;
        var child = Child(y);
        child.Assessment().AssessmentActualStartDate = child.Referral().AddDays(-1);
        var issue = Assert.Single(Run(File(y, child), y.Rules.Find("1103")!));
        Assert.Equal("CHILD1", issue.LAchildID);
        Assert.Equal("error", issue.SeverityText);
        Assert.Equal(
            [new CensusFieldValue("AssessmentActualStartDate", "2023-04-30"), new CensusFieldValue("CINreferralDate", "2023-05-01")],
            issue.Fields);
        Assert.Equal("Message/Children/Child[1]/CINdetails[1]/Assessments[1]", issue.Path);
    }

    [Fact]
    public void Upn_check_letter_follows_the_published_vectors()
    {
        foreach (var valid in new[] { "J201000000000", "P201123456789", "B801200005001", "M80120000500A", "P207000016049" })
        {
            Assert.Equal(valid[0], Rule1510.ExpectedCheckLetter(valid));
        }
        foreach (var invalid in new[] { "A801200005001", "A201000000000" })
        {
            Assert.NotEqual(invalid[0], Rule1510.ExpectedCheckLetter(invalid));
        }
    }

    [Fact]
    public void Overlapping_episodes_may_touch_but_not_overlap()
    {
        var y = CensusYear.Y2022_23;
        var rule = y.Rules.Find("8820")!;
        var child = Child(y);
        child.CINdetails.Add(new CinDetails { CINreferralDate = child.Referral().AddDays(-20), CINclosureDate = child.Referral(), ReasonForClosure = "RC1", ReferralNFAText = "false" });
        Assert.Empty(Run(File(y, child), rule));
        child.CINdetails[1].CINclosureDate = child.Referral().AddDays(2);
        var issue = Assert.Single(Run(File(y, child), rule));
        Assert.Equal("Message/Children/Child[1]/CINdetails[1]", issue.Path);
    }

    [Fact]
    public void La_level_rules_report_without_a_child()
    {
        var y = CensusYear.Y2022_23;
        var issue = Assert.Single(Run(File(y, Child(y)), y.Rules.Find("2887Q")!));
        Assert.Null(issue.LAchildID);
        Assert.Equal(CensusSeverity.Query, issue.Severity);
    }
}
