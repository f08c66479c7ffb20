using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Core.People;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Families;

/// <summary>The answers of a correction so far, kept between its question pages until it is saved with a reason.</summary>
public sealed class PersonDraft
{
    /// <summary>The version of the person the correction started from: a save after someone else's change is refused.</summary>
    public int Version { get; set; }
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public string? KnownAs { get; set; }
    public DateParts DateOfBirth { get; set; } = new();
    public DateParts ExpectedDateOfBirth { get; set; } = new();
    public string? Sex { get; set; }
    public string? GenderIdentity { get; set; }
    public string? EthnicityCode { get; set; }
    public List<string> DisabilityCodes { get; set; } = [];
    public string? FirstLanguage { get; set; }
    public string? CouncilChildId { get; set; }
    public string? Upn { get; set; }
    public string? FormerUpn { get; set; }
    public string? NhsNumber { get; set; }
    public string? Postcode { get; set; }
    public string? NewAddressLines { get; set; }
    public string? NewAddressPostcode { get; set; }
    public DateParts NewAddressFrom { get; set; } = new();
    public DateParts EndCurrentAddressOn { get; set; } = new();
    public DateParts DateOfDeath { get; set; } = new();

    public static PersonDraft Of(Person p) => new()
    {
        Version = p.Version, GivenName = p.GivenName, FamilyName = p.FamilyName, KnownAs = p.KnownAs, DateOfBirth = DateParts.Of(p.DateOfBirth),
        ExpectedDateOfBirth = DateParts.Of(p.ExpectedDateOfBirth), Sex = p.Sex.ToString(), GenderIdentity = p.GenderIdentity, EthnicityCode = p.EthnicityCode,
        DisabilityCodes = p.DisabilityCodes.ToList(), FirstLanguage = p.FirstLanguage, CouncilChildId = p.CouncilChildId, Upn = p.Upn, FormerUpn = p.FormerUpn,
        NhsNumber = p.NhsNumber, Postcode = p.Postcode, DateOfDeath = DateParts.Of(p.DateOfDeath),
    };

    public PersonCorrection ToCorrection(string reason) => new(new PersonDetails
    {
        GivenName = GivenName ?? "", FamilyName = FamilyName ?? "", KnownAs = KnownAs, DateOfBirth = DateOfBirth.Value, ExpectedDateOfBirth = ExpectedDateOfBirth.Value,
        Sex = Enum.TryParse<Sex>(Sex, out var sex) ? sex : Core.People.Sex.Unknown, GenderIdentity = GenderIdentity, EthnicityCode = EthnicityCode,
        DisabilityCodes = DisabilityCodes, FirstLanguage = FirstLanguage, CouncilChildId = CouncilChildId, Upn = Upn, FormerUpn = FormerUpn,
        NhsNumber = NhsNumber, Postcode = Postcode, DateOfDeath = DateOfDeath.Value,
    }, reason)
    {
        MoveTo = string.IsNullOrWhiteSpace(NewAddressLines) && string.IsNullOrWhiteSpace(NewAddressPostcode) && NewAddressFrom.IsEmpty
            ? null
            : new NewAddress(NewAddressLines ?? "", NewAddressPostcode, NewAddressFrom.Value ?? DateOnly.MaxValue),
        EndCurrentAddressOn = EndCurrentAddressOn.Value,
    };
}

/// <summary>
/// Corrects and completes a person's record as GOV.UK question pages: name, birth, characteristics, identifiers, address
/// and death, each reached from a change link, then check your answers and the reason for the change. The answers stay in
/// a draft (DraftService) until <see cref="PersonDetailsService"/> saves them together.
/// </summary>
[RequirePermission(Permission.RecordCasework)]
public sealed class ChangePersonModel(FamilyRecordService records, PersonDetailsService details, DraftService drafts, IStringLocalizer<SharedResource> t) : HearthPageModel
{
    public const string Name = "name", Birth = "birth", Characteristics = "characteristics", Identifiers = "identifiers", Address = "address", Death = "death", Check = "check";

    private static readonly Dictionary<string, string[]> FieldsOf = new()
    {
        [Name] = [nameof(GivenName), nameof(FamilyName), nameof(KnownAs)],
        [Birth] = [nameof(DateOfBirth), nameof(ExpectedDateOfBirth)],
        [Characteristics] = [nameof(Sex), nameof(GenderIdentity), nameof(EthnicityCode), nameof(DisabilityCodes), nameof(FirstLanguage)],
        [Identifiers] = [nameof(CouncilChildId), nameof(Upn), nameof(FormerUpn), nameof(NhsNumber)],
        [Address] = [nameof(Postcode), nameof(NewAddressLines), nameof(NewAddressPostcode), nameof(NewAddressFrom), nameof(EndCurrentAddressOn)],
        [Death] = [nameof(DateOfDeath)],
    };

