using Hearth.Core.Episodes;
using Hearth.Core.People;
using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Families;

/// <summary>The family record: members as summary cards, referrals, episodes and the chronology. Opening it is audited.</summary>
public sealed class ShowModel(FamilyRecordService records, IStringLocalizer<SharedResource> t) : RecordPageModel
{
    public FamilyRecord Record { get; private set; } = null!;
    public IReadOnlyList<SummaryListModel> MemberCards { get; private set; } = [];
    public TableModel Chronology { get; private set; } = null!;
    public bool CanRecord => User.Has(Permission.RecordCasework);
    public bool CanTriage => User.Has(Permission.ManageCases);
    public string? Banner { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? person, string? triaged, CancellationToken ct)
    {
        Record = await records.ReadAsync(Actor, id, ct);
        Banner = person switch
        {
            "added" => t["The person has been added"].Value,
            "merged" => t["The records have been merged"].Value,
            _ => triaged is not null ? t["The triage decision has been saved"].Value : null,
        };
        MemberCards = Record.Members.Select(m => new SummaryListModel(
        [
            new SummaryRow(t["Relationship"], t[m.Relationship.ToString()]),
            new SummaryRow(t["Date of birth"], m.Person.DateOfBirth is { } dob ? Display.Date(dob) : m.Person.ExpectedDateOfBirth is { } due ? t["Expected {0}", Display.Date(due)] : t["Not known"]),
            new SummaryRow(t["Sex"], t[m.Person.Sex == Sex.Unknown ? "Not known" : m.Person.Sex.ToString()]),
            new SummaryRow(t["Council child ID"], m.Person.CouncilChildId ?? t["Not recorded"]),
            new SummaryRow(t["UPN"], m.Person.Upn ?? t["Not recorded"]),
            new SummaryRow(t["NHS number"], m.Person.NhsNumber ?? t["Not recorded"]),
            new SummaryRow(t["Member since"], Display.Date(m.From)),
        ], $"{m.Person.GivenName} {m.Person.FamilyName}",
            CanTriage ? [new CardAction($"/families/{id}/people/{m.Person.Id}/merge", t["Merge a duplicate"], t["record into {0} {1}", m.Person.GivenName, m.Person.FamilyName])] : null)).ToList();
        Chronology = new TableModel(t["Chronology"], [t["Date"], t["What"], t["Detail"]],
            Record.Chronology.Select(c => (IReadOnlyList<string>)[Display.Date(c.On), t[c.KindLabel], c.Summary]).ToList());
        return Page();
    }

    public string Decision(Referral r) => r.DecidedOn is { } d ? t["{0} on {1}", t[JourneyLabels.Of(r.Status)], Display.Date(d)] : t[JourneyLabels.Of(r.Status)];

    public bool Triageable(Referral r) => CanTriage && r.Status is ReferralStatus.Received or ReferralStatus.WaitingList;

    public string Closure(Episode e) => e.ClosureReason is { } reason
        ? $"{t[JourneyLabels.Of(reason)]}, {(e.ClosureDestination is { } d ? t[JourneyLabels.Of(d)] : "")} ({e.DfeReasonForClosure}){(e.UnmetNeed ? ", " + t["unmet need remains"] : "")}"
        : "";
}
