using static Hearth.Core.Returns.Census.Rules.CensusPaths;

namespace Hearth.Core.Returns.Census.Rules;

/// <summary>8568: &lt;ReferralNFA&gt; must be present and true, false, 1 or 0.</summary>
public sealed class Rule8568() : ChildRule("8568", "RNFA flag is missing or invalid", "ReferralNFA")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        foreach (var cin in child.CINdetails.Where(d => d.ReferralNFA is null))
        {
            issues.Add(this, child, Cin(child, cin), ("ReferralNFA", cin.ReferralNFAText));
        }
    }
}

/// <summary>8600: &lt;CINreferralDate&gt; must be present and on or before the reference date.</summary>
public sealed class Rule8600() : ChildRule("8600", "Child referral date missing or after data collection period", "CINreferralDate")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        foreach (var cin in child.CINdetails.Where(d => d.CINreferralDate is null || d.CINreferralDate > context.ReferenceDate))
        {
            issues.Add(this, child, Cin(child, cin), ("CINreferralDate", cin.CINreferralDate));
        }
    }
}

/// <summary>8555Q: if &lt;PersonDeathDate&gt; is present, &lt;CINreferralDate&gt; must be on or before it.</summary>
public sealed class Rule8555Q() : ChildRule("8555Q", "Child cannot be referred after its recorded date of death", "PersonDeathDate", "CINreferralDate")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        if (child.PersonDeathDate is not { } death)
        {
            return;
        }
        foreach (var cin in child.CINdetails.Where(d => d.CINreferralDate > death))
        {
            issues.Add(this, child, Cin(child, cin), ("CINreferralDate", cin.CINreferralDate), ("PersonDeathDate", death));
        }
    }
}

/// <summary>8585Q: if &lt;ReasonForClosure&gt; is RC2 (died), a valid &lt;PersonDeathDate&gt; must be present.</summary>
public sealed class Rule8585Q() : ChildRule("8585Q",
    "Please check and either amend or provide a reason: CIN episode shows Died as the Closure Reason, however child has no recorded Date of Death",
    "ReasonForClosure", "PersonDeathDate")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        if (child.PersonDeathDate is not null)
        {
            return;
        }
        foreach (var cin in child.CINdetails.Where(d => d.ReasonForClosure?.Trim() == "RC2"))
        {
            issues.Add(this, child, Cin(child, cin), ("ReasonForClosure", cin.ReasonForClosure), ("PersonDeathDate", null));
        }
    }
}

/// <summary>8606: &lt;CINreferralDate&gt; cannot be more than 280 days before &lt;PersonBirthDate&gt; or &lt;ExpectedPersonBirthDate&gt;.</summary>
public sealed class Rule8606() : ChildRule("8606", "Child referral date is more than 40 weeks before DOB or expected DOB", "CINreferralDate", "PersonBirthDate", "ExpectedPersonBirthDate")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        foreach (var cin in child.CINdetails)
        {
            if (cin.CINreferralDate is { } referral
                && ((child.PersonBirthDate is { } dob && referral < dob.AddDays(-280))
                    || (child.ExpectedPersonBirthDate is { } expected && referral < expected.AddDays(-280))))
            {
                issues.Add(this, child, Cin(child, cin), ("CINreferralDate", referral), ("PersonBirthDate", child.PersonBirthDate), ("ExpectedPersonBirthDate", child.ExpectedPersonBirthDate));
            }
        }
    }
}

/// <summary>8610: if &lt;ReferralNFA&gt; is false, &lt;PrimaryNeedCode&gt; must be present.</summary>
public sealed class Rule8610() : ChildRule("8610", "Primary Need code is missing for a referral which led to further action.", "ReferralNFA", "PrimaryNeedCode")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        foreach (var cin in child.CINdetails.Where(d => d.ReferralNFA == false && string.IsNullOrWhiteSpace(d.PrimaryNeedCode)))
        {
            issues.Add(this, child, Cin(child, cin), ("ReferralNFA", cin.ReferralNFAText), ("PrimaryNeedCode", cin.PrimaryNeedCode));
        }
    }
}