    [BindProperty(SupportsGet = true)] public string? Step { get; set; }
    /// <summary>Set by the family record's change links: start from the record as it is now, not an abandoned draft.</summary>
    [BindProperty(SupportsGet = true)] public bool Start { get; set; }
    [BindProperty(SupportsGet = true)] public bool Change { get; set; }
    [BindProperty] public string? GivenName { get; set; }
    [BindProperty] public string? FamilyName { get; set; }
    [BindProperty] public string? KnownAs { get; set; }
    [BindProperty] public DateParts DateOfBirth { get; set; } = new();
    [BindProperty] public DateParts ExpectedDateOfBirth { get; set; } = new();
    [BindProperty] public string? Sex { get; set; }
    [BindProperty] public string? GenderIdentity { get; set; }
    [BindProperty] public string? EthnicityCode { get; set; }
    [BindProperty] public List<string> DisabilityCodes { get; set; } = [];
    [BindProperty] public string? FirstLanguage { get; set; }
    [BindProperty] public string? CouncilChildId { get; set; }
    [BindProperty] public string? Upn { get; set; }
    [BindProperty] public string? FormerUpn { get; set; }
    [BindProperty] public string? NhsNumber { get; set; }
    [BindProperty] public string? Postcode { get; set; }
    [BindProperty] public string? NewAddressLines { get; set; }
    [BindProperty] public string? NewAddressPostcode { get; set; }
    [BindProperty] public DateParts NewAddressFrom { get; set; } = new();
    [BindProperty] public DateParts EndCurrentAddressOn { get; set; } = new();
    [BindProperty] public DateParts DateOfDeath { get; set; } = new();
    [BindProperty] public string? Reason { get; set; }

    public FamilyRecord Record { get; private set; } = null!;
    public PersonRecord Person { get; private set; } = null!;
    public PersonDraft Draft { get; private set; } = new();
    public string CurrentStep => Step ?? Name;
    public string PersonName => $"{Person.Person.GivenName} {Person.Person.FamilyName}";
    public SummaryListModel? Answers { get; private set; }
    public TableModel? AddressHistory { get; private set; }
    public IReadOnlyList<Choice> SexChoices => AddPersonModel.Sexes(t);
    public IReadOnlyList<Choice> EthnicityChoices => AddPersonModel.Ethnicities(t);
    public IReadOnlyList<Choice> DisabilityChoices => AddPersonModel.Disabilities(t);

    private const string DraftForm = "person-change";
    private string DraftKey => Person.Person.Id.ToString("N");

