using System.Security.Claims;
using Hearth.Core.Security;

namespace Hearth.Web.Infrastructure;

/// <summary>The claims Hearth puts on a signed-in principal, and the actor context built from them.</summary>
public static class HearthClaims
{
    public const string Role = "hearth:role";
    public const string Team = "hearth:team";
    public const string DisplayName = "hearth:name";

    public static ActorContext ToActor(this ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (id is null || !Guid.TryParse(id, out var userId) || !Enum.TryParse<Role>(user.FindFirstValue(Role), out var role))
        {
            throw new AccessDeniedException("You need to sign in.");
        }
        var teams = user.FindAll(Team).Select(c => Guid.Parse(c.Value));
        return ActorContext.ForUser(userId, user.FindFirstValue(DisplayName) ?? "", role, teams);
    }

    public static Role? HearthRole(this ClaimsPrincipal user) =>
        Enum.TryParse<Role>(user.FindFirstValue(Role), out var role) ? role : null;

    public static bool Has(this ClaimsPrincipal user, Permission permission) =>
        user.HearthRole() is { } role && RolePermissions.Has(role, permission);

    public static IEnumerable<Claim> For(HearthUser user) =>
        new[] { new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()), new Claim(ClaimTypes.Name, user.Email ?? ""), new Claim(DisplayName, user.DisplayName), new Claim(Role, user.Role.ToString()) }
            .Concat(user.Teams.Select(t => new Claim(Team, t.TeamId.ToString())));
}
