using static Hearth.Core.Returns.Census.Rules.CensusPaths;

namespace Hearth.Core.Returns.Census.Rules;

/// <summary>Base for rules checked once per CINPlanDates group.</summary>
public abstract class CinPlanRule(string code, string message, params string[] fields) : ChildRule(code, message, fields)
{
    public sealed override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        foreach (var cin in child.CINdetails)
        {
            foreach (var plan in cin.CINPlanDates)
            {
                Check(child, cin, plan, Plan(child, cin, plan), context, issues);
            }
        }
    }

    protected abstract void Check(CensusChild child, CinDetails cin, CinPlan plan, string path, CensusContext context, CensusIssueSink issues);
}

/// <summary>4000: a CINdetails with &lt;ReferralNFA&gt; true must have no CIN plan.</summary>
public sealed class Rule4000() : CinPlanRule("4000", "CIN Plan details provided for a referral with no further action", "ReferralNFA")
{
    protected override void Check(CensusChild child, CinDetails cin, CinPlan plan, string path, CensusContext context, CensusIssueSink issues)
    {
        if (cin.ReferralNFA == true)
        {
            issues.Add(this, child, path, ("ReferralNFA", cin.ReferralNFAText), ("CINPlanStartDate", plan.CINPlanStartDate));
        }
    }
}

/// <summary>4001: if an episode has a child protection plan with no end date, it must not also have a CIN plan with no end date.</summary>
public sealed class Rule4001() : ChildRule("4001", "A CIN Plan cannot run concurrently with a Child Protection Plan", "CINPlanEndDate", "CPPendDate")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        foreach (var cin in child.CINdetails)
        {
            var openCpp = cin.ChildProtectionPlans.FirstOrDefault(p => p.CPPendDate is null);
            if (openCpp is null)
            {
                continue;
            }
            foreach (var plan in cin.CINPlanDates.Where(p => p.CINPlanEndDate is null))
            {
                issues.Add(this, child, Plan(child, cin, plan), ("CINPlanStartDate", plan.CINPlanStartDate), ("CINPlanEndDate", null), ("CPPstartDate", openCpp.CPPstartDate), ("CPPendDate", null));
            }
        }
    }
}

/// <summary>
/// 4003: within an episode, no &lt;CPPreviewDate&gt; may fall on or after a CIN plan's start and before its end
/// (or on or before the reference date if the plan is open), unless the review date equals the CPP end date.
/// </summary>
public sealed class Rule4003() : ChildRule("4003", "A CPP review date is shown as being held at the same time as an open CIN Plan.", "CPPreviewDate", "CINPlanStartDate", "CINPlanEndDate")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        foreach (var cin in child.CINdetails)
        {
            foreach (var cpp in cin.ChildProtectionPlans)
            {
                foreach (var review in cpp.CPPreviewDates.OfType<DateOnly>())
                {
                    if (review == cpp.CPPendDate)
                    {
                        continue;
                    }
                    foreach (var plan in cin.CINPlanDates)
                    {
                        if (plan.CINPlanStartDate is { } start && review >= start
                            && (plan.CINPlanEndDate is { } end ? review < end : review <= context.ReferenceDate))
                        {
                            issues.Add(this, child, Cpp(child, cin, cpp) + "/Reviews", ("CPPreviewDate", review), ("CINPlanStartDate", start), ("CINPlanEndDate", plan.CINPlanEndDate));
                        }
                    }
                }
            }
        }
    }
}

/// <summary>4004: within an episode there must be only one CIN plan with no end date.</summary>
public sealed class Rule4004() : ChildRule("4004", "This child is showing more than one open CIN Plan, i.e. with no End Date", "CINPlanEndDate")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        foreach (var cin in child.CINdetails)
        {
            var open = cin.CINPlanDates.Where(p => p.CINPlanEndDate is null).ToList();
            if (open.Count > 1)
            {
                foreach (var plan in open)
                {
                    issues.Add(this, child, Plan(child, cin, plan), ("CINPlanStartDate", plan.CINPlanStartDate), ("CINPlanEndDate", null));
                }
            }
        }
    }
}

