using System.Globalization;
using Hearth.Core.Data;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.People;

/// <summary>Everything recorded about who a person is, as one value: what adding a person sets and a correction changes.</summary>
public sealed record PersonDetails
{
    public required string GivenName { get; init; }
    public required string FamilyName { get; init; }
    public string? KnownAs { get; init; }
    public DateOnly? DateOfBirth { get; init; }
    /// <summary>For an unborn child, instead of a date of birth.</summary>
    public DateOnly? ExpectedDateOfBirth { get; init; }
    public Sex Sex { get; init; }
    public string? GenderIdentity { get; init; }
    public string? EthnicityCode { get; init; }
    public IReadOnlyList<string> DisabilityCodes { get; init; } = [];
    public string? FirstLanguage { get; init; }
    public string? CouncilChildId { get; init; }
    public string? Upn { get; init; }
    public string? FormerUpn { get; init; }
    public string? NhsNumber { get; init; }
    public string? Postcode { get; init; }
    public DateOnly? DateOfDeath { get; init; }

    public static PersonDetails Of(Person p) => new()
    {
        GivenName = p.GivenName, FamilyName = p.FamilyName, KnownAs = p.KnownAs, DateOfBirth = p.DateOfBirth, ExpectedDateOfBirth = p.ExpectedDateOfBirth,
        Sex = p.Sex, GenderIdentity = p.GenderIdentity, EthnicityCode = p.EthnicityCode, DisabilityCodes = p.DisabilityCodes.ToList(),
        FirstLanguage = p.FirstLanguage, CouncilChildId = p.CouncilChildId, Upn = p.Upn, FormerUpn = p.FormerUpn, NhsNumber = p.NhsNumber,
        Postcode = p.Postcode, DateOfDeath = p.DateOfDeath,
    };
}

/// <summary>The person moved: the address they live at from <see cref="From"/>.</summary>
public sealed record NewAddress(string Lines, string? Postcode, DateOnly From);

/// <summary>
/// A correction of a person's record: the details as they should now be, optionally a move to a new address or the end of
/// the current one, and why (required: it is written into every audit event of the change).
/// </summary>
public sealed record PersonCorrection(PersonDetails Details, string Reason)
{
    public NewAddress? MoveTo { get; init; }
    public DateOnly? EndCurrentAddressOn { get; init; }
}

/// <summary>A person with their address history, newest first.</summary>
public sealed record PersonRecord(Person Person, IReadOnlyList<PersonAddress> Addresses)
{
    public PersonAddress? CurrentAddress => Addresses.FirstOrDefault(a => a.To is null);
}

/// <summary>The checks every change of a person's details passes, whether the person is being added or corrected.</summary>
internal static class PersonRules
{
    public static void Apply(Person person, PersonDetails input, DateOnly today, Validator v)
    {
        v.Require("GivenName", input.GivenName, "Enter the person's first name")
            .Require("FamilyName", input.FamilyName, "Enter the person's last name")
            .MaxLength("GivenName", input.GivenName, 200, "First name")
            .MaxLength("FamilyName", input.FamilyName, 200, "Last name")
            .MaxLength("KnownAs", input.KnownAs, 200, "Known as")
            .MaxLength("GenderIdentity", input.GenderIdentity, 100, "Gender identity")
            .MaxLength("FirstLanguage", input.FirstLanguage, 100, "First language")
            .MaxLength("CouncilChildId", input.CouncilChildId, 50, "Council child ID");
        if (input.DateOfBirth is { } dob && dob > today)
        {
            v.Add("DateOfBirth", "Date of birth must be today or in the past");
        }
        if (input.ExpectedDateOfBirth is not null && input.DateOfBirth is not null)
        {
            v.Add("ExpectedDateOfBirth", "Give either a date of birth or an expected date of birth, not both");
        }
        if (input.DateOfDeath is { } died)
        {
            if (died > today)
            {
                v.Add("DateOfDeath", "Date of death must be today or in the past");
            }
            else if (input.DateOfBirth is { } born && died < born)
            {
                v.Add("DateOfDeath", "Date of death must be on or after the date of birth");
            }
        }
        if (!Enum.IsDefined(input.Sex))
        {
            v.Add("Sex", "Choose male, female or not known");
        }
        var ethnicity = Blank(input.EthnicityCode)?.ToUpperInvariant();
        if (ethnicity is not null && !DfeCodes.Ethnicity.Contains(ethnicity))
        {
            v.Add("EthnicityCode", $"\"{ethnicity}\" is not a DfE ethnicity code");
        }
        var disabilities = input.DisabilityCodes.Select(d => d.Trim().ToUpperInvariant()).Where(d => d.Length > 0).Distinct().ToList();
        foreach (var d in disabilities.Where(d => !DfeCodes.Disability.Contains(d)))
        {
            v.Add("DisabilityCodes", $"\"{d}\" is not a DfE disability code");
        }
        if (disabilities.Contains("NONE") && disabilities.Count > 1)
        {
            v.Add("DisabilityCodes", "NONE cannot be combined with another disability code");
        }
        var upn = Blank(input.Upn)?.ToUpperInvariant();
        if (upn is not null && !Identifiers.IsValidUpn(upn))
        {
            v.Add("Upn", "Enter a valid UPN: a check letter and 12 characters whose check letter matches");
        }
        var formerUpn = Blank(input.FormerUpn)?.ToUpperInvariant();
        if (formerUpn is not null && !Identifiers.IsValidUpn(formerUpn))
        {
            v.Add("FormerUpn", "Enter a valid former UPN");
        }
        var nhs = Blank(input.NhsNumber);
        if (nhs is not null && !Identifiers.IsValidNhsNumber(nhs))
        {
            v.Add("NhsNumber", "Enter a valid 10-digit NHS number");
        }
        var postcode = Blank(input.Postcode);
        if (postcode is not null && !Identifiers.IsValidPostcode(postcode))
        {
            v.Add("Postcode", "Enter a real postcode, like SW1A 1AA");
        }
        if (v.Errors.Count > 0)
        {
            return;
        }
        person.GivenName = input.GivenName.Trim();
        person.FamilyName = input.FamilyName.Trim();
        person.KnownAs = Blank(input.KnownAs);
        person.DateOfBirth = input.DateOfBirth;
        person.ExpectedDateOfBirth = input.ExpectedDateOfBirth;
        person.Sex = input.Sex;
        person.GenderIdentity = Blank(input.GenderIdentity);
        person.EthnicityCode = ethnicity;
        if (!person.DisabilityCodes.SequenceEqual(disabilities))
        {
            person.DisabilityCodes = disabilities;
        }
        person.FirstLanguage = Blank(input.FirstLanguage);
        person.CouncilChildId = Blank(input.CouncilChildId);
        person.Upn = upn;
        person.FormerUpn = formerUpn;
        person.NhsNumber = Identifiers.NormaliseNhsNumber(nhs);
        person.Postcode = Identifiers.NormalisePostcode(postcode);
        person.DateOfDeath = input.DateOfDeath;
    }

