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

    /// <summary>
    /// The figures a gap can be recorded for: those a report reads gaps for, with the label people choose them by. A gap
    /// for any other key would change no report, so it is refused.
    /// </summary>
    public static IReadOnlyList<ReportGapFigure> Figures { get; } =
    [
        new(FunnelReport.AcceptedGap, "Referral funnel: accepted to the intensive phase"),
    ];

    public static string LabelOf(string figure) => Figures.FirstOrDefault(f => f.Key == figure)?.Label ?? figure;
}

/// <summary>A figure a report shows as not recorded when a gap covers its period: the key stored and its plain label.</summary>
public sealed record ReportGapFigure(string Key, string Label);

/// <summary>A recorded gap as listed: the service, the figure's key and label, the period, why, and the version read.</summary>
public sealed record ReportGapRow(Guid Id, int Version, string ServiceCode, string Service, string Figure, string FigureLabel, DateOnly From, DateOnly To, string Note);

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
