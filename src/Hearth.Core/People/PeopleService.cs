using Hearth.Core.Data;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.People;

public sealed record NewFamily(string Reference, Guid TeamId);
public sealed record NewPerson(Guid FamilyId, string GivenName, string FamilyName, DateOnly? DateOfBirth);

/// <summary>Families and people. Every read of a record writes an access event; every change an audit event.</summary>
public sealed class PeopleService(HearthDbContext db)
{
    public async Task<Family> CreateFamilyAsync(ActorContext actor, NewFamily input, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var v = new Validator().Require("Reference", input.Reference, "Enter the family reference").MaxLength("Reference", input.Reference, 100, "Family reference");
        if (!actor.CanSeeTeam(input.TeamId))
        {
            v.Add("Team", "You can only add families to your own teams");
        }
        if (!string.IsNullOrWhiteSpace(input.Reference) && await db.Set<Family>().AnyAsync(f => f.Reference == input.Reference.Trim(), ct))
        {
            v.Add("Reference", $"A family with reference {input.Reference.Trim()} already exists");
        }
        v.ThrowIfAny();
        var family = new Family { Reference = input.Reference.Trim(), TeamId = input.TeamId };
        db.Add(family);
        await db.SaveChangesAsync(actor, ct);
        return family;
    }

    public async Task<Person> AddPersonAsync(ActorContext actor, NewPerson input, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var family = await VisibleFamilies(actor).SingleOrDefaultAsync(f => f.Id == input.FamilyId, ct)
            ?? throw new AccessDeniedException("That family does not exist or is not in your teams.");
        var v = new Validator()
            .Require("GivenName", input.GivenName, "Enter the person's first name")
            .Require("FamilyName", input.FamilyName, "Enter the person's last name")
            .MaxLength("GivenName", input.GivenName, 200, "First name")
            .MaxLength("FamilyName", input.FamilyName, 200, "Last name");
        if (input.DateOfBirth is { } dob && dob > DateOnly.FromDateTime(db.Time.GetUtcNow().UtcDateTime))
        {
            v.Add("DateOfBirth", "Date of birth must be today or in the past");
        }
        v.ThrowIfAny();
        var person = new Person { FamilyId = family.Id, GivenName = input.GivenName.Trim(), FamilyName = input.FamilyName.Trim(), DateOfBirth = input.DateOfBirth };
        db.Add(person);
        await db.SaveChangesAsync(actor, ct);
        return person;
    }

    /// <summary>Opens a person's record: checks scope and writes the access event before returning it.</summary>
    public async Task<Person> ReadPersonAsync(ActorContext actor, Guid personId, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var visible = VisibleFamilies(actor).Select(f => f.Id);
        var person = await db.Set<Person>().AsNoTracking()
            .Where(p => p.Id == personId && p.FamilyId != null && visible.Contains(p.FamilyId.Value))
            .SingleOrDefaultAsync(ct) ?? throw new AccessDeniedException("That person does not exist or is not in your teams.");
        await db.RecordReadAsync(actor, nameof(Person), person.Id, ct);
        return person;
    }

    /// <summary>Families the actor may see: their teams' families, or all for council-wide roles.</summary>
    public IQueryable<Family> VisibleFamilies(ActorContext actor)
    {
        var q = db.Set<Family>().AsQueryable();
        if (actor.SeesAllTeams)
        {
            return q;
        }
        if (!actor.Has(Permission.ViewFamilies))
        {
            return q.Where(_ => false);
        }
        var teams = actor.TeamIds.ToList();
        return q.Where(f => teams.Contains(f.TeamId));
    }
}
