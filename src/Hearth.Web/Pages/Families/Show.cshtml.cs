using Hearth.Core.Episodes;
using Hearth.Core.People;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Families;

/// <summary>The family record: members as summary cards, referrals, episodes and the chronology. Opening it is audited.</summary>
public sealed class ShowModel(FamilyRecordService records) : HearthPageModel
{
    public FamilyRecord Record { get; private set; } = null!;
    public IReadOnlyList<SummaryListModel> MemberCards { get; private set; } = [];
    public TableModel Referrals { get; private set; } = null!;
    public TableModel Episodes { get; private set; } = null!;
    public TableModel Chronology { get; private set; } = null!;
    public bool CanAddReferral => User.Has(Permission.RecordCasework);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Record = await records.ReadAsync(Actor, id, ct);
        }
        catch (AccessDeniedException)
        {
            return NotFound();
        }
        MemberCards = Record.Members.Select(m => new SummaryListModel(
        [
            new SummaryRow("Relationship", m.Relationship.ToString()),
            new SummaryRow("Date of birth", m.Person.DateOfBirth is { } dob ? Display.Date(dob) : m.Person.ExpectedDateOfBirth is { } due ? $"Expected {Display.Date(due)}" : "Not known"),
            new SummaryRow("Sex", m.Person.Sex.ToString()),
            new SummaryRow("Council child ID", m.Person.CouncilChildId ?? "Not recorded"),
            new SummaryRow("UPN", m.Person.Upn ?? "Not recorded"),
            new SummaryRow("NHS number", m.Person.NhsNumber ?? "Not recorded"),
            new SummaryRow("Member since", Display.Date(m.From)),
        ], $"{m.Person.GivenName} {m.Person.FamilyName}")).ToList();
        Referrals = new TableModel("Referrals", ["Received", "Reference", "Source", "Decision", "Re-referral"],
            Record.Referrals.OrderByDescending(r => r.ReceivedOn).Select(r => (IReadOnlyList<string>)
                [Display.Date(r.ReceivedOn), r.Reference ?? "", r.Source, r.DecidedOn is { } d ? $"{r.Status} on {Display.Date(d)}" : "Not yet triaged", r.IsReReferral ? "Yes" : "No"]).ToList());
        Episodes = new TableModel("Episodes", ["Opened", "Current phase", "Since", "Closed", "Closure"],
            Record.Episodes.OrderByDescending(e => e.OpenedOn).Select(e => (IReadOnlyList<string>)
                [Display.Date(e.OpenedOn), e.ClosedOn is null ? e.CurrentPhase : "", e.ClosedOn is null ? Display.Date(e.CurrentPhaseStartedOn) : "", Display.Date(e.ClosedOn),
                 e.ClosureReason is { } reason ? $"{ClosureCodes.Code(reason)}, {e.ClosureDestination} ({e.DfeReasonForClosure}){(e.UnmetNeed ? ", unmet need" : "")}" : ""]).ToList());
        Chronology = new TableModel("Chronology", ["Date", "What", "Detail"],
            Record.Chronology.Select(c => (IReadOnlyList<string>)[Display.Date(c.On), c.KindLabel, c.Summary]).ToList());
        return Page();
    }
}
