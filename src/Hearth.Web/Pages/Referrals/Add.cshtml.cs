using System.Globalization;
using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Core.People;
using Hearth.Core.Programmes;
using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Referrals;

/// <summary>The answers given so far in the referral question pages, kept between pages until the referral is saved.</summary>
public sealed class ReferralDraft
{
    public List<Guid> ChildIds { get; set; } = [];
    public DateParts ReceivedOn { get; set; } = new();
    public string? ReceivedAt { get; set; }
    public string? Channel { get; set; }
    public string? Source { get; set; }
    public string? ReferrerAgency { get; set; }
    public string? ReferrerName { get; set; }
    public string? ReferrerContact { get; set; }
    public List<string> PresentingNeeds { get; set; } = [];
    public Dictionary<string, string> Eligibility { get; set; } = [];
    public string? ConsentToShare { get; set; }
    public string? SharingBasis { get; set; }
    /// <summary>The question pages answered, so "check your answers" knows what is still to do.</summary>
    public List<string> Answered { get; set; } = [];
}

/// <summary>
/// Adds a referral as GOV.UK question pages, one topic a page: the children, the referral's details, needs and
/// eligibility, consent and sharing, then check your answers. Each page is checked on its own (by the page and by
/// ReferralService for its section); the answers are kept as the user's draft (DraftService), never saved as a referral half-done.
/// The journey's first request starts the intake (one "read family" audit event); the others resume it, reading only
/// the family's members and programme, and check only their own section.
/// </summary>
[RequirePermission(Permission.RecordCasework)]
public sealed class AddModel(ReferralService referrals, DraftService drafts, TimeProvider time, IStringLocalizer<SharedResource> t) : HearthPageModel
{
    public const string Children = "children", Details = "details", Needs = "needs", Consent = "consent", Check = "check";
    private static readonly string[] Steps = [Children, Details, Needs, Consent];

    private static readonly Dictionary<string, ReferralSection> SectionOf = new()
    {
        [Children] = ReferralSection.Children,
        [Details] = ReferralSection.Details,
        [Needs] = ReferralSection.Needs,
        [Consent] = ReferralSection.Consent,
    };

    [BindProperty(SupportsGet = true)] public Guid Family { get; set; }
    [BindProperty(SupportsGet = true)] public string? Step { get; set; }
    /// <summary>Set by the change links of check your answers: after the page, go back there.</summary>
    [BindProperty(SupportsGet = true)] public bool Change { get; set; }
    [BindProperty] public List<Guid> ChildIds { get; set; } = [];
    [BindProperty] public DateParts ReceivedOn { get; set; } = new();
    [BindProperty] public string? ReceivedAt { get; set; }
    [BindProperty] public string? Channel { get; set; }
    [BindProperty] public string? Source { get; set; }
    [BindProperty] public string? ReferrerAgency { get; set; }
    [BindProperty] public string? ReferrerName { get; set; }
    [BindProperty] public string? ReferrerContact { get; set; }
    [BindProperty] public List<string> PresentingNeeds { get; set; } = [];
    [BindProperty] public string? ConsentToShare { get; set; }
    [BindProperty] public string? SharingBasis { get; set; }

    public ReferralIntake Intake { get; private set; } = null!;
    public ProgrammeDefinition? Programme { get; private set; }
    public ReferralDraft Draft { get; private set; } = new();
    public string CurrentStep => Step ?? Children;
    public IReadOnlyList<Choice> ChildChoices { get; private set; } = [];
    public IReadOnlyList<Choice> NeedChoices { get; private set; } = [];
    public IReadOnlyList<Choice> SourceChoices { get; } = ReferralSources.Codes.Keys.Select(c => new Choice(c, CodeLabels.ReferralSource(c))).ToList();
    public IReadOnlyList<Choice> ChannelChoices => Enum.GetValues<ReferralChannel>().Select(c => new Choice(c.ToString(), t[CodeLabels.Of(c)])).ToList();
    public IReadOnlyList<Choice> BasisChoices => Enum.GetValues<Core.Referrals.SharingBasis>().Select(b => new Choice(b.ToString(), t[CodeLabels.Of(b)])).ToList();
    public IReadOnlyList<Choice> YesNo => [new("yes", t["Yes"]), new("no", t["No"])];
    public SummaryListModel? Answers { get; private set; }
    public bool AllAnswered => Steps.All(Draft.Answered.Contains);

    private const string DraftForm = "referral-add";
    private string DraftKey => Family.ToString("N");

    public string Href(string step, bool change = false) => Url.Page("/Referrals/Add", new { step, family = Family, change = change ? "true" : null })!;

