using Hearth.Core.Data;

namespace Hearth.Core.Statutory;

/// <summary>
/// A child's statutory Children in Need record on one referral (the census's CINdetails): the primary need, the factors
/// identified at assessment, and the child's CIN plans, section 47 enquiries and child protection plans. Hearth's
/// referrals and episodes concern a family; these facts are about one child, so they are kept per child per referral.
/// </summary>
public sealed class ChildInNeedRecord : Entity, ITeamOwned
{
    public Guid ReferralId { get; set; }
    public Guid PersonId { get; set; }
    public Guid FamilyId { get; set; }
    /// <summary>The referral's team, for scoping.</summary>
    public Guid TeamId { get; set; }
    /// <summary>DfE PrimaryNeedCode N1-N9: the main reason the child needs a service.</summary>
    public string? PrimaryNeedCode { get; set; }
    /// <summary>DfE codes of the factors identified at the end of assessment (AssessmentFactors).</summary>
    public List<string> AssessmentFactors { get; set; } = [];
    public List<CinPlanPeriod> CinPlans { get; set; } = [];
    public List<Section47Enquiry> Section47Enquiries { get; set; } = [];
    public List<ProtectionPlan> ProtectionPlans { get; set; } = [];
}

/// <summary>A child in need plan for the child, from its start to its end (open while no end is recorded).</summary>
public sealed class CinPlanPeriod : Entity, ITeamOwned
{
    public Guid RecordId { get; set; }
    public Guid PersonId { get; set; }
    public Guid TeamId { get; set; }
    public DateOnly StartedOn { get; set; }
    public DateOnly? EndedOn { get; set; }
}

/// <summary>A section 47 enquiry and how it concluded: an initial child protection conference, or none needed.</summary>
public sealed class Section47Enquiry : Entity, ITeamOwned
{
    public Guid RecordId { get; set; }
    public Guid PersonId { get; set; }
    public Guid TeamId { get; set; }
    public DateOnly StartedOn { get; set; }
    /// <summary>When the initial child protection conference was due (InitialCPCtarget).</summary>
    public DateOnly? ConferenceTargetOn { get; set; }
    /// <summary>When the initial child protection conference was held (DateOfInitialCPC).</summary>
    public DateOnly? ConferenceOn { get; set; }
    /// <summary>The enquiry concluded that no conference was needed (ICPCnotRequired).</summary>
    public bool ConferenceNotRequired { get; set; }

    public bool IsOpen => ConferenceOn is null && !ConferenceNotRequired;
}

/// <summary>A child protection plan: its dates, categories of abuse, the number of earlier plans and its review dates.</summary>
public sealed class ProtectionPlan : Entity, ITeamOwned
{
    public Guid RecordId { get; set; }
    public Guid PersonId { get; set; }
    public Guid TeamId { get; set; }
    public DateOnly StartedOn { get; set; }
    public DateOnly? EndedOn { get; set; }
    /// <summary>DfE category of abuse at the start of the plan: NEG, PHY, SAB, EMO or MUL.</summary>
    public required string InitialCategory { get; set; }
    /// <summary>DfE category of abuse now (or at the end of the plan).</summary>
    public required string LatestCategory { get; set; }
    /// <summary>How many child protection plans the child had before this one (NumberOfPreviousCPP).</summary>
    public int PreviousPlans { get; set; }
    public List<DateOnly> ReviewDates { get; set; } = [];
}
