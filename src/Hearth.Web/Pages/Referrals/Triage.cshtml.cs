using Hearth.Core.Data;
using Hearth.Core.Programmes;
using Hearth.Core.Organisation;
using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Referrals;

/// <summary>
/// The triage decision on a referral: advice only, accepted (opens, joins or reopens an episode), inappropriate with a
/// reason, referred on to a named service, or the waiting list with a priority and reason.
/// </summary>
[RequirePermission(Permission.ManageCases)]
public sealed class TriageModel(ReferralService referrals, TriageService triage, OrganisationService organisation, ProgrammeService programmes, TimeProvider time,
    IStringLocalizer<SharedResource> t) : HearthPageModel
{
    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public DateParts DecidedOn { get; set; } = new();
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? ReferredOnTo { get; set; }
    [BindProperty] public string? Priority { get; set; }
    [BindProperty] public string? Mode { get; set; }
    [BindProperty] public int Version { get; set; }

    public ReferralFacts Facts { get; private set; } = null!;
    public Referral Referral => Facts.Referral;
    public IReadOnlyList<EarlierReferral> Earlier => Facts.Earlier;
    public IReadOnlyList<string> Modes { get; private set; } = [];
    public IReadOnlyList<Choice> Outcomes => Enum.GetValues<TriageOutcome>()
        .Where(o => !(Referral.Status == ReferralStatus.WaitingList && o == TriageOutcome.WaitingList))
        .Select(o => new Choice(o.ToString(), t[CodeLabels.Of(o)], o switch
        {
            TriageOutcome.Inappropriate => t["Give the reason below."].Value,
            TriageOutcome.ReferredOn => t["Name the service below."].Value,
            TriageOutcome.WaitingList => t["Give the priority and reason below."].Value,
            TriageOutcome.Accepted => t["Opens an episode, or joins the family’s open one."].Value,
            _ => null,
        })).ToList();
    public IReadOnlyList<Choice> Priorities => Enum.GetValues<WaitingPriority>().Select(p => new Choice(p.ToString(), t[CodeLabels.Of(p)])).ToList();
    public bool Decided => Referral.Status is not (ReferralStatus.Received or ReferralStatus.WaitingList);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        Version = Referral.Version;
        DecidedOn = DateParts.Of(UkToday(time));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        var on = DecidedOn.Value;
        if (!Enum.TryParse<TriageOutcome>(Outcome, out var outcome))
        {
            Errors.Add(new FieldError(nameof(Outcome), t["Choose the triage decision"]));
        }
        if (on is null)
        {
            Errors.Add(new FieldError(nameof(DecidedOn), t["Enter the date of the decision as a real date, for example 27 3 2026"]));
        }
        if (Errors.Count > 0)
        {
            return Page();
        }
        var priority = Enum.TryParse<WaitingPriority>(Priority, out var p) ? p : (WaitingPriority?)null;
        var decision = new TriageDecision(outcome, on!.Value, Blank(Reason), Blank(ReferredOnTo), priority, Modes.Count > 0 ? Blank(Mode) : null);
        Core.Referrals.Referral? saved = null;
        return await SaveAsync(async () => saved = await triage.TriageAsync(Actor, id, Version, decision, ct), () => saved!.EpisodeId is { } episode ? RedirectToPage("/Episodes/Show", new { id = episode, saved = "accepted" }) : RedirectToPage("/Families/Show", new { id = saved.FamilyId, triaged = outcome.ToString() }), nameof(Outcome));
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>The referral as the manager reads it before deciding: who it is about, why, from whom, and its history.</summary>
    public SummaryListModel FactsList()
    {
        var today = UkToday(time);
        string Or(string? value) => string.IsNullOrWhiteSpace(value) ? t["Not given"] : value;
        string Child(ReferredChild c) => Hearth.Core.Measures.MeasureEntry.AgeOn(c.DateOfBirth, today) is { } age
            ? t["{0}, {1}", c.Name, age == 1 ? t["1 year old"] : t["{0} years old", age]] : t["{0}, date of birth not known", c.Name];
        var needs = (Facts.Programme?.PresentingNeeds ?? PresentingNeed.Standard).ToDictionary(n => n.Key, n => n.Label);
        var rows = new List<SummaryRow>
        {
            new(t["Status"], t[CodeLabels.Of(Referral.Status)]),
            new(t["Children"], Facts.Children.Count == 0 ? t["None named"] : string.Join("\n", Facts.Children.Select(Child))),
            new(t["Presenting needs"], Referral.PresentingNeeds.Count == 0 ? t["None recorded"] : string.Join("\n", Referral.PresentingNeeds.Select(n => t[needs.GetValueOrDefault(n, n)].Value))),
            new(t["Received"], Display.Date(Referral.ReceivedOn) + (Referral.ReceivedAt is { } at ? " " + at.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "") + ", " + t[CodeLabels.Of(Referral.Channel)].Value.ToLower(WebSetup.Culture)),
            new(t["Referral source"], CodeLabels.ReferralSource(Referral.Source)),
            new(t["Referrer"], Or(string.Join(", ", new[] { Referral.ReferrerName, Referral.ReferrerAgency, Referral.ReferrerContact }.Where(x => !string.IsNullOrWhiteSpace(x))))),
        };
        foreach (var q in Facts.Programme?.Eligibility ?? [])
        {
            rows.Add(new(q.Question, Facts.EligibilityAnswers.TryGetValue(q.Key, out var yes) ? (yes ? t["Yes"] : t["No"]) : t["Not answered"]));
        }
        rows.Add(new(t["Consent to share"], Referral.ConsentToShare ? t["Yes"] : t["No"]));
        rows.Add(new(t["Lawful basis for sharing"], t[CodeLabels.Of(Referral.SharingBasis)]));
        rows.Add(new(t["Re-referral"], Referral.IsReReferral
            ? t["Yes: {0} earlier in the previous 12 months", Earlier.Count] + "\n" + string.Join("\n", Earlier.Select(e => t["Received {0}: {1}", Display.Date(e.ReceivedOn), t[CodeLabels.Of(e.Status)]].Value))
            : t["No"]));
        return new SummaryListModel(rows);
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Facts = await referrals.FactsAsync(Actor, id, ct);
        var team = (await organisation.ListTeamsAsync(Actor, ct)).FirstOrDefault(x => x.Id == Referral.TeamId);
        if (team?.Service?.ProgrammeCode is { } code && await programmes.InEffectAsync(code, UkToday(time), ct) is { } programme)
        {
            Modes = programme.Definition.Modes;
        }
    }
}
