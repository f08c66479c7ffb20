using Hearth.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hearth.Core.Reporting;

/// <summary>
/// A figure a service did not record for a period (for example, the Welsh IFSS Site 2 did not record acceptances to
/// Phase 1 in 2011-12). Reports show it as "n/a" with the note, rather than a misleading zero.
/// </summary>
public sealed class ReportGap : Entity
{
    public Guid ServiceId { get; set; }
    /// <summary>The report and figure, e.g. "funnel.accepted".</summary>
    public required string Figure { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    public required string Note { get; set; }
}

internal sealed class ReportGapMapping : IEntityTypeConfiguration<ReportGap>
{
    public void Configure(EntityTypeBuilder<ReportGap> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.Figure).HasMaxLength(100);
        b.Property(x => x.Note).HasMaxLength(500);
        b.HasIndex(x => new { x.ServiceId, x.Figure });
        b.HasOne<Organisation.Service>().WithMany().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}
