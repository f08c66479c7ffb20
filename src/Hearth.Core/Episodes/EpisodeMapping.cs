using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hearth.Core.Episodes;

internal sealed class EpisodeMapping : IEntityTypeConfiguration<Episode>
{
    public void Configure(EntityTypeBuilder<Episode> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.Mode).HasMaxLength(50);
        b.Property(x => x.CurrentPhase).HasMaxLength(50);
        b.Property(x => x.AssessmentDecision).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.ClosureReason).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.ClosureDestination).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.DfeReasonForClosure).HasMaxLength(4);
        b.Ignore(x => x.IsOpen);
        b.HasIndex(x => new { x.TeamId, x.ClosedOn });
        b.HasIndex(x => new { x.FamilyId, x.ServiceId });
        b.HasOne<Organisation.Service>().WithMany().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation.Team>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<People.Family>().WithMany().HasForeignKey(x => x.FamilyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Programmes.ProgrammeVersion>().WithMany().HasForeignKey(x => x.ProgrammeVersionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Phases).WithOne().HasForeignKey(x => x.EpisodeId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Allocations).WithOne(x => x.Episode).HasForeignKey(x => x.EpisodeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EpisodePhaseMapping : IEntityTypeConfiguration<EpisodePhase>
{
    public void Configure(EntityTypeBuilder<EpisodePhase> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.PhaseKey).HasMaxLength(50);
        b.Property(x => x.StartedBy).HasMaxLength(200);
        b.Property(x => x.EndedBy).HasMaxLength(200);
        b.HasIndex(x => new { x.EpisodeId, x.PhaseKey });
    }
}

internal sealed class AllocationMapping : IEntityTypeConfiguration<Allocation>
{
    public void Configure(EntityTypeBuilder<Allocation> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.OverrideReason).HasMaxLength(1000);
        b.Property(x => x.EndReason).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.EndNote).HasMaxLength(1000);
        b.HasOne<Organisation.Worker>().WithMany().HasForeignKey(x => x.WorkerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.WorkerId, x.To });
    }
}

internal sealed class OutcomeEventMapping : IEntityTypeConfiguration<OutcomeEvent>
{
    public void Configure(EntityTypeBuilder<OutcomeEvent> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.Note).HasMaxLength(2000);
        b.HasOne<People.Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation.Team>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FollowUpMapping : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.CompletedBy).HasMaxLength(200);
        b.Property(x => x.Result).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Note).HasMaxLength(2000);
        b.Ignore(x => x.IsChecked);
        b.HasOne<Episode>().WithMany().HasForeignKey(x => x.EpisodeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation.Team>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.TeamId, x.DueOn });
    }
}