/// <summary>8650: if present, &lt;PrimaryNeedCode&gt; must be N0-N9.</summary>
public sealed class Rule8650() : ChildRule("8650", "Primary Need Code invalid (see Primary Need table in CIN census code set)", "PrimaryNeedCode")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        foreach (var cin in child.CINdetails.Where(d => d.PrimaryNeedCode is { } code && !CensusCodes.PrimaryNeed.Contains(code)))
        {
            issues.Add(this, child, Cin(child, cin), ("PrimaryNeedCode", cin.PrimaryNeedCode));
        }
    }
}

/// <summary>8620: if present, &lt;CINclosureDate&gt; must be within the census period.</summary>
public sealed class Rule8620() : ChildRule("8620", "CIN Closure Date present and does not fall within the Census year", "CINclosureDate")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        foreach (var cin in child.CINdetails.Where(d => d.CINclosureDate is { } closed && !context.InCensusPeriod(closed)))
        {
            issues.Add(this, child, Cin(child, cin), ("CINclosureDate", cin.CINclosureDate));
        }
    }
}

/// <summary>8630: if present, &lt;CINclosureDate&gt; must be on or after &lt;CINreferralDate&gt;.</summary>
public sealed class Rule8630() : ChildRule("8630", "CIN Closure Date is before CIN Referral Date for the same CIN episode", "CINreferralDate", "CINclosureDate")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        foreach (var cin in child.CINdetails.Where(d => d.CINclosureDate < d.CINreferralDate))
        {
            issues.Add(this, child, Cin(child, cin), ("CINreferralDate", cin.CINreferralDate), ("CINclosureDate", cin.CINclosureDate));
        }
    }
}

/// <summary>8640: if present, &lt;ReasonForClosure&gt; must be RC1-RC9.</summary>
public sealed class Rule8640() : ChildRule("8640", "CIN Reason for closure code invalid (see Reason for Closure table in CIN Census code set)", "ReasonForClosure")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        foreach (var cin in child.CINdetails.Where(d => d.ReasonForClosure is { } code && !CensusCodes.ReasonForClosure.Contains(code)))
        {
            issues.Add(this, child, Cin(child, cin), ("ReasonForClosure", cin.ReasonForClosure));
        }
    }
}

/// <summary>8805: if &lt;CINclosureDate&gt; is present, &lt;ReasonForClosure&gt; must be too.</summary>
public sealed class Rule8805() : ChildRule("8805", "A CIN case cannot have a CIN closure date without a Reason for Closure", "CINclosureDate", "ReasonForClosure")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        foreach (var cin in child.CINdetails.Where(d => d.CINclosureDate is not null && string.IsNullOrWhiteSpace(d.ReasonForClosure)))
        {
            issues.Add(this, child, Cin(child, cin), ("CINclosureDate", cin.CINclosureDate), ("ReasonForClosure", cin.ReasonForClosure));
        }
    }
}

/// <summary>8810: if &lt;ReasonForClosure&gt; is present, &lt;CINclosureDate&gt; must be too.</summary>
public sealed class Rule8810() : ChildRule("8810", "A CIN case cannot have a Reason for Closure without a CIN Closure Date", "ReasonForClosure", "CINclosureDate")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        foreach (var cin in child.CINdetails.Where(d => !string.IsNullOrWhiteSpace(d.ReasonForClosure) && d.CINclosureDate is null))
        {
            issues.Add(this, child, Cin(child, cin), ("ReasonForClosure", cin.ReasonForClosure), ("CINclosureDate", null));
        }
    }
}

/// <summary>8815: a child may have only one CINdetails with no &lt;CINclosureDate&gt; and &lt;ReferralNFA&gt; false.</summary>
public sealed class Rule8815() : ChildRule("8815", "More than one open CIN Details episode (a module with no CIN Closure Date) has been provided for this child and case is not a referral with no further action.", "CINclosureDate", "ReferralNFA")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        var open = child.CINdetails.Where(d => d.CINclosureDate is null && d.ReferralNFA == false).ToList();
        if (open.Count > 1)
        {
            foreach (var cin in open)
            {
                issues.Add(this, child, Cin(child, cin), ("CINreferralDate", cin.CINreferralDate), ("CINclosureDate", null), ("ReferralNFA", cin.ReferralNFAText));
            }
        }
    }
}

