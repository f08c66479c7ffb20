using static Hearth.Core.Returns.Census.Rules.CensusPaths;

namespace Hearth.Core.Returns.Census.Rules;

/// <summary>Base for rules checked once per Section47 group.</summary>
public abstract class Section47Rule(string code, string message, params string[] fields) : ChildRule(code, message, fields)
{
    public sealed override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        foreach (var cin in child.CINdetails)
        {
            foreach (var s47 in cin.Section47)
            {
                Check(child, cin, s47, S47(child, cin, s47), context, issues);
            }
        }
    }

    protected abstract void Check(CensusChild child, CinDetails cin, Section47 s47, string path, CensusContext context, CensusIssueSink issues);
}

/// <summary>1104: where present, the Section47 &lt;DateOfInitialCPC&gt; must be on or after &lt;CINreferralDate&gt;.</summary>
public sealed class Rule1104() : Section47Rule("1104", "The date of the initial child protection conference cannot be before the referral date", "CINreferralDate", "DateOfInitialCPC")
{
    protected override void Check(CensusChild child, CinDetails cin, Section47 s, string path, CensusContext context, CensusIssueSink issues)
    {
        if (s.DateOfInitialCPC < cin.CINreferralDate)
        {
            issues.Add(this, child, path, ("DateOfInitialCPC", s.DateOfInitialCPC), ("CINreferralDate", cin.CINreferralDate));
        }
    }
}

/// <summary>2889: where present, &lt;S47ActualStartDate&gt; must be on or after &lt;CINreferralDate&gt;.</summary>
public sealed class Rule2889() : Section47Rule("2889", "The S47 start date cannot be before the referral date.", "S47ActualStartDate", "CINreferralDate")
{
    protected override void Check(CensusChild child, CinDetails cin, Section47 s, string path, CensusContext context, CensusIssueSink issues)
    {
        if (s.S47ActualStartDate < cin.CINreferralDate)
        {
            issues.Add(this, child, path, ("S47ActualStartDate", s.S47ActualStartDate), ("CINreferralDate", cin.CINreferralDate));
        }
    }
}

/// <summary>8615: if &lt;DateOfInitialCPC&gt; is present, &lt;S47ActualStartDate&gt; must be present and on or before it.</summary>
public sealed class Rule8615() : Section47Rule("8615", "Section 47 Enquiry Start Date must be present and cannot be later than the date of the initial Child Protection Conference", "S47ActualStartDate", "DateOfInitialCPC")
{
    protected override void Check(CensusChild child, CinDetails cin, Section47 s, string path, CensusContext context, CensusIssueSink issues)
    {
        if (s.DateOfInitialCPC is { } icpc && (s.S47ActualStartDate is null || s.S47ActualStartDate > icpc))
        {
            issues.Add(this, child, path, ("S47ActualStartDate", s.S47ActualStartDate), ("DateOfInitialCPC", icpc));
        }
    }
}

/// <summary>
/// 8675Q: if &lt;DateOfInitialCPC&gt; is not present and &lt;ICPCnotRequired&gt; is false, &lt;S47ActualStartDate&gt;
/// should not be before the reference date minus 15 working days.
/// </summary>
public sealed class Rule8675Q() : Section47Rule("8675Q", "Please check: S47 Enquiry started more than 15 working days before the end of the census year. However, there is no date of Initial Child Protection Conference.", "S47ActualStartDate", "DateOfInitialCPC", "ICPCnotRequired")
{
    protected override void Check(CensusChild child, CinDetails cin, Section47 s, string path, CensusContext context, CensusIssueSink issues)
    {
        if (s.DateOfInitialCPC is null && s.ICPCnotRequired == false && s.S47ActualStartDate < context.FifteenWorkingDaysBack)
        {
            issues.Add(this, child, path, ("S47ActualStartDate", s.S47ActualStartDate), ("DateOfInitialCPC", null), ("ICPCnotRequired", s.ICPCnotRequiredText), ("ReferenceDateMinus15WorkingDays", context.FifteenWorkingDaysBack));
        }
    }
}

/// <summary>8715: if present, the Section47 &lt;DateOfInitialCPC&gt; must be within the census period.</summary>
public sealed class Rule8715() : Section47Rule("8715", "Date of Initial Child Protection Conference must fall within the census year", "DateOfInitialCPC")
{
    protected override void Check(CensusChild child, CinDetails cin, Section47 s, string path, CensusContext context, CensusIssueSink issues)
    {
        if (s.DateOfInitialCPC is { } icpc && !context.InCensusPeriod(icpc))
        {
            issues.Add(this, child, path, ("DateOfInitialCPC", icpc));
        }
    }
}

