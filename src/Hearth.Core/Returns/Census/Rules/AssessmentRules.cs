using static Hearth.Core.Returns.Census.Rules.CensusPaths;

namespace Hearth.Core.Returns.Census.Rules;

/// <summary>Base for rules checked once per Assessments group.</summary>
public abstract class AssessmentRule(string code, string message, params string[] fields) : ChildRule(code, message, fields)
{
    public sealed override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        foreach (var cin in child.CINdetails)
        {
            foreach (var assessment in cin.Assessments)
            {
                Check(child, cin, assessment, Assessment(child, cin, assessment), context, issues);
            }
        }
    }

    protected abstract void Check(CensusChild child, CinDetails cin, Assessment assessment, string path, CensusContext context, CensusIssueSink issues);
}

/// <summary>1103: where present, &lt;AssessmentActualStartDate&gt; must be on or after &lt;CINreferralDate&gt;.</summary>
public sealed class Rule1103() : AssessmentRule("1103", "The assessment start date cannot be before the referral date", "AssessmentActualStartDate", "CINreferralDate")
{
    protected override void Check(CensusChild child, CinDetails cin, Assessment a, string path, CensusContext context, CensusIssueSink issues)
    {
        if (a.AssessmentActualStartDate < cin.CINreferralDate)
        {
            issues.Add(this, child, path, ("AssessmentActualStartDate", a.AssessmentActualStartDate), ("CINreferralDate", cin.CINreferralDate));
        }
    }
}

/// <summary>8608: if present, &lt;AssessmentAuthorisationDate&gt; must be on or after &lt;AssessmentActualStartDate&gt;.</summary>
public sealed class Rule8608() : AssessmentRule("8608", "Assessment Start Date cannot be later than its End Date", "AssessmentActualStartDate", "AssessmentAuthorisationDate")
{
    protected override void Check(CensusChild child, CinDetails cin, Assessment a, string path, CensusContext context, CensusIssueSink issues)
    {
        if (a.AssessmentActualStartDate > a.AssessmentAuthorisationDate)
        {
            issues.Add(this, child, path, ("AssessmentActualStartDate", a.AssessmentActualStartDate), ("AssessmentAuthorisationDate", a.AssessmentAuthorisationDate));
        }
    }
}

/// <summary>8614: if &lt;AssessmentAuthorisationDate&gt; is missing, &lt;AssessmentFactors&gt; must be missing too.</summary>
public sealed class Rule8614() : AssessmentRule("8614", "Parental or child factors at assessment should only be present for a completed assessment.", "AssessmentAuthorisationDate", "AssessmentFactors")
{
    protected override void Check(CensusChild child, CinDetails cin, Assessment a, string path, CensusContext context, CensusIssueSink issues)
    {
        if (a.AssessmentAuthorisationDate is null && a.AssessmentFactors.Any(f => !string.IsNullOrWhiteSpace(f)))
        {
            issues.Add(this, child, path, ("AssessmentAuthorisationDate", null), ("AssessmentFactors", string.Join(",", a.AssessmentFactors)));
        }
    }
}

/// <summary>
/// 8670Q: if &lt;AssessmentAuthorisationDate&gt; is not present, &lt;AssessmentActualStartDate&gt; should not be
/// before the reference date minus 45 working days.
/// </summary>
public sealed class Rule8670Q() : AssessmentRule("8670Q", "Please check: Assessment started more than 45 working days before the end of the census year. However, there is no Assessment end date.", "AssessmentActualStartDate", "AssessmentAuthorisationDate")
{
    protected override void Check(CensusChild child, CinDetails cin, Assessment a, string path, CensusContext context, CensusIssueSink issues)
    {
        if (a.AssessmentAuthorisationDate is null && a.AssessmentActualStartDate < context.FortyFiveWorkingDaysBack)
        {
            issues.Add(this, child, path, ("AssessmentActualStartDate", a.AssessmentActualStartDate), ("AssessmentAuthorisationDate", null), ("ReferenceDateMinus45WorkingDays", context.FortyFiveWorkingDaysBack));
        }
    }
}

/// <summary>8696: if present, &lt;AssessmentAuthorisationDate&gt; must be within the census period.</summary>
public sealed class Rule8696() : AssessmentRule("8696", "Assessment end date must fall within the census year", "AssessmentAuthorisationDate", "ReferenceDate")
{
    protected override void Check(CensusChild child, CinDetails cin, Assessment a, string path, CensusContext context, CensusIssueSink issues)
    {
        if (a.AssessmentAuthorisationDate is { } end && !context.InCensusPeriod(end))
        {
            issues.Add(this, child, path, ("AssessmentAuthorisationDate", end), ("ReferenceDate", context.ReferenceDate));
        }
    }
}

/// <summary>8736: an assessment with no &lt;AssessmentAuthorisationDate&gt; must have its start date within the census period.</summary>
public sealed class Rule8736() : AssessmentRule("8736", "For an Assessment that has not been completed, the start date must fall within the census year", "AssessmentActualStartDate", "AssessmentAuthorisationDate")
{
    protected override void Check(CensusChild child, CinDetails cin, Assessment a, string path, CensusContext context, CensusIssueSink issues)
    {
        if (a.AssessmentAuthorisationDate is null && a.AssessmentActualStartDate is { } start && !context.InCensusPeriod(start))
        {
            issues.Add(this, child, path, ("AssessmentActualStartDate", start), ("AssessmentAuthorisationDate", null));
        }
    }
}

