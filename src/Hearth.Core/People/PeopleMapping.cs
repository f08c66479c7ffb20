using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hearth.Core.People;

internal sealed class FamilyMapping : IEntityTypeConfiguration<Family>
{
    public void Configure(EntityTypeBuilder<Family> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.Reference).HasMaxLength(100);
        b.HasIndex(x => x.Reference).IsUnique();
        b.HasIndex(x => x.TeamId);
        b.HasOne<Organisation.Team>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Members).WithOne(x => x.Family).HasForeignKey(x => x.FamilyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PersonMapping : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.GivenName).HasMaxLength(200);
        b.Property(x => x.FamilyName).HasMaxLength(200);
    }
}