/// <summary>8816: an open CINdetails with &lt;ReferralNFA&gt; false must have the child's latest &lt;CINreferralDate&gt;.</summary>
public sealed class Rule8816() : ChildRule("8816", "An open CIN episode is shown and case is not a referral with no further action, but it is not the latest episode.", "CINreferralDate", "CINclosureDate", "ReferralNFA")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        var latest = child.CINdetails.Max(d => d.CINreferralDate);
        foreach (var cin in child.CINdetails.Where(d => d.CINclosureDate is null && d.ReferralNFA == false && d.CINreferralDate < latest))
        {
            issues.Add(this, child, Cin(child, cin), ("CINreferralDate", cin.CINreferralDate), ("LatestCINreferralDate", latest));
        }
    }
}

/// <summary>
/// 8820: with more than one CINdetails, no &lt;CINreferralDate&gt; may fall from another episode's referral date
/// up to (not including) its closure date, or up to the reference date if it is open and not NFA.
/// </summary>
public sealed class Rule8820() : ChildRule("8820", "The dates on the CIN episodes for this child overlap", "CINreferralDate", "CINclosureDate")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        if (child.CINdetails.Count < 2)
        {
            return;
        }
        foreach (var cin in child.CINdetails)
        {
            if (cin.CINreferralDate is not { } start)
            {
                continue;
            }
            foreach (var other in child.CINdetails)
            {
                if (ReferenceEquals(other, cin) || other.CINreferralDate is not { } otherStart || start < otherStart)
                {
                    continue;
                }
                var inside = other.CINclosureDate is { } otherEnd
                    ? start < otherEnd
                    : other.ReferralNFA == false && start <= context.ReferenceDate;
                if (inside)
                {
                    issues.Add(this, child, Cin(child, cin), ("CINreferralDate", start), ("OtherCINreferralDate", otherStart), ("OtherCINclosureDate", other.CINclosureDate));
                }
            }
        }
    }
}

/// <summary>
/// 8565: if &lt;CINclosureDate&gt; is present it must be on or after every assessment start and authorisation date,
/// section 47 start, initial conference date, CPP end date and CIN plan start and end date in the episode.
/// </summary>
public sealed class Rule8565() : ChildRule("8565", "Activity shown after a case has been closed", "CINclosureDate", "AssessmentActualStartDate", "AssessmentAuthorisationDate", "S47ActualStartDate", "DateOfInitialCPC", "CPPendDate", "CINPlanStartDate", "CINPlanEndDate")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        foreach (var cin in child.CINdetails)
        {
            if (cin.CINclosureDate is not { } closed)
            {
                continue;
            }
            var later = new List<(string Field, object? Value)>();
            void Consider(string field, DateOnly? date)
            {
                if (date > closed)
                {
                    later.Add((field, date));
                }
            }
            Consider("DateOfInitialCPC", cin.DateOfInitialCPC);
            foreach (var a in cin.Assessments)
            {
                Consider("AssessmentActualStartDate", a.AssessmentActualStartDate);
                Consider("AssessmentAuthorisationDate", a.AssessmentAuthorisationDate);
            }
            foreach (var s in cin.Section47)
            {
                Consider("S47ActualStartDate", s.S47ActualStartDate);
                Consider("DateOfInitialCPC", s.DateOfInitialCPC);
            }
            foreach (var p in cin.ChildProtectionPlans)
            {
                Consider("CPPendDate", p.CPPendDate);
            }
            foreach (var p in cin.CINPlanDates)
            {
                Consider("CINPlanStartDate", p.CINPlanStartDate);
                Consider("CINPlanEndDate", p.CINPlanEndDate);
            }
            if (later.Count > 0)
            {
                issues.Add(this, child, Cin(child, cin), [("CINclosureDate", closed), .. later]);
            }
        }
    }
}

/// <summary>8569Q: if &lt;CINreferralDate&gt; is before the working day before the census start, &lt;ReferralNFA&gt; must be false.</summary>
public sealed class Rule8569Q() : ChildRule("8569Q", "A case with referral date before one working day prior to the collection start date must not be flagged as a no further action case", "CINreferralDate", "ReferralNFA")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        foreach (var cin in child.CINdetails.Where(d => d.CINreferralDate < context.WorkingDayBeforeCensusStart && d.ReferralNFA == true))
        {
            issues.Add(this, child, Cin(child, cin), ("CINreferralDate", cin.CINreferralDate), ("ReferralNFA", cin.ReferralNFAText));
        }
    }
}