/// <summary>4008: if &lt;PersonDeathDate&gt; is present, &lt;CINPlanStartDate&gt; must be on or before it.</summary>
public sealed class Rule4008() : CinPlanRule("4008", "CIN Plan shown as starting after the child’s Date of Death.", "PersonDeathDate", "CINPlanStartDate")
{
    protected override void Check(CensusChild child, CinDetails cin, CinPlan plan, string path, CensusContext context, CensusIssueSink issues)
    {
        if (child.PersonDeathDate is { } death && plan.CINPlanStartDate > death)
        {
            issues.Add(this, child, path, ("CINPlanStartDate", plan.CINPlanStartDate), ("PersonDeathDate", death));
        }
    }
}

/// <summary>4009Q: if &lt;PersonDeathDate&gt; is present, &lt;CINPlanEndDate&gt; must be on or before it.</summary>
public sealed class Rule4009Q() : CinPlanRule("4009Q", "CIN Plan cannot end after the child’s Date of Death", "PersonDeathDate", "CINPlanEndDate")
{
    protected override void Check(CensusChild child, CinDetails cin, CinPlan plan, string path, CensusContext context, CensusIssueSink issues)
    {
        if (child.PersonDeathDate is { } death && plan.CINPlanEndDate > death)
        {
            issues.Add(this, child, path, ("CINPlanEndDate", plan.CINPlanEndDate), ("PersonDeathDate", death));
        }
    }
}

/// <summary>4010: where a CINPlanDates group is present, &lt;CINPlanStartDate&gt; must be present and on or before the reference date.</summary>
public sealed class Rule4010() : CinPlanRule("4010", "CIN Plan start date is missing or out of data collection period", "CINPlanStartDate")
{
    protected override void Check(CensusChild child, CinDetails cin, CinPlan plan, string path, CensusContext context, CensusIssueSink issues)
    {
        if (plan.CINPlanStartDate is null || plan.CINPlanStartDate > context.ReferenceDate)
        {
            issues.Add(this, child, path, ("CINPlanStartDate", plan.CINPlanStartDate));
        }
    }
}

/// <summary>4011: if present, &lt;CINPlanEndDate&gt; must be on or after &lt;CINPlanStartDate&gt;.</summary>
public sealed class Rule4011() : CinPlanRule("4011", "CIN Plan End Date earlier than Start Date", "CINPlanEndDate", "CINPlanStartDate")
{
    protected override void Check(CensusChild child, CinDetails cin, CinPlan plan, string path, CensusContext context, CensusIssueSink issues)
    {
        if (plan.CINPlanEndDate < plan.CINPlanStartDate)
        {
            issues.Add(this, child, path, ("CINPlanEndDate", plan.CINPlanEndDate), ("CINPlanStartDate", plan.CINPlanStartDate));
        }
    }
}

/// <summary>4012Q: &lt;CINPlanStartDate&gt; should not equal &lt;CINPlanEndDate&gt;.</summary>
public sealed class Rule4012Q() : CinPlanRule("4012Q", "CIN Plan shown as starting and ending on the same day - please check", "CINPlanStartDate", "CINPlanEndDate")
{
    protected override void Check(CensusChild child, CinDetails cin, CinPlan plan, string path, CensusContext context, CensusIssueSink issues)
    {
        if (plan.CINPlanStartDate is { } start && plan.CINPlanEndDate == start)
        {
            issues.Add(this, child, path, ("CINPlanStartDate", start), ("CINPlanEndDate", start));
        }
    }
}

/// <summary>4013: if present, &lt;CINPlanEndDate&gt; must be within the census period.</summary>
public sealed class Rule4013() : CinPlanRule("4013", "CIN Plan end date must fall within the census year", "CINPlanEndDate", "ReferenceDate")
{
    protected override void Check(CensusChild child, CinDetails cin, CinPlan plan, string path, CensusContext context, CensusIssueSink issues)
    {
        if (plan.CINPlanEndDate is { } end && !context.InCensusPeriod(end))
        {
            issues.Add(this, child, path, ("CINPlanEndDate", end), ("ReferenceDate", context.ReferenceDate));
        }
    }
}

