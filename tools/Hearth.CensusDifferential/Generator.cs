using System.Globalization;
using System.Text.RegularExpressions;
using Hearth.Core.Returns.Census;
using Hearth.Core.Returns.Census.Rules;
using Hearth.Core.Tests.Census;

namespace Hearth.CensusDifferential;

/// <summary>
/// Writes one year's differential files: <c>children.xml</c> holds, for every child-level rule of the year, the
/// failing child of that rule's test case (identifiers renamed so that cases do not collide) and then
/// <c>clean</c> seeded children that should pass every rule; each file-level rule (header, LA-level proportions)
/// gets its own small <c>file-CODE.xml</c>, since those rules look at the whole file.
/// </summary>
internal static partial class Generator
{
    /// <summary>Rules decided over the whole file, so that one child's fault would hide another's.</summary>
    private static readonly string[] WholeFileRules = ["100", "2886Q", "2887Q", "2888Q"];

    public static int Run(string yearName, string dir, int seed, int clean)
    {
        var year = CensusYear.Find(yearName) ?? throw new ArgumentException($"unknown collection year '{yearName}'");
        Directory.CreateDirectory(dir);
        var cases = CasesFor(year);
        var upns = new UpnSource();
        var children = new List<CensusChild>();
        foreach (var rule in cases.Where(c => !WholeFileRules.Contains(c.Code)))
        {
            children.AddRange(Renamed(rule.Code, rule.Failing(year).Children, upns));
        }
        var random = new Random(seed);
        for (var i = 1; i <= clean; i++)
        {
            children.Add(CleanChild(year, $"CLEAN{i}", upns.Next(), random));
        }
        Write(CensusTestData.File(year, [.. children]), Path.Combine(dir, "children.xml"));
        foreach (var rule in cases.Where(c => WholeFileRules.Contains(c.Code)))
        {
            var file = rule.Failing(year);
            var renamed = Renamed(rule.Code, file.Children, upns);
            Write(new CensusFile { Year = year, Header = file.Header, Children = [.. renamed] }, Path.Combine(dir, $"file-{rule.Code}.xml"));
        }
        Console.Error.WriteLine($"{dir}: {year.Name}, {cases.Count} rule cases, {children.Count} children in children.xml");
        return 0;
    }

    /// <summary>For each rule of the year, the latest test case stated for a year up to this one.</summary>
    private static List<RuleCase> CasesFor(CensusYear year) =>
        [.. CensusRuleCases.All
            .Where(c => CensusYear.Find(c.Year)!.EndYear <= year.EndYear && year.Rules.Find(c.Code) is not null)
            .GroupBy(c => c.Code)
            .Select(g => g.OrderBy(c => CensusYear.Find(c.Year)!.EndYear).Last())
            .OrderBy(c => c.Code, StringComparer.Ordinal)];

