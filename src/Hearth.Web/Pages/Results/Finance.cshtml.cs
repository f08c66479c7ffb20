using Hearth.Core.Results;

namespace Hearth.Web.Pages.Results;

/// <summary>Each service's grant profile beside its attachments, claims, payments and forecast.</summary>
public sealed class FinanceModel(FinanceService finance, TimeProvider time) : ResultsPageModel(time)
{
    public IReadOnlyList<FinanceYear> Years { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Years = await finance.ReportAsync(Actor, FrameworkCode, Date(), ct);
}
