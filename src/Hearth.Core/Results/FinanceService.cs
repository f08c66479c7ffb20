using Hearth.Core.Data;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Results;

/// <summary>
/// One year of a service's grant profile. With <paramref name="CheckVersion"/>, <paramref name="Version"/> is the version
/// of the year as it was read (null when there was none), and a year saved by someone else since is refused; without it
/// the year is set whatever it was (the API's upsert).
/// </summary>
public sealed record NewGrantProfileYear(Guid ServiceId, string FrameworkCode, int FinancialYear, int ExpectedFamilies, decimal ExpectedAttachmentFees, decimal ExpectedResults,
    int? Version = null, bool CheckVersion = false);

/// <summary>One financial year of a service's grant: the profile beside what actually happened, and the forecast.</summary>
public sealed record FinanceYear(
    Guid ServiceId, string Service, int? ProfileVersion, int FinancialYear, int ExpectedFamilies, decimal ExpectedAttachmentFees, decimal ExpectedResults,
    int FamiliesAttached, decimal AttachmentFees, decimal Claimed, decimal Paid, decimal AchievedUnclaimed)
{
    public string Year => ResultsEngine.FinancialYearLabel(FinancialYear);
    public decimal ExpectedTotal => ExpectedAttachmentFees + ExpectedResults;
    /// <summary>Attachment fees earned, results paid or claimed, and results achieved but not yet claimed.</summary>
    public decimal Forecast => AttachmentFees + Claimed + AchievedUnclaimed;
}

/// <summary>Grant profiles and income. The counts and sums by service and year are computed by the database.</summary>
public sealed class FinanceService(HearthDbContext db, FrameworkService frameworks, ResultsService results)
{
    /// <summary>
    /// The profile for a number of families attached in a financial year: the attachment fees, and the results payments
    /// if every family achieved its results (phase 1: the per-family maximum less the fee). York's table (seeds/001 para 40).
    /// </summary>
    public static (decimal AttachmentFees, decimal Results) Profile(FrameworkDefinition f, int financialYear, int families)
    {
        var fee = ResultsEngine.AttachmentFee(f, new DateOnly(financialYear, 4, 1));
        return (families * fee, families * (f.Payments.PerFamily - fee));
    }

    public async Task<GrantProfileYear> SetProfileAsync(ActorContext actor, NewGrantProfileYear input, CancellationToken ct = default)
    {
        actor.Demand(Permission.ManageClaims);
        var v = new Validator();
        if (!await db.Set<Service>().AnyAsync(s => s.Id == input.ServiceId, ct))
        {
            v.Add("ServiceId", "Choose a service");
        }
        if (ShippedFrameworks.All.All(f => f.Code != input.FrameworkCode))
        {
            v.Add("FrameworkCode", "Choose a framework");
        }
        if (input.FinancialYear is < 2000 or > 2100)
        {
            v.Add("FinancialYear", "Enter the financial year by its first year, e.g. 2012 for 2012/13");
        }
        if (input.ExpectedFamilies < 0 || input.ExpectedAttachmentFees < 0 || input.ExpectedResults < 0)
        {
            v.Add("ExpectedFamilies", "Families and amounts cannot be negative");
        }
        v.ThrowIfAny();
        var row = await db.Set<GrantProfileYear>().SingleOrDefaultAsync(g => g.ServiceId == input.ServiceId && g.FrameworkCode == input.FrameworkCode && g.FinancialYear == input.FinancialYear, ct);
        if (input.CheckVersion && row?.Version != input.Version)
        {
            throw new ConcurrencyConflictException("grant profile year");
        }
        if (row is null)
        {
            row = new GrantProfileYear { ServiceId = input.ServiceId, FrameworkCode = input.FrameworkCode, FinancialYear = input.FinancialYear };
            db.Add(row);
        }
        row.ExpectedFamilies = input.ExpectedFamilies;
        row.ExpectedAttachmentFees = input.ExpectedAttachmentFees;
        row.ExpectedResults = input.ExpectedResults;
        await db.SaveChangesAsync(actor, ct);
        return row;
    }