/// <summary>
/// 8740: a Section47 with no &lt;DateOfInitialCPC&gt; and &lt;ICPCnotRequired&gt; false must have its
/// &lt;S47ActualStartDate&gt; within the census period.
/// </summary>
public sealed class Rule8740() : Section47Rule("8740", "For a Section 47 Enquiry that has not held the Initial Child Protection Conference by the end of the census year, the start date must fall within the census year", "S47ActualStartDate", "DateOfInitialCPC", "ICPCnotRequired")
{
    protected override void Check(CensusChild child, CinDetails cin, Section47 s, string path, CensusContext context, CensusIssueSink issues)
    {
        if (s.DateOfInitialCPC is null && s.ICPCnotRequired == false && s.S47ActualStartDate is { } start && !context.InCensusPeriod(start))
        {
            issues.Add(this, child, path, ("S47ActualStartDate", start), ("DateOfInitialCPC", null), ("ICPCnotRequired", s.ICPCnotRequiredText));
        }
    }
}

/// <summary>
/// 8839: within an episode only one Section47 may have no &lt;DateOfInitialCPC&gt; while &lt;ICPCnotRequired&gt; is not true.
/// </summary>
public sealed class Rule8839() : ChildRule("8839", "Within one CINDetails group there are 2 or more open S47 Assessments", "DateOfInitialCPC", "ICPCnotRequired")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        foreach (var cin in child.CINdetails)
        {
            var open = cin.Section47.Where(s => s.DateOfInitialCPC is null && s.ICPCnotRequired != true).ToList();
            if (open.Count > 1)
            {
                foreach (var s in open)
                {
                    issues.Add(this, child, S47(child, cin, s), ("S47ActualStartDate", s.S47ActualStartDate), ("DateOfInitialCPC", null), ("ICPCnotRequired", s.ICPCnotRequiredText));
                }
            }
        }
    }
}

/// <summary>8870Q: where present, &lt;InitialCPCtarget&gt; should not be a Saturday or Sunday.</summary>
public sealed class Rule8870Q() : Section47Rule("8870Q", "Please check: The Target Date for Initial Child Protection Conference should not be a weekend", "InitialCPCtarget")
{
    protected override void Check(CensusChild child, CinDetails cin, Section47 s, string path, CensusContext context, CensusIssueSink issues)
    {
        if (s.InitialCPCtarget is { DayOfWeek: DayOfWeek.Saturday or DayOfWeek.Sunday } target)
        {
            issues.Add(this, child, path, ("InitialCPCtarget", target), ("DayOfWeek", target.DayOfWeek.ToString()));
        }
    }
}

/// <summary>
/// 8890: within an episode, no S47 enquiry may start on or between another's start and initial conference date,
/// or on or after another's start (up to the reference date) when that one has no conference and
/// &lt;ICPCnotRequired&gt; is not true.
/// </summary>
public sealed class Rule8890() : ChildRule("8890", "A Section 47 enquiry is shown as starting when there is another Section 47 Enquiry ongoing", "S47ActualStartDate", "DateOfInitialCPC", "ICPCnotRequired")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        foreach (var cin in child.CINdetails.Where(d => d.Section47.Count > 1))
        {
            foreach (var s in cin.Section47)
            {
                if (s.S47ActualStartDate is not { } start)
                {
                    continue;
                }
                foreach (var other in cin.Section47)
                {
                    if (ReferenceEquals(other, s) || other.S47ActualStartDate is not { } otherStart || start < otherStart)
                    {
                        continue;
                    }
                    var ongoing = other.DateOfInitialCPC is { } icpc
                        ? start <= icpc
                        : other.ICPCnotRequired != true && start <= context.ReferenceDate;
                    if (ongoing)
                    {
                        issues.Add(this, child, S47(child, cin, s), ("S47ActualStartDate", start), ("OtherS47ActualStartDate", otherStart), ("OtherDateOfInitialCPC", other.DateOfInitialCPC));
                    }
                }
            }
        }
    }
}

/// <summary>8875: where present, the Section47 &lt;DateOfInitialCPC&gt; must not be a Saturday or Sunday.</summary>
public sealed class Rule8875() : Section47Rule("8875", "The Date of Initial Child Protection Conference cannot be a weekend", "DateOfInitialCPC")
{
    protected override void Check(CensusChild child, CinDetails cin, Section47 s, string path, CensusContext context, CensusIssueSink issues)
    {
        if (s.DateOfInitialCPC is { DayOfWeek: DayOfWeek.Saturday or DayOfWeek.Sunday } icpc)
        {
            issues.Add(this, child, path, ("DateOfInitialCPC", icpc), ("DayOfWeek", icpc.DayOfWeek.ToString()));
        }
    }
}
