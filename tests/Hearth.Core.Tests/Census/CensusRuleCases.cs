using Hearth.Core.Returns.Census;
using static Hearth.Core.Tests.Census.CensusTestData;

namespace Hearth.Core.Tests.Census;

/// <summary>A passing and a failing file for one rule in one year, built from the rule's published definition.</summary>
public sealed record RuleCase(string Year, string Code, Func<CensusYear, CensusFile> Passing, Func<CensusYear, CensusFile> Failing)
{
    public override string ToString() => $"{Code} ({Year})";
}

internal static class CensusRuleCases
{
    private const string Y22 = "2022-23";
    private const string Y23 = "2023-24";
    private const string Y24 = "2024-25";

    /// <summary>A one-child case: the baseline child, changed by <paramref name="pass"/> or <paramref name="fail"/>.</summary>
    private static RuleCase One(string year, string code, Action<CensusChild, CensusYear> pass, Action<CensusChild, CensusYear> fail) =>
        new(year, code, y => Build(y, pass), y => Build(y, fail));

    private static CensusFile Build(CensusYear y, Action<CensusChild, CensusYear> change)
    {
        var child = Child(y);
        change(child, y);
        return File(y, child);
    }

    private static void Nothing(CensusChild c, CensusYear y)
    {
    }

    public static IReadOnlyList<RuleCase> All { get; } =
    [
        // Header and whole file
        new(Y22, "100", y => File(y, Child(y)), y =>
        {
            var f = File(y, Child(y));
            f.Header.ReferenceDate = y.ReferenceDate.AddDays(-3);
            f.Header.ReferenceDateText = "2023-03-28";
            return f;
        }),
        new(Y22, "8510", y => File(y, Child(y, 1), Child(y, 2)), y =>
        {
            var second = Child(y, 2);
            second.LAchildID = "CHILD1";
            return File(y, Child(y, 1), second);
        }),
        new(Y22, "1520", y => File(y, Child(y, 1), Child(y, 2)), y =>
        {
            var second = Child(y, 2);
            second.UPN = Upn("201", 1);
            return File(y, Child(y, 1), second);
        }),
        new(Y22, "2883", y =>
        {
            var c = Child(y);
            var day = c.Referral().AddDays(10);
            c.Cin().AddS47(c.Referral().AddDays(3), day);
            c.Cin().AddCpp(day);
            return File(y, c);
        }, y =>
        {
            var c = Child(y);
            c.Cin().AddCpp(c.Referral().AddDays(10));
            return File(y, c);
        }),
        One(Y22, "2886Q", Nothing, (c, y) => c.GenderCurrent = "0"),
        One(Y24, "2886Q", Nothing, (c, y) => c.Sex = "U"),
        new(Y22, "2887Q", y => File(y, new[] { "MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS" }.Select((code, i) =>
        {
            var c = Child(y, i + 1);
            c.Disabilities = [code];
            return c;
        }).ToArray()), y => File(y, Child(y))),
        One(Y22, "2888Q", (c, y) => c.Disabilities = ["MOB", "HAND"], (c, y) => c.Disabilities = ["MOB"]),

        // Child identifiers
        One(Y22, "8500", Nothing, (c, y) => c.LAchildID = null),
        One(Y22, "1510", Nothing, (c, y) => c.UPN = (c.UPN![0] == 'A' ? "B" : "A") + c.UPN[1..]),
        One(Y22, "1530", Nothing, (c, y) => c.UPN = Upn("942", 1)),
        One(Y23, "1530", (c, y) => c.UPN = Upn("942", 1), (c, y) => c.UPN = Upn("999", 1)),
        One(Y22, "1540", Nothing, (c, y) => c.UPN = "A2014000X5001"),
        One(Y22, "1550", Nothing, (c, y) => c.UPN = "A20140001500I"),
        One(Y22, "1560Q", (c, y) => c.FormerUPN = "A20140001500B", (c, y) => c.FormerUPN = "X98721238"),
        One(Y22, "8520", Nothing, (c, y) => c.PersonBirthDate = y.ReferenceDate.AddDays(1)),
        One(Y22, "8525Q", Nothing, (c, y) => c.ExpectedPersonBirthDate = y.ReferenceDate.AddMonths(1)),
        One(Y22, "8530Q", (c, y) => (c.PersonBirthDate, c.ExpectedPersonBirthDate) = (null, y.ReferenceDate.AddMonths(2)),
            (c, y) => (c.PersonBirthDate, c.ExpectedPersonBirthDate) = (null, y.ReferenceDate.AddMonths(10))),
        One(Y22, "8535Q", (c, y) => c.PersonDeathDate = c.PersonBirthDate!.Value.AddYears(1), (c, y) => c.PersonDeathDate = c.PersonBirthDate!.Value.AddDays(-1)),
        One(Y22, "8545Q", (c, y) => c.PersonDeathDate = y.CensusStart.AddDays(100), (c, y) => c.PersonDeathDate = y.CensusStart.AddDays(-1)),
        One(Y22, "4180", Nothing, (c, y) => c.GenderCurrent = "3"),
        One(Y24, "4180", (c, y) => c.Sex = "F", (c, y) => c.Sex = "1"),
        One(Y22, "8750", (c, y) => (c.PersonBirthDate, c.ExpectedPersonBirthDate, c.GenderCurrent) = (null, y.ReferenceDate.AddMonths(2), "0"),
            (c, y) => (c.PersonBirthDate, c.ExpectedPersonBirthDate, c.GenderCurrent) = (null, y.ReferenceDate.AddMonths(2), "1")),
        One(Y24, "8750", (c, y) => (c.PersonBirthDate, c.ExpectedPersonBirthDate, c.Sex) = (null, y.ReferenceDate.AddMonths(2), "U"),
            (c, y) => (c.PersonBirthDate, c.ExpectedPersonBirthDate, c.Sex) = (null, y.ReferenceDate.AddMonths(2), "M")),
        One(Y22, "8770Q", (c, y) => (c.UPN, c.UPNunknown) = (null, "UN3"), (c, y) => (c.UPN, c.UPNunknown) = (null, null)),
        One(Y24, "8770Q", (c, y) => (c.UPN, c.UPNunknown) = (null, "UN2"), (c, y) => (c.UPN, c.UPNunknown) = (null, "UN1")),
        One(Y22, "8772", (c, y) => (c.UPNunknown, c.Cin().ReferralNFAText) = ("UN7", "true"), (c, y) => c.UPNunknown = "UN7"),
        One(Y22, "8775Q", Nothing, (c, y) => c.PersonBirthDate = y.ReferenceDate.AddYears(-26)),
        One(Y22, "8590", Nothing, (c, y) => c.CINdetails.Clear()),

        // Child characteristics
        One(Y22, "4220", Nothing, (c, y) => c.Ethnicity = "XXXX"),
        One(Y22, "8540", Nothing, (c, y) => c.Disabilities.Clear()),
        One(Y22, "8790", Nothing, (c, y) => c.Disabilities = ["NONE", "MOB"]),
        One(Y22, "8794", (c, y) => c.Disabilities = ["MOB", "HAND"], (c, y) => c.Disabilities = ["MOB", "MOB"]),

        // CIN details
        One(Y22, "8568", Nothing, (c, y) => c.Cin().ReferralNFAText = "maybe"),
        One(Y22, "8600", Nothing, (c, y) => c.Cin().CINreferralDate = null),
        One(Y22, "8555Q", (c, y) => c.PersonDeathDate = c.Referral().AddDays(1), (c, y) => c.PersonDeathDate = c.Referral().AddDays(-1)),
        One(Y22, "8585Q", (c, y) => (c.PersonDeathDate, c.Cin().CINclosureDate, c.Cin().ReasonForClosure) = (c.Referral().AddDays(30), c.Referral().AddDays(30), "RC2"),
            (c, y) => (c.Cin().CINclosureDate, c.Cin().ReasonForClosure) = (c.Referral().AddDays(30), "RC2")),
        One(Y22, "8606", Nothing, (c, y) => c.Cin().CINreferralDate = c.PersonBirthDate!.Value.AddDays(-281)),
        One(Y22, "8610", Nothing, (c, y) => c.Cin().PrimaryNeedCode = null),
        One(Y22, "8650", Nothing, (c, y) => c.Cin().PrimaryNeedCode = "N10"),
        One(Y22, "8620", (c, y) => Close(c, c.Referral().AddDays(40)), (c, y) => Close(c, y.ReferenceDate.AddDays(1))),
        One(Y22, "8630", (c, y) => Close(c, c.Referral()), (c, y) => Close(c, c.Referral().AddDays(-1))),
        One(Y22, "8640", (c, y) => Close(c, c.Referral().AddDays(40), "RC9"), (c, y) => Close(c, c.Referral().AddDays(40), "RC10")),
        One(Y22, "8805", (c, y) => Close(c, c.Referral().AddDays(40)), (c, y) => Close(c, c.Referral().AddDays(40), null)),
        One(Y22, "8810", Nothing, (c, y) => c.Cin().ReasonForClosure = "RC1"),
        One(Y22, "8815", Nothing, (c, y) => c.CINdetails.Add(new CinDetails { CINreferralDate = c.Referral().AddDays(60), ReferralNFAText = "0", PrimaryNeedCode = "N1" })),
        One(Y22, "8816", Nothing, (c, y) => c.CINdetails.Add(new CinDetails
        {
            CINreferralDate = c.Referral().AddDays(10), CINclosureDate = c.Referral().AddDays(11), ReasonForClosure = "RC1", ReferralNFAText = "false", PrimaryNeedCode = "N1",
        })),
        One(Y22, "8820", (c, y) => SecondEpisode(c, c.Referral().AddDays(-20), c.Referral()), (c, y) => SecondEpisode(c, c.Referral().AddDays(-20), c.Referral().AddDays(1))),
        One(Y22, "8565", (c, y) =>
        {
            c.Plan().CINPlanEndDate = c.Referral().AddDays(40);
            Close(c, c.Referral().AddDays(40));
        }, (c, y) => Close(c, c.Referral().AddDays(10))),
        One(Y22, "8569Q", (c, y) => c.Cin().CINreferralDate = y.CensusStart.AddDays(-10),
            (c, y) => (c.Cin().CINreferralDate, c.Cin().ReferralNFAText) = (y.CensusStart.AddDays(-10), "true")),
        One(Y22, "2884", (c, y) =>
        {
            c.Cin().AddS47(c.Referral().AddDays(3), c.Referral().AddDays(10));
            c.Cin().DateOfInitialCPC = c.Referral().AddDays(12);
        }, (c, y) =>
        {
            c.Cin().AddS47(c.Referral().AddDays(3), c.Referral().AddDays(10));
            c.Cin().DateOfInitialCPC = c.Referral().AddDays(10);
        }),
        One(Y22, "2990", (c, y) =>
        {
            c.Cin().CINPlanDates.Clear();
            Close(c, c.Referral().AddDays(30), "RC8");
        }, (c, y) => Close(c, c.Referral().AddDays(30), "RC9")),
        One(Y22, "8825Q", (c, y) => Close(c, c.Referral().AddDays(30), "RC9"), (c, y) =>
        {
            c.Cin().Assessments.Clear();
            Close(c, c.Referral().AddDays(30), "RC9");
        }),
        One(Y22, "2991Q", (c, y) => c.Cin().AddS47(c.Referral().AddDays(1), null, "true"), (c, y) =>
        {
            c.Cin().Assessments.Clear();
            c.Cin().AddS47(c.Referral().AddDays(1), null, "true");
        }),
        One(Y22, "8831", (c, y) =>
        {
            c.Cin().Assessments.Clear();
            c.Cin().CINPlanDates.Clear();
            c.Cin().ReferralNFAText = "true";
        }, (c, y) => c.Cin().ReferralNFAText = "1"),

        // Assessments
        One(Y22, "1103", Nothing, (c, y) => c.Assessment().AssessmentActualStartDate = c.Referral().AddDays(-1)),
        One(Y22, "8608", Nothing, (c, y) => c.Assessment().AssessmentActualStartDate = c.Assessment().AssessmentAuthorisationDate!.Value.AddDays(1)),
        One(Y22, "8614", Nothing, (c, y) => c.Assessment().AssessmentAuthorisationDate = null),
        One(Y22, "8670Q", (c, y) => OpenAssessment(c, y.ReferenceDate.AddDays(-5)),
            (c, y) => OpenAssessment(c, Hearth.Core.Returns.BankHolidays.WorkingDays.StartOfPeriodEnding(y.ReferenceDate, 45).AddDays(-1))),
        One(Y22, "8696", Nothing, (c, y) => c.Assessment().AssessmentAuthorisationDate = y.ReferenceDate.AddDays(1)),
        One(Y22, "8736", (c, y) => OpenAssessment(c, y.CensusStart), (c, y) => OpenAssessment(c, y.CensusStart.AddDays(-1))),
        One(Y24, "8945Q", (c, y) => c.Assessment().AssessmentFactors = ["18B"], (c, y) => c.Assessment().AssessmentFactors = ["18A"]),
        One(Y24, "8950Q", (c, y) => c.Assessment().AssessmentFactors = ["19C"], (c, y) => c.Assessment().AssessmentFactors = ["19A"]),

        // CIN plans
        One(Y22, "4000", Nothing, (c, y) => c.Cin().ReferralNFAText = "true"),
        One(Y22, "4001", (c, y) =>
        {
            c.Plan().CINPlanEndDate = c.Referral().AddDays(30);
            c.Cin().AddCpp(c.Referral().AddDays(30));
        }, (c, y) => c.Cin().AddCpp(c.Referral().AddDays(30))),
        One(Y22, "4003", (c, y) =>
        {
            c.Plan().CINPlanEndDate = c.Referral().AddDays(28);
            c.Cin().AddCpp(c.Referral().AddDays(30), null, c.Referral().AddDays(40));
        }, (c, y) => c.Cin().AddCpp(c.Referral().AddDays(30), null, c.Referral().AddDays(40))),
        One(Y22, "4004", Nothing, (c, y) => c.Cin().CINPlanDates.Add(new CinPlan { CINPlanStartDate = c.Referral().AddDays(26) })),
        One(Y22, "4008", (c, y) => c.PersonDeathDate = c.Plan().CINPlanStartDate, (c, y) => c.PersonDeathDate = c.Plan().CINPlanStartDate!.Value.AddDays(-1)),
        One(Y22, "4009Q", (c, y) =>
        {
            c.Plan().CINPlanEndDate = c.Referral().AddDays(40);
            c.PersonDeathDate = c.Referral().AddDays(40);
        }, (c, y) =>
        {
            c.Plan().CINPlanEndDate = c.Referral().AddDays(41);
            c.PersonDeathDate = c.Referral().AddDays(40);
        }),
        One(Y22, "4010", Nothing, (c, y) => c.Plan().CINPlanStartDate = null),
        One(Y22, "4011", (c, y) => c.Plan().CINPlanEndDate = c.Plan().CINPlanStartDate!.Value.AddDays(1), (c, y) => c.Plan().CINPlanEndDate = c.Plan().CINPlanStartDate!.Value.AddDays(-1)),
        One(Y22, "4012Q", (c, y) => c.Plan().CINPlanEndDate = c.Plan().CINPlanStartDate!.Value.AddDays(1), (c, y) => c.Plan().CINPlanEndDate = c.Plan().CINPlanStartDate),
        One(Y22, "4013", (c, y) => c.Plan().CINPlanEndDate = y.ReferenceDate, (c, y) => c.Plan().CINPlanEndDate = y.ReferenceDate.AddDays(1)),
        One(Y22, "4014", (c, y) => TwoPlans(c, 6), (c, y) => TwoPlans(c, 3)),
        One(Y22, "4015", Nothing, (c, y) => c.Plan().CINPlanStartDate = c.Referral().AddDays(-1)),
        One(Y22, "4016", (c, y) =>
        {
            c.Plan().CINPlanEndDate = c.Referral().AddDays(30);
            c.Cin().AddCpp(c.Referral().AddDays(30));
        }, (c, y) => c.Cin().AddCpp(c.Referral().AddDays(20))),
        One(Y22, "4017", (c, y) =>
        {
            c.Plan().CINPlanEndDate = c.Referral().AddDays(30);
            c.Cin().AddCpp(c.Referral().AddDays(30));
        }, (c, y) =>
        {
            c.Plan().CINPlanEndDate = c.Referral().AddDays(30);
            c.Cin().AddCpp(c.Referral().AddDays(27));
        }),

        // Section 47
        One(Y22, "1104", (c, y) => c.Cin().AddS47(c.Referral(), c.Referral().AddDays(5)), (c, y) => c.Cin().AddS47(c.Referral(), c.Referral().AddDays(-1))),
        One(Y22, "2889", (c, y) => c.Cin().AddS47(c.Referral(), null, "true"), (c, y) => c.Cin().AddS47(c.Referral().AddDays(-1), null, "true")),
        One(Y22, "8615", (c, y) => c.Cin().AddS47(c.Referral().AddDays(5), c.Referral().AddDays(5)), (c, y) => c.Cin().AddS47(null, c.Referral().AddDays(5))),
        One(Y22, "8675Q", (c, y) => c.Cin().AddS47(y.ReferenceDate.AddDays(-3), null),
            (c, y) => c.Cin().AddS47(Hearth.Core.Returns.BankHolidays.WorkingDays.StartOfPeriodEnding(y.ReferenceDate, 15).AddDays(-1), null)),
        One(Y22, "8715", (c, y) => c.Cin().AddS47(y.CensusStart.AddDays(-10), y.CensusStart), (c, y) => c.Cin().AddS47(y.CensusStart.AddDays(-10), y.CensusStart.AddDays(-1))),
        One(Y22, "8740", (c, y) => c.Cin().AddS47(y.CensusStart, null), (c, y) => c.Cin().AddS47(y.CensusStart.AddDays(-1), null)),
        One(Y22, "8839", (c, y) =>
        {
            c.Cin().AddS47(c.Referral(), null);
            c.Cin().AddS47(c.Referral(), null, "true");
        }, (c, y) =>
        {
            c.Cin().AddS47(c.Referral(), null);
            c.Cin().AddS47(c.Referral().AddDays(1), null);
        }),

        // Child protection plans
        One(Y22, "1105", (c, y) => c.Cin().AddCpp(c.Referral()), (c, y) => c.Cin().AddCpp(c.Referral().AddDays(-1))),
        One(Y22, "2885", (c, y) =>
        {
            c.Cin().AddS47(c.Referral().AddDays(2), c.Referral().AddDays(10));
            c.Cin().AddCpp(c.Referral().AddDays(10));
        }, (c, y) =>
        {
            c.Cin().AddS47(c.Referral().AddDays(2), c.Referral().AddDays(10));
            c.Cin().AddCpp(c.Referral().AddDays(11));
        }),
        One(Y22, "8720", (c, y) => c.Cin().AddCpp(y.ReferenceDate), (c, y) => c.Cin().AddCpp(null)),
        One(Y22, "8730", (c, y) => c.Cin().AddCpp(c.Referral().AddDays(10)), (c, y) => c.Cin().AddCpp(c.Referral().AddDays(10)).NumberOfPreviousCPPText = null),
        One(Y22, "8832", (c, y) => c.Cin().AddCpp(c.Referral().AddDays(10)), (c, y) =>
        {
            c.Cin().ReferralNFAText = "true";
            c.Cin().AddCpp(c.Referral().AddDays(10));
        }),
        One(Y22, "8840", (c, y) => c.Cin().AddCpp(c.Referral().AddDays(10), c.Referral().AddDays(11)), (c, y) => c.Cin().AddCpp(c.Referral().AddDays(10), c.Referral().AddDays(10))),
        One(Y22, "8841", (c, y) => c.Cin().AddCpp(c.Referral().AddDays(10), null, c.Referral().AddDays(11)), (c, y) => c.Cin().AddCpp(c.Referral().AddDays(10), null, c.Referral().AddDays(10))),
        One(Y22, "8842Q", (c, y) => c.Cin().AddCpp(c.Referral().AddDays(10), null, c.Referral().AddDays(20)), (c, y) => c.Cin().AddCpp(c.Referral().AddDays(10), null, [null])),

        // Reviewed later in the same stage
        One(Y22, "8863Q", (c, y) => SecondAssessment(c, 21), (c, y) => SecondAssessment(c, 10)),
        One(Y22, "8866", Nothing, (c, y) => c.Cin().ReferralSource = "1Z"),
        One(Y22, "8867", (c, y) => Close(c, c.Referral().AddDays(40)), (c, y) =>
        {
            c.Assessment().AssessmentAuthorisationDate = null;
            Close(c, c.Referral().AddDays(40));
        }),
        One(Y22, "8868", (c, y) =>
        {
            c.Cin().AddS47(c.Referral().AddDays(1), null, "true");
            Close(c, c.Referral().AddDays(40));
        }, (c, y) =>
        {
            c.Cin().AddS47(c.Referral().AddDays(1), null, "false");
            Close(c, c.Referral().AddDays(40));
        }),
        One(Y22, "8869", (c, y) => c.Assessment().AssessmentFactors = ["21"], (c, y) => c.Assessment().AssessmentFactors = ["21", "1A"]),
        One(Y22, "8870Q", (c, y) => c.Cin().AddS47(c.Referral(), null).InitialCPCtarget = Next(c.Referral(), DayOfWeek.Wednesday),
            (c, y) => c.Cin().AddS47(c.Referral(), null).InitialCPCtarget = Next(c.Referral(), DayOfWeek.Saturday)),
        One(Y22, "8890", (c, y) =>
        {
            c.Cin().AddS47(c.Referral().AddDays(1), c.Referral().AddDays(5));
            c.Cin().AddS47(c.Referral().AddDays(6), null, "true");
        }, (c, y) =>
        {
            c.Cin().AddS47(c.Referral().AddDays(1), c.Referral().AddDays(5));
            c.Cin().AddS47(c.Referral().AddDays(3), null, "true");
        }),
        One(Y22, "8896", (c, y) => c.Cin().Assessments.Add(new Assessment { AssessmentActualStartDate = c.Referral().AddDays(30) }), (c, y) =>
        {
            c.Assessment().AssessmentAuthorisationDate = null;
            c.Assessment().AssessmentFactors.Clear();
            c.Cin().Assessments.Add(new Assessment { AssessmentActualStartDate = c.Referral().AddDays(30) });
        }),
        One(Y22, "8897Q", Nothing, (c, y) => c.Assessment().AssessmentFactors.Clear()),
        One(Y22, "8925", (c, y) => c.Cin().AddCpp(c.Referral().AddDays(10), c.Referral().AddDays(30)), (c, y) => c.Cin().AddCpp(c.Referral().AddDays(10), c.Referral().AddDays(9))),

        One(Y22, "8898", (c, y) => c.Assessment().AssessmentFactors = ["1A", "2B"], (c, y) => c.Assessment().AssessmentFactors = ["1A", "1A"]),
        One(Y22, "8905", (c, y) => c.Cin().AddCpp(c.Referral().AddDays(10)), (c, y) => c.Cin().AddCpp(c.Referral().AddDays(10)).InitialCategoryOfAbuse = "XYZ"),
        One(Y22, "8910", (c, y) => c.Cin().AddCpp(c.Referral().AddDays(10)), (c, y) => c.Cin().AddCpp(c.Referral().AddDays(10)).LatestCategoryOfAbuse = null),
        One(Y22, "8915", (c, y) =>
        {
            c.Cin().AddCpp(c.Referral().AddDays(10));
            c.PersonDeathDate = c.Referral().AddDays(10);
        }, (c, y) =>
        {
            c.Cin().AddCpp(c.Referral().AddDays(10));
            c.PersonDeathDate = c.Referral().AddDays(9);
        }),
        One(Y22, "8920", (c, y) =>
        {
            c.Cin().AddCpp(c.Referral().AddDays(10), c.Referral().AddDays(20));
            c.PersonDeathDate = c.Referral().AddDays(20);
        }, (c, y) =>
        {
            c.Cin().AddCpp(c.Referral().AddDays(10), c.Referral().AddDays(20));
            c.PersonDeathDate = c.Referral().AddDays(19);
        }),
        One(Y22, "8930", (c, y) => c.Cin().AddCpp(c.Referral().AddDays(10), y.ReferenceDate), (c, y) => c.Cin().AddCpp(c.Referral().AddDays(10), y.ReferenceDate.AddDays(1))),
        One(Y22, "8935", (c, y) =>
        {
            c.Cin().AddCpp(c.Referral().AddDays(10), c.Referral().AddDays(20));
            c.Cin().AddCpp(c.Referral().AddDays(40));
        }, (c, y) =>
        {
            c.Cin().AddCpp(c.Referral().AddDays(10));
            c.Cin().AddCpp(c.Referral().AddDays(40));
        }),
        One(Y22, "8940", (c, y) =>
        {
            c.Cin().AddCpp(c.Referral().AddDays(10), c.Referral().AddDays(20));
            c.Cin().AddCpp(c.Referral().AddDays(21));
        }, (c, y) =>
        {
            c.Cin().AddCpp(c.Referral().AddDays(10), c.Referral().AddDays(20));
            c.Cin().AddCpp(c.Referral().AddDays(15));
        }),

        // 8873Q allows RC9 as well as RC8 and, as a query, asks for a check when any other reason is used, or none yet.
        One(Y22, "8873Q", (c, y) =>
        {
            c.Cin().CINPlanDates.Clear();
            c.Assessment().AssessmentFactors = ["21"];
            Close(c, c.Referral().AddDays(30), "RC9");
        }, (c, y) =>
        {
            c.Cin().CINPlanDates.Clear();
            c.Assessment().AssessmentFactors = ["21"];
            Close(c, c.Referral().AddDays(30), "RC1");
        }),
        One(Y22, "8875", (c, y) => c.Cin().AddS47(c.Referral(), Next(c.Referral().AddDays(5), DayOfWeek.Friday)),
            (c, y) => c.Cin().AddS47(c.Referral(), Next(c.Referral().AddDays(5), DayOfWeek.Sunday))),

        // New in 2024-25
        One(Y24, "1570", (c, y) => c.LAchildID = new string('A', 20), (c, y) => c.LAchildID = new string('A', 21)),
        One(Y24, "1580", (c, y) => c.LAchildID = "ABC123", (c, y) => c.LAchildID = "ABC-123"),
    ];

