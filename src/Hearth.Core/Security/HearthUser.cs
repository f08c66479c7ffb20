using Microsoft.AspNetCore.Identity;

namespace Hearth.Core.Security;

/// <summary>A person who signs in to Hearth. Identity holds the password hash, lockout and security stamp.</summary>
public sealed class HearthUser : IdentityUser<Guid>
{
    public HearthUser()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString("N");
    }

    public required string DisplayName { get; set; }
    public Role Role { get; set; }

    /// <summary>The staff record of a practitioner or manager; partners and volunteers usually have none.</summary>
    public Guid? WorkerId { get; set; }

    /// <summary>Subject of the single sign-on identity (e.g. the Entra object id) once linked.</summary>
    public string? ExternalSubject { get; set; }

    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }

    public List<UserTeam> Teams { get; set; } = [];
}

/// <summary>A team whose families the user may see (practitioners and managers).</summary>
public sealed class UserTeam
{
    public Guid UserId { get; set; }
    public Guid TeamId { get; set; }
}