/// <summary>2884: within an episode, the initial conference date must not be recorded both on CINdetails and on a Section47.</summary>
public sealed class Rule2884() : ChildRule("2884", "An initial child protection conference is recorded at both the S47 and CIN Details level and it should only be recorded in one", "DateOfInitialCPC")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        foreach (var cin in child.CINdetails)
        {
            if (cin.DateOfInitialCPC is { } date && cin.Section47.Any(s => s.DateOfInitialCPC == date))
            {
                issues.Add(this, child, Cin(child, cin), ("DateOfInitialCPC", date));
            }
        }
    }
}

/// <summary>
/// 2990: a CINdetails with &lt;ReasonForClosure&gt; RC8 or RC9 (closed after assessment, with no further action or
/// referred to early help) cannot have Section47, ChildProtectionPlans, DateOfInitialCPC or CINPlanDates.
/// </summary>
public sealed class Rule2990() : ChildRule("2990", "Activity is recorded against a case marked as ‘Case closed after assessment, no further action’ or 'case closed after assessment, referred to early help'.", "ReasonForClosure", "DateOfInitialCPC")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        foreach (var cin in child.CINdetails.Where(d => d.ReasonForClosure is "RC8" or "RC9"))
        {
            var found = new List<(string Field, object? Value)>();
            if (cin.DateOfInitialCPC is { } icpc)
            {
                found.Add(("DateOfInitialCPC", icpc));
            }
            if (cin.Section47.Count > 0)
            {
                found.Add(("Section47", cin.Section47.Count));
            }
            if (cin.ChildProtectionPlans.Count > 0)
            {
                found.Add(("ChildProtectionPlans", cin.ChildProtectionPlans.Count));
            }
            if (cin.CINPlanDates.Count > 0)
            {
                found.Add(("CINPlanDates", cin.CINPlanDates.Count));
            }
            if (found.Count > 0)
            {
                issues.Add(this, child, Cin(child, cin), [("ReasonForClosure", cin.ReasonForClosure), .. found]);
            }
        }
    }
}

/// <summary>8825Q: if &lt;ReasonForClosure&gt; is RC8 or RC9, at least one Assessments group should be present.</summary>
public sealed class Rule8825Q() : ChildRule("8825Q", "Please check and either amend data or provide a reason: Reason for Closure code RC8 (case closed after assessment) or RC9 (case closed after assessment, referred to early help) has been returned but there is no assessment present for the episode.", "ReasonForClosure")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        foreach (var cin in child.CINdetails.Where(d => d.ReasonForClosure is "RC8" or "RC9" && d.Assessments.Count == 0))
        {
            issues.Add(this, child, Cin(child, cin), ("ReasonForClosure", cin.ReasonForClosure));
        }
    }
}

/// <summary>2991Q: an episode with a Section47 group should have an assessment.</summary>
public sealed class Rule2991Q() : ChildRule("2991Q", "Please check: A Section 47 module is recorded and there is no assessment on the episode", "Section47", "Assessments")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        foreach (var cin in child.CINdetails.Where(d => d.Section47.Count > 0 && d.Assessments.Count == 0))
        {
            issues.Add(this, child, Cin(child, cin), ("Section47", cin.Section47.Count), ("Assessments", 0));
        }
    }
}

/// <summary>
/// 8831: a CINdetails with &lt;ReferralNFA&gt; true cannot have an assessment start or authorisation date,
/// a section 47 start date or an initial conference date.
/// </summary>
public sealed class Rule8831() : ChildRule("8831", "Activity is recorded against a case marked as a referral with no further action", "ReferralNFA", "AssessmentActualStartDate", "AssessmentAuthorisationDate", "S47ActualStartDate", "DateOfInitialCPC")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        foreach (var cin in child.CINdetails.Where(d => d.ReferralNFA == true))
        {
            var found = new List<(string Field, object? Value)>();
            if (cin.DateOfInitialCPC is { } icpc)
            {
                found.Add(("DateOfInitialCPC", icpc));
            }
            foreach (var a in cin.Assessments)
            {
                if (a.AssessmentActualStartDate is { } start)
                {
                    found.Add(("AssessmentActualStartDate", start));
                }
                if (a.AssessmentAuthorisationDate is { } auth)
                {
                    found.Add(("AssessmentAuthorisationDate", auth));
                }
            }
            foreach (var s in cin.Section47)
            {
                if (s.S47ActualStartDate is { } start)
                {
                    found.Add(("S47ActualStartDate", start));
                }
                if (s.DateOfInitialCPC is { } date)
                {
                    found.Add(("DateOfInitialCPC", date));
                }
            }
            if (found.Count > 0)
            {
                issues.Add(this, child, Cin(child, cin), [("ReferralNFA", cin.ReferralNFAText), .. found]);
            }
        }
    }
}

