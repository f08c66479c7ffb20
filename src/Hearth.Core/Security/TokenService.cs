using System.Security.Cryptography;
using System.Text;
using Hearth.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Security;

public sealed record IssuedToken(Guid Id, string Token, string Prefix);

/// <summary>Bearer tokens for machine clients: shown once, stored as a hash, revocable.</summary>
public sealed class TokenService(HearthDbContext db)
{
    private const string Scheme = "hearth_";

    public async Task<IssuedToken> CreateAsync(ActorContext actor, string userEmail, string name, DateTimeOffset? expiresAt, CancellationToken ct = default)
    {
        actor.Demand(Permission.Administer);
        var v = new Validator().Require("Name", name, "Enter a name for the token, such as the client that will use it");
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == userEmail.Trim().ToUpperInvariant(), ct);
        if (user is null)
        {
            v.Add("User", $"There is no user with email {userEmail}");
        }
        if (expiresAt is { } e && e <= db.Time.GetUtcNow())
        {
            v.Add("ExpiresAt", "The expiry must be in the future");
        }
        v.ThrowIfAny();
        var secret = Scheme + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var token = new ApiToken
        {
            UserId = user!.Id,
            Name = name.Trim(),
            TokenHash = Hash(secret),
            Prefix = secret[..12],
            CreatedAt = db.Time.GetUtcNow(),
            ExpiresAt = expiresAt,
        };
        db.Add(token);
        await db.SaveChangesAsync(actor, ct);
        return new IssuedToken(token.Id, secret, token.Prefix);
    }

    public async Task RevokeAsync(ActorContext actor, Guid tokenId, CancellationToken ct = default)
    {
        actor.Demand(Permission.Administer);
        var token = await db.Set<ApiToken>().SingleOrDefaultAsync(t => t.Id == tokenId, ct)
            ?? throw new ValidationFailedException("Token", $"There is no token with id {tokenId}");
        token.RevokedAt ??= db.Time.GetUtcNow();
        await db.SaveChangesAsync(actor, ct);
    }

    /// <summary>The user a presented token acts as, or null when it is unknown, revoked or expired.</summary>
    public async Task<Guid?> FindUserAsync(string presented, CancellationToken ct = default)
    {
        if (!presented.StartsWith(Scheme, StringComparison.Ordinal) || presented.Length > 200)
        {
            return null;
        }
        var hash = Hash(presented);
        var now = db.Time.GetUtcNow();
        var token = await db.Set<ApiToken>().AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (token is null || token.RevokedAt is not null || (token.ExpiresAt is { } e && e <= now))
        {
            return null;
        }
        return token.UserId;
    }

    public async Task<IReadOnlyList<ApiToken>> ListAsync(ActorContext actor, CancellationToken ct = default)
    {
        actor.Demand(Permission.Administer);
        return await db.Set<ApiToken>().AsNoTracking().OrderBy(t => t.Prefix).ToListAsync(ct);
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
