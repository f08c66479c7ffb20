using Hearth.Core.Data;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;
using static Hearth.Core.Casework.CaseworkScope;

namespace Hearth.Core.Casework;

public sealed record ProfessionalInput(string Name, string Agency, string Role, string? Contact, bool ConsentToShare);

/// <summary>The team around the family: the professionals from other agencies working with an episode's family, and whether the family consents to sharing with them.</summary>
public sealed class TeamAroundFamilyService(HearthDbContext db)
{
    public async Task<Professional> AddProfessionalAsync(ActorContext actor, Guid episodeId, ProfessionalInput input, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var (episode, _) = await db.EpisodeInScopeAsync(actor, episodeId, ct);
        ValidateProfessional(input);
        var p = new Professional
        {
            EpisodeId = episode.Id, TeamId = episode.TeamId, Name = input.Name.Trim(), Agency = input.Agency.Trim(), Role = input.Role.Trim(),
            Contact = Clean(input.Contact), ConsentToShare = input.ConsentToShare,
        };
        db.Add(p);
        await db.SaveChangesAsync(actor, ct);
        return p;
    }

    /// <summary>Changes a professional's details (a new role or contact, consent given or withdrawn), refusing a stale version.</summary>
    public async Task<Professional> UpdateProfessionalAsync(ActorContext actor, Guid professionalId, int version, ProfessionalInput input, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var p = await db.Set<Professional>().InScope(actor).SingleOrDefaultAsync(x => x.Id == professionalId, ct) ?? throw NotFound("professional");
        await db.EpisodeInScopeAsync(actor, p.EpisodeId, ct);
        ValidateProfessional(input);
        p.Version = version;
        (p.Name, p.Agency, p.Role, p.Contact, p.ConsentToShare) = (input.Name.Trim(), input.Agency.Trim(), input.Role.Trim(), Clean(input.Contact), input.ConsentToShare);
        await db.SaveChangesAsync(actor, ct);
        return p;
    }

    /// <summary>The checks on a professional's details, for forms that report them with their own.</summary>
    public static void ValidateProfessional(ProfessionalInput input) => new Validator()
        .Require("Name", input.Name, "Enter the professional's name").MaxLength("Name", input.Name, 200, "Name")
        .Require("Agency", input.Agency, "Enter the agency").MaxLength("Agency", input.Agency, 200, "Agency")
        .Require("Role", input.Role, "Enter their role").MaxLength("Role", input.Role, 200, "Role")
        .MaxLength("Contact", input.Contact, 200, "Contact")
        .ThrowIfAny();

    public async Task<IReadOnlyList<Professional>> ProfessionalsAsync(ActorContext actor, Guid episodeId, CancellationToken ct = default)
    {
        await db.ReadEpisodeInScopeAsync(actor, episodeId, ct);
        return await db.Set<Professional>().AsNoTracking().Where(p => p.EpisodeId == episodeId).OrderBy(p => p.Agency).ThenBy(p => p.Name).ToListAsync(ct);
    }
}
