using static Hearth.Core.Returns.Census.Rules.CensusPaths;

namespace Hearth.Core.Returns.Census.Rules;

// Rules on the ChildIdentifiers module. Each class states the DfE rule it implements.

/// <summary>8500: &lt;LAchildID&gt; must be present.</summary>
public sealed class Rule8500() : ChildRule("8500", "LA Child ID missing", "LAchildID")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        if (string.IsNullOrWhiteSpace(child.LAchildID))
        {
            issues.Add(this, child, Identifiers(child), ("LAchildID", child.LAchildID));
        }
    }
}

/// <summary>1510: &lt;UPN&gt; if present must carry the correct check letter (weights 2-13, modulus 23).</summary>
public sealed class Rule1510() : ChildRule("1510", "UPN invalid (wrong check letter at character 1)", "UPN")
{
    private const string CheckLetters = "ABCDEFGHJKLMNPQRTUVWXYZ";

    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        if (ExpectedCheckLetter(child.UPN) is { } expected && child.UPN![0] != expected)
        {
            issues.Add(this, child, Identifiers(child), ("UPN", child.UPN));
        }
    }

    /// <summary>The check letter a 13-character UPN should start with, or null when the rest is not digits (other rules report that).</summary>
    public static char? ExpectedCheckLetter(string? upn)
    {
        if (upn is not { Length: 13 })
        {
            return null;
        }
        var sum = 0;
        for (var k = 2; k <= 13; k++)
        {
            var c = upn[k - 1];
            int value;
            if (char.IsAsciiDigit(c))
            {
                value = c - '0';
            }
            else if (k == 13 && CheckLetters.IndexOf(c) is var letter and >= 0)
            {
                // A temporary UPN ends in a letter, which counts as its index in the check-letter table.
                value = letter;
            }
            else
            {
                return null;
            }
            sum += value * k;
        }
        return CheckLetters[sum % 23];
    }
}

/// <summary>1530: characters 2-4 of &lt;UPN&gt; must be a post-April-1998 LA code or a recognised pseudo-LA code.</summary>
public sealed class Rule1530 : ChildRule
{
    private readonly HashSet<string> _codes;

    public Rule1530(IEnumerable<int> laCodes) : base("1530", "UPN invalid (characters 2-4 not a recognised LA code)", "UPN")
    {
        _codes = laCodes.Select(c => c.ToString("000", System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
    }

    public IReadOnlySet<string> Codes => _codes;

    /// <summary>The list published for 2022-23.</summary>
    public static Rule1530 For2022To23() => new(LaCodes2022To23());

    /// <summary>2023-24 adds 942 and 943 (Cumberland, Westmorland and Furness).</summary>
    public static Rule1530 For2023To24() => new(LaCodes2022To23().Concat([942, 943]));

    private static IEnumerable<int> LaCodes2022To23()
    {
        int[][] ranges =
        [
            [1, 5], [201, 213], [301, 320], [330, 336], [340, 344], [350, 359], [370, 373], [380, 384], [390, 394], [420, 420],
            [660, 681], [701, 708], [800, 803], [805, 808], [810, 813], [815, 816], [820, 823], [825, 826], [830, 831],
            [835, 841], [845, 846], [850, 852], [855, 857], [860, 861], [865, 896], [908, 909], [916, 916], [919, 919],
            [921, 921], [925, 926], [928, 929], [931, 931], [933, 933], [935, 938], [940, 941],
        ];
        return ranges.SelectMany(r => Enumerable.Range(r[0], r[1] - r[0] + 1));
    }

    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        if (child.UPN is { Length: 13 } upn && !_codes.Contains(upn[1..4]))
        {
            issues.Add(this, child, Identifiers(child), ("UPN", upn));
        }
    }
}

/// <summary>1540: if &lt;UPN&gt; is present, its characters 5-12 must be numeric.</summary>
public sealed class Rule1540() : ChildRule("1540", "UPN invalid (characters 5-12 not all numeric)", "UPN")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        if (child.UPN is { Length: > 4 } upn && !upn[4..Math.Min(12, upn.Length)].All(char.IsAsciiDigit))
        {
            issues.Add(this, child, Identifiers(child), ("UPN", upn));
        }
    }
}

