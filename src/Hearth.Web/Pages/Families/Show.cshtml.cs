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
[RequirePermission(Permission.ViewFamilies)]
public sealed class ShowModel(FamilyRecordService records, PersonDetailsService details, IStringLocalizer<SharedResource> t) : HearthPageModel
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
            "changed" => t["The changes have been saved"].Value,
            // The banner says what the decision did, so it cannot disagree with the referral's status below it.
            _ => Enum.TryParse<TriageOutcome>(triaged, out var outcome) ? t[outcome switch
            {
                TriageOutcome.Advice => "Advice given: the referral is closed as advice only",
                TriageOutcome.Inappropriate => "The referral is closed as inappropriate",
                TriageOutcome.ReferredOn => "The referral is referred on to another service",
                TriageOutcome.WaitingList => "The referral is on the waiting list",
                _ => "The referral is accepted",
            }].Value : null,
        };
        var addresses = await details.CurrentAddressesAsync(Actor, id, ct);
        MemberCards = Record.Members.Select(m =>
        {
            var person = m.Person;
            Func<string, string>? change = CanRecord ? step => Url.Page("/Families/ChangePerson", new { id, person = person.Id, step, start = "true" })! : null;
            var rows = PersonSummary.Rows(PersonDetails.Of(person), addresses.GetValueOrDefault(person.Id), change, t, includeDeath: false);
            rows.Insert(1, new SummaryRow(t["Relationship"], t[m.Relationship.ToString()]));
            rows.Add(new SummaryRow(t["Member since"], Display.Date(m.From)));
            var name = $"{person.GivenName} {person.FamilyName}";
            var actions = new List<CardAction>();
            if (CanRecord && person.DateOfDeath is null)
            {
                actions.Add(new CardAction(change!(ChangePersonModel.Death), t["Record a death"], t["of {0}", name]));
            }
            if (CanTriage)
            {
                actions.Add(new CardAction(Url.Page("/Families/MergePerson", new { id, person = person.Id })!, t["Merge a duplicate"], t["record into {0} {1}", person.GivenName, person.FamilyName]));
            }
            return new SummaryListModel(rows, name, actions.Count == 0 ? null : actions);
        }).ToList();
        Chronology = new TableModel(t["Chronology"], [t["Date"], t["What"], t["Detail"]],
            Record.Chronology.Select(c => (IReadOnlyList<string>)[Display.Date(c.On), t[c.KindLabel], c.Text]).ToList(), MultilineColumns: new HashSet<int> { 2 });
        return Page();
    }

    public string Decision(Referral r) => r.DecidedOn is { } d ? t["{0} on {1}", t[CodeLabels.Of(r.Status)], Display.Date(d)] : t[CodeLabels.Of(r.Status)];

    public bool Triageable(Referral r) => CanTriage && r.Status is ReferralStatus.Received or ReferralStatus.WaitingList;

    public string Closure(Episode e) => e.ClosureReason is { } reason
        ? $"{t[CodeLabels.Of(reason)]}{(e.ClosureDestination is { } d ? ", " + t[CodeLabels.Of(d)] : "")}{(e.UnmetNeed ? ", " + t["unmet need remains"] : "")}"
        : "";
}
