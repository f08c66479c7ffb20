using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using System.Globalization;
using Hearth.Core.Organisation;
using Hearth.Core.Reporting;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Admin.Budgets;

/// <summary>Sets a service's budget for a financial year; opened from a budget's Change link, it edits that year.</summary>
[RequirePermission(Permission.Administer)]
public sealed class SetModel(ReportInputService inputs, OrganisationService organisation) : AdminPageModel
{
    [BindProperty(SupportsGet = true)] public string? Service { get; set; }
    [BindProperty(SupportsGet = true)] public string? FinancialYear { get; set; }
    [BindProperty] public string? GrossExpenditure { get; set; }
    [BindProperty] public string? Income { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public int? Version { get; set; }
    public IReadOnlyList<Choice> ServiceChoices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (Service is not null && ReportInputService.ParseFinancialYear(FinancialYear) is { } year && await inputs.BudgetAsync(Actor, Service, year, ct) is { } budget)
        {
            GrossExpenditure = budget.GrossExpenditure.ToString("0.00", CultureInfo.InvariantCulture);
            Income = budget.Income.ToString("0.00", CultureInfo.InvariantCulture);
            (Note, Version) = (budget.Note, budget.Version);
        }
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var gross = Decimal(GrossExpenditure, nameof(GrossExpenditure), "Gross expenditure must be an amount in pounds, like 447890");
        var income = Decimal(Income, nameof(Income), "Income must be an amount in pounds, like 25000");
        return await SaveAsync(() => inputs.SetBudgetAsync(Actor, new BudgetInput(Service ?? "", FinancialYear, gross, income, Note, Version), ct), () => RedirectToPage("/Admin/Budgets/Index", new { saved = $"{Service} {FinancialYear}" }), nameof(GrossExpenditure), () => LoadAsync(ct));
    }

    private async Task LoadAsync(CancellationToken ct) =>
        ServiceChoices = (await organisation.ServicesAsync(Actor, ct)).Select(s => new Choice(s.Code, s.Name)).ToList();
}
