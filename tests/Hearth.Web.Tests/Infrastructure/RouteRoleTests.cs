using System.Net;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests.Infrastructure;

/// <summary>
/// Every page and API endpoint, discovered from the app's endpoint data source, says who may use it; and every GET route
/// without route parameters answers 403 to each role that lacks its permission and opens for each role that holds it.
/// </summary>
public sealed class RouteRoleTests(HearthWebFactory app) : IClassFixture<HearthWebFactory>
{
    // Open signed out, on purpose: sign-in and its callbacks, errors, the footer's public pages, health and the API description.
    private static readonly string[] Anonymous =
    [
        "/account/sign-in", "/account/sign-out", "/account/external-callback", "/error/{code:int?}", "/privacy", "/cookies",
        "/accessibility", "/health", "/api/{documentName}/openapi.json",
    ];

    // Open to anyone signed in, whatever their permissions: the home page and the API's who-am-I and instrument catalogue.
    private static readonly string[] SignedInOnly = ["/", "/index", "/api/v1/me", "/api/v1/measures", "/api/v1/measures/{instrument}/score"];

    // Routes whose Core service demands a second permission beyond the route's policy (named evidence needs a case permission).
    private static readonly Dictionary<string, Permission> AlsoNeeds = new()
    {
        ["/results"] = Permission.ViewFamilies,
        ["/api/v1/results/identify"] = Permission.ViewFamilies,
        ["/api/v1/results/evaluate"] = Permission.ViewFamilies,
    };

    // The query a route must have to reach its Core service (without it the API answers 400 before Core can refuse).
    private static readonly Dictionary<string, string> Query = new()
    {
        ["/api/v1/results/identify"] = "?framework=supporting-families",
        ["/api/v1/results/evaluate"] = "?framework=supporting-families",
    };

    private sealed record Route(string Template, IReadOnlyList<string> Methods, IReadOnlyList<Permission> ForGet, bool PolicyOrAttribute, bool Anonymous, bool Parameters);

    private IReadOnlyList<Route> Routes() => app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
        .Select(e =>
        {
            var raw = (e.RoutePattern.RawText ?? "").Trim('/');
            var template = "/" + raw;
            var authorize = e.Metadata.GetOrderedMetadata<IAuthorizeData>();
            var permissions = authorize.Select(a => a.Policy).OfType<string>().Where(p => p.StartsWith("permission:", StringComparison.Ordinal) && !p.EndsWith(":changes", StringComparison.Ordinal))
                .Select(p => Enum.Parse<Permission>(p["permission:".Length..])).Distinct().ToList();
            var attributed = authorize.Any(a => a.Policy is not null || a is SignedInAttribute);
            var methods = e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.ToList() ?? ["GET", "POST"];
            return new Route(template, methods, permissions, attributed, e.Metadata.GetMetadata<IAllowAnonymous>() is not null,
                e.RoutePattern.Parameters.Any(p => !p.IsOptional));
        })
        .Where(r => !r.Template.StartsWith("/_", StringComparison.Ordinal))
        .DistinctBy(r => (r.Template, string.Join(",", r.Methods))).OrderBy(r => r.Template, StringComparer.Ordinal).ToList();

    [Fact]
    public void Every_endpoint_has_a_permission_or_is_on_a_short_list_of_signed_in_or_anonymous_routes()
    {
        var routes = Routes();
        Assert.True(routes.Count > 150, $"only {routes.Count} endpoints found");
        var problems = new List<string>();
        foreach (var r in routes)
        {
            if (r.Anonymous)
            {
                if (!Anonymous.Contains(r.Template, StringComparer.OrdinalIgnoreCase))
                {
                    problems.Add($"{r.Template}: anonymous but not on the allow-list");
                }
            }
            else if (r.ForGet.Count == 0 && !r.PolicyOrAttribute && !SignedInOnly.Contains(r.Template, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"{r.Template} ({string.Join(",", r.Methods)}): no permission policy, [SignedIn] or [AllowAnonymous]");
            }
        }
        Assert.Empty(problems);
    }

    public static TheoryData<Role> Roles => new(Enum.GetValues<Role>());

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Each_get_route_without_parameters_refuses_exactly_the_roles_that_lack_its_permission(Role role)
    {
        var gets = Routes().Where(r => r.Methods.Contains("GET") && !r.Parameters && !r.Anonymous).ToList();
        Assert.True(gets.Count > 60, $"only {gets.Count} GET routes without parameters");
        var client = await app.SignedInClientAsync(role.ToString());
        var wrong = new List<string>();
        foreach (var r in gets)
        {
            var path = System.Text.RegularExpressions.Regex.Replace(r.Template, @"/\{[^}]*\?\}", "");
            var needs = r.ForGet.Concat(AlsoNeeds.TryGetValue(path, out var also) ? [also] : Array.Empty<Permission>());
            var allowed = needs.All(p => RolePermissions.Has(role, p));
            var response = await client.GetAsync(path + Query.GetValueOrDefault(path, ""));
            var refused = response.StatusCode == HttpStatusCode.Forbidden;
            if (allowed == refused || response.Headers.Location?.OriginalString.Contains("sign-in", StringComparison.Ordinal) == true)
            {
                wrong.Add($"{role} GET {path}: {(int)response.StatusCode} but the role {(allowed ? "holds" : "lacks")} {string.Join(" and ", needs)}");
            }
        }
        Assert.Empty(wrong);
    }
}
