using Hearth.Core.Security;
using Hearth.Core;
using System.Globalization;
using Hearth.Core.Data;
using Hearth.Core.Returns.Census;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Census;

/// <summary>Exports the census as a download: straight away when it has no errors, otherwise only when asked again.</summary>
[RequirePermission(Permission.ManageReturns)]
public sealed class ExportModel(CensusExport census, TimeProvider time, IConfiguration configuration) : HearthPageModel
{
    [BindProperty] public DateParts ReferenceDate { get; set; } = new();
    [BindProperty] public string? LaCode { get; set; }
    [BindProperty] public bool Force { get; set; }

    public CensusExportResult? Result { get; private set; }

    public void OnGet()
    {
        // The latest collection year that has ended, and the council's code when it is configured.
        var today = time.TodayInUk();
        var year = CensusYear.All.LastOrDefault(y => y.ReferenceDate <= today) ?? CensusYear.All[0];
        ReferenceDate = DateParts.Of(year.ReferenceDate);
        LaCode = configuration["Census:LaCode"];
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ReadDate(ReferenceDate, nameof(ReferenceDate), "the reference date") is not { } date)
        {
            return Page();
        }
        IActionResult? outcome = null;
        return await SaveAsync(async () =>
        {
            var result = await census.ExportAsync(Actor, date, LaCode, ct);
            if (result.Validation.HasErrors && !Force)
            {
                Result = result;
                outcome = Page();
                return;
            }
            outcome = File(result.Xml, "application/xml", result.FileName);
        }, () => outcome!, nameof(ReferenceDate));
    }
}