    /// <summary>
    /// The baseline identifiers (CHILDn, and the baseline's valid UPNs) become unique to the case; identifiers a
    /// case set on purpose (a duplicate, a bad UPN, a long ID) are kept, mapped alike within the case.
    /// </summary>
    private static IEnumerable<CensusChild> Renamed(string code, IEnumerable<CensusChild> children, UpnSource upns)
    {
        var upnMap = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var child in children)
        {
            if (child.LAchildID is { } id && BaselineId().Match(id) is { Success: true } m)
            {
                child.LAchildID = $"R{code}N{m.Groups[1].Value}";
            }
            if (child.UPN is { } upn && IsBaselineUpn(upn))
            {
                if (!upnMap.TryGetValue(upn, out var mapped))
                {
                    upnMap[upn] = mapped = upns.Next();
                }
                child.UPN = mapped;
            }
            yield return child;
        }
    }

    private static bool IsBaselineUpn(string upn) => Enumerable.Range(1, 20).Any(n => CensusTestData.Upn("201", n) == upn);

    [GeneratedRegex("^CHILD([0-9]+)$")]
    private static partial Regex BaselineId();

    private static void Write(CensusFile file, string path)
    {
        for (var i = 0; i < file.Children.Count; i++)
        {
            file.Children[i].Number = i + 1;
        }
        file.Header.SoftwareCode ??= "HearthDifferential";
        file.Header.Release ??= "1";
        file.Header.SerialNo ??= "1";
        file.Header.DateTime ??= $"{file.Year.EndYear}-04-02T10:00:00";
        using var stream = File.Create(path);
        CensusXmlWriter.Write(file, stream);
    }

    /// <summary>Valid UPNs (right check letter, LA 201) that no test case uses.</summary>
    private sealed class UpnSource
    {
        private int _serial = 100_000;

        public string Next()
        {
            var digits = string.Create(CultureInfo.InvariantCulture, $"201{_serial++:00000000}1");
            return Rule1510.ExpectedCheckLetter("A" + digits) + digits;
        }
    }

    private static readonly string[] Ethnicities = ["WBRI", "WIRI", "WOTH", "MWBC", "MWBA", "AIND", "APKN", "BCRB", "BAFR", "CHNE", "OOTH"];
    private static readonly string[] Disabilities = ["MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH", "CON", "AUT", "DDA"];
    private static readonly string[] Sources = ["1A", "1B", "2A", "2B", "3A", "3B", "4", "5A", "5B", "6", "7", "8", "9", "10"];
    private static readonly string[] Factors = ["1B", "2B", "3B", "4A", "4B", "5B", "7A", "10A", "16A", "20", "22A"];
    private static readonly string[] Closures = ["RC1", "RC3", "RC4", "RC5", "RC6", "RC7"];

    /// <summary>A plausible child meant to pass every rule: dates inside the census period and in order.</summary>
    private static CensusChild CleanChild(CensusYear year, string id, string upn, Random random)
    {
        var reference = year.ReferenceDate;
        var referral = year.CensusStart.AddDays(random.Next(0, 240));
        var birth = referral.AddDays(-random.Next(30, 6000));
        var disabled = random.Next(4) == 0;
        var child = new CensusChild
        {
            LAchildID = id,
            UPN = upn,
            PersonBirthDate = birth,
            Sex = year.UsesSex ? (random.Next(2) == 0 ? "M" : "F") : null,
            GenderCurrent = year.UsesSex ? null : (random.Next(2) == 0 ? "1" : "2"),
            Ethnicity = Ethnicities[random.Next(Ethnicities.Length)],
            Disabilities = disabled ? [.. Disabilities.OrderBy(_ => random.Next()).Take(random.Next(1, 3))] : ["NONE"],
        };
        var cin = new CinDetails
        {
            CINreferralDate = referral,
            ReferralSource = Sources[random.Next(Sources.Length)],
            PrimaryNeedCode = $"N{random.Next(1, 10)}",
            ReferralNFAText = "false",
        };
        child.CINdetails.Add(cin);
        if (random.Next(10) == 0)
        {
            cin.ReferralNFAText = "true";
            return child;
        }
        var start = referral.AddDays(random.Next(0, 5));
        var authorised = start.AddDays(random.Next(10, 40));
        var factors = Factors.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).ToList();
        if (disabled)
        {
            factors.Add("6A");
        }
        cin.Assessments.Add(new Assessment { AssessmentActualStartDate = start, AssessmentAuthorisationDate = authorised, AssessmentFactors = [.. factors] });
        var last = authorised;
        if (random.Next(4) == 0)
        {
            var s47 = authorised.AddDays(random.Next(0, 3));
            var conference = Weekday(s47.AddDays(random.Next(5, 14)));
            cin.Section47.Add(new Section47 { S47ActualStartDate = s47, InitialCPCtarget = conference, DateOfInitialCPC = conference, ICPCnotRequiredText = "false" });
            var plan = new ChildProtectionPlan
            {
                CPPstartDate = conference,
                InitialCategoryOfAbuse = "NEG",
                LatestCategoryOfAbuse = random.Next(2) == 0 ? "NEG" : "EMO",
                NumberOfPreviousCPPText = random.Next(3).ToString(CultureInfo.InvariantCulture),
            };
            if (conference.AddDays(90) <= reference)
            {
                plan.CPPreviewDates.Add(conference.AddDays(90));
            }
            cin.ChildProtectionPlans.Add(plan);
            last = plan.CPPreviewDates.Count > 0 ? conference.AddDays(90) : conference;
        }
        else if (random.Next(2) == 0)
        {
            cin.CINPlanDates.Add(new CinPlan { CINPlanStartDate = authorised.AddDays(random.Next(0, 5)) });
            last = cin.CINPlanDates[0].CINPlanStartDate!.Value;
        }
        var closure = last.AddDays(random.Next(1, 60));
        if (random.Next(3) == 0 && closure <= reference)
        {
            cin.CINclosureDate = closure;
            cin.ReasonForClosure = Closures[random.Next(Closures.Length)];
            foreach (var plan in cin.CINPlanDates)
            {
                plan.CINPlanEndDate = closure;
            }
            foreach (var plan in cin.ChildProtectionPlans)
            {
                plan.CPPendDate = closure;
            }
        }
        return child;
    }

    private static DateOnly Weekday(DateOnly day) => day.DayOfWeek switch
    {
        DayOfWeek.Saturday => day.AddDays(2),
        DayOfWeek.Sunday => day.AddDays(1),
        _ => day,
    };
}
