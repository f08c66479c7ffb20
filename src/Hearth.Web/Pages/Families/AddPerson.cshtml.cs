using Hearth.Core.Data;
using Hearth.Core.People;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Families;

/// <summary>
/// Adds a person to a family. A possible duplicate (same identifier, or same date of birth and a similar name) is not
/// added: the existing records are offered instead, and the user adds a new record only by saying it is a different person.
/// </summary>
[RequirePermission(Permission.RecordCasework)]
public sealed class AddPersonModel(FamilyRecordService records, PeopleService people, IStringLocalizer<SharedResource> t) : HearthPageModel
{
    [BindProperty(SupportsGet = true)] public bool Referral { get; set; }
    [BindProperty] public string? GivenName { get; set; }
    [BindProperty] public string? FamilyName { get; set; }
    [BindProperty] public DateParts DateOfBirth { get; set; } = new();
    [BindProperty] public DateParts ExpectedDateOfBirth { get; set; } = new();
    [BindProperty] public string? Sex { get; set; }
    [BindProperty] public string? EthnicityCode { get; set; }
    [BindProperty] public List<string> DisabilityCodes { get; set; } = [];
    [BindProperty] public string? FirstLanguage { get; set; }
    [BindProperty] public string? Relationship { get; set; }
    [BindProperty] public string? CouncilChildId { get; set; }
    [BindProperty] public string? Upn { get; set; }
    [BindProperty] public string? NhsNumber { get; set; }
    [BindProperty] public string? Postcode { get; set; }
    [BindProperty] public bool NotADuplicate { get; set; }

    public FamilyRecord Record { get; private set; } = null!;
    public IReadOnlyList<DuplicateCandidate> Candidates { get; private set; } = [];
    public IReadOnlyList<Choice> SexChoices => Sexes(t);
    public IReadOnlyList<Choice> EthnicityChoices => Ethnicities(t);
    public IReadOnlyList<Choice> DisabilityChoices => Disabilities(t);
    public IReadOnlyList<Choice> RelationshipChoices => Enum.GetValues<Core.People.Relationship>().Select(r => new Choice(r.ToString(), t[r.ToString()])).ToList();
    public string ReturnTo => Referral ? Url.Page("/Referrals/Add", new { family = Record.Family.Id })! : Url.Page("/Families/Show", new { id = Record.Family.Id })!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Record = await records.ReadAsync(Actor, id, ct);
        Relationship = nameof(Core.People.Relationship.Child);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        Record = await records.ReadAsync(Actor, id, ct);
        var dob = DateOfBirth.Value;
        if (!DateOfBirth.IsEmpty && dob is null)
        {
            Errors.Add(new FieldError(nameof(DateOfBirth), t["Enter the date of birth as a real date, for example 27 3 2019, or leave it blank"]));
        }
        var due = ExpectedDateOfBirth.Value;
        if (!ExpectedDateOfBirth.IsEmpty && due is null)
        {
            Errors.Add(new FieldError(nameof(ExpectedDateOfBirth), t["Enter the expected date of birth as a real date, for example 27 3 2027, or leave it blank"]));
        }
        if (!Enum.TryParse<Sex>(Sex, out var sex))
        {
            Errors.Add(new FieldError(nameof(Sex), t["Choose female, male or not known"]));
        }
        if (!Enum.TryParse<Relationship>(Relationship, out var relationship))
        {
            Errors.Add(new FieldError(nameof(Relationship), t["Choose the person’s relationship in the household"]));
        }
        var input = new NewPerson(id, GivenName ?? "", FamilyName ?? "", dob)
        {
            ExpectedDateOfBirth = due, Sex = sex, EthnicityCode = EthnicityCode, DisabilityCodes = DisabilityCodes, FirstLanguage = FirstLanguage,
            Relationship = relationship, CouncilChildId = CouncilChildId, Upn = Upn, NhsNumber = NhsNumber, Postcode = Postcode, NotADuplicate = NotADuplicate,
        };
        if (Errors.Count > 0)
        {
            return Page();
        }
        try
        {
            return await SaveAsync(() => people.AddPersonAsync(Actor, input, ct), () => Referral ? RedirectToPage("/Referrals/Add", new { family = Record.Family.Id }) : RedirectToPage("/Families/Show", new { id, person = "added" }), nameof(GivenName));
        }
        catch (PossibleDuplicateException e)
        {
            Candidates = e.Candidates;
            Errors.Add(new FieldError(nameof(NotADuplicate), t["This person may already be recorded. Use the existing record, or confirm this is a different person."]));
        }
        return Page();
    }

    // The census and the equality report's characteristics, as labels; ChangePerson asks the same questions.
    public static IReadOnlyList<Choice> Sexes(IStringLocalizer t) =>
        [new(nameof(Core.People.Sex.Female), t["Female"]), new(nameof(Core.People.Sex.Male), t["Male"]), new(nameof(Core.People.Sex.Unknown), t["Not known"])];

    public static IReadOnlyList<Choice> Ethnicities(IStringLocalizer t) => DfeCodes.EthnicityLabels.Select(e => new Choice(e.Key, t[e.Value])).ToList();

    public static IReadOnlyList<Choice> Disabilities(IStringLocalizer t) => DfeCodes.DisabilityLabels.Select(d => new Choice(d.Key, t[d.Value])).ToList();
}
