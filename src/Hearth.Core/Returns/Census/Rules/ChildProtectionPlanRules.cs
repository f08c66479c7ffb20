using static Hearth.Core.Returns.Census.Rules.CensusPaths;

namespace Hearth.Core.Returns.Census.Rules;

/// <summary>Base for rules checked once per ChildProtectionPlans group.</summary>
public abstract class CppRule(string code, string message, params string[] fields) : ChildRule(code, message, fields)
{
    public sealed override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        foreach (var cin in child.CINdetails)
        {
            foreach (var cpp in cin.ChildProtectionPlans)
            {
                Check(child, cin, cpp, Cpp(child, cin, cpp), context, issues);
            }
        }
    }

    protected abstract void Check(CensusChild child, CinDetails cin, ChildProtectionPlan cpp, string path, CensusContext context, CensusIssueSink issues);
}

/// <summary>1105: where present, &lt;CPPstartDate&gt; must be on or after &lt;CINreferralDate&gt;.</summary>
public sealed class Rule1105() : CppRule("1105", "The child protection plan start date cannot be before the referral date", "CPPstartDate", "CINreferralDate")
{
    protected override void Check(CensusChild child, CinDetails cin, ChildProtectionPlan cpp, string path, CensusContext context, CensusIssueSink issues)
    {
        if (cpp.CPPstartDate < cin.CINreferralDate)
        {
            issues.Add(this, child, path, ("CPPstartDate", cpp.CPPstartDate), ("CINreferralDate", cin.CINreferralDate));
        }
    }
}

/// <summary>
/// 2885: a &lt;CPPstartDate&gt; within the census period should equal a Section47 &lt;DateOfInitialCPC&gt; of the
/// same episode, or the episode's own &lt;DateOfInitialCPC&gt;.
/// </summary>
public sealed class Rule2885() : CppRule("2885", "Child protection plan shown as starting a different day to the initial child protection conference.", "CPPstartDate", "DateOfInitialCPC")
{
    protected override void Check(CensusChild child, CinDetails cin, ChildProtectionPlan cpp, string path, CensusContext context, CensusIssueSink issues)
    {
        if (cpp.CPPstartDate is not { } start || !context.InCensusPeriod(start))
        {
            return;
        }
        if (cin.DateOfInitialCPC != start && !cin.Section47.Any(s => s.DateOfInitialCPC == start))
        {
            var s47Dates = string.Join(",", cin.Section47.Select(s => CensusIssueSink.Format(s.DateOfInitialCPC)).Where(d => d.Length > 0));
            issues.Add(this, child, path, ("CPPstartDate", start), ("DateOfInitialCPC", cin.DateOfInitialCPC), ("Section47/DateOfInitialCPC", s47Dates));
        }
    }
}

/// <summary>8720: where a CPP group is present, &lt;CPPstartDate&gt; must be present and on or before the reference date.</summary>
public sealed class Rule8720() : CppRule("8720", "Child Protection Plan Start Date missing or out of data collection period", "CPPstartDate", "ReferenceDate")
{
    protected override void Check(CensusChild child, CinDetails cin, ChildProtectionPlan cpp, string path, CensusContext context, CensusIssueSink issues)
    {
        if (cpp.CPPstartDate is null || cpp.CPPstartDate > context.ReferenceDate)
        {
            issues.Add(this, child, path, ("CPPstartDate", cpp.CPPstartDate), ("ReferenceDate", context.ReferenceDate));
        }
    }
}

/// <summary>8730: where a CPP group is present, &lt;NumberOfPreviousCPP&gt; must be a whole number of zero or more.</summary>
public sealed class Rule8730() : CppRule("8730", "Total Number of previous Child Protection Plans missing", "NumberOfPreviousCPP")
{
    protected override void Check(CensusChild child, CinDetails cin, ChildProtectionPlan cpp, string path, CensusContext context, CensusIssueSink issues)
    {
        if (cpp.NumberOfPreviousCPP is null or < 0)
        {
            issues.Add(this, child, path, ("NumberOfPreviousCPP", cpp.NumberOfPreviousCPPText));
        }
    }
}

