using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hearth.Core.Security;

internal sealed class HearthUserMapping : IEntityTypeConfiguration<HearthUser>
{
    public void Configure(EntityTypeBuilder<HearthUser> b)
    {
        b.Property(x => x.DisplayName).HasMaxLength(200);
        b.Property(x => x.Role).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.ExternalSubject).HasMaxLength(200);
        b.HasIndex(x => x.ExternalSubject).IsUnique();
        b.HasOne<Organisation.Worker>().WithMany().HasForeignKey(x => x.WorkerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Teams).WithOne().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class UserTeamMapping : IEntityTypeConfiguration<UserTeam>
{
    public void Configure(EntityTypeBuilder<UserTeam> b)
    {
        b.HasKey(x => new { x.UserId, x.TeamId });
        b.HasOne<Organisation.Team>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ApiTokenMapping : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.TokenHash).HasMaxLength(64);
        b.Property(x => x.Prefix).HasMaxLength(20);
        b.HasIndex(x => x.TokenHash).IsUnique();
        b.HasOne<HearthUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
