using System.Collections.Frozen;

namespace Hearth.Core.Security;

/// <summary>The one map from role to permissions. Change access here and nowhere else.</summary>
public static class RolePermissions
{
    private static readonly FrozenDictionary<Role, FrozenSet<Permission>> Map = new Dictionary<Role, FrozenSet<Permission>>
    {
        [Role.Practitioner] = Set(Permission.ViewFamilies, Permission.RecordCasework),
        [Role.Manager] = Set(Permission.ViewFamilies, Permission.RecordCasework, Permission.ManageCases, Permission.ViewReports),
        [Role.Performance] = Set(Permission.ViewFamilies, Permission.ViewReports, Permission.ImportData, Permission.ManageReturns, Permission.ViewResults, Permission.ManageClaims, Permission.ManageDataProtection),
        [Role.ServiceManager] = Set(Permission.ViewReports, Permission.ViewResults),
        [Role.Partner] = Set(Permission.ViewSharedRecords),
        [Role.Volunteer] = Set(Permission.ViewSharedRecords, Permission.LogVolunteerTime),
        [Role.Admin] = Set(Permission.Administer, Permission.ViewAuditTrail, Permission.ManageReturns),
    }.ToFrozenDictionary();

    public static IReadOnlySet<Permission> For(Role role) => Map[role];

    public static bool Has(Role role, Permission permission) => Map[role].Contains(permission);

    /// <summary>Whether the role's scope is the whole council rather than the user's own teams.</summary>
    public static bool SeesAllTeams(Role role) => role is Role.Performance or Role.ServiceManager or Role.Admin;

    /// <summary>Partners and volunteers see only what has been shared with them.</summary>
    public static bool SeesOnlyShared(Role role) => role is Role.Partner or Role.Volunteer;

    private static FrozenSet<Permission> Set(params Permission[] permissions) => permissions.ToFrozenSet();
}