/// <summary>8832: a CINdetails with &lt;ReferralNFA&gt; true should have no ChildProtectionPlans group.</summary>
public sealed class Rule8832() : CppRule("8832", "Child Protection details provided for a referral with no further action.", "ReferralNFA")
{
    protected override void Check(CensusChild child, CinDetails cin, ChildProtectionPlan cpp, string path, CensusContext context, CensusIssueSink issues)
    {
        if (cin.ReferralNFA == true)
        {
            issues.Add(this, child, path, ("ReferralNFA", cin.ReferralNFAText), ("CPPstartDate", cpp.CPPstartDate));
        }
    }
}

/// <summary>8840: a child protection plan cannot start and end on the same day.</summary>
public sealed class Rule8840() : CppRule("8840", "Child Protection Plan cannot start and end on the same day", "CPPstartDate", "CPPendDate")
{
    protected override void Check(CensusChild child, CinDetails cin, ChildProtectionPlan cpp, string path, CensusContext context, CensusIssueSink issues)
    {
        if (cpp.CPPstartDate is { } start && cpp.CPPendDate == start)
        {
            issues.Add(this, child, path, ("CPPstartDate", start), ("CPPendDate", start));
        }
    }
}

/// <summary>8841: no &lt;CPPreviewDate&gt; may be on or before its plan's &lt;CPPstartDate&gt;.</summary>
public sealed class Rule8841() : CppRule("8841", "The review date cannot be on the same day or before the Child protection Plan start date.", "CPPstartDate", "CPPreviewDate")
{
    protected override void Check(CensusChild child, CinDetails cin, ChildProtectionPlan cpp, string path, CensusContext context, CensusIssueSink issues)
    {
        if (cpp.CPPstartDate is not { } start)
        {
            return;
        }
        foreach (var review in cpp.CPPreviewDates.Where(r => r <= start))
        {
            issues.Add(this, child, path + "/Reviews", ("CPPstartDate", start), ("CPPreviewDate", review));
        }
    }
}

/// <summary>8842Q: a Reviews group should hold a valid &lt;CPPreviewDate&gt;.</summary>
public sealed class Rule8842Q() : CppRule("8842Q", "Please check: Review Record has a missing date", "CPPreviewDate")
{
    protected override void Check(CensusChild child, CinDetails cin, ChildProtectionPlan cpp, string path, CensusContext context, CensusIssueSink issues)
    {
        if (cpp.CPPreviewDates.Any(r => r is null))
        {
            issues.Add(this, child, path + "/Reviews", ("CPPreviewDate", null));
        }
    }
}

/// <summary>8925: if present, &lt;CPPendDate&gt; must be on or after &lt;CPPstartDate&gt;.</summary>
public sealed class Rule8925() : CppRule("8925", "Child Protection Plan End Date earlier than Start Date", "CPPstartDate", "CPPendDate")
{
    protected override void Check(CensusChild child, CinDetails cin, ChildProtectionPlan cpp, string path, CensusContext context, CensusIssueSink issues)
    {
        if (cpp.CPPendDate < cpp.CPPstartDate)
        {
            issues.Add(this, child, path, ("CPPstartDate", cpp.CPPstartDate), ("CPPendDate", cpp.CPPendDate));
        }
    }
}

/// <summary>8905: where a CPP group is present, &lt;InitialCategoryOfAbuse&gt; must be present and a valid code.</summary>
public sealed class Rule8905() : CppRule("8905", "Initial Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census code set)", "InitialCategoryOfAbuse")
{
    protected override void Check(CensusChild child, CinDetails cin, ChildProtectionPlan cpp, string path, CensusContext context, CensusIssueSink issues)
    {
        if (cpp.InitialCategoryOfAbuse is null || !CensusCodes.CategoryOfAbuse.Contains(cpp.InitialCategoryOfAbuse))
        {
            issues.Add(this, child, path, ("InitialCategoryOfAbuse", cpp.InitialCategoryOfAbuse));
        }
    }
}

