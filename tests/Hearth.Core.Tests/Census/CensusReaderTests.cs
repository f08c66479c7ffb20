using System.Text;
using Hearth.Core.Returns.Census;

namespace Hearth.Core.Tests.Census;

public sealed class CensusReaderTests
{
    internal const string Header2024 = """
        <Header><CollectionDetails><Collection>CIN</Collection><Year>2025</Year><ReferenceDate>2025-03-31</ReferenceDate></CollectionDetails>
        <Source><SourceLevel>L</SourceLevel><LEA>201</LEA><SoftwareCode>Hearth</SoftwareCode><Release>1</Release><SerialNo>1</SerialNo><DateTime>2025-04-02T10:00:00</DateTime></Source></Header>
        """;

    internal const string GoodChild = """
        <Child><ChildIdentifiers><LAchildID>A1</LAchildID><UPN>J201000000000</UPN><PersonBirthDate>2015-01-01</PersonBirthDate><Sex>F</Sex></ChildIdentifiers>
        <ChildCharacteristics><Ethnicity>WBRI</Ethnicity><Disabilities><Disability>NONE</Disability></Disabilities></ChildCharacteristics>
        <CINdetails><CINreferralDate>2024-05-01</CINreferralDate><ReferralSource>1A</ReferralSource><PrimaryNeedCode>N1</PrimaryNeedCode>
        <Assessments><AssessmentActualStartDate>2024-05-02</AssessmentActualStartDate><AssessmentAuthorisationDate>2024-05-20</AssessmentAuthorisationDate>
        <FactorsIdentifiedAtAssessment><AssessmentFactors>1A</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments>
        <CINPlanDates><CINPlanStartDate>2024-05-25</CINPlanStartDate></CINPlanDates><ReferralNFA>false</ReferralNFA></CINdetails></Child>
        """;