    public string Answer(string key) =>
        Request.HasFormContentType && CurrentStep == Needs ? Request.Form[$"Eligibility.{key}"].ToString() : Draft.Eligibility.GetValueOrDefault(key, "");

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        if (CurrentStep == Check)
        {
            BuildAnswers();
            return Page();
        }
        (ChildIds, ReceivedOn, ReceivedAt, Channel, Source) = (Draft.ChildIds, Draft.ReceivedOn, Draft.ReceivedAt, Draft.Channel, Draft.Source);
        (ReferrerAgency, ReferrerName, ReferrerContact) = (Draft.ReferrerAgency, Draft.ReferrerName, Draft.ReferrerContact);
        (PresentingNeeds, ConsentToShare, SharingBasis) = (Draft.PresentingNeeds, Draft.ConsentToShare, Draft.SharingBasis);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        if (CurrentStep == Check)
        {
            return await SaveAsync(ct);
        }
        switch (CurrentStep)
        {
            case Children:
                Draft.ChildIds = ChildIds;
                break;
            case Details:
                (Draft.ReceivedOn, Draft.ReceivedAt, Draft.Channel, Draft.Source) = (ReceivedOn, ReceivedAt, Channel, Source);
                (Draft.ReferrerAgency, Draft.ReferrerName, Draft.ReferrerContact) = (ReferrerAgency, ReferrerName, ReferrerContact);
                if (ReceivedOn.Value is null)
                {
                    Errors.Add(new FieldError(nameof(ReceivedOn), t["Enter the date the referral was received as a real date, for example 27 3 2026"]));
                }
                if (!string.IsNullOrWhiteSpace(ReceivedAt) && ParseTime(ReceivedAt) is null)
                {
                    Errors.Add(new FieldError(nameof(ReceivedAt), t["Enter the time received like 9:30 or 14:05, or leave it blank"]));
                }
                if (!Enum.TryParse<ReferralChannel>(Channel, out _))
                {
                    Errors.Add(new FieldError(nameof(Channel), t["Choose how the referral arrived"]));
                }
                break;
            case Needs:
                Draft.PresentingNeeds = PresentingNeeds;
                Draft.Eligibility = (Programme?.Eligibility ?? []).ToDictionary(q => q.Key, q => Request.Form[$"Eligibility.{q.Key}"].ToString());
                break;
            case Consent:
                (Draft.ConsentToShare, Draft.SharingBasis) = (ConsentToShare, SharingBasis);
                if (ConsentToShare is not ("yes" or "no"))
                {
                    Errors.Add(new FieldError(nameof(ConsentToShare), t["Say whether the family consents to information being shared"]));
                }
                if (!Enum.TryParse<Core.Referrals.SharingBasis>(SharingBasis, out _))
                {
                    Errors.Add(new FieldError(nameof(SharingBasis), t["Choose the lawful basis for sharing"]));
                }
                break;
            default:
                return NotFound();
        }
        // Core's own checks for this page's section, beside the page's: every problem of the page shows at once.
        var coreErrors = await referrals.CheckSectionAsync(Actor, SectionOf[CurrentStep], ToReferral(Draft), ct);
        Errors.AddRange(coreErrors.Where(e => Errors.All(x => x.Field != e.Field)));
        if (Errors.Count > 0)
        {
            return Page();
        }
        if (!Draft.Answered.Contains(CurrentStep))
        {
            Draft.Answered.Add(CurrentStep);
        }
        await drafts.SaveAnswersAsync(Actor, DraftForm, DraftKey, Draft, ct);
        var next = Change ? Check : Array.IndexOf(Steps, CurrentStep) is var i && i < Steps.Length - 1 ? Steps[i + 1] : Check;
        return Redirect(Href(next));
    }

    private async Task<IActionResult> SaveAsync(CancellationToken ct)
    {
        BuildAnswers();
        if (!AllAnswered)
        {
            Errors.Add(new FieldError("Answers", t["Answer every question before saving the referral"]));
            return Page();
        }
        Referral? saved = null;
        return await SaveAsync(async () =>
        {
            saved = await referrals.RecordAsync(Actor, ToReferral(Draft), ct);
            await drafts.DiscardAsync(Actor, DraftForm, DraftKey, ct);
        }, () =>
        {
            return RedirectToPage("/Referrals/Received", new { id = saved!.Id });
        }, "Answers");
    }

    private NewReferral ToReferral(ReferralDraft d)
    {
        var answers = d.Eligibility.Where(a => a.Value is "yes" or "no").ToDictionary(a => a.Key, a => a.Value == "yes");
        return new NewReferral(Intake.TeamId, Intake.FamilyId, d.ChildIds, d.ReceivedOn.Value ?? UkToday(time), ParseTime(d.ReceivedAt),
            Enum.TryParse<ReferralChannel>(d.Channel, out var channel) ? channel : ReferralChannel.Other, d.Source ?? "",
            d.ReferrerAgency, d.ReferrerName, d.ReferrerContact, d.PresentingNeeds, d.ConsentToShare != "no",
            Enum.TryParse<Core.Referrals.SharingBasis>(d.SharingBasis, out var basis) ? basis : Core.Referrals.SharingBasis.PublicTask, answers);
    }

    private static TimeOnly? ParseTime(string? text) =>
        TimeOnly.TryParseExact(text?.Trim().Replace('.', ':'), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    private void BuildAnswers()
    {
        var names = Intake.Members.ToDictionary(m => m.PersonId, m => $"{m.GivenName} {m.FamilyName}");
        var needs = (Programme?.PresentingNeeds ?? PresentingNeed.Standard).ToDictionary(n => n.Key, n => n.Label);
        string Or(string? value) => string.IsNullOrWhiteSpace(value) ? t["Not given"] : value;
        var rows = new List<SummaryRow>
        {
            new(t["Children"], Draft.ChildIds.Count == 0 ? t["Not given"] : string.Join(", ", Draft.ChildIds.Select(c => names.GetValueOrDefault(c, "")))),
            new(t["Date received"], Draft.ReceivedOn.Value is { } on ? Display.Date(on) + (ParseTime(Draft.ReceivedAt) is { } at ? " " + at.ToString("HH:mm", CultureInfo.InvariantCulture) : "") : t["Not given"], Href(Details, true), t["date received"]),
            new(t["How it arrived"], Enum.TryParse<ReferralChannel>(Draft.Channel, out var channel) ? t[CodeLabels.Of(channel)] : t["Not given"], Href(Details, true), t["how it arrived"]),
            new(t["Referral source"], ReferralSources.IsValid(Draft.Source) ? CodeLabels.ReferralSource(Draft.Source) : t["Not given"], Href(Details, true), t["referral source"]),
            new(t["Referrer"], Or(string.Join(", ", new[] { Draft.ReferrerName, Draft.ReferrerAgency, Draft.ReferrerContact }.Where(x => !string.IsNullOrWhiteSpace(x)))), Href(Details, true), t["referrer"]),
            new(t["Presenting needs"], Draft.PresentingNeeds.Count == 0 ? t["None chosen"] : string.Join(", ", Draft.PresentingNeeds.Select(n => needs.GetValueOrDefault(n, n))), Href(Needs, true), t["presenting needs"]),
        };
        rows[0] = rows[0] with { ChangeHref = Href(Children, true), ChangeHiddenText = t["children"] };
        foreach (var q in Programme?.Eligibility ?? [])
        {
            var a = Draft.Eligibility.GetValueOrDefault(q.Key);
            rows.Add(new(q.Question, a == "yes" ? t["Yes"] : a == "no" ? t["No"] : t["Not given"], Href(Needs, true), q.Question));
        }
        rows.Add(new(t["Consent to share"], Draft.ConsentToShare == "yes" ? t["Yes"] : Draft.ConsentToShare == "no" ? t["No"] : t["Not given"], Href(Consent, true), t["consent to share"]));
        rows.Add(new(t["Lawful basis for sharing"], Enum.TryParse<Core.Referrals.SharingBasis>(Draft.SharingBasis, out var basis) ? t[CodeLabels.Of(basis)] : t["Not given"], Href(Consent, true), t["lawful basis"]));
        Answers = new SummaryListModel(rows);
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (Step is not null && Step != Check && !Steps.Contains(Step))
        {
            return false;
        }
        if (await drafts.LoadAnswersAsync<ReferralDraft>(Actor, DraftForm, DraftKey, ct) is { } kept)
        {
            Intake = await referrals.ResumeIntakeAsync(Actor, Family, kept.ReceivedOn.Value, ct);
            Draft = kept;
        }
        else
        {
            // The journey's first page: the one audited read of the family; the empty draft marks the journey started.
            Intake = await referrals.StartIntakeAsync(Actor, Family, ct);
            await drafts.SaveAnswersAsync(Actor, DraftForm, DraftKey, Draft, ct);
        }
        Programme = Intake.Programme;
        ChildChoices = Intake.Members.Select(m => new Choice(m.PersonId.ToString(), $"{m.GivenName} {m.FamilyName}",
            m.DateOfBirth is { } dob ? t["{0}, born {1}", m.Relationship.ToString(), Display.Date(dob)] : m.Relationship.ToString())).ToList();
        NeedChoices = (Programme?.PresentingNeeds ?? PresentingNeed.Standard).Select(n => new Choice(n.Key, n.Label)).ToList();
        return true;
    }
}