/// <summary>8866: if &lt;CINreferralDate&gt; is on or after 1 April 2013, &lt;ReferralSource&gt; must be present and a valid code.</summary>
public sealed class Rule8866() : ChildRule("8866", "Source of Referral is missing or an invalid code", "CINreferralDate", "ReferralSource")
{
    private static readonly DateOnly From = new(2013, 4, 1);

    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        foreach (var cin in child.CINdetails.Where(d => d.CINreferralDate >= From && (d.ReferralSource is null || !CensusCodes.ReferralSource.Contains(d.ReferralSource))))
        {
            issues.Add(this, child, Cin(child, cin), ("CINreferralDate", cin.CINreferralDate), ("ReferralSource", cin.ReferralSource));
        }
    }
}

/// <summary>8867: if &lt;CINclosureDate&gt; is present, every assessment of the episode must have an authorisation date.</summary>
public sealed class Rule8867() : ChildRule("8867", "CIN episode is shown as closed, however Assessment is not shown as completed", "CINclosureDate", "AssessmentAuthorisationDate")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        foreach (var cin in child.CINdetails.Where(d => d.CINclosureDate is not null))
        {
            foreach (var a in cin.Assessments.Where(a => a.AssessmentAuthorisationDate is null))
            {
                issues.Add(this, child, Assessment(child, cin, a), ("CINclosureDate", cin.CINclosureDate), ("AssessmentAuthorisationDate", null));
            }
        }
    }
}

/// <summary>
/// 8868: if &lt;CINclosureDate&gt; is present, every Section47 of the episode must have a &lt;DateOfInitialCPC&gt;
/// or &lt;ICPCnotRequired&gt; true.
/// </summary>
public sealed class Rule8868() : ChildRule("8868", "CIN episode is shown as closed, however Section 47 enquiry is not shown as completed by ICPC date or ICPC not required flag", "CINclosureDate", "DateOfInitialCPC", "ICPCnotRequired")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        foreach (var cin in child.CINdetails.Where(d => d.CINclosureDate is not null))
        {
            foreach (var s in cin.Section47.Where(s => s.DateOfInitialCPC is null && s.ICPCnotRequired != true))
            {
                issues.Add(this, child, S47(child, cin, s), ("CINclosureDate", cin.CINclosureDate), ("DateOfInitialCPC", null), ("ICPCnotRequired", s.ICPCnotRequiredText));
            }
        }
    }
}

/// <summary>
/// 8873Q: "Within a &lt;CINDetails&gt; group, if there is only one &lt;Assessment&gt; group present and
/// &lt;AssessmentFactors&gt; = 21, &lt;ReasonForClosure&gt; should = RC8 or RC9". The DfE's query replaced the error 8873
/// (which allowed RC8 only). The condition does not ask for the episode to be closed, so an open episode (no reason yet)
/// with a lone no-factors assessment is queried too, as Data to Insight does.
/// </summary>
public sealed class Rule8873Q() : ChildRule("8873Q", "Please check and either amend data or provide a reason: When there is only one assessment on the episode and the factors code “21 No factors identified” has been used for the completed assessment, the reason for closure ‘RC8’ or 'RC9' should be used.", "AssessmentFactors", "ReasonForClosure")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        foreach (var cin in child.CINdetails)
        {
            if (cin.Assessments.Count == 1 && cin.Assessments[0].AssessmentFactors.Any(f => f?.Trim() == "21")
                && cin.ReasonForClosure is not ("RC8" or "RC9"))
            {
                issues.Add(this, child, Cin(child, cin), ("AssessmentFactors", string.Join(",", cin.Assessments[0].AssessmentFactors)), ("ReasonForClosure", cin.ReasonForClosure));
            }
        }
    }
}
