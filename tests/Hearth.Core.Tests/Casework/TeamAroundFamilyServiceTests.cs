using Hearth.Core.Auditing;
using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Tests.Casework;

/// <summary>The professionals around the family.</summary>
public sealed class TeamAroundFamilyServiceTests : CaseworkTestBase
{
    [Fact]
    public async Task The_team_around_the_family_is_changed_only_from_the_version_read()
    {
        await SetUpEpisodeAsync(toPhase2: false);
        var added = await Professionals(c => c.AddProfessionalAsync(Practitioner, Episode.Id, new ProfessionalInput("Jo Head", "Greenfield Primary", "Safeguarding lead", "01234 567890", false)));

        var changed = await Professionals(c => c.UpdateProfessionalAsync(Practitioner, added.Id, added.Version, new ProfessionalInput("Jo Head", "Greenfield Primary", "Headteacher", null, true)));
        var stale = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Professionals(c => c.UpdateProfessionalAsync(Practitioner, added.Id, added.Version, new ProfessionalInput("Jo Head", "Greenfield Primary", "Teacher", null, false))));
        var blank = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Professionals(c => c.UpdateProfessionalAsync(Practitioner, added.Id, changed.Version, new ProfessionalInput(" ", "Greenfield Primary", "", null, false))));

        Assert.Equal(["Name", "Role"], blank.Errors.Select(e => e.Field));
        var now = await Query(d => d.Set<Professional>().AsNoTracking().SingleAsync(p => p.Id == added.Id));
        Assert.Equal(("Headteacher", (string?)null, true), (now.Role, now.Contact, now.ConsentToShare));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Professionals(c => c.UpdateProfessionalAsync(Outsider, added.Id, now.Version, new ProfessionalInput("x", "y", "z", null, true))));
    }
}
