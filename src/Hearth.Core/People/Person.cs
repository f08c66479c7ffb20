using Hearth.Core.Data;

namespace Hearth.Core.People;

/// <summary>A household worked with as one unit. The team holding the record scopes who may see it.</summary>
public sealed class Family : Entity, ITeamOwned
{
    /// <summary>The council's own reference, stable across imports.</summary>
    public required string Reference { get; set; }
    public Guid TeamId { get; set; }
    /// <summary>The area the household lives in, used to match workers' patches when allocating.</summary>
    public string? Patch { get; set; }
    /// <summary>
    /// The first of its current members' family names, kept by the database on every save of a person
    /// (<see cref="FamilySortNames"/>) so the families list can sort a whole council by name without computing it per family.
    /// Derived, so not part of the record: the audit trail leaves it out.
    /// </summary>
    public string? SortName { get; set; }
    public List<Person> Members { get; set; } = [];
    public List<FamilyMembership> Memberships { get; set; } = [];
}

/// <summary>A child or adult known to the service.</summary>
public sealed class Person : Entity
{
    /// <summary>The household the person currently belongs to; <see cref="FamilyMembership"/> holds the dated history.</summary>
    public Guid? FamilyId { get; set; }
    public Family? Family { get; set; }
    public required string GivenName { get; set; }
    public required string FamilyName { get; set; }
    public string? KnownAs { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    /// <summary>For an unborn child, instead of a date of birth.</summary>
    public DateOnly? ExpectedDateOfBirth { get; set; }
    public Sex Sex { get; set; }
    /// <summary>Recorded only when the person chooses to say, in their own words.</summary>
    public string? GenderIdentity { get; set; }
    public string? EthnicityCode { get; set; }
    public List<string> DisabilityCodes { get; set; } = [];
    public string? FirstLanguage { get; set; }
    /// <summary>The council's child identifier (CIN census LAchildID); the import's child_refs.</summary>
    public string? CouncilChildId { get; set; }
    public string? Upn { get; set; }
    public string? FormerUpn { get; set; }
    public string? NhsNumber { get; set; }
    /// <summary>Where the person lives now: the postcode of their current <see cref="PersonAddress"/> when one is recorded.</summary>
    public string? Postcode { get; set; }
    public DateOnly? DateOfDeath { get; set; }
    /// <summary>Set when this record was merged into another: it is kept for the audit trail but no longer used.</summary>
    public Guid? MergedIntoId { get; set; }

    // What search looks names up by, derived from the names (PersonSearchKeys) on every save so the database can use an
    // index: lower-case letters only, and a phonetic key. Not part of the record, so the audit trail leaves them out.
    public string? SearchGivenName { get; set; }
    public string? SearchFamilyName { get; set; }
    public string? GivenNameKey { get; set; }
    public string? FamilyNameKey { get; set; }
}

/// <summary>Keeps a person's search columns in step with their names.</summary>
public static class PersonSearchKeys
{
    /// <summary>The audit trail leaves these out: they only restate the names.</summary>
    public static readonly IReadOnlySet<string> Columns = new HashSet<string>
    {
        nameof(Person.SearchGivenName), nameof(Person.SearchFamilyName), nameof(Person.GivenNameKey), nameof(Person.FamilyNameKey),
    };

    public static void Fill(Person person)
    {
        person.SearchGivenName = NameMatching.Normalise(person.GivenName);
        person.SearchFamilyName = NameMatching.Normalise(person.FamilyName);
        person.GivenNameKey = NameMatching.PhoneticKey(person.GivenName);
        person.FamilyNameKey = NameMatching.PhoneticKey(person.FamilyName);
    }
}

/// <summary>A person's membership of a household over a period, and their relationship in it.</summary>
public sealed class FamilyMembership : Entity
{
    public Guid FamilyId { get; set; }
    public Guid PersonId { get; set; }
    public Person? Person { get; set; }
    public Relationship Relationship { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? To { get; set; }
}

/// <summary>Where a person lived over a period. The address with no end date is the current one.</summary>
public sealed class PersonAddress : Entity
{
    public Guid PersonId { get; set; }
    public required string Lines { get; set; }
    public string? Postcode { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? To { get; set; }
}