/// <summary>8910: where a CPP group is present, &lt;LatestCategoryOfAbuse&gt; must be present and a valid code.</summary>
public sealed class Rule8910() : CppRule("8910", "Latest Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census code set)", "LatestCategoryOfAbuse")
{
    protected override void Check(CensusChild child, CinDetails cin, ChildProtectionPlan cpp, string path, CensusContext context, CensusIssueSink issues)
    {
        if (cpp.LatestCategoryOfAbuse is null || !CensusCodes.CategoryOfAbuse.Contains(cpp.LatestCategoryOfAbuse))
        {
            issues.Add(this, child, path, ("LatestCategoryOfAbuse", cpp.LatestCategoryOfAbuse));
        }
    }
}

/// <summary>8915: if &lt;PersonDeathDate&gt; is present, &lt;CPPstartDate&gt; must be on or before it.</summary>
public sealed class Rule8915() : CppRule("8915", "Child Protection Plan shown as starting after the child’s Date of Death", "CPPstartDate", "PersonDeathDate")
{
    protected override void Check(CensusChild child, CinDetails cin, ChildProtectionPlan cpp, string path, CensusContext context, CensusIssueSink issues)
    {
        if (child.PersonDeathDate is { } death && cpp.CPPstartDate > death)
        {
            issues.Add(this, child, path, ("CPPstartDate", cpp.CPPstartDate), ("PersonDeathDate", death));
        }
    }
}

/// <summary>8920: if &lt;PersonDeathDate&gt; is present, &lt;CPPendDate&gt; must be on or before it.</summary>
public sealed class Rule8920() : CppRule("8920", "Child Protection Plan cannot end after the child’s Date of Death", "PersonDeathDate", "CPPendDate")
{
    protected override void Check(CensusChild child, CinDetails cin, ChildProtectionPlan cpp, string path, CensusContext context, CensusIssueSink issues)
    {
        if (child.PersonDeathDate is { } death && cpp.CPPendDate > death)
        {
            issues.Add(this, child, path, ("CPPendDate", cpp.CPPendDate), ("PersonDeathDate", death));
        }
    }
}

/// <summary>8930: if present, &lt;CPPendDate&gt; must be within the census period.</summary>
public sealed class Rule8930() : CppRule("8930", "Child Protection Plan End Date must fall within the census year", "CPPendDate", "ReferenceDate")
{
    protected override void Check(CensusChild child, CinDetails cin, ChildProtectionPlan cpp, string path, CensusContext context, CensusIssueSink issues)
    {
        if (cpp.CPPendDate is { } end && !context.InCensusPeriod(end))
        {
            issues.Add(this, child, path, ("CPPendDate", end), ("ReferenceDate", context.ReferenceDate));
        }
    }
}

/// <summary>8935: a child may have only one child protection plan with no &lt;CPPendDate&gt;.</summary>
public sealed class Rule8935() : ChildRule("8935", "This child is showing more than one open Child Protection plan, i.e. with no End Date", "CPPendDate")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        var open = child.CINdetails.SelectMany(cin => cin.ChildProtectionPlans.Where(p => p.CPPendDate is null).Select(p => (cin, p))).ToList();
        if (open.Count > 1)
        {
            foreach (var (cin, cpp) in open)
            {
                issues.Add(this, child, Cpp(child, cin, cpp), ("CPPstartDate", cpp.CPPstartDate), ("CPPendDate", null));
            }
        }
    }
}

/// <summary>
/// 8940: no child protection plan may start on or after another of the child's plans starts and on or before that
/// plan ends (or on or before the reference date if it has no end).
/// </summary>
public sealed class Rule8940() : ChildRule("8940", "Child Protection Plan data contains overlapping dates", "CPPstartDate", "CPPendDate")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        var plans = child.CINdetails.SelectMany(cin => cin.ChildProtectionPlans.Select(p => (cin, p))).ToList();
        if (plans.Count < 2)
        {
            return;
        }
        foreach (var (cin, cpp) in plans)
        {
            if (cpp.CPPstartDate is not { } start)
            {
                continue;
            }
            foreach (var (_, other) in plans)
            {
                if (ReferenceEquals(other, cpp) || other.CPPstartDate is not { } otherStart || start < otherStart)
                {
                    continue;
                }
                if (start <= (other.CPPendDate ?? context.ReferenceDate))
                {
                    issues.Add(this, child, Cpp(child, cin, cpp), ("CPPstartDate", start), ("OtherCPPstartDate", otherStart), ("OtherCPPendDate", other.CPPendDate));
                }
            }
        }
    }
}
