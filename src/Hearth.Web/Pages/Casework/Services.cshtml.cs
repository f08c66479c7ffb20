using Hearth.Core.Security;
using Hearth.Core.Casework;
using Hearth.Core.Episodes;
using Hearth.Core.Data;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Casework;

/// <summary>
/// Referrals from the episode to wider services (drug and alcohol, domestic abuse, mental health, housing, debt advice,
/// employment support...): each one's status and how long the family waited, and a form to make a new one.
/// </summary>
[RequirePermission(Permission.RecordCasework)]
public sealed class ServicesModel(EpisodeService episodes, ServiceReferralService services) : CaseworkPageModel
{
    [BindProperty] public string? DirectoryServiceId { get; set; }
    [BindProperty] public string? PersonId { get; set; }
    [BindProperty] public DateParts ReferredOn { get; set; } = new();
    [BindProperty] public string? Note { get; set; }

    public EpisodeSummary Summary { get; private set; } = null!;
    public IReadOnlyList<ServiceReferralView> Referrals { get; private set; } = [];
    public IReadOnlyList<Choice> Directory { get; private set; } = [];

    public IReadOnlyList<Choice> Who => [new Choice("", "The whole family"), .. Summary.Members.Select(m => new Choice(m.Id.ToString(), m.Name))];

    public string MemberName(Guid? personId) => personId is { } p ? Summary.Members.FirstOrDefault(m => m.Id == p)?.Name ?? "" : "The whole family";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        if (ReferredOn.Value is null)
        {
            Errors.Add(new FieldError("ReferredOn", "Enter the date of the referral, for example 27 3 2026"));
        }
        var input = new ServiceReferralInput(Guid.TryParse(DirectoryServiceId, out var d) ? d : Guid.Empty, Guid.TryParse(PersonId, out var p) ? p : null,
            ReferredOn.Value ?? DateOnly.MinValue, Note);
        return await SaveAsync(() => services.ReferAsync(Actor, id, input, ct), () => RedirectToPage("/Casework/Services", new { id }), "DirectoryServiceId");
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Summary = await episodes.SummaryAsync(Actor, id, ct);
        Referrals = await services.ForEpisodeAsync(Actor, id, ct);
        Directory = (await services.DirectoryAsync(ct)).Select(s => new Choice(s.Id.ToString(), $"{s.Name} ({s.Category})")).ToList();
    }

    public static string Days(int days) => days == 1 ? "1 day" : $"{days} days";
}
