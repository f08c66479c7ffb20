using Hearth.Web.Infrastructure;
using System.Globalization;
using Hearth.Core.Data;
using Hearth.Core.Results;
using Hearth.Core.Security;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Results;

/// <summary>Claim windows and batches: build a batch of achieved, unclaimed results, or open a window.</summary>
[RequirePermission(Permission.ViewResults)]
public sealed class ClaimsModel(ClaimService claims, TimeProvider time) : ResultsPageModel(time)
{
    public IReadOnlyList<ClaimBatch> Batches { get; private set; } = [];
    public IReadOnlyList<ClaimWindow> Windows { get; private set; } = [];
    public bool CanManage => Actor.Has(Permission.ManageClaims);

    [BindProperty] public Guid? WindowId { get; set; }
    [BindProperty] public string? AsOf { get; set; }
    [BindProperty] public string? AuditSharePercent { get; set; } = ClaimService.DefaultAuditSharePercent.ToString(CultureInfo.InvariantCulture);
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? OpensOn { get; set; }
    [BindProperty] public string? ClosesOn { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        AsOf ??= Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostBatchAsync(CancellationToken ct)
    {
        var asOf = Parse(AsOf, nameof(AsOf));
        if (!int.TryParse(AuditSharePercent, NumberStyles.None, CultureInfo.InvariantCulture, out var share))
        {
            Errors.Add(new FieldError(nameof(AuditSharePercent), "Enter the audit share as a whole number of percent, for example 10"));
        }
        if (WindowId is null)
        {
            Errors.Add(new FieldError(nameof(WindowId), "Choose a claim window"));
        }
        Guid? batch = null;
        return await SaveAsync(async () => batch = (await claims.CreateBatchAsync(Actor, WindowId!.Value, asOf!.Value, share, ct: ct)).Id,
            () => RedirectToPage("/Results/Claim", new { id = batch }), nameof(WindowId), () => LoadAsync(ct));
    }

    public async Task<IActionResult> OnPostWindowAsync(CancellationToken ct)
    {
        var opens = Parse(OpensOn, nameof(OpensOn));
        var closes = Parse(ClosesOn, nameof(ClosesOn));
        return await SaveAsync(() => claims.CreateWindowAsync(Actor, new NewClaimWindow(FrameworkCode, Name ?? "", opens!.Value, closes!.Value), ct),
            () => RedirectToPage(), nameof(Name), () => LoadAsync(ct));
    }

    private DateOnly? Parse(string? text, string field)
    {
        if (DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }
        Errors.Add(new FieldError(field, "Enter the date as YYYY-MM-DD, for example 2026-03-31"));
        return null;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Batches = await claims.BatchesAsync(Actor, ct);
        Windows = await claims.WindowsAsync(Actor, ct);
    }
}