/// <summary>
/// 4014: no CIN plan may start on or after another of the child's plans starts and on or before that plan ends
/// (or on or before the reference date if it has no end).
/// </summary>
public sealed class Rule4014() : ChildRule("4014", "CIN Plan data contains overlapping dates", "CINPlanStartDate", "CINPlanEndDate")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        var plans = child.CINdetails.SelectMany(cin => cin.CINPlanDates.Select(plan => (cin, plan))).ToList();
        if (plans.Count < 2)
        {
            return;
        }
        foreach (var (cin, plan) in plans)
        {
            if (plan.CINPlanStartDate is not { } start)
            {
                continue;
            }
            foreach (var (_, other) in plans)
            {
                if (ReferenceEquals(other, plan) || other.CINPlanStartDate is not { } otherStart || start < otherStart)
                {
                    continue;
                }
                if (other.CINPlanEndDate is { } otherEnd ? start <= otherEnd : start <= context.ReferenceDate)
                {
                    issues.Add(this, child, Plan(child, cin, plan), ("CINPlanStartDate", start), ("OtherCINPlanStartDate", otherStart), ("OtherCINPlanEndDate", other.CINPlanEndDate));
                }
            }
        }
    }
}

/// <summary>4015: where present, &lt;CINPlanStartDate&gt; must be on or after the episode's &lt;CINreferralDate&gt;.</summary>
public sealed class Rule4015() : CinPlanRule("4015", "The CIN Plan start date cannot be before the referral date", "CINPlanStartDate", "CINreferralDate")
{
    protected override void Check(CensusChild child, CinDetails cin, CinPlan plan, string path, CensusContext context, CensusIssueSink issues)
    {
        if (plan.CINPlanStartDate < cin.CINreferralDate)
        {
            issues.Add(this, child, path, ("CINPlanStartDate", plan.CINPlanStartDate), ("CINreferralDate", cin.CINreferralDate));
        }
    }
}

/// <summary>
/// 4016: a &lt;CINPlanStartDate&gt; cannot fall on or after any CPP start and before its end (or on or before the
/// reference date if the CPP is open); starting on the CPP end date is allowed.
/// </summary>
public sealed class Rule4016() : CinPlanRule("4016", "A CIN Plan has been reported as open at the same time as a Child Protection Plan.", "CINPlanStartDate", "CPPstartDate", "CPPendDate")
{
    protected override void Check(CensusChild child, CinDetails cin, CinPlan plan, string path, CensusContext context, CensusIssueSink issues)
    {
        if (plan.CINPlanStartDate is not { } start)
        {
            return;
        }
        foreach (var cpp in child.AllChildProtectionPlans)
        {
            if (cpp.CPPstartDate is { } cppStart && start >= cppStart && (cpp.CPPendDate is { } cppEnd ? start < cppEnd : start <= context.ReferenceDate))
            {
                issues.Add(this, child, path, ("CINPlanStartDate", start), ("CPPstartDate", cppStart), ("CPPendDate", cpp.CPPendDate));
            }
        }
    }
}

/// <summary>
/// 4017: a &lt;CPPstartDate&gt; cannot fall on or after any CIN plan start and before its end (or on or before the
/// reference date if the plan is open); starting on the CIN plan end date is allowed.
/// </summary>
public sealed class Rule4017() : ChildRule("4017", "A CIN Plan has been reported as open at the same time as a Child Protection Plan.", "CPPstartDate", "CINPlanStartDate", "CINPlanEndDate")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        foreach (var cin in child.CINdetails)
        {
            foreach (var cpp in cin.ChildProtectionPlans)
            {
                if (cpp.CPPstartDate is not { } cppStart)
                {
                    continue;
                }
                foreach (var plan in child.AllCinPlans)
                {
                    if (plan.CINPlanStartDate is { } start && cppStart >= start && (plan.CINPlanEndDate is { } end ? cppStart < end : cppStart <= context.ReferenceDate))
                    {
                        issues.Add(this, child, Cpp(child, cin, cpp), ("CPPstartDate", cppStart), ("CINPlanStartDate", start), ("CINPlanEndDate", plan.CINPlanEndDate));
                    }
                }
            }
        }
    }
}
