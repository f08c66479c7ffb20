using Hearth.Core.Security;
using Hearth.Core.Auditing;
using Hearth.Core.Data;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Audit;

/// <summary>The audit trail, filtered. Reading it is itself not audited: it holds no record content beyond what changed.</summary>
[RequirePermission(Permission.ViewAuditTrail)]
public sealed class IndexModel(AuditTrail trail) : HearthPageModel
{
    [BindProperty(SupportsGet = true)] public string? EntityType { get; set; }
    [BindProperty(SupportsGet = true)] public string? EntityId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true, Name = "From")] public string? FromInput { get; set; }
    [BindProperty(SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public DateOnly? From { get; private set; }
    public IReadOnlyList<string> EntityTypes { get; private set; } = [];
    public AuditPage Result { get; private set; } = new([], 0, 1, 50);

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(FromInput))
        {
            if (DateOnly.TryParseExact(FromInput.Trim(), "yyyy-MM-dd", out var d))
            {
                From = d;
            }
            else
            {
                Errors.Add(new FieldError(nameof(From), "Enter the from date as year-month-day, for example 2026-04-01"));
            }
        }
        AuditAction? action = Enum.TryParse<AuditAction>(Action, out var a) ? a : null;
        EntityTypes = await trail.EntityTypesAsync(ct);
        Result = await trail.SearchAsync(Actor, new AuditFilter(From, null, EntityType, EntityId, null, action, PageNumber), ct);
    }
}
