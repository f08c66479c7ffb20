using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hearth.Core.Referrals;

internal sealed class ReferralMapping : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.Reference).HasMaxLength(100);
        b.Property(x => x.Channel).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Source).HasMaxLength(3);
        b.Property(x => x.ReferrerAgency).HasMaxLength(200);
        b.Property(x => x.ReferrerName).HasMaxLength(200);
        b.Property(x => x.ReferrerContact).HasMaxLength(200);
        b.PrimitiveCollection(x => x.PresentingNeeds);
        b.Property(x => x.SharingBasis).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.DecidedBy).HasMaxLength(200);
        b.Property(x => x.DecisionReason).HasMaxLength(2000);
        b.Property(x => x.ReferredOnTo).HasMaxLength(200);
        b.HasIndex(x => new { x.ServiceId, x.Reference }).IsUnique();
        b.HasIndex(x => new { x.TeamId, x.Status });
        b.HasIndex(x => x.FamilyId);
        b.HasOne<Organisation.Service>().WithMany().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation.Team>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<People.Family>().WithMany().HasForeignKey(x => x.FamilyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Episodes.Episode>().WithMany().HasForeignKey(x => x.EpisodeId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Children).WithOne().HasForeignKey(x => x.ReferralId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReferralChildMapping : IEntityTypeConfiguration<ReferralChild>
{
    public void Configure(EntityTypeBuilder<ReferralChild> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<People.Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.PersonId, x.ReferralId });
    }
}

internal sealed class WaitingListEntryMapping : IEntityTypeConfiguration<WaitingListEntry>
{
    public void Configure(EntityTypeBuilder<WaitingListEntry> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.Priority).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.Reason).HasMaxLength(2000);
        b.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.OutcomeNote).HasMaxLength(2000);
        b.HasOne(x => x.Referral).WithMany().HasForeignKey(x => x.ReferralId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation.Team>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.TeamId, x.RemovedOn });
    }
}
