using Hearth.Core.Security;
using Hearth.Core.Auditing;
using Hearth.Core.Data;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Audit;

/// <summary>The audit trail, filtered. Core records each search of it and hides the values of changes to families the viewer cannot see.</summary>
[RequirePermission(Permission.ViewAuditTrail)]
public sealed class IndexModel(AuditTrail trail) : HearthPageModel
{
    [BindProperty(SupportsGet = true)] public string? EntityType { get; set; }
    [BindProperty(SupportsGet = true)] public string? EntityId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public DateParts From { get; set; } = new();
    [BindProperty(SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<string> EntityTypes { get; private set; } = [];
    public AuditPage Result { get; private set; } = new([], 0, 1, 50);

    /// <summary>Another page of the same filtered trail.</summary>
    public string PageHref(int page) => Url.Page("/Audit/Index", new Microsoft.AspNetCore.Routing.RouteValueDictionary(From.RouteValues(nameof(From)))
    {
        [nameof(EntityType)] = EntityType, [nameof(Action)] = Action, [nameof(EntityId)] = EntityId, [nameof(PageNumber)] = page,
    })!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var from = ReadDate(From, nameof(From), "the from date", required: false);
        AuditAction? action = Enum.TryParse<AuditAction>(Action, out var a) ? a : null;
        EntityTypes = await trail.EntityTypesAsync(ct);
        Result = await trail.SearchAsync(Actor, new AuditFilter(from, null, EntityType, EntityId, null, action, PageNumber), ct);
    }
}