    private static DateOnly Next(DateOnly from, DayOfWeek day)
    {
        var d = from;
        while (d.DayOfWeek != day)
        {
            d = d.AddDays(1);
        }
        return d;
    }

    /// <summary>A second assessment starting <paramref name="days"/> after the referral (the first runs from day 2 to day 20).</summary>
    private static void SecondAssessment(CensusChild c, int days) =>
        c.Cin().Assessments.Add(new Assessment
        {
            AssessmentActualStartDate = c.Referral().AddDays(days),
            AssessmentAuthorisationDate = c.Referral().AddDays(days + 15),
            AssessmentFactors = ["1A"],
        });

    private static void Close(CensusChild c, DateOnly date, string? reason = "RC1") =>
        (c.Cin().CINclosureDate, c.Cin().ReasonForClosure) = (date, reason);

    private static void OpenAssessment(CensusChild c, DateOnly start)
    {
        c.Assessment().AssessmentActualStartDate = start;
        c.Assessment().AssessmentAuthorisationDate = null;
        c.Assessment().AssessmentFactors.Clear();
    }

    /// <summary>An earlier, closed episode for the same child.</summary>
    private static void SecondEpisode(CensusChild c, DateOnly referral, DateOnly closure) =>
        c.CINdetails.Add(new CinDetails { CINreferralDate = referral, CINclosureDate = closure, ReasonForClosure = "RC1", ReferralNFAText = "false", PrimaryNeedCode = "N1" });

    /// <summary>The first plan runs five days; a second starts <paramref name="daysAfterFirstStart"/> days after the first started.</summary>
    private static void TwoPlans(CensusChild c, int daysAfterFirstStart)
    {
        var start = c.Plan().CINPlanStartDate!.Value;
        c.Plan().CINPlanEndDate = start.AddDays(5);
        c.Cin().CINPlanDates.Add(new CinPlan { CINPlanStartDate = start.AddDays(daysAfterFirstStart) });
    }
}
