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
    [BindProperty] public DateParts AsOf { get; set; } = new();
    [BindProperty] public string? AuditSharePercent { get; set; } = ClaimService.DefaultAuditSharePercent.ToString(CultureInfo.InvariantCulture);
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public DateParts OpensOn { get; set; } = new();
    [BindProperty] public DateParts ClosesOn { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct)
    {
        AsOf = DateParts.Of(Today);
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostBatchAsync(CancellationToken ct)
    {
        var asOf = ReadDate(AsOf, nameof(AsOf), "the date the results are counted to");
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
        var opens = ReadDate(OpensOn, nameof(OpensOn), "the date the window opens");
        var closes = ReadDate(ClosesOn, nameof(ClosesOn), "the date the window closes");
        return await SaveAsync(() => claims.CreateWindowAsync(Actor, new NewClaimWindow(FrameworkCode, Name ?? "", opens!.Value, closes!.Value), ct),
            () => RedirectToPage(), nameof(Name), () => LoadAsync(ct));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Batches = await claims.BatchesAsync(Actor, ct);
        Windows = await claims.WindowsAsync(Actor, ct);
    }
}
