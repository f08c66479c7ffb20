using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using System.Text;
using Hearth.Core.Results;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Results;

/// <summary>Every attached family's results as of a date, with the computations, and the same as CSV.</summary>
[RequirePermission(Permission.ViewResults)]
[RequirePermission(Permission.ViewFamilies)]
public sealed class EvaluateModel(ResultsService results, TimeProvider time) : ResultsPageModel(time)
{
    public IReadOnlyList<FamilyResults> Families { get; private set; } = [];
    public DateOnly AsOf { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        AsOf = Date();
        Families = await results.EvaluateAsync(Actor, FrameworkCode, AsOf, ct);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var asOf = Date();
        if (Errors.Count > 0)
        {
            return BadRequest(string.Join("; ", Errors.Select(e => $"{e.Field}: {e.Message}")));
        }
        var families = await results.EvaluateAsync(Actor, FrameworkCode, asOf, ct);
        return File(Encoding.UTF8.GetBytes(ResultsExport.EvaluationCsv(families)), "text/csv", $"results-{FrameworkCode}-{asOf:yyyy-MM-dd}.csv");
    }
}
