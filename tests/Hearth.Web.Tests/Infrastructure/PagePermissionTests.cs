using System.Reflection;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests.Infrastructure;

/// <summary>Every page says who may use it in one way: [RequirePermission], [SignedIn] or [AllowAnonymous] on its model.</summary>
public sealed class PagePermissionTests(HearthWebFactory app) : IClassFixture<HearthWebFactory>
{
    private static readonly Type[] PageModels = typeof(HearthPageModel).Assembly.GetTypes()
        .Where(t => typeof(PageModel).IsAssignableFrom(t) && !t.IsAbstract).OrderBy(t => t.FullName).ToArray();

    [Fact]
    public void Every_page_model_carries_a_permission_attribute_or_is_explicitly_anonymous()
    {
        Assert.True(PageModels.Length > 90, $"only {PageModels.Length} page models found");
        var unmarked = PageModels.Where(t =>
            !t.IsDefined(typeof(RequirePermissionAttribute), inherit: false)
            && !t.IsDefined(typeof(SignedInAttribute), inherit: false)
            && !t.IsDefined(typeof(AllowAnonymousAttribute), inherit: false)).Select(t => t.FullName).ToList();
        Assert.Empty(unmarked);
    }

    [Fact]
    public void No_page_asks_for_a_policy_or_role_by_string()
    {
        var other = PageModels.SelectMany(t => t.GetCustomAttributes<AuthorizeAttribute>(inherit: true)
            .Where(a => a is not (RequirePermissionAttribute or SignedInAttribute)).Select(a => $"{t.FullName}: [Authorize(Policy = {a.Policy}, Roles = {a.Roles})]")).ToList();
        Assert.Empty(other);
    }

    [Fact]
    public void Each_page_endpoint_is_authorised_only_by_its_own_attributes_not_by_folder_conventions()
    {
        var pages = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor>() is not null
                || e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null).ToList();
        Assert.NotEmpty(pages);
        var problems = new List<string>();
        foreach (var page in pages)
        {
            var name = page.DisplayName ?? "?";
            var authorize = page.Metadata.GetOrderedMetadata<IAuthorizeData>();
            if (authorize.Any(a => a is not (RequirePermissionAttribute or SignedInAttribute)))
            {
                problems.Add($"{name}: authorised by something other than its attributes");
            }
            if (authorize.Count == 0 && page.Metadata.GetMetadata<IAllowAnonymous>() is null)
            {
                problems.Add($"{name}: neither a permission nor explicitly anonymous");
            }
        }
        Assert.Empty(problems);
    }
}