    public static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>
/// Corrects and completes a person's record after it was created: every detail, the address history and a date of death,
/// always with a reason that the audit events of the change carry. Only people in the actor's teams can be read or changed,
/// and a correction made on a version someone else has since changed is refused.
/// </summary>
public sealed class PersonDetailsService(HearthDbContext db, PeopleService people)
{
    public async Task<PersonRecord> ReadAsync(ActorContext actor, Guid personId, CancellationToken ct = default)
    {
        var person = await people.ReadPersonAsync(actor, personId, ct);
        var addresses = await db.Set<PersonAddress>().AsNoTracking().Where(a => a.PersonId == personId).OrderByDescending(a => a.From).ToListAsync(ct);
        return new PersonRecord(person, addresses);
    }

    /// <summary>The current address of each member of a family the actor may see (the family record's read is audited there).</summary>
    public async Task<IReadOnlyDictionary<Guid, PersonAddress>> CurrentAddressesAsync(ActorContext actor, Guid familyId, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var visible = people.VisibleFamilies(actor).Where(f => f.Id == familyId).Select(f => f.Id);
        var members = db.Set<FamilyMembership>().Where(m => visible.Contains(m.FamilyId)).Select(m => m.PersonId);
        var current = await db.Set<PersonAddress>().AsNoTracking().Where(a => a.To == null && members.Contains(a.PersonId)).ToListAsync(ct);
        return current.GroupBy(a => a.PersonId).ToDictionary(g => g.Key, g => g.MaxBy(a => a.From)!);
    }

    /// <summary>The problems a correction's details and address would have, without saving (a question page checks its fields).</summary>
    public async Task<IReadOnlyList<FieldError>> CheckAsync(ActorContext actor, Guid personId, PersonCorrection correction, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var person = await Visible(actor).AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId, ct)
            ?? throw new AccessDeniedException("That person does not exist or is not in your teams.");
        var addresses = await db.Set<PersonAddress>().AsNoTracking().Where(a => a.PersonId == personId).ToListAsync(ct);
        var v = new Validator();
        await ApplyAsync(person, addresses, correction, v, ct);
        return v.Errors;
    }

