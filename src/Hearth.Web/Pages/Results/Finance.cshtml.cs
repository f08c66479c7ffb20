using Hearth.Web.Infrastructure;
using System.Globalization;
using Hearth.Core.Data;
using Hearth.Core.Organisation;
using Hearth.Core.Results;
using Hearth.Core.Security;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Results;

/// <summary>Each service's grant profile beside its attachments, claims, payments and forecast; performance officers set the profile here.</summary>
[RequirePermission(Permission.ViewResults)]
public sealed class FinanceModel(FinanceService finance, TimeProvider time) : ResultsPageModel(time)
{
    public IReadOnlyList<FinanceYear> Years { get; private set; } = [];

    /// <summary>Each service and year's forecast beside what its grant profile expects; no chart when there are no years.</summary>
    public BarChart? Chart => Years.Count == 0 ? null : BarChart.Scaled($"{FrameworkName}: forecast income against the grant profile",
        Years.SelectMany(y => new (string, double?, string)[]
        {
            ($"{y.Service} {y.Year}: expected", y.ProfileVersion is null ? null : (double)y.ExpectedTotal, y.ProfileVersion is null ? "no profile" : ResultsPageModel.Money(y.ExpectedTotal)),
            ($"{y.Service} {y.Year}: forecast", (double)y.Forecast, ResultsPageModel.Money(y.Forecast)),
        }).ToList());
    public IReadOnlyList<Service> Services { get; private set; } = [];
    public bool CanManage => Actor.Has(Permission.ManageClaims);

    /// <summary>The profile year being changed, chosen from the table (absent for a new year).</summary>
    [BindProperty(SupportsGet = true)] public Guid? ServiceId { get; set; }
    [BindProperty(SupportsGet = true)] public string? FinancialYear { get; set; }
    [BindProperty] public string? ExpectedFamilies { get; set; }
    [BindProperty] public string? ExpectedAttachmentFees { get; set; }
    [BindProperty] public string? ExpectedResults { get; set; }
    /// <summary>The version of the year as it was shown; empty when it had no profile.</summary>
    [BindProperty] public int? ProfileVersion { get; set; }

    [BindProperty(SupportsGet = true)] public bool Saved { get; set; }

    /// <summary>Whether the form changes a year that already has a profile (the service and year are then fixed).</summary>
    public bool Changing { get; private set; }

    public string ServiceName => Services.FirstOrDefault(s => s.Id == ServiceId)?.Name ?? "";

    public string YearLabel => int.TryParse(FinancialYear, NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? ResultsEngine.FinancialYearLabel(year) : "";

    public IReadOnlyList<Choice> ServiceChoices => Services.Select(s => new Choice(s.Id.ToString(), s.Name)).ToList();

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (ServiceId is { } service && int.TryParse(FinancialYear, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && Years.FirstOrDefault(y => y.ServiceId == service && y.FinancialYear == year) is { ProfileVersion: { } version } shown)
        {
            Changing = true;
            ProfileVersion = version;
            ExpectedFamilies = shown.ExpectedFamilies.ToString(CultureInfo.InvariantCulture);
            ExpectedAttachmentFees = shown.ExpectedAttachmentFees.ToString("0.##", CultureInfo.InvariantCulture);
            ExpectedResults = shown.ExpectedResults.ToString("0.##", CultureInfo.InvariantCulture);
        }
    }

    public async Task<IActionResult> OnPostProfileAsync(CancellationToken ct)
    {
        Changing = ProfileVersion is not null;
        if (ServiceId is null)
        {
            Errors.Add(new FieldError(nameof(ServiceId), "Choose a service"));
        }
        if (!int.TryParse(FinancialYear?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            Errors.Add(new FieldError(nameof(FinancialYear), "Enter the financial year by its first year, e.g. 2012 for 2012/13"));
        }
        if (!int.TryParse(ExpectedFamilies?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var families))
        {
            Errors.Add(new FieldError(nameof(ExpectedFamilies), "Enter the families expected as a whole number, for example 30"));
        }
        var fees = Amount(ExpectedAttachmentFees, nameof(ExpectedAttachmentFees), "attachment fees expected");
        var results = Amount(ExpectedResults, nameof(ExpectedResults), "results payments expected");
        return await SaveAsync(
            () => finance.SetProfileAsync(Actor, new NewGrantProfileYear(ServiceId!.Value, FrameworkCode, year, families, fees, results, ProfileVersion, CheckVersion: true), ct),
            () => RedirectToPage(RouteValues(new { Saved = true })), nameof(ExpectedFamilies), () => LoadAsync(ct),
            conflictMessage: ProfileVersion is null ? "This service already has a grant profile for that year: choose Change beside it in the table to change it" : null);
    }

    private decimal Amount(string? text, string field, string what)
    {
        var cleaned = text?.Trim().TrimStart('£').Replace(",", "", StringComparison.Ordinal);
        if (decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return amount;
        }
        Errors.Add(new FieldError(field, $"Enter the {what} in pounds, for example 24000"));
        return 0;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Years = await finance.ReportAsync(Actor, FrameworkCode, Date(), ct);
        Services = await finance.ServicesAsync(Actor, ct);
    }
}