/// <summary>1550: character 13 of &lt;UPN&gt; must be numeric or A-Z omitting I, O and S.</summary>
public sealed class Rule1550() : ChildRule("1550", "UPN invalid (character 13 not a recognised value)", "UPN")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        if (child.UPN is { Length: 13 } upn && !(char.IsAsciiDigit(upn[12]) || (char.IsAsciiLetterUpper(upn[12]) && upn[12] is not ('I' or 'O' or 'S'))))
        {
            issues.Add(this, child, Identifiers(child), ("UPN", upn));
        }
    }
}

/// <summary>1560Q: &lt;FormerUPN&gt; where present should be a letter and 12 digits, or a letter, 11 digits and a letter (temporary UPN).</summary>
public sealed class Rule1560Q() : ChildRule("1560Q", "Please check: Former UPN wrongly formatted", "FormerUPN")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        if (child.FormerUPN is { } upn && !IsUpnFormat(upn))
        {
            issues.Add(this, child, Identifiers(child), ("FormerUPN", upn));
        }
    }

    public static bool IsUpnFormat(string upn) =>
        upn.Length == 13
        && char.IsAsciiLetterUpper(upn[0])
        && upn[1..12].All(char.IsAsciiDigit)
        && (char.IsAsciiDigit(upn[12]) || char.IsAsciiLetterUpper(upn[12]));
}

/// <summary>1570 (from 2024-25): &lt;LAchildID&gt; must not be longer than 20 characters.</summary>
public sealed class Rule1570() : ChildRule("1570", "LA Child ID must not be longer than 20 characters", "LAchildID")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        if (child.LAchildID is { Length: > 20 } id)
        {
            issues.Add(this, child, Identifiers(child), ("LAchildID", id));
        }
    }
}

/// <summary>1580 (from 2024-25): &lt;LAchildID&gt; must contain only letters and digits.</summary>
public sealed class Rule1580() : ChildRule("1580", "LA Child ID must not contain any non-alphanumeric characters", "LAchildID")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        if (child.LAchildID is { Length: > 0 } id && !id.All(char.IsAsciiLetterOrDigit))
        {
            issues.Add(this, child, Identifiers(child), ("LAchildID", id));
        }
    }
}

/// <summary>8520: &lt;PersonBirthDate&gt; must be on or before &lt;ReferenceDate&gt; or null.</summary>
public sealed class Rule8520() : ChildRule("8520", "Date of Birth is after data collection period (must be on or before the end of the census period)", "PersonBirthDate", "ReferenceDate")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        if (child.PersonBirthDate is { } dob && dob > context.ReferenceDate)
        {
            issues.Add(this, child, Identifiers(child), ("PersonBirthDate", dob), ("ReferenceDate", context.ReferenceDate));
        }
    }
}

/// <summary>8525Q: either &lt;PersonBirthDate&gt; or &lt;ExpectedPersonBirthDate&gt; must be present, but not both.</summary>
public sealed class Rule8525Q() : ChildRule("8525Q", "Either Date of Birth or Expected Date of Birth must be provided (but not both)", "PersonBirthDate", "ExpectedPersonBirthDate")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        if (child.PersonBirthDate.HasValue == child.ExpectedPersonBirthDate.HasValue)
        {
            issues.Add(this, child, Identifiers(child), ("PersonBirthDate", child.PersonBirthDate), ("ExpectedPersonBirthDate", child.ExpectedPersonBirthDate));
        }
    }
}

