using Hearth.Core.Security;
using Microsoft.AspNetCore.Authorization;

namespace Hearth.Web.Infrastructure;

/// <summary>One authorization policy per Core permission, named after it. Pages and endpoints ask for permissions, not roles.</summary>
public static class Policies
{
    public static string For(Permission permission) => $"permission:{permission}";

    public static void AddHearthPolicies(this AuthorizationOptions options)
    {
        foreach (var permission in Enum.GetValues<Permission>())
        {
            options.AddPolicy(For(permission), p => p.RequireAuthenticatedUser().RequireAssertion(c => c.User.Has(permission)));
        }
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
