using Hearth.Core.Returns.Census;
using Hearth.Core.Returns.Census.Rules;

namespace Hearth.Core.Tests.Census;

/// <summary>Builds census records that pass every rule, for tests to break one field at a time.</summary>
internal static class CensusTestData
{
    /// <summary>A child with one open episode (referral 30 days into the census year, an authorised assessment, an open CIN plan).</summary>
    public static CensusChild Child(CensusYear year, int number = 1)
    {
        var referral = year.CensusStart.AddDays(30);
        return new CensusChild
        {
            Number = number,
            LAchildID = $"CHILD{number}",
            UPN = Upn("201", number),
            PersonBirthDate = year.ReferenceDate.AddYears(-8),
            GenderCurrent = year.UsesSex ? null : "1",
            Sex = year.UsesSex ? "M" : null,
            Ethnicity = "WBRI",
            Disabilities = ["NONE"],
            CINdetails =
            [
                new CinDetails
                {
                    CINreferralDate = referral,
                    ReferralSource = "1A",
                    PrimaryNeedCode = "N1",
                    ReferralNFAText = "false",
                    Assessments =
                    [
                        new Assessment
                        {
                            AssessmentActualStartDate = referral.AddDays(2),
                            AssessmentAuthorisationDate = referral.AddDays(20),
                            AssessmentFactors = ["1A"],
                        },
                    ],
                    CINPlanDates = [new CinPlan { CINPlanStartDate = referral.AddDays(25) }],
                },
            ],
        };
    }

    /// <summary>A well-formed UPN with the right check letter for the given LA code.</summary>
    public static string Upn(string la, int serial)
    {
        var digits = $"{la}4000{15}{serial % 1000:000}";
        return Rule1510.ExpectedCheckLetter("A" + digits) + digits;
    }

    public static CensusFile File(CensusYear year, params CensusChild[] children)
    {
        for (var i = 0; i < children.Length; i++)
        {
            children[i].Number = i + 1;
        }
        return new CensusFile
        {
            Year = year,
            Header = new CensusHeader
            {
                Collection = "CIN",
                Year = year.EndYear.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ReferenceDate = year.ReferenceDate,
                ReferenceDateText = year.ReferenceDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                SourceLevel = "L",
                LEA = "201",
            },
            Children = [.. children],
        };
    }

    public static CinDetails Cin(this CensusChild child) => child.CINdetails[0];
    public static Assessment Assessment(this CensusChild child) => child.CINdetails[0].Assessments[0];
    public static CinPlan Plan(this CensusChild child) => child.CINdetails[0].CINPlanDates[0];
    public static DateOnly Referral(this CensusChild child) => child.CINdetails[0].CINreferralDate!.Value;

    public static Section47 AddS47(this CinDetails cin, DateOnly? start, DateOnly? icpc, string icpcNotRequired = "false")
    {
        var s47 = new Section47 { S47ActualStartDate = start, DateOfInitialCPC = icpc, ICPCnotRequiredText = icpcNotRequired };
        cin.Section47.Add(s47);
        return s47;
    }

    public static ChildProtectionPlan AddCpp(this CinDetails cin, DateOnly? start, DateOnly? end = null, params DateOnly?[] reviews)
    {
        var cpp = new ChildProtectionPlan
        {
            CPPstartDate = start,
            CPPendDate = end,
            InitialCategoryOfAbuse = "NEG",
            LatestCategoryOfAbuse = "NEG",
            NumberOfPreviousCPPText = "0",
            CPPreviewDates = [.. reviews],
        };
        cin.ChildProtectionPlans.Add(cpp);
        return cpp;
    }

    /// <summary>Runs the named rules of a year on a file.</summary>
    public static IReadOnlyList<CensusIssue> Run(CensusFile file, params CensusRule[] rules) => CensusValidator.Validate(file, rules).Issues;
}