    public string Href(string step, bool change = false) =>
        Url.Page("/Families/ChangePerson", new { id = Record.Family.Id, person = Person.Person.Id, step, change = change ? "true" : null })!;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid person, CancellationToken ct)
    {
        if (!await LoadAsync(id, person, ct))
        {
            return NotFound();
        }
        if (Start)
        {
            Draft = PersonDraft.Of(Person.Person);
            await drafts.SaveAnswersAsync(Actor, DraftForm, DraftKey, Draft, ct);
        }
        if (CurrentStep == Check)
        {
            BuildAnswers();
            return Page();
        }
        Show(Draft);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid person, CancellationToken ct)
    {
        if (!await LoadAsync(id, person, ct))
        {
            return NotFound();
        }
        if (CurrentStep == Check)
        {
            return await SaveAsync(ct);
        }
        Keep(Draft);
        CheckDates();
        // Core's checks of this page's fields, beside the page's own: every problem on the page shows at once.
        var fields = FieldsOf[CurrentStep];
        var problems = await details.CheckAsync(Actor, person, Draft.ToCorrection(""), ct);
        Errors.AddRange(problems.Where(e => fields.Contains(e.Field) && Errors.All(x => x.Field != e.Field)));
        if (Errors.Count > 0)
        {
            return Page();
        }
        await drafts.SaveAnswersAsync(Actor, DraftForm, DraftKey, Draft, ct);
        return Redirect(Href(Check));
    }

    private async Task<IActionResult> SaveAsync(CancellationToken ct)
    {
        BuildAnswers();
        return await SaveAsync(async () =>
        {
            await details.CorrectAsync(Actor, Person.Person.Id, Draft.Version, Draft.ToCorrection(Reason ?? ""), ct);
            await drafts.DiscardAsync(Actor, DraftForm, DraftKey, ct);
        }, () =>
        {
            return RedirectToPage("/Families/Show", new { id = Record.Family.Id, person = "changed" });
        }, "Changes");
    }

    private void CheckDates()
    {
        void Real(DateParts parts, string field, string message)
        {
            if (!parts.IsEmpty && parts.Value is null)
            {
                Errors.Add(new FieldError(field, t[message]));
            }
        }
        switch (CurrentStep)
        {
            case Birth:
                Real(DateOfBirth, nameof(DateOfBirth), "Enter the date of birth as a real date, for example 27 3 2019, or leave it blank");
                Real(ExpectedDateOfBirth, nameof(ExpectedDateOfBirth), "Enter the expected date of birth as a real date, for example 27 3 2027, or leave it blank");
                break;
            case Address:
                Real(NewAddressFrom, nameof(NewAddressFrom), "Enter the date the person moved in as a real date, for example 27 3 2026");
                Real(EndCurrentAddressOn, nameof(EndCurrentAddressOn), "Enter the date the person left the address as a real date, for example 27 3 2026, or leave it blank");
                if (NewAddressFrom.IsEmpty && !string.IsNullOrWhiteSpace(NewAddressLines))
                {
                    Errors.Add(new FieldError(nameof(NewAddressFrom), t["Enter the date the person moved in to the new address"]));
                }
                break;
            case Death:
                Real(DateOfDeath, nameof(DateOfDeath), "Enter the date of death as a real date, for example 27 3 2026, or leave it blank");
                break;
        }
    }

    /// <summary>The page's answers into the draft: only the current page's fields, the rest stay as answered before.</summary>
    private void Keep(PersonDraft d)
    {
        switch (CurrentStep)
        {
            case Name:
                (d.GivenName, d.FamilyName, d.KnownAs) = (GivenName, FamilyName, KnownAs);
                break;
            case Birth:
                (d.DateOfBirth, d.ExpectedDateOfBirth) = (DateOfBirth, ExpectedDateOfBirth);
                break;
            case Characteristics:
                (d.Sex, d.GenderIdentity, d.EthnicityCode, d.DisabilityCodes, d.FirstLanguage) = (Sex, GenderIdentity, EthnicityCode, DisabilityCodes, FirstLanguage);
                break;
            case Identifiers:
                (d.CouncilChildId, d.Upn, d.FormerUpn, d.NhsNumber) = (CouncilChildId, Upn, FormerUpn, NhsNumber);
                break;
            case Address:
                (d.Postcode, d.NewAddressLines, d.NewAddressPostcode, d.NewAddressFrom, d.EndCurrentAddressOn) = (Postcode, NewAddressLines, NewAddressPostcode, NewAddressFrom, EndCurrentAddressOn);
                break;
            case Death:
                d.DateOfDeath = DateOfDeath;
                break;
        }
    }

    private void Show(PersonDraft d)
    {
        (GivenName, FamilyName, KnownAs, DateOfBirth, ExpectedDateOfBirth) = (d.GivenName, d.FamilyName, d.KnownAs, d.DateOfBirth, d.ExpectedDateOfBirth);
        (Sex, GenderIdentity, EthnicityCode, DisabilityCodes, FirstLanguage) = (d.Sex, d.GenderIdentity, d.EthnicityCode, d.DisabilityCodes, d.FirstLanguage);
        (CouncilChildId, Upn, FormerUpn, NhsNumber, Postcode) = (d.CouncilChildId, d.Upn, d.FormerUpn, d.NhsNumber, d.Postcode);
        (NewAddressLines, NewAddressPostcode, NewAddressFrom, EndCurrentAddressOn, DateOfDeath) = (d.NewAddressLines, d.NewAddressPostcode, d.NewAddressFrom, d.EndCurrentAddressOn, d.DateOfDeath);
    }

    private void BuildAnswers()
    {
        var correction = Draft.ToCorrection("");
        var rows = PersonSummary.Rows(correction.Details, Person.CurrentAddress, step => Href(step, true), t, includeDeath: true);
        if (correction.MoveTo is { } move)
        {
            var index = rows.FindIndex(r => r.ChangeHref == Href(Address, true));
            rows.Insert(index + 1, new SummaryRow(t["New address"], t["{0}, {1}, from {2}", move.Lines, Core.People.Identifiers.NormalisePostcode(move.Postcode) ?? move.Postcode ?? t["no postcode"], Display.Date(move.From)], Href(Address, true), t["new address"]));
        }
        if (correction.EndCurrentAddressOn is { } end)
        {
            var index = rows.FindIndex(r => r.ChangeHref == Href(Address, true));
            rows.Insert(index + 1, new SummaryRow(t["Left the current address"], Display.Date(end), Href(Address, true), t["date the person left the address"]));
        }
        Answers = new SummaryListModel(rows);
    }

    private async Task<bool> LoadAsync(Guid id, Guid person, CancellationToken ct)
    {
        if (Step is not null && Step != Check && !FieldsOf.ContainsKey(Step))
        {
            return false;
        }
        Record = await records.ReadAsync(Actor, id, ct);
        if (Record.Members.All(m => m.Person.Id != person))
        {
            return false;
        }
        Person = await details.ReadAsync(Actor, person, ct);
        Draft = await drafts.LoadAnswersAsync<PersonDraft>(Actor, DraftForm, DraftKey, ct) ?? PersonDraft.Of(Person.Person);
        AddressHistory = Person.Addresses.Count == 0 ? null : new TableModel(t["Address history"], [t["Address"], t["From"], t["To"]],
            Person.Addresses.Select(a => (IReadOnlyList<string>)[string.Join(", ", new[] { a.Lines, a.Postcode }.Where(x => x is not null)), Display.Date(a.From), a.To is { } to ? Display.Date(to) : t["Now"]]).ToList(), CaptionSize: "s");
        return true;
    }
}
