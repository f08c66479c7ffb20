using Hearth.Core.Security;
using Microsoft.AspNetCore.Authorization;

namespace Hearth.Web.Infrastructure;

/// <summary>
/// The one way a page says who may use it: the Core permission it needs (the role-to-permission map stays in Core's
/// <see cref="RolePermissions"/>). With <see cref="ForChanges"/>, the permission is needed only to post a change, so
/// someone who may read the page but not change it (performance, on a statutory record) gets 403 on a post.
/// Every page model carries one or more of these, or <see cref="SignedInAttribute"/>, or <see cref="AllowAnonymousAttribute"/>
/// (a test enumerates them). Endpoints of the API use <see cref="Policies.For"/> with RequireAuthorization.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RequirePermissionAttribute : AuthorizeAttribute
{
    private bool _forChanges;

    public RequirePermissionAttribute(Permission permission) : base(Policies.For(permission)) => Permission = permission;

    public Permission Permission { get; }

    /// <summary>True when the permission is needed only for posts (reading needs only the page's other attributes).</summary>
    public bool ForChanges
    {
        get => _forChanges;
        set
        {
            _forChanges = value;
            Policy = value ? Policies.ForChanges(Permission) : Policies.For(Permission);
        }
    }
}

/// <summary>A page any signed-in user may open, whatever their permissions (the home page, which shows each user their own links).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SignedInAttribute : AuthorizeAttribute;

/// <summary>One authorization policy per Core permission, named after it; and one that asks for it only on a change.</summary>
public static class Policies
{
    public static string For(Permission permission) => $"permission:{permission}";

    public static string ForChanges(Permission permission) => $"permission:{permission}:changes";

    public static void AddHearthPolicies(this AuthorizationOptions options)
    {
        foreach (var permission in Enum.GetValues<Permission>())
        {
            options.AddPolicy(For(permission), p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.Has(permission)));
            options.AddPolicy(ForChanges(permission), p => p.RequireAuthenticatedUser().RequireAssertion(c =>
                c.User.Has(permission) || c.Resource is HttpContext { Request.Method: var method } && (HttpMethods.IsGet(method) || HttpMethods.IsHead(method))));
        }
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
