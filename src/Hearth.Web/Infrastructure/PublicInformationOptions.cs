namespace Hearth.Web.Infrastructure;

/// <summary>
/// What the council deploying Hearth says about itself on the privacy notice and accessibility statement
/// (configuration section "PublicInformation"). Anything left blank shows as a marked gap for the council to fill in,
/// never as made-up wording.
/// </summary>
public sealed class PublicInformationOptions
{
    public const string Section = "PublicInformation";

    /// <summary>The data controller, e.g. "Anytown Borough Council".</summary>
    public string CouncilName { get; set; } = "";
    /// <summary>How to reach the council's data protection officer: an email address or postal address.</summary>
    public string DataProtectionOfficer { get; set; } = "";
    /// <summary>The council's lawful basis under UK GDPR Article 6 (and Article 9 for special category data), in its own words.</summary>
    public string LawfulBasis { get; set; } = "";
    /// <summary>How long records are kept, from the council's retention schedule.</summary>
    public string Retention { get; set; } = "";
    /// <summary>Where to report an accessibility problem or ask for another format.</summary>
    public string AccessibilityContact { get; set; } = "";
    /// <summary>When the accessibility statement was last reviewed, e.g. "1 December 2026".</summary>
    public string AccessibilityReviewedOn { get; set; } = "";
}