/// <summary>8530Q: &lt;ExpectedPersonBirthDate&gt; should be between ReferenceDate minus 30 days and ReferenceDate plus 9 months (inclusive).</summary>
public sealed class Rule8530Q() : ChildRule("8530Q", "Please check: Expected Date of Birth is outside the expected range for this census (March to December of the Census Year end)", "ExpectedPersonBirthDate", "ReferenceDate")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        if (child.ExpectedPersonBirthDate is { } expected
            && (expected < context.ReferenceDate.AddDays(-30) || expected > context.ReferenceDate.AddMonths(9)))
        {
            issues.Add(this, child, Identifiers(child), ("ExpectedPersonBirthDate", expected), ("ReferenceDate", context.ReferenceDate));
        }
    }
}

/// <summary>8535Q: &lt;PersonDeathDate&gt; must be on or after &lt;PersonBirthDate&gt;.</summary>
public sealed class Rule8535Q() : ChildRule("8535Q", "Child’s date of death should not be prior to the date of birth", "PersonDeathDate", "PersonBirthDate")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        if (child.PersonDeathDate is { } death && child.PersonBirthDate is { } birth && death < birth)
        {
            issues.Add(this, child, Identifiers(child), ("PersonDeathDate", death), ("PersonBirthDate", birth));
        }
    }
}

/// <summary>8545Q: if present, &lt;PersonDeathDate&gt; should be within the census period.</summary>
public sealed class Rule8545Q() : ChildRule("8545Q", "Please check: Child's date of death should be within the census year", "PersonDeathDate")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        if (child.PersonDeathDate is { } death && !context.InCensusPeriod(death))
        {
            issues.Add(this, child, Identifiers(child), ("PersonDeathDate", death));
        }
    }
}

/// <summary>4180 up to 2023-24: &lt;GenderCurrent&gt; must be present and one of 0, 1, 2, 9.</summary>
public sealed class Rule4180Gender() : ChildRule("4180", "Gender is missing", "GenderCurrent")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        if (child.GenderCurrent is null || !CensusCodes.GenderCurrent.Contains(child.GenderCurrent))
        {
            issues.Add(this, child, Identifiers(child), ("GenderCurrent", child.GenderCurrent));
        }
    }
}

/// <summary>4180 from 2024-25: &lt;Sex&gt; must be present and one of M, F, U.</summary>
public sealed class Rule4180Sex() : ChildRule("4180", "Sex must be provided and equal M, F, or U", "Sex")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        if (child.Sex is null || !CensusCodes.Sex.Contains(child.Sex))
        {
            issues.Add(this, child, Identifiers(child), ("Sex", child.Sex));
        }
    }
}

/// <summary>8750 up to 2023-24: an unborn child (expected date of birth, no date of birth) must have &lt;GenderCurrent&gt; 0.</summary>
public sealed class Rule8750Gender() : ChildRule("8750", "Gender must equal 0 for an unborn child", "GenderCurrent", "PersonBirthDate", "ExpectedPersonBirthDate")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        if (child.PersonBirthDate is null && child.ExpectedPersonBirthDate is { } expected && child.GenderCurrent != "0")
        {
            issues.Add(this, child, Identifiers(child), ("GenderCurrent", child.GenderCurrent), ("PersonBirthDate", null), ("ExpectedPersonBirthDate", expected));
        }
    }
}

/// <summary>8750 from 2024-25: an unborn child must have &lt;Sex&gt; U.</summary>
public sealed class Rule8750Sex() : ChildRule("8750", "Sex must equal U for an unborn child", "Sex", "PersonBirthDate", "ExpectedPersonBirthDate")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        if (child.PersonBirthDate is null && child.ExpectedPersonBirthDate is { } expected && child.Sex != "U")
        {
            issues.Add(this, child, Identifiers(child), ("Sex", child.Sex), ("PersonBirthDate", null), ("ExpectedPersonBirthDate", expected));
        }
    }
}

