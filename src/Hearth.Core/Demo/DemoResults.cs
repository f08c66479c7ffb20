using System.Globalization;
using Hearth.Core.Data;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Results;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Demo;

/// <summary>
/// Supporting Families evidence for the York-style locality team, so the results pages show something: twelve of its
/// families with three needs each, eight of them attached (five with every need met and sustained, so claimable), and
/// three households the service does not know yet. A claim window is open and the service has a grant profile.
/// </summary>
internal static class DemoResults
{
    public static async Task SeedAsync(HearthDbContext db, ActorContext actor, DateOnly today, CancellationToken ct)
    {
        var team = await db.Set<Team>().SingleAsync(t => t.Code == "york-east", ct);
        var families = await db.Set<Family>().Where(f => f.TeamId == team.Id).OrderBy(f => f.Reference).Take(12).ToListAsync(ct);
        var children = await db.Set<Person>().Where(p => p.CouncilChildId != null && families.Select(f => f.Id).Contains(p.FamilyId!.Value))
            .OrderBy(p => p.CouncilChildId).ToListAsync(ct);
        string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var rows = new List<EvidenceRow>();
        void Add(string source, string kind, DateOnly on, string childId, string code, string household = "") =>
            rows.Add(new EvidenceRow(rows.Count + 2, new EvidenceInput(source, $"DEMO-{rows.Count + 1}", kind, D(on), CouncilChildId: childId, HouseholdRef: household,
                DateOfBirth: D(today.AddYears(-11)), Code: code)));
        string[] needs = ["education:persistent-absence", "housing:homeless-risk", "health:child-health"];
        for (var i = 0; i < families.Count; i++)
        {
            var child = children.FirstOrDefault(c => c.FamilyId == families[i].Id);
            if (child is null)
            {
                continue;
            }
            // The first eight were found 14 months ago; the rest recently, and are waiting to be attached.
            var identified = i < 8 ? today.AddMonths(-14) : today.AddMonths(-2);
            foreach (var need in needs)
            {
                Add(need.StartsWith("education", StringComparison.Ordinal) ? "school" : "council", "need_identified", identified, child.CouncilChildId!, need);
            }
            var met = i < 5 ? needs.Length : i < 8 ? 2 : 0;
            for (var n = 0; n < met; n++)
            {
                Add("council", "need_outcome_achieved", today.AddMonths(-9).AddDays(n * 7), child.CouncilChildId!, needs[n]);
            }
        }
        for (var h = 1; h <= 3; h++)
        {
            foreach (var need in needs.Append("crime:asb"))
            {
                Add("police", "need_identified", today.AddMonths(-1), $"DEMO-UNKNOWN-{h}", need, $"DEMO-HOUSEHOLD-{h}");
            }
        }
        var import = await new EvidenceImport(db).ImportAsync(actor, "demo-evidence.csv", rows, ct: ct);
        if (!import.Succeeded)
        {
            throw new InvalidOperationException("The demo evidence did not import: " + string.Join("; ", import.Errors.Take(5)));
        }
        var frameworks = new FrameworkService(db);
        var results = new ResultsService(db, frameworks);
        foreach (var family in families.Take(8).Where(f => children.Any(c => c.FamilyId == f.Id)))
        {
            await results.AttachAsync(actor, family.Id, ShippedFrameworks.SupportingFamilies, today.AddMonths(-13), ct);
        }
        var claims = new ClaimService(db, results, frameworks);
        await claims.CreateWindowAsync(actor, new NewClaimWindow(ShippedFrameworks.SupportingFamilies, "Supporting Families: this quarter", today.AddDays(-30), today.AddDays(60)), ct);
        var service = await db.Set<Service>().SingleAsync(s => s.Id == team.ServiceId, ct);
        var finance = new FinanceService(db, frameworks, results);
        var thisYear = ResultsEngine.FinancialYear(today);
        var sf = ShippedFrameworks.All.Single(f => f.Code == ShippedFrameworks.SupportingFamilies);
        foreach (var (year, expected) in new[] { (thisYear - 1, 20), (thisYear, 30) })
        {
            var (fees, paid) = FinanceService.Profile(sf, year, expected);
            await finance.SetProfileAsync(actor, new NewGrantProfileYear(service.Id, ShippedFrameworks.SupportingFamilies, year, expected, fees, paid), ct);
        }
    }
}
