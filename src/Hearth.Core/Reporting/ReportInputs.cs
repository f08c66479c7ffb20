using Hearth.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hearth.Core.Reporting;

/// <summary>
/// A service's budget for one financial year, entered by an administrator: what it spends (gross expenditure), the
/// income that offsets it (grants, payment by results, partners' contributions) and the net cost to the council.
/// The cost report divides the gross expenditure, the whole cost of the work.
/// </summary>
public sealed class ServiceBudget : Entity
{
    public Guid ServiceId { get; set; }
    /// <summary>The calendar year the financial year starts in: 2025 for 2025-26.</summary>
    public int FinancialYear { get; set; }
    public decimal GrossExpenditure { get; set; }
    public decimal Income { get; set; }
    public decimal Net => GrossExpenditure - Income;
    public string? Note { get; set; }
}

/// <summary>
/// The area's population in one category of one characteristic (e.g. children aged 5-9; ethnicity WBRI), from
/// census or ONS estimates, for comparing who a service reaches with who lives there.
/// </summary>
public sealed class PopulationFigure : Entity
{
    public int Year { get; set; }
    /// <summary>One of <see cref="Characteristics"/>.</summary>
    public required string Characteristic { get; set; }
    /// <summary>The category, in the codes the equality report uses: age bands "0-4".."16-17", sex M/F, DfE ethnicity and disability codes.</summary>
    public required string Category { get; set; }
    public long Count { get; set; }
    public string? Source { get; set; }

    public static readonly string[] Characteristics = ["age", "sex", "ethnicity", "disability"];
}

internal sealed class ServiceBudgetMapping : IEntityTypeConfiguration<ServiceBudget>
{
    public void Configure(EntityTypeBuilder<ServiceBudget> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.GrossExpenditure).HasPrecision(12, 2);
        b.Property(x => x.Income).HasPrecision(12, 2);
        b.Property(x => x.Note).HasMaxLength(500);
        b.HasIndex(x => new { x.ServiceId, x.FinancialYear }).IsUnique();
        b.HasOne<Organisation.Service>().WithMany().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PopulationFigureMapping : IEntityTypeConfiguration<PopulationFigure>
{
    public void Configure(EntityTypeBuilder<PopulationFigure> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.Characteristic).HasMaxLength(20);
        b.Property(x => x.Category).HasMaxLength(20);
        b.Property(x => x.Source).HasMaxLength(300);
        b.HasIndex(x => new { x.Year, x.Characteristic, x.Category }).IsUnique();
    }
}
