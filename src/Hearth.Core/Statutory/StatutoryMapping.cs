using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Referrals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hearth.Core.Statutory;

internal sealed class ChildInNeedRecordMapping : IEntityTypeConfiguration<ChildInNeedRecord>
{
    public void Configure(EntityTypeBuilder<ChildInNeedRecord> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.PrimaryNeedCode).HasMaxLength(2);
        b.PrimitiveCollection(x => x.AssessmentFactors);
        b.HasOne<Referral>().WithMany().HasForeignKey(x => x.ReferralId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Family>().WithMany().HasForeignKey(x => x.FamilyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.ReferralId, x.PersonId }).IsUnique();
        b.HasIndex(x => x.PersonId);
        b.HasMany(x => x.CinPlans).WithOne().HasForeignKey(x => x.RecordId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Section47Enquiries).WithOne().HasForeignKey(x => x.RecordId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.ProtectionPlans).WithOne().HasForeignKey(x => x.RecordId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CinPlanPeriodMapping : IEntityTypeConfiguration<CinPlanPeriod>
{
    public void Configure(EntityTypeBuilder<CinPlanPeriod> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.PersonId);
        b.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class Section47EnquiryMapping : IEntityTypeConfiguration<Section47Enquiry>
{
    public void Configure(EntityTypeBuilder<Section47Enquiry> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.PersonId);
        b.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(x => x.IsOpen);
    }
}

internal sealed class ProtectionPlanMapping : IEntityTypeConfiguration<ProtectionPlan>
{
    public void Configure(EntityTypeBuilder<ProtectionPlan> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.InitialCategory).HasMaxLength(3);
        b.Property(x => x.LatestCategory).HasMaxLength(3);
        b.PrimitiveCollection(x => x.ReviewDates);
        b.HasIndex(x => x.PersonId);
        b.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Restrict);
    }
}
