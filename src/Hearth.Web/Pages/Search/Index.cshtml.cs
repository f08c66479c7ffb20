using Hearth.Core.Data;
using Hearth.Core.People;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Search;

/// <summary>
/// One box that finds people and families the user may see, by name (typos, sound-alikes, swapped names), date of birth,
/// family reference, council child ID, UPN, NHS number or postcode. Each search is audited by Core (kind and count only).
/// </summary>
[RequirePermission(Permission.ViewFamilies)]
public sealed class IndexModel(PersonSearch search) : HearthPageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public PersonSearchPage? Result { get; private set; }

    public string PageHref(int page) => Url.Page("/Search/Index", new { q = Query, PageNumber = page == 1 ? (int?)null : page })!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        // A search sent empty (q present, nothing in it) is answered with the error; a first visit shows only the box.
        if (!Request.Query.ContainsKey("q"))
        {
            return;
        }
        try
        {
            Result = await search.SearchAsync(Actor, Query, PageNumber, PersonSearch.DefaultPageSize, ct);
        }
        catch (ValidationFailedException e)
        {
            AddErrors(e);
        }
    }
}
