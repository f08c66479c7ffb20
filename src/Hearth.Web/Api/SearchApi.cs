using Hearth.Core.People;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;

namespace Hearth.Web.Api;

/// <summary>GET /api/v1/search?q=: the search page's results as JSON, scoped and audited the same way.</summary>
public static class SearchApi
{
    public static void MapSearchApi(this RouteGroupBuilder v1)
    {
        v1.MapGroup("/search").RequireAuthorization(Policies.For(Permission.ViewFamilies))
            .MapGet("/", async (HttpContext http, PersonSearch search, string? q, int? page, int? pageSize, CancellationToken ct) =>
            {
                var result = await search.SearchAsync(http.User.ToActor(), q, page ?? 1, pageSize ?? PersonSearch.DefaultPageSize, ct);
                return TypedResults.Ok(new SearchResponse(result.Criterion.ToString(), result.Total, result.Page, result.PageSize, result.Pages, result.MoreThanShown,
                    result.Results.Select(r => new SearchResult(r.PersonId, r.GivenName, r.FamilyName, r.DateOfBirth, r.Age, r.FamilyId, r.FamilyReference,
                        r.TeamId, r.TeamName, r.AllocatedWorkers)).ToList()));
            })
            .WithName("SearchPeople")
            .WithSummary("Finds people by name (typos, sound-alikes, swapped names), date of birth, family reference, council child ID, UPN, NHS number or postcode; ?q=&page=&pageSize=. Each search is audited (kind and count, not the words).");
    }

    public sealed record SearchResponse(string Criterion, int Total, int Page, int PageSize, int Pages, bool MoreThanShown, IReadOnlyList<SearchResult> Results);

    public sealed record SearchResult(Guid PersonId, string GivenName, string FamilyName, DateOnly? DateOfBirth, int? Age, Guid FamilyId, string FamilyReference,
        Guid TeamId, string TeamName, IReadOnlyList<string> AllocatedWorkers);
}