    private static CensusFile Read(string xml, string? year = null, CensusReaderOptions? options = null) =>
        CensusReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)), year, options);

    [Fact]
    public void A_well_formed_file_is_read_into_the_model_with_no_schema_issues()
    {
        var file = Read($"<Message>{Header2024}<Children>{GoodChild}</Children></Message>");
        Assert.Equal(CensusYear.Y2024_25, file.Year);
        Assert.Empty(file.StructuralIssues);
        var child = Assert.Single(file.Children);
        Assert.Equal("A1", child.LAchildID);
        Assert.Equal("F", child.Sex);
        Assert.Equal(new DateOnly(2024, 5, 1), child.CINdetails[0].CINreferralDate);
        Assert.False(child.CINdetails[0].ReferralNFA);
        Assert.Equal(["1A"], child.CINdetails[0].Assessments[0].AssessmentFactors);
        Assert.DoesNotContain(CensusValidator.Validate(file).Issues, i => i.Severity == CensusSeverity.Error);
    }

    [Fact]
    public void The_year_comes_from_the_reference_date_or_the_option()
    {
        Assert.Equal(CensusYear.Y2024_25, Read($"<Message>{Header2024}<Children/></Message>").Year);
        Assert.Equal(CensusYear.Y2025_26, Read($"<Message>{Header2024}<Children/></Message>", "2025-26").Year);
        var ex = Assert.Throws<CensusReadException>(() => Read($"<Message>{Header2024}<Children/></Message>", "2019-20"));
        Assert.Contains("unknown collection year", ex.Message);
    }

    [Fact]
    public void GenderCurrent_is_not_in_the_schema_from_2024_25_and_Sex_is_not_before()
    {
        var withGender = GoodChild.Replace("<Sex>F</Sex>", "<GenderCurrent>2</GenderCurrent>");
        var file = Read($"<Message>{Header2024}<Children>{withGender}</Children></Message>");
        Assert.Contains(file.StructuralIssues, i => i.Path == "Message/Children/Child[1]/ChildIdentifiers/GenderCurrent" && i.LAchildID == "A1");
        var older = Read($"<Message>{Header2024}<Children>{GoodChild}</Children></Message>", "2023-24");
        Assert.Contains(older.StructuralIssues, i => i.Path == "Message/Children/Child[1]/ChildIdentifiers/Sex");
    }

    [Fact]
    public void Schema_problems_are_reported_with_their_element_path()
    {
        var broken = GoodChild
            .Replace("<PersonBirthDate>2015-01-01</PersonBirthDate>", "<PersonBirthDate>01/01/2015</PersonBirthDate>")
            .Replace("<AssessmentFactors>1A</AssessmentFactors>", "<AssessmentFactors>ZZ</AssessmentFactors>")
            .Replace("<Ethnicity>WBRI</Ethnicity>", "<Colour>blue</Colour><Ethnicity>WBRI</Ethnicity>")
            .Replace("<LAchildID>A1</LAchildID><UPN>J201000000000</UPN>", "<UPN>J201000000000</UPN><LAchildID>A1</LAchildID>");
        var file = Read($"<Message>{Header2024}<Children>{broken}</Children></Message>");
        var paths = file.StructuralIssues.Select(i => i.Path).ToList();
        Assert.Contains("Message/Children/Child[1]/ChildIdentifiers/PersonBirthDate", paths);
        Assert.Contains("Message/Children/Child[1]/CINdetails[1]/Assessments[1]/FactorsIdentifiedAtAssessment/AssessmentFactors[1]", paths);
        Assert.Contains("Message/Children/Child[1]/ChildCharacteristics/Colour", paths);
        Assert.Contains(file.StructuralIssues, i => i.Path == "Message/Children/Child[1]/ChildIdentifiers/LAchildID" && i.Message.Contains("out of order"));
        Assert.Null(file.Children[0].PersonBirthDate);
        var schemaRows = CensusValidator.Validate(file).Issues.Where(i => i.Code == CensusIssue.SchemaCode).ToList();
        Assert.Equal(file.StructuralIssues.Count, schemaRows.Count);
        Assert.All(schemaRows, r => Assert.Equal(CensusSeverity.Error, r.Severity));
    }

    [Fact]
    public void Missing_required_header_elements_are_schema_errors()
    {
        var header = Header2024.Replace("<SerialNo>1</SerialNo>", "");
        var file = Read($"<Message>{header}<Children/></Message>");
        Assert.Contains(file.StructuralIssues, i => i.Path == "Message/Header/Source/SerialNo" && i.Message.Contains("missing"));
    }

    [Fact]
    public void An_external_entity_is_refused_before_anything_is_resolved()
    {
        var secret = Path.GetTempFileName();
        File.WriteAllText(secret, "SECRET");
        try
        {
            var xml = $"""<?xml version="1.0"?><!DOCTYPE Message [<!ENTITY xxe SYSTEM "file://{secret}">]><Message>{Header2024}<Children><Child><ChildIdentifiers><LAchildID>&xxe;</LAchildID></ChildIdentifiers></Child></Children></Message>""";
            var ex = Assert.Throws<CensusReadException>(() => Read(xml));
            Assert.Contains("DTD", ex.Message);
            Assert.DoesNotContain("SECRET", ex.Message);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void Billion_laughs_is_refused()
    {
        var xml = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
            <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
            <Message>&lol4;</Message>
            """;
        var ex = Assert.Throws<CensusReadException>(() => Read(xml));
        Assert.Contains("DTD", ex.Message);
    }

    [Theory]
    [InlineData("this is not xml at all", "not well-formed XML")]
    [InlineData("<Message><Header>", "not well-formed XML")]
    [InlineData("<html><body>hello</body></html>", "root element is <html>")]
    [InlineData("<Message><Header><CollectionDetails><Collection>SWF</Collection></CollectionDetails></Header></Message>", "Collection is 'SWF'")]
    [InlineData("<Message><Children/></Message>", "before any <Header>")]
    public void Files_that_are_not_census_files_are_refused_with_a_reason(string xml, string reason)
    {
        var ex = Assert.Throws<CensusReadException>(() => Read(xml));
        Assert.Contains(reason, ex.Message);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_without_being_parsed()
    {
        var xml = $"<Message>{Header2024}<Children>{string.Concat(Enumerable.Repeat(GoodChild, 50))}</Children></Message>";
        var options = new CensusReaderOptions { MaxBytes = 10_000 };
        var ex = Assert.Throws<CensusReadException>(() => Read(xml, options: options));
        Assert.Contains("too large", ex.Message);
        // A stream that cannot report its length is still cut off by the character limit.
        var unseekable = new NonSeekableStream(Encoding.UTF8.GetBytes(xml));
        var ex2 = Assert.Throws<CensusReadException>(() => CensusReader.Read(unseekable, null, options));
        Assert.Contains("size limit", ex2.Message);
    }

    [Fact]
    public void A_file_with_too_many_children_is_refused()
    {
        var xml = $"<Message>{Header2024}<Children>{GoodChild}{GoodChild}{GoodChild}</Children></Message>";
        var ex = Assert.Throws<CensusReadException>(() => Read(xml, options: new CensusReaderOptions { MaxChildren = 2 }));
        Assert.Contains("more than 2 children", ex.Message);
    }

    [Fact]
    public void An_unknown_year_in_the_header_needs_the_year_option()
    {
        var header = Header2024.Replace("2025-03-31", "2019-03-31").Replace("<Year>2025</Year>", "<Year>2019</Year>");
        var ex = Assert.Throws<CensusReadException>(() => Read($"<Message>{header}<Children/></Message>"));
        Assert.True(ex.NeedsYear);
        Assert.Contains("name the collection year", ex.Message);
        Assert.DoesNotContain("--", ex.Message);
    }

    [Fact]
    public void Empty_groups_are_reported_by_the_rules_not_crashed_on()
    {
        const string hollow = "<Child><ChildIdentifiers/><ChildCharacteristics/><CINdetails/>" +
            "<CINdetails><Assessments/><CINPlanDates/><Section47/><ChildProtectionPlans><Reviews/></ChildProtectionPlans></CINdetails></Child>";
        foreach (var year in CensusYear.All)
        {
            var result = CensusValidator.Validate(Read($"<Message>{Header2024}<Children>{hollow}</Children></Message>", year.Name));
            var codes = result.Issues.Select(i => i.Code).ToHashSet();
            foreach (var expected in new[] { "8500", "8525Q", "4180", "4220", "8568", "8600", "4010", "8720", "8730", "8842Q", "8905", "8910" })
            {
                Assert.Contains(expected, codes);
            }
        }
    }

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
    }
}
