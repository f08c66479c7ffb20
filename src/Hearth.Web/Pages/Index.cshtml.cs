using Hearth.Core;
using Hearth.Core.Casework;
using Hearth.Core.Reporting;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Hearth.Web.Pages;

/// <summary>The home page: what this role does in Hearth and where to start; a practitioner's day and a manager's week.</summary>
[SignedIn]
public sealed class IndexModel(IStringLocalizer<SharedResource> t, Dashboard dashboard, MyWorkQuery myWork, TimeProvider time) : HearthPageModel
{
    /// <summary>A card on the home page: <paramref name="Page"/> is the Razor page it links to.</summary>
    public sealed record Card(string Title, string Page, string Description);

    public string RoleDescription { get; private set; } = "";
    public List<Card> Cards { get; } = [];
    public IReadOnlyList<Headline> Headlines { get; private set; } = [];
    public ManagerDashboard? Team { get; private set; }
    /// <summary>A practitioner's caseload and what is due for them.</summary>
    public MyWork? Work { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        // Practitioners see their caseload and what is due; managers their teams' headlines, capacity and work due;
        // council-wide report readers the service headlines.
        Today = time.TodayInUk();
        if (User.HearthRole() == Role.Practitioner)
        {
            Work = await myWork.ForUserAsync(Actor, Today, ct);
        }
        else if (User.HearthRole() == Role.Manager)
        {
            Team = await dashboard.ManagerAsync(Actor, ct);
            Headlines = Team.Headlines;
        }
        else if (User.Has(Permission.ViewReports))
        {
            Headlines = await dashboard.ServiceHeadlinesAsync(Actor, ct);
        }
        var role = User.HearthRole();
        RoleDescription = role switch
        {
            Role.Practitioner => t["Record your families' work and see what is due."],
            Role.Manager => t["Triage referrals, allocate by capacity and keep your teams' work on track."],
            Role.Performance => t["Import and correct data, produce reports, returns and claims."],
            Role.ServiceManager => t["See demand, throughput, outcomes and cost across your services."],
            Role.Partner => t["See the families and information shared with your agency."],
            Role.Volunteer => t["See your matched families' contact details and log your time."],
            Role.Admin => t["Manage users, teams, services and configuration, and review the audit trail."],
            _ => "",
        };
        if (User.Has(Permission.ViewFamilies))
        {
            Cards.Add(new Card(t["Families"], "/Families/Index", role == Role.Practitioner ? t["Families in your team."] : t["Families in your teams or services."]));
        }
        if (User.Has(Permission.ViewReports))
        {
            Cards.Add(new Card(t["Reports"], "/Reports/Index", t["Referrals, throughput, outcomes and reach, for any period, in CSV and Excel."]));
        }
        if (User.Has(Permission.ImportData))
        {
            Cards.Add(new Card(t["Figures not recorded"], "/Admin/FiguresNotRecorded/Index", t["Figures a service did not record for a period, which reports show as not recorded instead of 0."]));
        }
        if (User.Has(Permission.ViewSharedRecords))
        {
            Cards.Add(new Card(t["Shared with me"], "/SharedWithMe/Index", t["Families and information shared with you."]));
        }
        if (User.Has(Permission.Administer))
        {
            Cards.Add(new Card(t["Users"], "/Admin/Users/Index", t["Create accounts and see who has access."]));
            Cards.Add(new Card(t["Service directory"], "/Admin/Directory/Index", t["The wider services practitioners refer families to."]));
            Cards.Add(new Card(t["Programmes"], "/Admin/Programmes/Index", t["Each service's phases, reviews, instruments, eligibility and closure reasons, published as dated versions."]));
        }
        if (User.Has(Permission.ViewAuditTrail))
        {
            Cards.Add(new Card(t["Audit trail"], "/Audit/Index", t["Who read and changed which records, and when."]));
        }
    }
}
