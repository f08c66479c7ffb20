using Hearth.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hearth.Core.Results;

/// <summary>The kinds of dated fact the payment-by-results frameworks are evaluated on (docs/results.md).</summary>
public enum EvidenceKind
{
    /// <summary>One school term: sessions possible, authorised and unauthorised absences; From and To are the term's dates.</summary>
    SchoolAttendance,
    FixedTermExclusion,
    PermanentExclusion,
    /// <summary>A spell in alternative provision (a pupil referral unit or similar).</summary>
    AlternativeProvision,
    /// <summary>A spell off any school roll.</summary>
    OffRoll,
    ProvenOffence,
    AsbIncident,
    /// <summary>An ASB intervention: ASBO, injunction, ABC, dispersal, eviction for ASB.</summary>
    AsbIntervention,
    /// <summary>A spell on an out-of-work benefit (JSA, ESA, IS, UC with no earnings).</summary>
    OutOfWorkBenefit,
    /// <summary>A spell of employment, with weekly hours.</summary>
    Employment,
    /// <summary>Volunteering for the Work Programme or attachment to ESF provision (Troubled Families phase 1, result b).</summary>
    ProgressToWork,
    DomesticAbuseIncident,
    /// <summary>A need identified against a headline outcome; Code is "outcome" or "outcome:descriptor".</summary>
    NeedIdentified,
    /// <summary>A positive outcome achieved on a need; Code as for <see cref="NeedIdentified"/>.</summary>
    NeedOutcomeAchieved,
}

/// <summary>
/// A person as evidence knows them. Evidence arrives about people the service has not met (that is how identification
/// finds new families), so it is held against identifiers and linked to a <see cref="People.Person"/> once one with
/// the same council child ID, UPN or NHS number exists. Unknown people are grouped into households by HouseholdRef.
/// </summary>
public sealed class EvidenceSubject : Entity
{
    public Guid? PersonId { get; set; }
    public string? CouncilChildId { get; set; }
    public string? Upn { get; set; }
    public string? NhsNumber { get; set; }
    /// <summary>The source's household reference (e.g. a council tax or housing account), grouping people not yet known.</summary>
    public string? HouseholdRef { get; set; }
    public DateOnly? DateOfBirth { get; set; }

    public string Label => CouncilChildId is { } c ? $"child ID {c}" : Upn is { } u ? $"UPN {u}" : $"NHS {NhsNumber}";
}

/// <summary>One dated fact about a subject, from a named source; an imported fact keeps its import and source reference.</summary>
public sealed class EvidenceFact : Entity
{
    public Guid SubjectId { get; set; }
    public EvidenceSubject? Subject { get; set; }
    public EvidenceKind Kind { get; set; }
    /// <summary>Where the fact came from, e.g. "school", "police", "DWP".</summary>
    public required string Source { get; set; }
    /// <summary>The source's own reference for the fact, unique within the source: a re-import of it changes nothing.</summary>
    public required string SourceRef { get; set; }
    public Guid? ImportId { get; set; }
    /// <summary>The date of an event, or the start of a term or spell.</summary>
    public DateOnly From { get; set; }
    /// <summary>The end of a term or spell; empty for a spell still running or a single event.</summary>
    public DateOnly? To { get; set; }
    public int? SessionsPossible { get; set; }
    public int? AuthorisedAbsences { get; set; }
    public int? UnauthorisedAbsences { get; set; }
    public decimal? HoursPerWeek { get; set; }
    public string? Code { get; set; }
    public string? EnteredBy { get; set; }
}

/// <summary>One run of the evidence import: what file, by whom, and what it did.</summary>
public sealed class EvidenceImportRun : Entity
{
    public required string FileName { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    public required string ImportedBy { get; set; }
    public int Rows { get; set; }
    public int FactsCreated { get; set; }
    public int FactsUnchanged { get; set; }
}

internal sealed class EvidenceSubjectMapping : IEntityTypeConfiguration<EvidenceSubject>
{
    public void Configure(EntityTypeBuilder<EvidenceSubject> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.CouncilChildId).HasMaxLength(100);
        b.Property(x => x.Upn).HasMaxLength(13);
        b.Property(x => x.NhsNumber).HasMaxLength(10);
        b.Property(x => x.HouseholdRef).HasMaxLength(100);
        b.Ignore(x => x.Label);
        b.HasIndex(x => x.PersonId);
        b.HasIndex(x => x.CouncilChildId);
        b.HasIndex(x => x.Upn);
        b.HasIndex(x => x.NhsNumber);
        b.HasIndex(x => x.HouseholdRef);
        b.HasOne<People.Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EvidenceFactMapping : IEntityTypeConfiguration<EvidenceFact>
{
    public void Configure(EntityTypeBuilder<EvidenceFact> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.Source).HasMaxLength(100);
        b.Property(x => x.SourceRef).HasMaxLength(100);
        b.Property(x => x.Code).HasMaxLength(100);
        b.Property(x => x.EnteredBy).HasMaxLength(200);
        b.HasIndex(x => new { x.Source, x.SourceRef }).IsUnique();
        b.HasIndex(x => new { x.SubjectId, x.Kind, x.From });
        b.HasIndex(x => new { x.Kind, x.From });
        b.HasOne(x => x.Subject).WithMany().HasForeignKey(x => x.SubjectId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<EvidenceImportRun>().WithMany().HasForeignKey(x => x.ImportId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EvidenceImportRunMapping : IEntityTypeConfiguration<EvidenceImportRun>
{
    public void Configure(EntityTypeBuilder<EvidenceImportRun> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.FileName).HasMaxLength(500);
        b.Property(x => x.ImportedBy).HasMaxLength(200);
    }
}
