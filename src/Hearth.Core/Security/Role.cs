namespace Hearth.Core.Security;

/// <summary>The roles of PRODUCT.md's "Who uses it" table. One role per user.</summary>
public enum Role
{
    Practitioner,
    Manager,
    Performance,
    ServiceManager,
    Partner,
    Volunteer,
    Admin,
}
