using Hearth.Core.Data;

namespace Hearth.Core.People;

/// <summary>A household worked with as one unit. The team holding the record scopes who may see it.</summary>
public sealed class Family : Entity
{
    /// <summary>The council's own reference, stable across imports.</summary>
    public required string Reference { get; set; }
    public Guid TeamId { get; set; }
    public List<Person> Members { get; set; } = [];
}

/// <summary>A child or adult known to the service.</summary>
public sealed class Person : Entity
{
    public Guid? FamilyId { get; set; }
    public Family? Family { get; set; }
    public required string GivenName { get; set; }
    public required string FamilyName { get; set; }
    public DateOnly? DateOfBirth { get; set; }
}
