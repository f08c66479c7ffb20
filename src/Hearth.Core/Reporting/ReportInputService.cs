using System.Globalization;
using System.Text.RegularExpressions;
using Hearth.Core.Data;
using Hearth.Core.Organisation;
using Hearth.Core.Referrals;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Reporting;

/// <summary>
/// A service's budget for a financial year, written like 2025-26. With <paramref name="Version"/> (the version as it
/// was read) a year saved by someone else since is refused; without it the year is set whatever it was.
/// </summary>
public sealed record BudgetInput(string ServiceCode, string? FinancialYear, decimal? GrossExpenditure, decimal? Income, string? Note, int? Version = null);

/// <summary>One population figure; with <paramref name="Version"/> it must still be the figure that was read.</summary>
public sealed record PopulationFigureInput(int? Year, string? Characteristic, string? Category, long? Count, string? Source, int? Version = null);

public sealed record BudgetRow(Guid Id, int Version, string ServiceCode, string Service, int FinancialYear, decimal GrossExpenditure, decimal Income, string? Note)
{
    public string Year => ReportPeriod.FinancialYearLabel(FinancialYear);
    public decimal Net => GrossExpenditure - Income;
}

/// <summary>A financial year in which a service was working (or is now) with no budget entered.</summary>
public sealed record MissingBudget(string ServiceCode, string Service, int FinancialYear)
{
    public string Year => ReportPeriod.FinancialYearLabel(FinancialYear);
}

/// <summary>
/// A characteristic the equality report has no population for: in <paramref name="Year"/>, the latest year with any
/// figures, or in every year when <paramref name="Year"/> is null.
/// </summary>
public sealed record MissingPopulation(int? Year, string Characteristic);

/// <summary>The report inputs not entered: reports show these figures as n/a until someone enters them.</summary>
public sealed record ReportInputGaps(IReadOnlyList<MissingBudget> Budgets, IReadOnlyList<MissingPopulation> Population)
{
    public bool None => Budgets.Count == 0 && Population.Count == 0;
}

/// <summary>
/// The figures reports need beside the recorded work, set by an administrator: each service's budget per financial
/// year (the cost report) and the area's population (the equality of reach report), and which of them are missing.
/// </summary>
public sealed partial class ReportInputService(HearthDbContext db)
{
    public const decimal MostMoney = 1_000_000_000m;

    /// <summary>Sets a service's budget for a financial year (replacing an earlier figure for that year).</summary>
    public async Task<ServiceBudget> SetBudgetAsync(ActorContext actor, BudgetInput input, CancellationToken ct = default)
    {
        actor.Demand(Permission.Administer);
        var v = new Validator();
        var service = string.IsNullOrWhiteSpace(input.ServiceCode) ? null : await db.Set<Service>().SingleOrDefaultAsync(s => s.Code == input.ServiceCode.Trim(), ct);
        if (service is null)
        {
            v.Add("Service", string.IsNullOrWhiteSpace(input.ServiceCode) ? "Choose the service" : $"There is no service with code {input.ServiceCode}");
        }
        var year = ParseFinancialYear(input.FinancialYear);
        if (string.IsNullOrWhiteSpace(input.FinancialYear))
        {
            v.Add("FinancialYear", "Enter the financial year, like 2025-26");
        }
        else if (year is null)
        {
            v.Add("FinancialYear", "Enter the financial year in the format 2025-26");
        }
        if (input.GrossExpenditure is null)
        {
            v.Add("GrossExpenditure", "Enter the gross expenditure");
        }
        else if (input.GrossExpenditure is <= 0 or >= MostMoney)
        {
            v.Add("GrossExpenditure", "Gross expenditure must be more than £0 and less than £1 billion");
        }
        if (input.Income is null)
        {
            v.Add("Income", "Enter the income, or 0 if there was none");
        }
        else if (input.Income is < 0 or >= MostMoney)
        {
            v.Add("Income", "Income must be £0 or more and less than £1 billion");
        }
        v.MaxLength("Note", input.Note, 500, "Note");
        v.ThrowIfAny();
        var budget = await db.Set<ServiceBudget>().SingleOrDefaultAsync(b => b.ServiceId == service!.Id && b.FinancialYear == year, ct);
        if (input.Version is { } read && budget?.Version != read)
        {
            throw new ConcurrencyConflictException("budget");
        }
        if (budget is null)
        {
            budget = new ServiceBudget { ServiceId = service!.Id, FinancialYear = year!.Value };
            db.Add(budget);
        }
        budget.GrossExpenditure = input.GrossExpenditure!.Value;
        budget.Income = input.Income!.Value;
        budget.Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        await db.SaveChangesAsync(actor, ct);
        return budget;
    }