    /// <summary>The services a grant profile can be set for, by name.</summary>
    public async Task<IReadOnlyList<Service>> ServicesAsync(ActorContext actor, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewResults);
        return await db.Set<Service>().AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
    }

    /// <summary>Each service's profile beside its attachments, claims, payments and forecast, by financial year, as of a date.</summary>
    public async Task<IReadOnlyList<FinanceYear>> ReportAsync(ActorContext actor, string frameworkCode, DateOnly asOf, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewResults);
        var services = await db.Set<Service>().AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var profiles = await db.Set<GrantProfileYear>().AsNoTracking().Where(g => g.FrameworkCode == frameworkCode).ToListAsync(ct);
        var attachmentRows = from a in db.Set<Attachment>()
                             join f in db.Set<Family>() on a.FamilyId equals f.Id
                             join t in db.Set<Team>() on f.TeamId equals t.Id
                             where a.FrameworkCode == frameworkCode && a.AttachedOn <= asOf
                             select new { t.ServiceId, Year = a.AttachedOn.Month >= 4 ? a.AttachedOn.Year : a.AttachedOn.Year - 1, a.FrameworkVersion };
        var attached = await attachmentRows.GroupBy(x => new { x.ServiceId, x.Year, x.FrameworkVersion })
            .Select(g => new { g.Key.ServiceId, g.Key.Year, g.Key.FrameworkVersion, Count = g.Count() }).ToListAsync(ct);
        // Claims count in the financial year of the date they were evaluated as of; amounts are summed per distinct amount.
        var claimRows = from l in db.Set<ClaimLine>()
                        join b in db.Set<ClaimBatch>() on l.BatchId equals b.Id
                        join f in db.Set<Family>() on l.FamilyId equals f.Id
                        join t in db.Set<Team>() on f.TeamId equals t.Id
                        where b.FrameworkCode == frameworkCode && b.Status != ClaimStatus.Rejected
                        select new { t.ServiceId, Year = b.AsOf.Month >= 4 ? b.AsOf.Year : b.AsOf.Year - 1, b.Status, l.Amount };
        var claims = await claimRows.GroupBy(x => new { x.ServiceId, x.Year, x.Status, x.Amount })
            .Select(g => new { g.Key.ServiceId, g.Key.Year, g.Key.Status, g.Key.Amount, Count = g.Count() }).ToListAsync(ct);

        var fees = new Dictionary<(Guid, int), (int Families, decimal Fees)>();
        foreach (var a in attached)
        {
            var f = await frameworks.VersionAsync(frameworkCode, a.FrameworkVersion, ct);
            var fee = f is null ? 0 : ResultsEngine.AttachmentFee(f, new DateOnly(a.Year, 4, 1));
            var current = fees.GetValueOrDefault((a.ServiceId, a.Year));
            fees[(a.ServiceId, a.Year)] = (current.Families + a.Count, current.Fees + fee * a.Count);
        }
        // Achieved but unclaimed: the evaluation as of the date, attributed to that date's financial year.
        var unclaimed = new Dictionary<(Guid, int), decimal>();
        var teamService = await (from f in db.Set<Family>() join t in db.Set<Team>() on f.TeamId equals t.Id select new { f.Id, t.ServiceId }).ToDictionaryAsync(x => x.Id, x => x.ServiceId, ct);
        foreach (var family in await results.EvaluateForCountsAsync(actor, frameworkCode, asOf, ct))
        {
            var f = await frameworks.VersionAsync(frameworkCode, family.FrameworkVersion, ct);
            var amount = family.Claimable(f!).Sum(r => r.Amount);
            var key = (teamService[family.FamilyId], ResultsEngine.FinancialYear(asOf));
            unclaimed[key] = unclaimed.GetValueOrDefault(key) + amount;
        }
        var keys = profiles.Select(p => (p.ServiceId, p.FinancialYear)).Concat(fees.Keys).Concat(claims.Select(c => (c.ServiceId, c.Year))).Concat(unclaimed.Keys.Where(k => unclaimed[k] > 0)).Distinct();
        return keys.Select(k =>
        {
            var p = profiles.FirstOrDefault(x => x.ServiceId == k.Item1 && x.FinancialYear == k.Item2);
            var a = fees.GetValueOrDefault(k);
            var c = claims.Where(x => x.ServiceId == k.Item1 && x.Year == k.Item2).ToList();
            return new FinanceYear(k.Item1, services[k.Item1], p?.Version, k.Item2, p?.ExpectedFamilies ?? 0, p?.ExpectedAttachmentFees ?? 0, p?.ExpectedResults ?? 0, a.Families, a.Fees,
                c.Sum(x => x.Amount * x.Count), c.Where(x => x.Status == ClaimStatus.Paid).Sum(x => x.Amount * x.Count), unclaimed.GetValueOrDefault(k));
        }).OrderBy(r => r.Service, StringComparer.Ordinal).ThenBy(r => r.FinancialYear).ToList();
    }
}