/// <summary>8945Q (from 2024-25): factor 18A should not be used; 18B or 18C instead.</summary>
public sealed class Rule8945Q() : AssessmentRule("8945Q", "Please check and either amend data or provide a reason: the assessment factors code '18A' should not be used ('18B' or '18C' should be used instead)", "AssessmentFactors")
{
    protected override void Check(CensusChild child, CinDetails cin, Assessment a, string path, CensusContext context, CensusIssueSink issues)
    {
        if (a.AssessmentFactors.Any(f => string.Equals(f?.Trim(), "18A", StringComparison.OrdinalIgnoreCase)))
        {
            issues.Add(this, child, path + "/FactorsIdentifiedAtAssessment", ("AssessmentFactors", "18A"));
        }
    }
}

/// <summary>8950Q (from 2024-25): factor 19A should not be used; 19B or 19C instead.</summary>
public sealed class Rule8950Q() : AssessmentRule("8950Q", "Please check and either amend data or provide a reason: the assessment factors code '19A' should not be used ('19B' or '19C' should be used instead)", "AssessmentFactors")
{
    protected override void Check(CensusChild child, CinDetails cin, Assessment a, string path, CensusContext context, CensusIssueSink issues)
    {
        if (a.AssessmentFactors.Any(f => string.Equals(f?.Trim(), "19A", StringComparison.OrdinalIgnoreCase)))
        {
            issues.Add(this, child, path + "/FactorsIdentifiedAtAssessment", ("AssessmentFactors", "19A"));
        }
    }
}

/// <summary>
/// 8863Q: within an episode, no assessment may start on or between another assessment's start and authorisation
/// dates, or on or after another's start (up to the reference date) when that one has no authorisation date.
/// </summary>
public sealed class Rule8863Q() : ChildRule("8863Q", "An Assessment is shown as starting when there is another Assessment ongoing", "AssessmentActualStartDate", "AssessmentAuthorisationDate")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        foreach (var cin in child.CINdetails.Where(d => d.Assessments.Count > 1))
        {
            foreach (var a in cin.Assessments)
            {
                if (a.AssessmentActualStartDate is not { } start)
                {
                    continue;
                }
                foreach (var other in cin.Assessments)
                {
                    if (ReferenceEquals(other, a) || other.AssessmentActualStartDate is not { } otherStart || start < otherStart)
                    {
                        continue;
                    }
                    if (start <= (other.AssessmentAuthorisationDate ?? context.ReferenceDate))
                    {
                        issues.Add(this, child, Assessment(child, cin, a), ("AssessmentActualStartDate", start), ("OtherAssessmentActualStartDate", otherStart), ("OtherAssessmentAuthorisationDate", other.AssessmentAuthorisationDate));
                    }
                }
            }
        }
    }
}

/// <summary>8869: factor 21 (no factors identified) must be the only factor of its assessment.</summary>
public sealed class Rule8869() : AssessmentRule("8869", "The assessment factors code “21” cannot be used in conjunction with any other assessment factors.", "AssessmentFactors")
{
    protected override void Check(CensusChild child, CinDetails cin, Assessment a, string path, CensusContext context, CensusIssueSink issues)
    {
        if (a.AssessmentFactors.Any(f => f?.Trim() == "21") && a.AssessmentFactors.Count > 1)
        {
            issues.Add(this, child, path + "/FactorsIdentifiedAtAssessment", ("AssessmentFactors", string.Join(",", a.AssessmentFactors)));
        }
    }
}

/// <summary>8896: within an episode there must not be more than one assessment with no authorisation date.</summary>
public sealed class Rule8896() : ChildRule("8896", "Within one CINDetails group there are 2 or more open Assessments groups", "AssessmentAuthorisationDate")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        foreach (var cin in child.CINdetails)
        {
            var open = cin.Assessments.Where(a => a.AssessmentAuthorisationDate is null).ToList();
            if (open.Count > 1)
            {
                foreach (var a in open)
                {
                    issues.Add(this, child, Assessment(child, cin, a), ("AssessmentActualStartDate", a.AssessmentActualStartDate), ("AssessmentAuthorisationDate", null));
                }
            }
        }
    }
}

/// <summary>
/// 8897Q: if &lt;AssessmentAuthorisationDate&gt; is on or after the start of the census year, one or more valid
/// &lt;AssessmentFactors&gt; must be present in the same assessment.
/// </summary>
public sealed class Rule8897Q() : AssessmentRule("8897Q", "Parental or child factors at assessment information is missing from a completed assessment", "AssessmentAuthorisationDate", "AssessmentFactors")
{
    protected override void Check(CensusChild child, CinDetails cin, Assessment a, string path, CensusContext context, CensusIssueSink issues)
    {
        if (a.AssessmentAuthorisationDate is { } authorised && authorised >= context.CensusStart
            && (a.AssessmentFactors.Count == 0 || a.AssessmentFactors.Any(f => f is null || !CensusCodes.AssessmentFactors.Contains(f))))
        {
            issues.Add(this, child, path, ("AssessmentAuthorisationDate", authorised), ("AssessmentFactors", string.Join(",", a.AssessmentFactors)));
        }
    }
}

/// <summary>8898: an assessment must not record the same factor code twice.</summary>
public sealed class Rule8898() : AssessmentRule("8898", "The assessment has more than one parental or child factors with the same code", "AssessmentFactors")
{
    protected override void Check(CensusChild child, CinDetails cin, Assessment a, string path, CensusContext context, CensusIssueSink issues)
    {
        foreach (var repeated in a.AssessmentFactors.Where(f => f is not null).GroupBy(f => f!.Trim()).Where(g => g.Count() > 1))
        {
            issues.Add(this, child, path + "/FactorsIdentifiedAtAssessment", ("AssessmentFactors", repeated.Key));
        }
    }
}

