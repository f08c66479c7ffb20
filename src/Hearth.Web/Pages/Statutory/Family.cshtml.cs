using Hearth.Core.Security;
using Hearth.Core.Statutory;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Statutory;

/// <summary>The family's statutory records: for each referral, each child's primary need, factors, plans and enquiries.</summary>
[RequirePermission(Permission.ViewFamilies)]
public sealed class FamilyModel(StatutoryService statutory) : HearthPageModel
{
    public FamilyStatutoryRecords Records { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Records = await statutory.ForFamilyAsync(Actor, id, ct);
        return Page();
    }

    public static string Heading(StatutoryReferral r) =>
        $"Referral {r.Referral.Reference ?? ""} received {Display.Date(r.Referral.ReceivedOn)}".Replace("  ", " ", StringComparison.Ordinal);

    public static string State(StatutoryReferral r) =>
        r.NoFurtherAction ? "No further action" : r.ClosedOn is { } closed ? $"Closed {Display.Date(closed)}" : "Open";

    public SummaryListModel Card(StatutoryReferral referral, StatutoryChild child)
    {
        var record = child.Record;
        var href = Url.Page("/Statutory/Child", new { referral = referral.Referral.Id, person = child.PersonId });
        return new SummaryListModel(
        [
            new SummaryRow("Primary need", StatutoryCodes.Name(StatutoryCodes.PrimaryNeed, record?.PrimaryNeedCode), href, $"{child.Name}'s statutory record"),
            new SummaryRow("Factors at assessment", record is null || record.AssessmentFactors.Count == 0 ? "Not recorded" : string.Join(", ", record.AssessmentFactors)),
            new SummaryRow("CIN plans", Periods(record?.CinPlans.Select(p => (p.StartedOn, p.EndedOn)))),
            new SummaryRow("Section 47 enquiries", record is null || record.Section47Enquiries.Count == 0 ? "None" : string.Join("; ", record.Section47Enquiries.Select(Enquiry))),
            new SummaryRow("Child protection plans", Periods(record?.ProtectionPlans.Select(p => (p.StartedOn, p.EndedOn)))),
        ], $"{child.Name}{(child.CouncilChildId is null ? "" : $" ({child.CouncilChildId})")}");
    }

    public static string Enquiry(Section47Enquiry s) =>
        $"from {Display.Date(s.StartedOn)}: " + (s.ConferenceOn is { } held ? $"conference {Display.Date(held)}" : s.ConferenceNotRequired ? "no conference needed" : "ongoing");

    private static string Periods(IEnumerable<(DateOnly Start, DateOnly? End)>? periods)
    {
        var list = periods?.ToList() ?? [];
        return list.Count == 0 ? "None" : string.Join("; ", list.Select(p => p.End is { } e ? $"{Display.Date(p.Start)} to {Display.Date(e)}" : $"from {Display.Date(p.Start)}, open"));
    }
}
