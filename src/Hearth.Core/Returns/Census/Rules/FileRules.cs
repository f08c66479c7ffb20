using static Hearth.Core.Returns.Census.Rules.CensusPaths;

namespace Hearth.Core.Returns.Census.Rules;

/// <summary>100: the header's &lt;ReferenceDate&gt; must be present and equal 31 March of the collection year.</summary>
public sealed class Rule100() : FileRule("100", "Reference Date is incorrect", "ReferenceDate")
{
    public override void Check(CensusFile file, CensusContext context, CensusIssueSink issues)
    {
        if (file.Header.ReferenceDate != context.ReferenceDate)
        {
            issues.Add(this, null, "Message/Header/CollectionDetails/ReferenceDate",
                ("ReferenceDate", file.Header.ReferenceDateText), ("Expected", context.ReferenceDate));
        }
    }
}

/// <summary>8510: each &lt;LAchildID&gt; must be unique in the return; every child sharing one is reported.</summary>
public sealed class Rule8510() : FileRule("8510", "More than one child record with the same LA Child ID", "LAchildID")
{
    public override void Check(CensusFile file, CensusContext context, CensusIssueSink issues)
    {
        foreach (var group in file.Children.Where(c => !string.IsNullOrWhiteSpace(c.LAchildID)).GroupBy(c => c.LAchildID, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            foreach (var child in group)
            {
                issues.Add(this, child, Identifiers(child), ("LAchildID", child.LAchildID));
            }
        }
    }
}

/// <summary>1520: each &lt;UPN&gt; must be unique across the return; every child sharing one is reported.</summary>
public sealed class Rule1520() : FileRule("1520", "More than one record with the same UPN", "UPN")
{
    public override void Check(CensusFile file, CensusContext context, CensusIssueSink issues)
    {
        foreach (var group in file.Children.Where(c => !string.IsNullOrWhiteSpace(c.UPN)).GroupBy(c => c.UPN, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            foreach (var child in group)
            {
                issues.Add(this, child, Identifiers(child), ("UPN", child.UPN));
            }
        }
    }
}

/// <summary>
/// 2883 (LA level): the number of CPP start dates within the census period must not exceed the number of initial
/// conference dates within it, on CINdetails and Section47 together.
/// </summary>
public sealed class Rule2883() : FileRule("2883", "There are more child protection plans starting than initial conferences taking place", "CPPstartDate", "DateOfInitialCPC")
{
    public override void Check(CensusFile file, CensusContext context, CensusIssueSink issues)
    {
        int starts = 0, conferences = 0;
        foreach (var cin in file.Children.SelectMany(c => c.CINdetails))
        {
            starts += cin.ChildProtectionPlans.Count(p => p.CPPstartDate is { } d && context.InCensusPeriod(d));
            conferences += cin.DateOfInitialCPC is { } own && context.InCensusPeriod(own) ? 1 : 0;
            conferences += cin.Section47.Count(s => s.DateOfInitialCPC is { } d && context.InCensusPeriod(d));
        }
        if (starts > conferences)
        {
            issues.Add(this, null, null, ("CPPstartDate count", starts), ("DateOfInitialCPC count", conferences));
        }
    }
}

/// <summary>
/// 2886Q (LA level): children with no gender (up to 2023-24: GenderCurrent 0 or missing) or no sex (from 2024-25:
/// Sex U or missing), excluding unborn children, should be no more than 2% of child records.
/// </summary>
public sealed class Rule2886Q : FileRule
{
    private readonly Func<CensusChild, bool> _unrecorded;
    private readonly string _field;

    private Rule2886Q(string message, string field, Func<CensusChild, bool> unrecorded) : base("2886Q", message, field, "ExpectedPersonBirthDate")
    {
        _field = field;
        _unrecorded = unrecorded;
    }

    public static Rule2886Q Gender() => new("Please check: Percentage of children with no gender recorded is more than 2% (excluding unborns)", "GenderCurrent",
        c => string.IsNullOrWhiteSpace(c.GenderCurrent) || c.GenderCurrent.Trim() == "0");

    public static Rule2886Q Sex() => new("Please check and either amend or provide a reason: Percentage of children with no sex recorded is more than 2% (excluding unborns)", "Sex",
        c => string.IsNullOrWhiteSpace(c.Sex) || c.Sex.Trim() == "U");

    public override void Check(CensusFile file, CensusContext context, CensusIssueSink issues)
    {
        if (file.Children.Count == 0)
        {
            return;
        }
        var unrecorded = file.Children.Count(c => _unrecorded(c) && c.ExpectedPersonBirthDate is null);
        if (unrecorded * 50 > file.Children.Count)
        {
            issues.Add(this, null, null, ($"{_field} not recorded", unrecorded), ("Children", file.Children.Count));
        }
    }
}

/// <summary>2887Q (LA level): excluding NONE, the return should use more than 7 different disability codes.</summary>
public sealed class Rule2887Q() : FileRule("2887Q", "Please check and either amend or provide a reason: Less than 8 disability codes have been used in your return", "Disability")
{
    public override void Check(CensusFile file, CensusContext context, CensusIssueSink issues)
    {
        var used = file.Children.SelectMany(c => c.Disabilities).Where(d => !string.IsNullOrWhiteSpace(d) && d != "NONE").Distinct().Count();
        if (used <= 7)
        {
            issues.Add(this, null, null, ("Disability codes used", used));
        }
    }
}

/// <summary>
/// 2888Q (LA level): excluding NONE, at least one child with a disability should have more than one recorded.
/// Not raised when no child has a disability recorded at all.
/// </summary>
public sealed class Rule2888Q() : FileRule("2888Q", "Please check: Only one disability code is recorded per child and multiple disabilities should be recorded where possible.", "Disability")
{
    public override void Check(CensusFile file, CensusContext context, CensusIssueSink issues)
    {
        var counts = file.Children.Select(c => c.Disabilities.Count(d => !string.IsNullOrWhiteSpace(d) && d != "NONE")).Where(n => n > 0).ToList();
        if (counts.Count > 0 && counts.Max() <= 1)
        {
            issues.Add(this, null, null, ("Children with a disability", counts.Count));
        }
    }
}
