using Hearth.Core.Returns.Census;
using Hearth.TestCommon;
using static Hearth.Core.Tests.Census.CensusTestData;

namespace Hearth.Core.Tests.Census;

/// <summary>
/// Agreement with Data to Insight's validator (docs/census.md, "Agreement with Data to Insight"). Each file in
/// tests/data/cin/differential/YEAR/ was written by tools/Hearth.CensusDifferential with a seeded fault of every
/// rule; beside it, FILE.d2i.csv holds what Data to Insight's validator found in it (child, rule). Hearth must find
/// exactly the same pairs, apart from the divergences listed in divergences.csv, each justified in the docs.
/// </summary>
public sealed class CensusDifferentialTests
{
    private static string Folder => Path.Combine(TestFiles.RepositoryRoot, "tests", "data", "cin", "differential");

    public static TheoryData<string, string> Files()
    {
        var data = new TheoryData<string, string>();
        foreach (var year in CensusYear.All)
        {
            foreach (var file in Directory.GetFiles(Path.Combine(Folder, year.Name), "*.xml").Order(StringComparer.Ordinal))
            {
                data.Add(year.Name, Path.GetFileName(file));
            }
        }
        return data;
    }

    [Fact]
    public void Every_supported_year_has_differential_files()
    {
        Assert.All(CensusYear.All, y => Assert.True(System.IO.File.Exists(Path.Combine(Folder, y.Name, "children.xml")), $"{y.Name}/children.xml"));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Hearth_finds_what_data_to_insight_finds_except_the_documented_divergences(string year, string name)
    {
        var path = Path.Combine(Folder, year, name);
        var result = CensusValidator.Validate(CensusReader.Read(path, year));
        var hearth = result.Issues.Where(i => i.Code != CensusIssue.SchemaCode).Select(i => (Child: i.LAchildID ?? "", Rule: i.Code)).ToHashSet();
        var d2i = Rows(path + ".d2i.csv").Select(r => (Child: r[0], Rule: r[1])).ToHashSet();
        var divergences = Rows(Path.Combine(Folder, "divergences.csv")).Where(r => r[0] == year && r[1] == name).ToList();
        var hearthOnly = divergences.Where(r => r[4] == "hearth").Select(r => (Child: r[2], Rule: r[3])).ToHashSet();
        var d2iOnly = divergences.Where(r => r[4] == "d2i").Select(r => (Child: r[2], Rule: r[3])).ToHashSet();

        // Every documented divergence is still a divergence (otherwise the table is stale) ...
        Assert.Empty(hearthOnly.Except(hearth.Except(d2i)).Select(p => $"stale Hearth-only divergence: {p.Rule} {p.Child}"));
        Assert.Empty(d2iOnly.Except(d2i.Except(hearth)).Select(p => $"stale D2I-only divergence: {p.Rule} {p.Child}"));
        // ... and nothing else differs.
        Assert.Empty(hearth.Except(d2i).Except(hearthOnly).Select(p => $"Hearth only: {p.Rule} {p.Child}"));
        Assert.Empty(d2i.Except(hearth).Except(d2iOnly).Select(p => $"D2I only: {p.Rule} {p.Child}"));
        // Every divergence names its reason, which docs/census.md explains.
        Assert.All(divergences, r => Assert.False(string.IsNullOrWhiteSpace(r[5])));
    }

    [Fact]
    public void The_files_break_every_rule_of_their_year_in_hearth()
    {
        foreach (var year in CensusYear.All)
        {
            var found = Directory.GetFiles(Path.Combine(Folder, year.Name), "*.xml")
                .SelectMany(f => CensusValidator.Validate(CensusReader.Read(f, year.Name)).Issues)
                .Select(i => i.Code)
                .ToHashSet();
            Assert.Empty(year.Rules.Rules.Select(r => r.Code).Where(c => !found.Contains(c)).Select(c => $"{year.Name}: {c}"));
        }
    }

    /// <summary>Plain comma-separated rows (these files hold codes and identifiers only, never a comma in a field).</summary>
    private static IEnumerable<string[]> Rows(string path) =>
        System.IO.File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','));

    // The fixes the differential run found, each stated on its own.

    [Fact]
    public void Rule_2990_covers_rc9_as_well_as_rc8()
    {
        var y = CensusYear.Y2025_26;
        foreach (var reason in new[] { "RC8", "RC9" })
        {
            var c = Child(y);
            c.Cin().CINclosureDate = c.Referral().AddDays(30);
            c.Cin().ReasonForClosure = reason;
            c.Plan().CINPlanEndDate = c.Referral().AddDays(30);
            Assert.Contains(Run(File(y, c), y.Rules.Find("2990")!), i => i.Code == "2990");
        }
    }

    [Fact]
    public void Rule_8873Q_queries_an_open_episode_whose_only_assessment_found_no_factors()
    {
        var y = CensusYear.Y2025_26;
        var c = Child(y);
        c.Assessment().AssessmentFactors = ["21"];
        Assert.Null(c.Cin().ReasonForClosure);
        Assert.Contains(Run(File(y, c), y.Rules.Find("8873Q")!), i => i.Code == "8873Q");
    }

    [Theory]
    [InlineData("2025-26", "2020-08-31", true)]
    [InlineData("2025-26", "2020-09-01", false)]
    [InlineData("2024-25", "2019-08-31", true)]
    [InlineData("2024-25", "2019-09-01", false)]
    public void Rule_8770Q_school_age_is_born_by_31_august_six_years_before_the_next_31_august(string year, string birth, bool queried)
    {
        var y = CensusYear.Find(year)!;
        var c = Child(y);
        (c.UPN, c.UPNunknown, c.PersonBirthDate) = (null, null, DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(queried, Run(File(y, c), y.Rules.Find("8770Q")!).Any(i => i.Code == "8770Q"));
    }

    [Fact]
    public void Factor_8a_is_no_longer_a_code_and_is_reported_by_8897Q()
    {
        var y = CensusYear.Y2025_26;
        var c = Child(y);
        c.Assessment().AssessmentFactors = ["8A"];
        Assert.Contains(Run(File(y, c), y.Rules.Find("8897Q")!), i => i.Code == "8897Q" && i.Severity == CensusSeverity.Query);
    }

    [Theory]
    [InlineData("8873")]
    [InlineData("8617")]
    [InlineData("8899Q")]
    [InlineData("8525")]
    [InlineData("8555")]
    [InlineData("8569")]
    [InlineData("8863")]
    [InlineData("8897")]
    [InlineData("4009")]
    public void Withdrawn_or_renamed_codes_are_in_no_year(string code)
    {
        Assert.All(CensusYear.All, y => Assert.Null(y.Rules.Find(code)));
    }

    [Theory]
    [InlineData("8525Q")]
    [InlineData("8555Q")]
    [InlineData("8569Q")]
    [InlineData("8863Q")]
    [InlineData("8897Q")]
    [InlineData("4009Q")]
    public void Rules_the_dfe_made_queries_are_queries_in_every_year(string code)
    {
        Assert.All(CensusYear.All, y => Assert.Equal(CensusSeverity.Query, y.Rules.Find(code)!.Severity));
    }
}
