using Hearth.Core.Security;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Web.Infrastructure;
using Hearth.Web.Pages.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages.Families;

/// <summary>The families the user may see: their teams' families, or every family for council-wide roles.</summary>
[RequirePermission(Permission.ViewFamilies)]
public sealed class IndexModel(PeopleService people, OrganisationService organisation, IStringLocalizer<SharedResource> t) : HearthPageModel
{
    public IReadOnlyList<Family> Families { get; private set; } = [];
    public TableModel Table { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Families = await people.VisibleFamilies(Actor).AsNoTracking().Include(f => f.Members).OrderBy(f => f.Reference).Take(500).ToListAsync(ct);
        var teams = (await organisation.ListTeamsAsync(Actor, ct)).ToDictionary(x => x.Id, x => x.Name);
        Table = new TableModel(t["Families in your teams"], [t["Reference"], t["Team"], t["People"]],
            Families.Select(f => (IReadOnlyList<string>)[f.Reference, teams.GetValueOrDefault(f.TeamId, ""), f.Members.Count.ToString(WebSetup.Culture)]).ToList(),
            NumericColumns: new HashSet<int> { 2 });
    }
}
