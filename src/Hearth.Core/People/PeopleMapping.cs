using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hearth.Core.People;

internal sealed class FamilyMapping : IEntityTypeConfiguration<Family>
{
    public void Configure(EntityTypeBuilder<Family> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.Reference).HasMaxLength(100);
        b.Property(x => x.Patch).HasMaxLength(200);
        b.Property(x => x.SortName).HasMaxLength(200);
        b.HasIndex(x => x.Reference).IsUnique();
        b.HasIndex(x => x.SortName);
        b.HasIndex(x => x.TeamId);
        b.HasOne<Organisation.Team>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Members).WithOne(x => x.Family).HasForeignKey(x => x.FamilyId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Memberships).WithOne().HasForeignKey(x => x.FamilyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PersonMapping : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.GivenName).HasMaxLength(200);
        b.Property(x => x.FamilyName).HasMaxLength(200);
        b.Property(x => x.KnownAs).HasMaxLength(200);
        b.Property(x => x.Sex).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.GenderIdentity).HasMaxLength(100);
        b.Property(x => x.EthnicityCode).HasMaxLength(4);
        b.Property(x => x.FirstLanguage).HasMaxLength(100);
        b.Property(x => x.CouncilChildId).HasMaxLength(50);
        b.Property(x => x.Upn).HasMaxLength(13);
        b.Property(x => x.FormerUpn).HasMaxLength(13);
        b.Property(x => x.NhsNumber).HasMaxLength(10);
        b.Property(x => x.Postcode).HasMaxLength(8);
        b.PrimitiveCollection(x => x.DisabilityCodes);
        b.HasIndex(x => x.CouncilChildId);
        b.HasIndex(x => x.Upn);
        b.HasIndex(x => x.NhsNumber);
        b.HasIndex(x => x.DateOfBirth);
        b.HasIndex(x => x.Postcode);
        b.Property(x => x.SearchGivenName).HasMaxLength(200);
        b.Property(x => x.SearchFamilyName).HasMaxLength(200);
        b.Property(x => x.GivenNameKey).HasMaxLength(4);
        b.Property(x => x.FamilyNameKey).HasMaxLength(4);
        // Search: both names' keys together (either order, for swapped names), the family key with the given name (a typo
        // that changes the given name's sound), each key alone, and the names for prefixes.
        b.HasIndex(x => new { x.FamilyNameKey, x.GivenNameKey });
        b.HasIndex(x => new { x.FamilyNameKey, x.SearchGivenName });
        b.HasIndex(x => x.GivenNameKey);
        b.HasIndex(x => x.SearchFamilyName);
        b.HasIndex(x => x.SearchGivenName);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FamilyMembershipMapping : IEntityTypeConfiguration<FamilyMembership>
{
    public void Configure(EntityTypeBuilder<FamilyMembership> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.Relationship).HasConversion<string>().HasMaxLength(20);
        b.HasOne(x => x.Person).WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.FamilyId, x.PersonId });
    }
}

internal sealed class PersonAddressMapping : IEntityTypeConfiguration<PersonAddress>
{
    public void Configure(EntityTypeBuilder<PersonAddress> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.Lines).HasMaxLength(500);
        b.Property(x => x.Postcode).HasMaxLength(8);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.PersonId, x.From });
    }
}