    /// <summary>Every budget entered, by service and year.</summary>
    public async Task<IReadOnlyList<BudgetRow>> BudgetsAsync(ActorContext actor, CancellationToken ct = default)
    {
        actor.Demand(Permission.Administer);
        var rows = await (from b in db.Set<ServiceBudget>().AsNoTracking()
                          join s in db.Set<Service>() on b.ServiceId equals s.Id
                          select new BudgetRow(b.Id, b.Version, s.Code, s.Name, b.FinancialYear, b.GrossExpenditure, b.Income, b.Note)).ToListAsync(ct);
        return rows.OrderBy(r => r.Service, StringComparer.Ordinal).ThenBy(r => r.FinancialYear).ToList();
    }

    public async Task<BudgetRow?> BudgetAsync(ActorContext actor, string serviceCode, int financialYear, CancellationToken ct = default) =>
        (await BudgetsAsync(actor, ct)).FirstOrDefault(b => b.ServiceCode == serviceCode && b.FinancialYear == financialYear);

    /// <summary>Replaces the population figures of a year with the given ones, validated whole.</summary>
    public async Task<int> SetPopulationAsync(ActorContext actor, int year, IReadOnlyList<(string Characteristic, string Category, long Count)> figures, string? source, CancellationToken ct = default)
    {
        actor.Demand(Permission.Administer);
        var v = new Validator();
        if (year is < 1900 or > 2100)
        {
            v.Add("Year", "Enter the year the figures describe, like 2021");
        }
        for (var i = 0; i < figures.Count; i++)
        {
            var (characteristic, category, count) = figures[i];
            if (!PopulationFigure.Characteristics.Contains(characteristic))
            {
                v.Add($"Row {i + 1}", $"\"{characteristic}\" is not one of {string.Join(", ", PopulationFigure.Characteristics)}");
            }
            if (string.IsNullOrWhiteSpace(category))
            {
                v.Add($"Row {i + 1}", "Give the category");
            }
            if (count < 0)
            {
                v.Add($"Row {i + 1}", "The count cannot be negative");
            }
        }
        if (figures.GroupBy(f => (f.Characteristic, f.Category)).Any(g => g.Count() > 1))
        {
            v.Add("Figures", "Each characteristic and category may appear once");
        }
        v.MaxLength("Source", source, 300, "Source");
        v.ThrowIfAny();
        db.RemoveRange(await db.Set<PopulationFigure>().Where(p => p.Year == year).ToListAsync(ct));
        db.AddRange(figures.Select(f => new PopulationFigure { Year = year, Characteristic = f.Characteristic, Category = f.Category.Trim(), Count = f.Count, Source = source }));
        await db.SaveChangesAsync(actor, ct);
        return figures.Count;
    }

    /// <summary>Adds one population figure, or changes the figure for that year, characteristic and category.</summary>
    public async Task<PopulationFigure> SetPopulationFigureAsync(ActorContext actor, PopulationFigureInput input, CancellationToken ct = default)
    {
        actor.Demand(Permission.Administer);
        var v = new Validator();
        if (input.Year is null)
        {
            v.Add("Year", "Enter the year the figure describes, like 2021");
        }
        else if (input.Year is < 1900 or > 2100)
        {
            v.Add("Year", "The year must be between 1900 and 2100");
        }
        if (string.IsNullOrWhiteSpace(input.Characteristic))
        {
            v.Add("Characteristic", "Choose the characteristic");
        }
        else if (!PopulationFigure.Characteristics.Contains(input.Characteristic.Trim()))
        {
            v.Add("Characteristic", $"The characteristic must be one of {string.Join(", ", PopulationFigure.Characteristics)}");
        }
        v.Require("Category", input.Category, "Enter the category, like 0-4, F or WBRI")
            .MaxLength("Category", input.Category?.Trim(), 20, "Category");
        if (input.Count is null)
        {
            v.Add("Count", "Enter the number of children");
        }
        else if (input.Count < 0)
        {
            v.Add("Count", "The number of children cannot be negative");
        }
        v.MaxLength("Source", input.Source, 300, "Source");
        v.ThrowIfAny();
        var (characteristic, category) = (input.Characteristic!.Trim(), input.Category!.Trim());
        var figure = await db.Set<PopulationFigure>().SingleOrDefaultAsync(f => f.Year == input.Year && f.Characteristic == characteristic && f.Category == category, ct);
        if (input.Version is { } read)
        {
            if (figure is null)
            {
                throw new ConcurrencyConflictException("population figure");
            }
            figure.Version = read;
        }
        if (figure is null)
        {
            figure = new PopulationFigure { Year = input.Year!.Value, Characteristic = characteristic, Category = category };
            db.Add(figure);
        }
        figure.Count = input.Count!.Value;
        figure.Source = string.IsNullOrWhiteSpace(input.Source) ? null : input.Source.Trim();
        await db.SaveChangesAsync(actor, ct);
        return figure;
    }

