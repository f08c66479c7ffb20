namespace Hearth.Core.Security;

/// <summary>
/// Who is acting, passed to every Core service. It carries the scope the services enforce
/// (which teams' families the actor may see) and is written into every audit event.
/// </summary>
public sealed record ActorContext
{
    public required Guid? UserId { get; init; }
    public required string Name { get; init; }
    public required Role? Role { get; init; }
    public IReadOnlySet<Guid> TeamIds { get; init; } = new HashSet<Guid>();

    /// <summary>Why the action is being taken, when the user gave a reason (override, merge, correction).</summary>
    public string? Reason { get; init; }

    public bool IsSystem => UserId is null;

    public static ActorContext System(string process) => new() { UserId = null, Name = $"system: {process}", Role = null };

    public static ActorContext ForUser(Guid userId, string name, Role role, IEnumerable<Guid> teamIds) =>
        new() { UserId = userId, Name = name, Role = role, TeamIds = teamIds.ToHashSet() };

    public ActorContext WithReason(string? reason) => this with { Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim() };

    /// <summary>System processes (migrations, seeding, imports run by the CLI) hold every permission.</summary>
    public bool Has(Permission permission) => IsSystem || (Role is { } r && RolePermissions.Has(r, permission));

    public bool SeesAllTeams => IsSystem || (Role is { } r && RolePermissions.SeesAllTeams(r));

    public bool CanSeeTeam(Guid teamId) => SeesAllTeams || (Role is { } r && !RolePermissions.SeesOnlyShared(r) && TeamIds.Contains(teamId));

    public void Demand(Permission permission)
    {
        if (!Has(permission))
        {
            throw new AccessDeniedException($"{Name} does not have the {permission} permission.");
        }
    }
}

/// <summary>The actor may not do this. Pages answer 403; the CLI exits non-zero.</summary>
public sealed class AccessDeniedException(string message) : Exception(message);
