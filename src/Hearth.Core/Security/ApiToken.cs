namespace Hearth.Core.Security;

/// <summary>A bearer token for a machine client. Only its SHA-256 hash is stored; it acts with its user's permissions.</summary>
public sealed class ApiToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public required string Name { get; set; }
    public required string TokenHash { get; set; }
    /// <summary>The first characters of the token, so an admin can tell tokens apart without the secret.</summary>
    public required string Prefix { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
