using Hearth.Core.Security;
using Hearth.Core.Casework;
using Hearth.Core.Episodes;
using Hearth.Core.Data;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Casework;

/// <summary>A referral to a wider service: its status history and wait, and the next change of status.</summary>
[RequirePermission(Permission.RecordCasework)]
public sealed class ServiceReferralModel(EpisodeService episodes, ServiceReferralService services) : CaseworkPageModel
{
    [BindProperty] public string? Status { get; set; }
    [BindProperty] public DateParts On { get; set; } = new();
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public int Version { get; set; }

    public ServiceReferralView Referral { get; private set; } = null!;
    public EpisodeSummary Summary { get; private set; } = null!;
    public IReadOnlyList<ServiceReferralStatusChange> History { get; private set; } = [];

    public static IReadOnlyList<Choice> Statuses { get; } = Enum.GetValues<ServiceReferralStatus>().Where(s => s != ServiceReferralStatus.Referred)
        .Select(s => new Choice(s.ToString(), ServiceReferralService.StatusLabel(s))).ToList();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        Version = Referral.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        if (!Enum.TryParse<ServiceReferralStatus>(Status, out var status) || !Enum.IsDefined(status))
        {
            Errors.Add(new FieldError("Status", "Select the referral's new status"));
        }
        if (On.Value is null)
        {
            Errors.Add(new FieldError("On", "Enter the date the status changed, for example 27 3 2026"));
        }
        if (Errors.Count > 0)
        {
            return Page();
        }
        return await SaveAsync(() => services.ChangeStatusAsync(Actor, id, Version, status, On.Value!.Value, Note, ct), () => RedirectToPage("/Casework/Services", new { id = Referral.EpisodeId }), "Status");
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Referral = await services.ReadAsync(Actor, id, ct);
        Summary = await episodes.SummaryAsync(Actor, Referral.EpisodeId, ct);
        History = await services.HistoryAsync(Actor, id, ct);
    }
}
