using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Families;

/// <summary>
/// The families the user may see (their teams', or the council's for council-wide roles), filtered by team, worker,
/// status and phase, sorted by a column and paged, all by the database (<see cref="FamilyList"/>).
/// </summary>
[RequirePermission(Permission.ViewFamilies)]
public sealed class IndexModel(FamilyList families, OrganisationService organisation, IStringLocalizer<SharedResource> t) : HearthPageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true)] public Guid? Team { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Worker { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Phase { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public string? Order { get; set; }
    [BindProperty(SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public FamilyListPage Result { get; private set; } = new([], 0, 1, PageSize);
    public IReadOnlyList<Choice> Teams { get; private set; } = [];
    public IReadOnlyList<Choice> Workers { get; private set; } = [];
    public IReadOnlyList<Choice> Statuses { get; private set; } = [];
    public IReadOnlyList<Choice> Phases { get; private set; } = [];
    public FamilySort SortBy { get; private set; }
    public bool Descending { get; private set; }
    public bool Filtered => Team is not null || Worker is not null || !string.IsNullOrEmpty(Status) || !string.IsNullOrEmpty(Phase);

    public async Task OnGetAsync(CancellationToken ct)
    {
        SortBy = Enum.TryParse<FamilySort>(Sort, true, out var sort) ? sort : FamilySort.Reference;
        Descending = string.Equals(Order, "desc", StringComparison.OrdinalIgnoreCase);
        FamilyStatus? status = Enum.TryParse<FamilyStatus>(Status, true, out var s) ? s : null;
        Status = status?.ToString();
        Result = await families.ListAsync(Actor, new FamilyListFilter
        {
            TeamId = Team, WorkerId = Worker, Status = status, Phase = Phase, Sort = SortBy, Descending = Descending, Page = PageNumber, PageSize = PageSize,
        }, ct);
        Teams = (await organisation.ListTeamsAsync(Actor, ct)).Select(x => new Choice(x.Id.ToString(), x.Name)).ToList();
        Workers = (await families.WorkersAsync(Actor, ct)).Select(w => new Choice(w.Id.ToString(), w.IsActive ? w.Name : t["{0} (left)", w.Name])).ToList();
        Statuses = Enum.GetValues<FamilyStatus>().Select(x => new Choice(x.ToString(), StatusLabel(x))).ToList();
        Phases = (await families.PhasesAsync(ct)).Select(p => new Choice(p.Key, p.Name)).ToList();
    }

    public string StatusLabel(FamilyStatus status) => status switch
    {
        FamilyStatus.Open => t["Open"],
        FamilyStatus.Waiting => t["Waiting"],
        _ => t["Closed"],
    };

    public string StatusTagClass(FamilyStatus status) => status switch
    {
        FamilyStatus.Open => "govuk-tag--green",
        FamilyStatus.Waiting => "govuk-tag--yellow",
        _ => "govuk-tag--grey",
    };

    /// <summary>The same filters with another page, sort or order.</summary>
    public string Href(int page, FamilySort? sort = null, bool? descending = null)
    {
        var values = new RouteValueDictionary
        {
            [nameof(Team)] = Team, [nameof(Worker)] = Worker, [nameof(Status)] = Status, [nameof(Phase)] = Phase,
            [nameof(Sort)] = (sort ?? SortBy) == FamilySort.Reference ? null : (sort ?? SortBy).ToString().ToLowerInvariant(),
            [nameof(Order)] = descending ?? Descending ? "desc" : null,
            [nameof(PageNumber)] = page == 1 ? null : page,
        };
        return Url.Page("/Families/Index", values)!;
    }

    /// <summary>A column heading's link: sorts by the column, or reverses the order when it is the column sorted by.</summary>
    public string SortHref(FamilySort column) => Href(1, column, column == SortBy && !Descending);

    public string? AriaSort(FamilySort column) => column != SortBy ? "none" : Descending ? "descending" : "ascending";

    public string Ages(FamilyListRow row) => string.Join(", ", row.ChildrenAges.Select(a => a is { } n ? Number(n) : t["unborn or not known"].Value));
}
