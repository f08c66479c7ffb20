using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Hearth.Core.Returns.Census;

namespace Hearth.Bench;

/// <summary>
/// Reading and validating generated CIN census files of 1,000, 10,000 and 100,000 children (2024-25 rules).
/// Run: dotnet run -c Release --project bench/Hearth.Bench -- --filter '*CensusBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ShortInProcess))]
public class CensusBenchmarks
{
    /// <summary>
    /// In-process, because the package feed we build from cannot restore BenchmarkDotNet's generated project;
    /// a few monitored iterations, because each one is a whole file.
    /// </summary>
    private sealed class ShortInProcess : ManualConfig
    {
        public ShortInProcess() => AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(5)
            .WithToolchain(InProcessEmitToolchain.Instance));
    }

    private byte[] _file = [];

    [Params(1_000, 10_000, 100_000)]
    public int Children { get; set; }

    [GlobalSetup]
    public void Setup() => _file = CensusFileGenerator.Generate(Children);

    [Benchmark]
    public int ReadAndValidate()
    {
        using var stream = new MemoryStream(_file, writable: false);
        var result = CensusValidator.Validate(CensusReader.Read(stream));
        return result.Issues.Count;
    }
}

/// <summary>Writes a plausible 2024-25 census: most children clean, some with the usual mistakes.</summary>
public static class CensusFileGenerator
{
    public static byte[] Generate(int children, int seed = 7)
    {
        var random = new Random(seed);
        var reference = new DateOnly(2025, 3, 31);
        var sb = new StringBuilder(children * 1600);
        sb.Append("<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2025</Year><ReferenceDate>2025-03-31</ReferenceDate></CollectionDetails>")
          .Append("<Source><SourceLevel>L</SourceLevel><LEA>201</LEA><SoftwareCode>Hearth</SoftwareCode><Release>1</Release><SerialNo>1</SerialNo><DateTime>2025-04-02T10:00:00</DateTime></Source></Header><Children>");
        string[] ethnicities = ["WBRI", "WOTH", "MWBC", "AIND", "BAFR", "CHNE", "OOTH", "NOBT"];
        string[] disabilities = ["MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH", "CON", "AUT", "DDA"];
        string[] factors = ["1A", "2B", "3A", "3C", "4A", "6C", "16A", "17A", "21"];
        for (var i = 1; i <= children; i++)
        {
            var dob = reference.AddDays(-random.Next(200, 6000));
            var referral = reference.AddDays(-random.Next(10, 700));
            if (referral < dob)
            {
                referral = dob.AddDays(1);
            }
            var closed = random.Next(3) == 0 ? referral.AddDays(random.Next(5, 300)) : (DateOnly?)null;
            if (closed > reference)
            {
                closed = null;
            }
            var nfa = random.Next(10) == 0;
            sb.Append("<Child><ChildIdentifiers><LAchildID>C").Append(i).Append("</LAchildID>");
            if (random.Next(20) != 0)
            {
                sb.Append("<UPN>").Append(Upn(i)).Append("</UPN>");
            }
            else
            {
                sb.Append("<UPNunknown>UN2</UPNunknown>");
            }
            sb.Append("<PersonBirthDate>").Append(D(dob)).Append("</PersonBirthDate><Sex>").Append(random.Next(2) == 0 ? "M" : "F").Append("</Sex></ChildIdentifiers>");
            sb.Append("<ChildCharacteristics><Ethnicity>").Append(ethnicities[random.Next(ethnicities.Length)]).Append("</Ethnicity><Disabilities>");
            if (random.Next(4) == 0)
            {
                sb.Append("<Disability>").Append(disabilities[random.Next(disabilities.Length)]).Append("</Disability><Disability>").Append(disabilities[random.Next(disabilities.Length)]).Append("</Disability>");
            }
            else
            {
                sb.Append("<Disability>NONE</Disability>");
            }
            sb.Append("</Disabilities></ChildCharacteristics>");
            sb.Append("<CINdetails><CINreferralDate>").Append(D(referral)).Append("</CINreferralDate><ReferralSource>1A</ReferralSource><PrimaryNeedCode>N").Append(random.Next(10)).Append("</PrimaryNeedCode>");
            if (closed is { } c)
            {
                sb.Append("<CINclosureDate>").Append(D(c)).Append("</CINclosureDate><ReasonForClosure>RC").Append(random.Next(1, 8)).Append("</ReasonForClosure>");
            }
            if (!nfa)
            {
                var start = referral.AddDays(random.Next(0, 5));
                var authorised = start.AddDays(random.Next(10, 60));
                sb.Append("<Assessments><AssessmentActualStartDate>").Append(D(start)).Append("</AssessmentActualStartDate>");
                if (authorised <= reference)
                {
                    sb.Append("<AssessmentAuthorisationDate>").Append(D(authorised)).Append("</AssessmentAuthorisationDate><FactorsIdentifiedAtAssessment><AssessmentFactors>")
                      .Append(factors[random.Next(factors.Length)]).Append("</AssessmentFactors></FactorsIdentifiedAtAssessment>");
                }
                sb.Append("</Assessments>");
                if (random.Next(3) == 0)
                {
                    sb.Append("<CINPlanDates><CINPlanStartDate>").Append(D(authorised)).Append("</CINPlanStartDate></CINPlanDates>");
                }
                if (random.Next(5) == 0)
                {
                    var s47 = referral.AddDays(random.Next(0, 3));
                    var icpc = s47.AddDays(random.Next(5, 20));
                    sb.Append("<Section47><S47ActualStartDate>").Append(D(s47)).Append("</S47ActualStartDate><DateOfInitialCPC>").Append(D(icpc))
                      .Append("</DateOfInitialCPC><ICPCnotRequired>false</ICPCnotRequired></Section47>");
                    sb.Append("<ReferralNFA>false</ReferralNFA><ChildProtectionPlans><CPPstartDate>").Append(D(icpc)).Append("</CPPstartDate><InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>")
                      .Append("<LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse><NumberOfPreviousCPP>0</NumberOfPreviousCPP><Reviews><CPPreviewDate>").Append(D(icpc.AddDays(90)))
                      .Append("</CPPreviewDate></Reviews></ChildProtectionPlans></CINdetails></Child>");
                    continue;
                }
            }
            sb.Append("<ReferralNFA>").Append(nfa ? "true" : "false").Append("</ReferralNFA></CINdetails></Child>");
        }
        sb.Append("</Children></Message>");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Upn(int serial)
    {
        var digits = string.Create(CultureInfo.InvariantCulture, $"201{serial / 1000 % 10000:0000}15{serial % 1000:000}");
        const string letters = "ABCDEFGHJKLMNPQRTUVWXYZ";
        var sum = 0;
        for (var k = 2; k <= 13; k++)
        {
            sum += (digits[k - 2] - '0') * k;
        }
        return letters[sum % 23] + digits;
    }
}