    /// <summary>The population figures of a year, or of every year, by characteristic and category.</summary>
    public async Task<IReadOnlyList<PopulationFigure>> PopulationAsync(ActorContext actor, int? year = null, CancellationToken ct = default)
    {
        actor.Demand(Permission.Administer);
        var query = db.Set<PopulationFigure>().AsNoTracking();
        if (year is not null)
        {
            query = query.Where(f => f.Year == year);
        }
        var figures = await query.ToListAsync(ct);
        return figures.OrderByDescending(f => f.Year).ThenBy(f => Array.IndexOf(PopulationFigure.Characteristics, f.Characteristic)).ThenBy(f => f.Category, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The budgets and population figures missing. A service needs a budget for each financial year from the one it
    /// received its first referral in (or its first budget, or this year when it has neither) to this year or the year
    /// it closed. The equality report needs every characteristic in the latest year of population figures.
    /// </summary>
    public async Task<ReportInputGaps> GapsAsync(ActorContext actor, CancellationToken ct = default)
    {
        actor.Demand(Permission.Administer);
        var thisYear = ReportPeriod.FinancialYearOf(db.Today());
        var services = await db.Set<Service>().AsNoTracking().Select(s => new { s.Id, s.Code, s.Name, s.ClosedOn }).ToListAsync(ct);
        var firstReferral = await db.Set<Referral>().GroupBy(r => r.ServiceId).Select(g => new { ServiceId = g.Key, First = g.Min(r => r.ReceivedOn) }).ToDictionaryAsync(x => x.ServiceId, x => x.First, ct);
        var budgetYears = (await db.Set<ServiceBudget>().AsNoTracking().Select(b => new { b.ServiceId, b.FinancialYear }).ToListAsync(ct))
            .ToLookup(b => b.ServiceId, b => b.FinancialYear);
        var budgets = new List<MissingBudget>();
        foreach (var service in services.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            var years = budgetYears[service.Id].ToHashSet();
            var last = service.ClosedOn is { } closed ? Math.Min(ReportPeriod.FinancialYearOf(closed), thisYear) : thisYear;
            var first = Math.Min(firstReferral.TryGetValue(service.Id, out var f) ? ReportPeriod.FinancialYearOf(f) : last, years.Count > 0 ? years.Min() : last);
            for (var year = first; year <= last; year++)
            {
                if (!years.Contains(year))
                {
                    budgets.Add(new MissingBudget(service.Code, service.Name, year));
                }
            }
        }
        var latest = await db.Set<PopulationFigure>().Where(p => p.Year <= db.Today().Year).MaxAsync(p => (int?)p.Year, ct);
        var present = latest is null ? [] : await db.Set<PopulationFigure>().Where(p => p.Year == latest).Select(p => p.Characteristic).Distinct().ToListAsync(ct);
        var population = PopulationFigure.Characteristics.Where(c => !present.Contains(c)).Select(c => new MissingPopulation(latest, c)).ToList();
        return new ReportInputGaps(budgets, population);
    }

    /// <summary>A financial year written 2025-26 or 2025/26 (the second year must follow the first), or null.</summary>
    public static int? ParseFinancialYear(string? text)
    {
        var match = FinancialYearPattern().Match(text?.Trim() ?? "");
        if (!match.Success)
        {
            return null;
        }
        var start = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var end = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        return (start + 1) % 100 == end && start is >= 2000 and <= 2100 ? start : null;
    }

    [GeneratedRegex(@"^(\d{4})\s*[-/]\s*(\d{2})$")]
    private static partial Regex FinancialYearPattern();
}
