using System.Security.Claims;
using Hearth.Core.Data;
using Hearth.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hearth.Web.Infrastructure;

/// <summary>Adds the role and team claims to the sign-in cookie; they are re-read when the security stamp is validated.</summary>
public sealed class HearthClaimsPrincipalFactory(UserManager<HearthUser> users, IOptions<IdentityOptions> options, HearthDbContext db)
    : UserClaimsPrincipalFactory<HearthUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(HearthUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        var teams = await db.Set<UserTeam>().AsNoTracking().Where(t => t.UserId == user.Id).Select(t => t.TeamId).ToListAsync();
        identity.AddClaim(new Claim(HearthClaims.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(HearthClaims.Role, user.Role.ToString()));
        foreach (var team in teams)
        {
            identity.AddClaim(new Claim(HearthClaims.Team, team.ToString()));
        }
        return identity;
    }
}
