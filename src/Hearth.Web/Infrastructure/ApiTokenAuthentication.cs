using System.Security.Claims;
using System.Text.Encodings.Web;
using Hearth.Core.Data;
using Hearth.Core.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hearth.Web.Infrastructure;

/// <summary>Authenticates API calls that present "Authorization: Bearer hearth_...". The token acts as its user.</summary>
public sealed class ApiTokenAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TokenService tokens, HearthDbContext db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "HearthToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var userId = await tokens.FindUserAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (userId is null)
        {
            return AuthenticateResult.Fail("The token is not valid, has expired or was revoked.");
        }
        var user = await db.Users.AsNoTracking().Include(u => u.Teams).SingleOrDefaultAsync(u => u.Id == userId && u.IsActive, Context.RequestAborted);
        if (user is null)
        {
            return AuthenticateResult.Fail("The token's user is not active.");
        }
        var identity = new ClaimsIdentity(HearthClaims.For(user), SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
