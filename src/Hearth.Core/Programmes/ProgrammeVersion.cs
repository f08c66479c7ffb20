using Hearth.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hearth.Core.Programmes;

/// <summary>
/// One version of a programme's configuration. A change publishes a new row with a later number and effective date;
/// rows are never rewritten, and each episode keeps the version it was opened under.
/// </summary>
public sealed class ProgrammeVersion : Entity
{
    /// <summary>Stable programme identifier, e.g. "ifss".</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>1, 2, 3... per programme code.</summary>
    public int Number { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public required string DefinitionJson { get; set; }

    private ProgrammeDefinition? _definition;

    public ProgrammeDefinition Definition => _definition ??= ProgrammeDefinition.FromJson(DefinitionJson);
}

internal sealed class ProgrammeVersionMapping : IEntityTypeConfiguration<ProgrammeVersion>
{
    public void Configure(EntityTypeBuilder<ProgrammeVersion> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.Code).HasMaxLength(50);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Ignore(x => x.Definition);
        b.HasIndex(x => new { x.Code, x.Number }).IsUnique();
    }
}
