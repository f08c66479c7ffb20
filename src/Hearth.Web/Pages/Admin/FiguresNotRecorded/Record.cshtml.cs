using Hearth.Core.Reporting;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Admin.FiguresNotRecorded;

/// <summary>Records that a service did not record a figure for a period, so reports show it as not recorded rather than 0.</summary>
[RequirePermission(Permission.ImportData)]
public sealed class RecordModel(ReportService reports, IStringLocalizer<SharedResource> t) : HearthPageModel
{
    [BindProperty] public string? Service { get; set; }
    [BindProperty] public string? Figure { get; set; }
    [BindProperty] public DateParts From { get; set; } = new();
    [BindProperty] public DateParts To { get; set; } = new();
    [BindProperty] public string? Note { get; set; }
    public IReadOnlyList<Choice> ServiceChoices { get; private set; } = [];
    public IReadOnlyList<Choice> FigureChoices => ReportGap.Figures.Select(f => new Choice(f.Key, t[f.Label])).ToList();

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Boxes that do not make a date are named here; Core names whatever else is missing or wrong.
        var from = From.IsEmpty ? null : ReadDate(From, nameof(From), "the first day");
        var to = To.IsEmpty ? null : ReadDate(To, nameof(To), "the last day");
        await LoadAsync(ct);
        var service = ServiceChoices.FirstOrDefault(s => s.Value == Service)?.Text;
        return await SaveAsync(() => reports.RecordGapAsync(Actor, Service, Figure, from, to, Note, ct),
            () => RedirectToPage("/Admin/FiguresNotRecorded/Index", new { saved = service }), nameof(Figure));
    }

    private async Task LoadAsync(CancellationToken ct) =>
        ServiceChoices = (await reports.GapServicesAsync(Actor, ct)).Select(s => new Choice(s.Code, s.Name)).ToList();
}
