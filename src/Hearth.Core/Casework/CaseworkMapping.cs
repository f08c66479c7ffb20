using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hearth.Core.Casework;

internal static class EpisodeOwned
{
    /// <summary>Every casework row belongs to an episode and (for scoping) its team.</summary>
    public static void BelongsToEpisode<T>(this EntityTypeBuilder<T> b, System.Linq.Expressions.Expression<Func<T, object?>> episodeId, System.Linq.Expressions.Expression<Func<T, object?>> teamId)
        where T : class
    {
        b.HasOne<Episode>().WithMany().HasForeignKey(episodeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Team>().WithMany().HasForeignKey(teamId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AssessmentMapping : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.AssessmentType).HasMaxLength(200);
        b.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.AuthorisedBy).HasMaxLength(200);
        b.Property(x => x.Worries).HasMaxLength(4000);
        b.Property(x => x.WorkingWell).HasMaxLength(4000);
        b.Property(x => x.NeedsToHappen).HasMaxLength(4000);
        b.BelongsToEpisode(x => x.EpisodeId, x => x.TeamId);
        b.HasMany(x => x.Members).WithOne().HasForeignKey(x => x.AssessmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AssessmentMemberMapping : IEntityTypeConfiguration<AssessmentMember>
{
    public void Configure(EntityTypeBuilder<AssessmentMember> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.Needs).HasMaxLength(4000);
        b.Property(x => x.Strengths).HasMaxLength(4000);
        b.Property(x => x.Risks).HasMaxLength(4000);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.AssessmentId, x.PersonId }).IsUnique();
    }
}

internal sealed class PlanMapping : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.Content).HasMaxLength(8000);
        b.BelongsToEpisode(x => x.EpisodeId, x => x.TeamId);
        b.HasIndex(x => new { x.EpisodeId, x.Kind }).IsUnique();
        b.HasMany(x => x.Versions).WithOne().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Agreements).WithOne().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PlanVersionMapping : IEntityTypeConfiguration<PlanVersion>
{
    public void Configure(EntityTypeBuilder<PlanVersion> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.Content).HasMaxLength(8000);
        b.Property(x => x.WrittenBy).HasMaxLength(200);
        b.Property(x => x.ChangeSummary).HasMaxLength(2000);
        b.HasIndex(x => new { x.PlanId, x.Number }).IsUnique();
    }
}

internal sealed class PlanAgreementMapping : IEntityTypeConfiguration<PlanAgreement>
{
    public void Configure(EntityTypeBuilder<PlanAgreement> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.Format).HasConversion<string>().HasMaxLength(20);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GoalMapping : IEntityTypeConfiguration<Goal>
{
    public void Configure(EntityTypeBuilder<Goal> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.Title).HasMaxLength(500);
        b.Property(x => x.Owner).HasMaxLength(200);
        foreach (var level in new[] { nameof(Goal.LevelMinus2), nameof(Goal.LevelMinus1), nameof(Goal.Level0), nameof(Goal.LevelPlus1), nameof(Goal.LevelPlus2) })
        {
            b.Property<string?>(level).HasMaxLength(1000);
        }
        b.PrimitiveCollection(x => x.NeedIds);
        b.Ignore(x => x.HasLevels);
        b.BelongsToEpisode(x => x.EpisodeId, x => x.TeamId);
        b.HasOne<Plan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SessionMapping : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.PhaseKey).HasMaxLength(50);
        b.Property(x => x.Type).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.OtherProfessionals).HasMaxLength(1000);
        b.Property(x => x.Place).HasMaxLength(200);
        b.Property(x => x.Note).HasMaxLength(4000);
        b.PrimitiveCollection(x => x.PersonIds);
        b.PrimitiveCollection(x => x.WorkerIds);
        b.BelongsToEpisode(x => x.EpisodeId, x => x.TeamId);
        b.HasIndex(x => new { x.EpisodeId, x.Date });
    }
}

internal sealed class WorkerTimeMapping : IEntityTypeConfiguration<WorkerTime>
{
    public void Configure(EntityTypeBuilder<WorkerTime> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.Activity).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.Note).HasMaxLength(1000);
        b.HasOne<Worker>().WithMany().HasForeignKey(x => x.WorkerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.WorkerId, x.Date });
    }
}

internal sealed class BoosterApprovalMapping : IEntityTypeConfiguration<BoosterApproval>
{
    public void Configure(EntityTypeBuilder<BoosterApproval> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.ApprovedBy).HasMaxLength(200);
        b.Property(x => x.Reason).HasMaxLength(2000);
        b.BelongsToEpisode(x => x.EpisodeId, x => x.TeamId);
    }
}

internal sealed class ReviewMapping : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.PhaseKey).HasMaxLength(50);
        b.Property(x => x.Attendees).HasMaxLength(2000);
        b.Property(x => x.Progress).HasMaxLength(4000);
        b.Property(x => x.PlanChanges).HasMaxLength(4000);
        b.Property(x => x.Decision).HasConversion<string>().HasMaxLength(20);
        b.BelongsToEpisode(x => x.EpisodeId, x => x.TeamId);
        b.HasIndex(x => new { x.EpisodeId, x.PhaseKey, x.DueOn }).IsUnique();
        b.HasIndex(x => new { x.TeamId, x.DueOn });
        b.HasMany(x => x.Ratings).WithOne().HasForeignKey(x => x.ReviewId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GoalRatingMapping : IEntityTypeConfiguration<GoalRating>
{
    public void Configure(EntityTypeBuilder<GoalRating> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Goal>().WithMany().HasForeignKey(x => x.GoalId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.ReviewId, x.GoalId }).IsUnique();
    }
}

internal sealed class ProfessionalMapping : IEntityTypeConfiguration<Professional>
{
    public void Configure(EntityTypeBuilder<Professional> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Agency).HasMaxLength(200);
        b.Property(x => x.Role).HasMaxLength(200);
        b.Property(x => x.Contact).HasMaxLength(200);
        b.BelongsToEpisode(x => x.EpisodeId, x => x.TeamId);
    }
}

internal sealed class DirectoryServiceMapping : IEntityTypeConfiguration<DirectoryService>
{
    public void Configure(EntityTypeBuilder<DirectoryService> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Category).HasMaxLength(100);
        b.Property(x => x.Contact).HasMaxLength(200);
        b.HasIndex(x => x.Name).IsUnique();
    }
}

internal sealed class ServiceReferralMapping : IEntityTypeConfiguration<ServiceReferral>
{
    public void Configure(EntityTypeBuilder<ServiceReferral> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.BelongsToEpisode(x => x.EpisodeId, x => x.TeamId);
        b.HasOne<DirectoryService>().WithMany().HasForeignKey(x => x.DirectoryServiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.History).WithOne().HasForeignKey(x => x.ServiceReferralId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ServiceReferralStatusChangeMapping : IEntityTypeConfiguration<ServiceReferralStatusChange>
{
    public void Configure(EntityTypeBuilder<ServiceReferralStatusChange> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.By).HasMaxLength(200);
        b.Property(x => x.Note).HasMaxLength(1000);
    }
}

internal sealed class DraftMapping : IEntityTypeConfiguration<Draft>
{
    public void Configure(EntityTypeBuilder<Draft> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.Form).HasMaxLength(100);
        b.Property(x => x.RecordKey).HasMaxLength(100);
        b.HasIndex(x => new { x.UserId, x.Form, x.RecordKey }).IsUnique();
    }
}
