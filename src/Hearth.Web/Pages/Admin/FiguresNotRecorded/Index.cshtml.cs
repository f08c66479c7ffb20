using Hearth.Core.Reporting;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Admin.FiguresNotRecorded;

/// <summary>
/// The figures recorded as not recorded (report gaps), each removable: a mistaken entry is removed, and one to correct
/// is removed and recorded again.
/// </summary>
[RequirePermission(Permission.ImportData)]
public sealed class IndexModel(ReportService reports) : HearthPageModel
{
    [BindProperty(SupportsGet = true)] public string? Saved { get; set; }
    [BindProperty(SupportsGet = true)] public string? Removed { get; set; }
    [BindProperty] public Guid Id { get; set; }
    [BindProperty] public int Version { get; set; }
    public IReadOnlyList<ReportGapRow> Gaps { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Gaps = await reports.GapsAsync(Actor, ct);

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken ct)
    {
        var gap = (await reports.GapsAsync(Actor, ct)).FirstOrDefault(g => g.Id == Id);
        return await SaveAsync(() => reports.RemoveGapAsync(Actor, Id, Version, ct),
            () => RedirectToPage("/Admin/FiguresNotRecorded/Index", new { removed = gap is null ? null : $"{gap.FigureLabel}, {gap.Service}" }), "Gaps",
            async () => Gaps = await reports.GapsAsync(Actor, ct));
    }
}
