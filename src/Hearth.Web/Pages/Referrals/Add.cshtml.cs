using Hearth.Core.Data;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Programmes;
using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Hearth.Web.Pages.Referrals;

/// <summary>The day, month and year boxes of a GOV.UK date input.</summary>
public sealed class DateParts
{
    public string? Day { get; set; }
    public string? Month { get; set; }
    public string? Year { get; set; }

    public DateOnly? Parse() =>
        int.TryParse(Day, out var d) && int.TryParse(Month, out var m) && int.TryParse(Year, out var y) && y is >= 1900 and <= 9999
            && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m)
            ? new DateOnly(y, m, d)
            : null;
}

/// <summary>Add a referral for a family: one question page, refused whole with an error summary when anything is wrong.</summary>
public sealed class AddModel(FamilyRecordService records, ReferralService referrals, OrganisationService organisation, ProgrammeService programmes, TimeProvider time) : HearthPageModel
{
    [BindProperty(SupportsGet = true)] public Guid Family { get; set; }
    [BindProperty] public List<Guid> ChildIds { get; set; } = [];
    [BindProperty] public DateParts ReceivedOn { get; set; } = new();
    [BindProperty] public string? Channel { get; set; }
    [BindProperty] public string? Source { get; set; }
    [BindProperty] public string? ReferrerAgency { get; set; }
    [BindProperty] public string? ReferrerName { get; set; }
    [BindProperty] public string? ReferrerContact { get; set; }
    [BindProperty] public List<string> PresentingNeeds { get; set; } = [];
    [BindProperty] public string? ConsentToShare { get; set; }
    [BindProperty] public string? SharingBasis { get; set; }

    public FamilyRecord Record { get; private set; } = null!;
    public ProgrammeDefinition? Programme { get; private set; }
    public IReadOnlyList<Choice> ChildChoices { get; private set; } = [];
    public IReadOnlyList<Choice> NeedChoices { get; private set; } = [];
    public IReadOnlyList<Choice> SourceChoices { get; } = ReferralSources.Codes.Select(c => new Choice(c.Key, $"{c.Key}: {c.Value}")).ToList();
    public IReadOnlyList<Choice> ChannelChoices { get; } = Enum.GetNames<ReferralChannel>().Select(c => new Choice(c, c == nameof(ReferralChannel.InPerson) ? "In person" : c)).ToList();
    public IReadOnlyList<Choice> BasisChoices { get; } =
    [
        new(nameof(Core.Referrals.SharingBasis.Consent), "Consent"),
        new(nameof(Core.Referrals.SharingBasis.PublicTask), "Public task"),
        new(nameof(Core.Referrals.SharingBasis.LegalObligation), "Legal obligation"),
        new(nameof(Core.Referrals.SharingBasis.VitalInterests), "Vital interests"),
        new(nameof(Core.Referrals.SharingBasis.SafeguardingChildren), "Safeguarding of children"),
    ];
    public IReadOnlyList<Choice> YesNo { get; } = [new("yes", "Yes"), new("no", "No")];

    public string Answer(string key) => Request.HasFormContentType ? Request.Form[$"Eligibility.{key}"].ToString() : "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        var received = ReceivedOn.Parse();
        var v = new Validator();
        if (received is null)
        {
            v.Add(nameof(ReceivedOn), "Enter the date the referral was received as a real date, for example 27 3 2026");
        }
        if (!Enum.TryParse<ReferralChannel>(Channel, out var channel))
        {
            v.Add(nameof(Channel), "Choose how the referral arrived");
        }
        if (ConsentToShare is not ("yes" or "no"))
        {
            v.Add(nameof(ConsentToShare), "Say whether the family consents to information being shared");
        }
        if (!Enum.TryParse<Core.Referrals.SharingBasis>(SharingBasis, out var basis))
        {
            v.Add(nameof(SharingBasis), "Choose the lawful basis for sharing");
        }
        var answers = new Dictionary<string, bool>();
        foreach (var q in Programme?.Eligibility ?? [])
        {
            var answer = Answer(q.Key);
            if (answer is "yes" or "no")
            {
                answers[q.Key] = answer == "yes";
            }
        }
        var input = new NewReferral(Record.Family.TeamId, Family, ChildIds, received ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), null, channel, Source ?? "",
            ReferrerAgency, ReferrerName, ReferrerContact, PresentingNeeds, ConsentToShare != "no", v.Errors.Any(e => e.Field == nameof(SharingBasis)) ? Core.Referrals.SharingBasis.PublicTask : basis, answers);
        if (v.Errors.Count > 0)
        {
            // Show every problem at once: the form's own, then Core's for the fields the form could read.
            Errors.AddRange(v.Errors);
            Errors.AddRange((await referrals.CheckAsync(Actor, input, ct)).Where(e => v.Errors.All(x => x.Field != e.Field)));
            return Page();
        }
        try
        {
            await referrals.RecordAsync(Actor, input, ct);
            return Redirect($"/families/{Family}?referral=added");
        }
        catch (ValidationFailedException e)
        {
            AddErrors(e);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        try
        {
            Record = await records.ReadAsync(Actor, Family, ct);
        }
        catch (AccessDeniedException)
        {
            return false;
        }
        var team = (await organisation.ListTeamsAsync(Actor, ct)).FirstOrDefault(t => t.Id == Record.Family.TeamId);
        if (team?.Service?.ProgrammeCode is { } code)
        {
            Programme = (await programmes.InEffectAsync(code, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), ct))?.Definition;
        }
        ChildChoices = Record.Members.Select(m => new Choice(m.Person.Id.ToString(), $"{m.Person.GivenName} {m.Person.FamilyName}", m.Relationship.ToString())).ToList();
        NeedChoices = (Programme?.PresentingNeeds ?? PresentingNeed.Standard).Select(n => new Choice(n.Key, n.Label)).ToList();
        return true;
    }
}