    /// <summary>Saves a correction made on <paramref name="version"/> of the person, or refuses it whole naming each field.</summary>
    public async Task<Person> CorrectAsync(ActorContext actor, Guid personId, int version, PersonCorrection correction, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var person = await Visible(actor).SingleOrDefaultAsync(p => p.Id == personId, ct)
            ?? throw new AccessDeniedException("That person does not exist or is not in your teams.");
        var addresses = await db.Set<PersonAddress>().Where(a => a.PersonId == personId).ToListAsync(ct);
        var v = new Validator().Require("Reason", correction.Reason, "Enter the reason for the change").MaxLength("Reason", correction.Reason, 500, "Reason for the change");
        var added = await ApplyAsync(person, addresses, correction, v, ct);
        if (added is not null)
        {
            db.Add(added);
        }
        db.ChangeTracker.DetectChanges();
        if (v.Errors.Count == 0 && !db.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified))
        {
            v.Add("Changes", "Change at least one detail before saving");
        }
        v.ThrowIfAny();
        person.Version = version;
        // An address change alone still checks and moves on the person's version, so a form read before it goes stale.
        db.Entry(person).Property(p => p.Version).IsModified = true;
        await db.SaveChangesAsync(actor.WithReason(correction.Reason), ct);
        return person;
    }

    private IQueryable<Person> Visible(ActorContext actor)
    {
        var visible = people.VisibleFamilies(actor).Select(f => f.Id);
        return db.Set<Person>().Where(p => p.MergedIntoId == null && p.FamilyId != null && visible.Contains(p.FamilyId.Value));
    }

    /// <summary>Applies the correction to the loaded rows; returns the new address row, when the person moved.</summary>
    private async Task<PersonAddress?> ApplyAsync(Person person, List<PersonAddress> addresses, PersonCorrection c, Validator v, CancellationToken ct)
    {
        var today = db.Today();
        var postcodeBefore = person.Postcode;
        PersonRules.Apply(person, c.Details, today, v);
        if (v.Errors.Count == 0)
        {
            await CheckIdentifiersAreUnusedAsync(person, v, ct);
        }
        var current = addresses.Where(a => a.To is null).MaxBy(a => a.From);
        if (c.MoveTo is not null && c.EndCurrentAddressOn is not null)
        {
            v.Add("EndCurrentAddressOn", "Either add the new address or end the current one, not both");
            return null;
        }
        if (c.EndCurrentAddressOn is { } end)
        {
            if (current is null)
            {
                v.Add("EndCurrentAddressOn", "There is no current address to end");
            }
            else if (end > today)
            {
                v.Add("EndCurrentAddressOn", "The date the person left the address must be today or in the past");
            }
            else if (end < current.From)
            {
                v.Add("EndCurrentAddressOn", "The date the person left the address must be on or after the date they moved in");
            }
            else if (v.Errors.Count == 0)
            {
                current.To = end;
                // Nowhere known to live now: the person's postcode is no longer known either.
                person.Postcode = null;
            }
            return null;
        }
        if (c.MoveTo is not { } move)
        {
            if (current is not null && person.Postcode != postcodeBefore && v.Errors.Count == 0)
            {
                // A corrected postcode is the current address's postcode, so the two never disagree.
                current.Postcode = person.Postcode;
            }
            return null;
        }
        v.Require("NewAddressLines", move.Lines, "Enter the new address").MaxLength("NewAddressLines", move.Lines, 500, "Address");
        var postcode = PersonRules.Blank(move.Postcode);
        if (postcode is not null && !Identifiers.IsValidPostcode(postcode))
        {
            v.Add("NewAddressPostcode", "Enter a real postcode for the new address, like SW1A 1AA");
        }
        if (move.From > today)
        {
            v.Add("NewAddressFrom", "The date the person moved in must be today or in the past");
        }
        else if (current is not null && move.From <= current.From)
        {
            v.Add("NewAddressFrom", $"The date the person moved in must be after they moved into their current address ({current.From.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)})");
        }
        if (v.Errors.Count > 0)
        {
            return null;
        }
        if (current is not null)
        {
            current.To = move.From.AddDays(-1);
        }
        person.Postcode = Identifiers.NormalisePostcode(postcode);
        var address = new PersonAddress { PersonId = person.Id, Lines = move.Lines.Trim(), Postcode = person.Postcode, From = move.From };
        addresses.Add(address);
        return address;
    }

    /// <summary>An identifier already on another record means the two are one child: that is a merge, not a correction.</summary>
    private async Task CheckIdentifiersAreUnusedAsync(Person person, Validator v, CancellationToken ct)
    {
        var (id, upn, nhs, childId) = (person.Id, person.Upn, person.NhsNumber, person.CouncilChildId);
        if (upn is null && nhs is null && childId is null)
        {
            return;
        }
        var others = await db.Set<Person>().AsNoTracking()
            .Where(p => p.Id != id && p.MergedIntoId == null && ((upn != null && p.Upn == upn) || (nhs != null && p.NhsNumber == nhs) || (childId != null && p.CouncilChildId == childId)))
            .Select(p => new { p.Upn, p.NhsNumber, p.CouncilChildId })
            .ToListAsync(ct);
        if (upn is not null && others.Any(o => o.Upn == upn))
        {
            v.Add("Upn", "Another person's record has this UPN: if it is the same child, merge the records instead");
        }
        if (nhs is not null && others.Any(o => o.NhsNumber == nhs))
        {
            v.Add("NhsNumber", "Another person's record has this NHS number: if it is the same person, merge the records instead");
        }
        if (childId is not null && others.Any(o => o.CouncilChildId == childId))
        {
            v.Add("CouncilChildId", "Another person's record has this council child ID: if it is the same child, merge the records instead");
        }
    }
}
