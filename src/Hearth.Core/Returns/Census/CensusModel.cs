namespace Hearth.Core.Returns.Census;

// The in-memory census: one object per XML group, field names as the DfE spells them so that a rule
// reads like its published wording. Dates that fail to parse are recorded as structural issues and left null.

/// <summary>A whole CIN census file as read.</summary>
public sealed class CensusFile
{
    public required CensusYear Year { get; init; }
    public CensusHeader Header { get; init; } = new();
    public List<CensusChild> Children { get; init; } = [];
    /// <summary>Schema problems found while reading, in document order.</summary>
    public List<StructuralIssue> StructuralIssues { get; init; } = [];
}

/// <summary>A place in the document where it breaks the year's schema.</summary>
public sealed record StructuralIssue(string Path, string Message, string? LAchildID = null);

public sealed class CensusHeader
{
    public string? Collection { get; set; }
    public string? Year { get; set; }
    public string? ReferenceDateText { get; set; }
    public DateOnly? ReferenceDate { get; set; }
    public string? SourceLevel { get; set; }
    public string? LEA { get; set; }
    public string? SoftwareCode { get; set; }
    public string? Release { get; set; }
    public string? SerialNo { get; set; }
    public string? DateTime { get; set; }
}

public sealed class CensusChild
{
    /// <summary>1-based position of the Child element, used in paths.</summary>
    public int Number { get; set; }
    public string Path => $"Message/Children/Child[{Number}]";

    public string? LAchildID { get; set; }
    public string? UPN { get; set; }
    public string? FormerUPN { get; set; }
    public string? UPNunknown { get; set; }
    public DateOnly? PersonBirthDate { get; set; }
    public DateOnly? ExpectedPersonBirthDate { get; set; }
    /// <summary>Up to 2023-24: 0 not known, 1 male, 2 female, 9 not specified.</summary>
    public string? GenderCurrent { get; set; }
    /// <summary>From 2024-25: M, F or U.</summary>
    public string? Sex { get; set; }
    public DateOnly? PersonDeathDate { get; set; }

    public string? Ethnicity { get; set; }
    /// <summary>Disability codes as written; an empty Disability element is a null entry.</summary>
    public List<string?> Disabilities { get; set; } = [];

    public List<CinDetails> CINdetails { get; set; } = [];

    public IEnumerable<Assessment> AllAssessments => CINdetails.SelectMany(c => c.Assessments);
    public IEnumerable<CinPlan> AllCinPlans => CINdetails.SelectMany(c => c.CINPlanDates);
    public IEnumerable<ChildProtectionPlan> AllChildProtectionPlans => CINdetails.SelectMany(c => c.ChildProtectionPlans);
}

/// <summary>One CIN episode: a referral and what followed it.</summary>
public sealed class CinDetails
{
    public DateOnly? CINreferralDate { get; set; }
    public string? ReferralSource { get; set; }
    public string? PrimaryNeedCode { get; set; }
    public DateOnly? CINclosureDate { get; set; }
    public string? ReasonForClosure { get; set; }
    public DateOnly? DateOfInitialCPC { get; set; }
    /// <summary>As written, so that rule 8568 can report an invalid value.</summary>
    public string? ReferralNFAText { get; set; }
    public bool? ReferralNFA => CensusBoolean.Parse(ReferralNFAText);

    public List<Assessment> Assessments { get; set; } = [];
    public List<CinPlan> CINPlanDates { get; set; } = [];
    public List<Section47> Section47 { get; set; } = [];
    public List<ChildProtectionPlan> ChildProtectionPlans { get; set; } = [];
}

public sealed class Assessment
{
    public DateOnly? AssessmentActualStartDate { get; set; }
    public DateOnly? AssessmentInternalReviewDate { get; set; }
    public DateOnly? AssessmentAuthorisationDate { get; set; }
    public List<string?> AssessmentFactors { get; set; } = [];
}

public sealed class CinPlan
{
    public DateOnly? CINPlanStartDate { get; set; }
    public DateOnly? CINPlanEndDate { get; set; }
}

public sealed class Section47
{
    public DateOnly? S47ActualStartDate { get; set; }
    public DateOnly? InitialCPCtarget { get; set; }
    public DateOnly? DateOfInitialCPC { get; set; }
    public string? ICPCnotRequiredText { get; set; }
    public bool? ICPCnotRequired => CensusBoolean.Parse(ICPCnotRequiredText);
}

public sealed class ChildProtectionPlan
{
    public DateOnly? CPPstartDate { get; set; }
    public DateOnly? CPPendDate { get; set; }
    public string? InitialCategoryOfAbuse { get; set; }
    public string? LatestCategoryOfAbuse { get; set; }
    public string? NumberOfPreviousCPPText { get; set; }
    public int? NumberOfPreviousCPP =>
        int.TryParse(NumberOfPreviousCPPText, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
    /// <summary>One entry per CPPreviewDate; a Reviews group with no usable date adds a null.</summary>
    public List<DateOnly?> CPPreviewDates { get; set; } = [];
}

/// <summary>The census boolean: true, false, TRUE, FALSE, 1 or 0.</summary>
public static class CensusBoolean
{
    public static bool? Parse(string? text) => text?.Trim() switch
    {
        "true" or "TRUE" or "True" or "1" => true,
        "false" or "FALSE" or "False" or "0" => false,
        _ => null,
    };
}