/// <summary>
/// 8770Q up to 2023-24: if any &lt;ReferralNFA&gt; is false and the child was born before ReferenceDate minus 6 years,
/// a &lt;UPN&gt; or a &lt;UPNunknown&gt; reason other than UN1 should be present.
/// </summary>
public sealed class Rule8770QOverFive() : ChildRule("8770Q", "Please check and either amend data or provide a reason: UPN or reason UPN missing expected for a child who is more than 5 years old", "UPN", "UPNunknown", "PersonBirthDate", "ReferralNFA")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        if (child.PersonBirthDate is { } dob && dob < context.ReferenceDate.AddYears(-6))
        {
            UpnReason.Check(this, child, dob, issues);
        }
    }
}

/// <summary>
/// 8770Q from 2024-25: the same, for a child of school age, read as Data to Insight reads it: born on or before
/// 31 August six years before the 31 August that follows the reference date (2020-08-31 for 2025-26), so of
/// compulsory school age all census year. The published "greater than or equal to ReferenceDate minus 4 years"
/// cannot be meant literally (it would pick out the youngest children).
/// </summary>
public sealed class Rule8770QSchoolAge() : ChildRule("8770Q", "Please check and either amend data or provide a reason: UPN is missing or reason UPN is missing or is UN1 for a child who is of school age.", "UPN", "UPNunknown", "PersonBirthDate", "ReferralNFA")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        var cutOff = new DateOnly(context.ReferenceDate.Year - 6, 8, 31);
        if (child.PersonBirthDate is { } dob && dob <= cutOff)
        {
            UpnReason.Check(this, child, dob, issues);
        }
    }
}

internal static class UpnReason
{
    private static readonly HashSet<string> OverSchoolAgeReasons = ["UN2", "UN3", "UN4", "UN5", "UN6", "UN7"];

    public static void Check(CensusRule rule, CensusChild child, DateOnly dob, CensusIssueSink issues)
    {
        var furtherAction = child.CINdetails.Any(d => d.ReferralNFA == false);
        if (furtherAction && string.IsNullOrWhiteSpace(child.UPN) && !OverSchoolAgeReasons.Contains(child.UPNunknown?.Trim().ToUpperInvariant() ?? ""))
        {
            issues.Add(rule, child, Identifiers(child), ("UPN", child.UPN), ("UPNunknown", child.UPNunknown), ("PersonBirthDate", dob), ("ReferralNFA", false));
        }
    }
}

/// <summary>8772: if &lt;UPNunknown&gt; is UN7, every CINdetails module must have &lt;ReferralNFA&gt; true or 1.</summary>
public sealed class Rule8772() : ChildRule("8772", "UPN unknown reason is UN7 (Referral with no further action) but at least one CIN details is a referral going on to further action", "UPNunknown", "ReferralNFA")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        if (child.UPNunknown?.Trim() != "UN7")
        {
            return;
        }
        foreach (var cin in child.CINdetails.Where(d => d.ReferralNFA != true))
        {
            issues.Add(this, child, Cin(child, cin), ("UPNunknown", child.UPNunknown), ("ReferralNFA", cin.ReferralNFAText));
        }
    }
}

/// <summary>
/// 8775Q: a child born more than 25 years before the reference date whose episode closes more than 25 years
/// after birth, or is still open.
/// </summary>
public sealed class Rule8775Q() : ChildRule("8775Q", "Please check: Child is over 25 years old", "PersonBirthDate", "CINclosureDate")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        if (child.PersonBirthDate is not { } dob || dob >= context.ReferenceDate.AddYears(-25))
        {
            return;
        }
        foreach (var cin in child.CINdetails.Where(d => d.CINclosureDate is null || d.CINclosureDate > dob.AddYears(25)))
        {
            issues.Add(this, child, Cin(child, cin), ("PersonBirthDate", dob), ("CINclosureDate", cin.CINclosureDate));
        }
    }
}

/// <summary>8590: each child must have at least one CINdetails group.</summary>
public sealed class Rule8590() : ChildRule("8590", "Child does not have a recorded CIN episode.", "LAchildID")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        if (child.CINdetails.Count == 0)
        {
            issues.Add(this, child, child.Path, ("LAchildID", child.LAchildID));
        }
    }
}
