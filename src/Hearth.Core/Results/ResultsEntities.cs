using Hearth.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hearth.Core.Results;

/// <summary>
/// One version of a framework. Versions are never rewritten: a council's new thresholds are a new, later version, and
/// each attachment (so each evaluation and claim) keeps the number of the version in effect when the family was attached.
/// </summary>
public sealed class FrameworkVersion : Entity
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int Number { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    public required string DefinitionJson { get; set; }

    private FrameworkDefinition? _definition;

    public FrameworkDefinition Definition => _definition ??= FrameworkDefinition.FromJson(DefinitionJson);
}

/// <summary>A family attached to a framework on a date by a performance officer: from then on its results are measured.</summary>
public sealed class Attachment : Entity
{
    public Guid FamilyId { get; set; }
    public required string FrameworkCode { get; set; }
    public int FrameworkVersion { get; set; }
    public DateOnly AttachedOn { get; set; }
    public required string AttachedBy { get; set; }
    /// <summary>The eligibility criteria the family met on the day, which decide the result rules that apply to it.</summary>
    public List<string> CriteriaMet { get; set; } = [];
}

public enum ClaimStatus
{
    Draft,
    Checked,
    Submitted,
    Paid,
    Rejected,
}

/// <summary>A period in which the government accepts claims for a framework.</summary>
public sealed class ClaimWindow : Entity
{
    public required string FrameworkCode { get; set; }
    public required string Name { get; set; }
    public DateOnly OpensOn { get; set; }
    public DateOnly ClosesOn { get; set; }
}

/// <summary>A batch of claims made in a window, with who moved it through each status and when.</summary>
public sealed class ClaimBatch : Entity
{
    public Guid WindowId { get; set; }
    public ClaimWindow? Window { get; set; }
    public required string FrameworkCode { get; set; }
    /// <summary>Results are evaluated as of this date.</summary>
    public DateOnly AsOf { get; set; }
    public ClaimStatus Status { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CheckedBy { get; set; }
    public DateTimeOffset? CheckedAt { get; set; }
    public string? SubmittedBy { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public string? PaidBy { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    public string? RejectedBy { get; set; }
    public DateTimeOffset? RejectedAt { get; set; }
    public string? RejectionReason { get; set; }
    /// <summary>The share of the batch drawn for internal audit, in percent.</summary>
    public int AuditSharePercent { get; set; }
    /// <summary>The seed the sample was drawn with: the same seed draws the same sample.</summary>
    public int AuditSeed { get; set; }
    public List<ClaimLine> Lines { get; set; } = [];
}

/// <summary>One family's result in a batch, with the amount, the framework version and the computation that showed it.</summary>
public sealed class ClaimLine : Entity
{
    public Guid BatchId { get; set; }
    public Guid AttachmentId { get; set; }
    public Guid FamilyId { get; set; }
    public required string ResultKey { get; set; }
    public int FrameworkVersion { get; set; }
    public decimal Amount { get; set; }
    public DateOnly AchievedSince { get; set; }
    public DateOnly ClaimableFrom { get; set; }
    public required string Computation { get; set; }
    /// <summary>"attachment:result" while the claim stands; cleared when its batch is rejected. Unique: no result is claimed twice.</summary>
    public string? ClaimKey { get; set; }
    public bool InAuditSample { get; set; }
    public bool? EvidenceSeen { get; set; }
    public bool? EligibilityConfirmed { get; set; }
    public bool? ResultConfirmed { get; set; }
    public string? AuditNote { get; set; }
    public string? AuditedBy { get; set; }
    public DateTimeOffset? AuditedAt { get; set; }

    public bool AuditPassed => EvidenceSeen == true && EligibilityConfirmed == true && ResultConfirmed == true;

    public static string KeyFor(Guid attachmentId, string resultKey) => $"{attachmentId:N}:{resultKey}";
}

/// <summary>A service's expected grant for one financial year of a framework, as agreed with the government (York's table, seeds/001 para 40).</summary>
public sealed class GrantProfileYear : Entity
{
    public Guid ServiceId { get; set; }
    public required string FrameworkCode { get; set; }
    /// <summary>The financial year by its starting year: 2012 is 2012/13.</summary>
    public int FinancialYear { get; set; }
    public int ExpectedFamilies { get; set; }
    public decimal ExpectedAttachmentFees { get; set; }
    public decimal ExpectedResults { get; set; }
}

internal sealed class FrameworkVersionMapping : IEntityTypeConfiguration<FrameworkVersion>
{
    public void Configure(EntityTypeBuilder<FrameworkVersion> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.Code).HasMaxLength(50);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Ignore(x => x.Definition);
        b.HasIndex(x => new { x.Code, x.Number }).IsUnique();
    }
}

internal sealed class AttachmentMapping : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.FrameworkCode).HasMaxLength(50);
        b.Property(x => x.AttachedBy).HasMaxLength(200);
        b.PrimitiveCollection(x => x.CriteriaMet);
        b.HasIndex(x => new { x.FamilyId, x.FrameworkCode }).IsUnique();
        b.HasIndex(x => new { x.FrameworkCode, x.AttachedOn });
        b.HasOne<People.Family>().WithMany().HasForeignKey(x => x.FamilyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ClaimWindowMapping : IEntityTypeConfiguration<ClaimWindow>
{
    public void Configure(EntityTypeBuilder<ClaimWindow> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.FrameworkCode).HasMaxLength(50);
        b.Property(x => x.Name).HasMaxLength(200);
    }
}

internal sealed class ClaimBatchMapping : IEntityTypeConfiguration<ClaimBatch>
{
    public void Configure(EntityTypeBuilder<ClaimBatch> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.FrameworkCode).HasMaxLength(50);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.CreatedBy).HasMaxLength(200);
        b.Property(x => x.CheckedBy).HasMaxLength(200);
        b.Property(x => x.SubmittedBy).HasMaxLength(200);
        b.Property(x => x.PaidBy).HasMaxLength(200);
        b.Property(x => x.RejectedBy).HasMaxLength(200);
        b.Property(x => x.RejectionReason).HasMaxLength(2000);
        b.HasOne(x => x.Window).WithMany().HasForeignKey(x => x.WindowId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.BatchId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ClaimLineMapping : IEntityTypeConfiguration<ClaimLine>
{
    public void Configure(EntityTypeBuilder<ClaimLine> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.ResultKey).HasMaxLength(50);
        b.Property(x => x.Computation).HasMaxLength(8000);
        b.Property(x => x.ClaimKey).HasMaxLength(100);
        b.Property(x => x.AuditNote).HasMaxLength(2000);
        b.Property(x => x.AuditedBy).HasMaxLength(200);
        b.Ignore(x => x.AuditPassed);
        b.HasIndex(x => x.ClaimKey).IsUnique();
        b.HasIndex(x => x.FamilyId);
        b.HasOne<Attachment>().WithMany().HasForeignKey(x => x.AttachmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<People.Family>().WithMany().HasForeignKey(x => x.FamilyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GrantProfileYearMapping : IEntityTypeConfiguration<GrantProfileYear>
{
    public void Configure(EntityTypeBuilder<GrantProfileYear> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.FrameworkCode).HasMaxLength(50);
        b.HasIndex(x => new { x.ServiceId, x.FrameworkCode, x.FinancialYear }).IsUnique();
        b.HasOne<Organisation.Service>().WithMany().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Restrict);
    }
}
