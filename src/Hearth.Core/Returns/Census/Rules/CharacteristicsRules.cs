using static Hearth.Core.Returns.Census.Rules.CensusPaths;

namespace Hearth.Core.Returns.Census.Rules;

/// <summary>4220: &lt;Ethnicity&gt; must be present and a valid code.</summary>
public sealed class Rule4220() : ChildRule("4220", "Ethnicity is missing or invalid (see Ethnicity table)", "Ethnicity")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        if (child.Ethnicity is null || !CensusCodes.Ethnicity.Contains(child.Ethnicity))
        {
            issues.Add(this, child, Characteristics(child), ("Ethnicity", child.Ethnicity));
        }
    }
}

/// <summary>
/// 8540: if &lt;PersonBirthDate&gt; is present and at least one &lt;ReferralNFA&gt; is false, one or more
/// &lt;Disability&gt; must be present and all must be valid codes.
/// </summary>
public sealed class Rule8540() : ChildRule("8540", "Child’s disability is missing or invalid (see Disability table)", "Disability", "PersonBirthDate", "ReferralNFA")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        if (child.PersonBirthDate is null || !child.CINdetails.Any(d => d.ReferralNFA == false))
        {
            return;
        }
        if (child.Disabilities.Count == 0)
        {
            issues.Add(this, child, Characteristics(child), ("Disability", null));
            return;
        }
        foreach (var code in child.Disabilities.Where(d => d is null || !CensusCodes.Disability.Contains(d)))
        {
            issues.Add(this, child, Characteristics(child) + "/Disabilities", ("Disability", code));
        }
    }
}

/// <summary>8790: if a &lt;Disability&gt; of NONE is present there should be no other disability for the child.</summary>
public sealed class Rule8790() : ChildRule("8790", "Disability information includes both None and other values", "Disability")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        if (child.Disabilities.Any(d => string.Equals(d, "NONE", StringComparison.OrdinalIgnoreCase)) && child.Disabilities.Count > 1)
        {
            issues.Add(this, child, Characteristics(child) + "/Disabilities", ("Disability", string.Join(",", child.Disabilities)));
        }
    }
}

/// <summary>8794: a child's disability codes must not repeat.</summary>
public sealed class Rule8794() : ChildRule("8794", "Child has two or more disabilities with the same code", "Disability")
{
    public override void Check(CensusChild child, CensusContext context, CensusIssueSink issues)
    {
        foreach (var repeated in child.Disabilities.Where(d => d is not null).GroupBy(d => d).Where(g => g.Count() > 1))
        {
            issues.Add(this, child, Characteristics(child) + "/Disabilities", ("Disability", repeated.Key));
        }
    }
}
