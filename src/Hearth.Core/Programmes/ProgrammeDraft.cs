using Hearth.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hearth.Core.Programmes;

/// <summary>
/// The next version of a programme while an administrator edits it: a copy of the latest version's definition,
/// changed part by part and published as a new <see cref="ProgrammeVersion"/>. One draft per programme, shared by the
/// administrators, so two of them cannot prepare conflicting versions; each edit carries the draft's version.
/// </summary>
public sealed class ProgrammeDraft : Entity
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>The version the draft was started from; publishing is refused if another version was published since.</summary>
    public int BasedOnNumber { get; set; }
    public required string DefinitionJson { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public required string StartedBy { get; set; }

    public ProgrammeDefinition Definition => ProgrammeDefinition.FromJson(DefinitionJson);
}

internal sealed class ProgrammeDraftMapping : IEntityTypeConfiguration<ProgrammeDraft>
{
    public void Configure(EntityTypeBuilder<ProgrammeDraft> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.Code).HasMaxLength(50);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.StartedBy).HasMaxLength(200);
        b.Ignore(x => x.Definition);
        b.HasIndex(x => x.Code).IsUnique();
    }
}
