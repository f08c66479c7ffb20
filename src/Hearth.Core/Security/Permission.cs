namespace Hearth.Core.Security;

/// <summary>What a user may do. Pages, API groups and CLI commands ask for a permission, never for a role.</summary>
public enum Permission
{
    /// <summary>Open family and person records within the user's scope (team, service or council).</summary>
    ViewFamilies,
    /// <summary>Record referrals, assessments, plans, sessions, reviews and measures.</summary>
    RecordCasework,
    /// <summary>Triage referrals, run the resource panel, allocate, override capacity, close episodes, authorise.</summary>
    ManageCases,
    /// <summary>Run and export reports within the user's scope.</summary>
    ViewReports,
    /// <summary>Import and correct data in bulk.</summary>
    ImportData,
    /// <summary>Statutory returns such as the Children in Need census.</summary>
    ManageReturns,
    /// <summary>Enter and import payment-by-results evidence, attach families, build and move claims.</summary>
    ManageClaims,
    /// <summary>Records shared with a partner agency or a volunteer, and nothing else.</summary>
    ViewSharedRecords,
    /// <summary>A volunteer logging their time with matched families.</summary>
    LogVolunteerTime,
    /// <summary>Users, teams, services, programmes and instruments.</summary>
    Administer,
    /// <summary>Read the audit trail.</summary>
    ViewAuditTrail,
    /// <summary>See payment-by-results evidence, identification, families' results, claims and the grant (docs/results.md).</summary>
    ViewResults,
    /// <summary>
    /// Information governance: subject access exports, the retention review and erasure, across the council (docs/people.md).
    /// </summary>
    ManageDataProtection,
}
