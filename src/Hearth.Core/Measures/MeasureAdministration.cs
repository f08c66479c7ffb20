using Hearth.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hearth.Core.Measures;

/// <summary>When in the episode a measure was taken.</summary>
public enum TimePoint
{
    Baseline,
    /// <summary>At a programme review point; the number is the review's order in the episode (1, 2, ...).</summary>
    Review,
    /// <summary>At a recurring interval ("every 3 months"); the number counts the intervals from the episode's start.</summary>
    Interval,
    Closure,
    /// <summary>After closure; the number is the months after closure.</summary>
    FollowUp,
}

/// <summary>Who completed the form.</summary>
public enum Respondent
{
    Parent,
    Child,
    Teacher,
    Worker,
}

/// <summary>
/// One completed form (not GAS, whose administrations are the goal ratings at reviews) for one person in one episode: the responses as keyed, and the scores the engine gave them
/// when saved, with the instrument version used, so reports aggregate scores in SQL without re-scoring.
/// </summary>
public sealed class MeasureAdministration : Entity, ITeamOwned
{
    public Guid EpisodeId { get; set; }
    /// <summary>The episode's team, copied for scoping.</summary>
    public Guid TeamId { get; set; }
    public Guid FamilyId { get; set; }
    public Guid PersonId { get; set; }
    public required string InstrumentId { get; set; }
    public required string InstrumentVersion { get; set; }
    public TimePoint TimePoint { get; set; }
    /// <summary>Which review, interval or follow-up month; null for baseline and closure.</summary>
    public int? TimePointNumber { get; set; }
    public Respondent Respondent { get; set; }
    public DateOnly CompletedOn { get; set; }
    /// <summary>The person's age in whole years on the completion date, when their date of birth is known.</summary>
    public int? AgeYears { get; set; }
    /// <summary>Item responses in item order as a JSON array of whole numbers or nulls.</summary>
    public required string ResponsesJson { get; set; }
    /// <summary>The instrument's primary score (WEMWBS total, SDQ total difficulties, star total).</summary>
    public decimal? PrimaryScore { get; set; }
    public bool IsComplete { get; set; }
    public bool IsViable { get; set; }
    public string? RecordedBy { get; set; }
    public List<MeasureScore> Scores { get; set; } = [];
}

/// <summary>One score (Value) or band (Band) of an administration, keyed as the engine keys them.</summary>
public sealed class MeasureScore : Entity
{
    public Guid AdministrationId { get; set; }
    public required string Key { get; set; }
    public decimal? Value { get; set; }
    public string? Band { get; set; }
}

internal sealed class MeasureAdministrationMapping : IEntityTypeConfiguration<MeasureAdministration>
{
    public void Configure(EntityTypeBuilder<MeasureAdministration> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.InstrumentId).HasMaxLength(50);
        b.Property(x => x.InstrumentVersion).HasMaxLength(100);
        b.Property(x => x.TimePoint).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Respondent).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.ResponsesJson).HasMaxLength(2000);
        b.Property(x => x.PrimaryScore).HasPrecision(9, 4);
        b.Property(x => x.RecordedBy).HasMaxLength(200);
        b.HasIndex(x => new { x.EpisodeId, x.PersonId, x.InstrumentId });
        b.HasIndex(x => new { x.TeamId, x.InstrumentId, x.CompletedOn });
        b.HasOne<Episodes.Episode>().WithMany().HasForeignKey(x => x.EpisodeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<People.Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<People.Family>().WithMany().HasForeignKey(x => x.FamilyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation.Team>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Scores).WithOne().HasForeignKey(x => x.AdministrationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MeasureScoreMapping : IEntityTypeConfiguration<MeasureScore>
{
    public void Configure(EntityTypeBuilder<MeasureScore> b)
    {
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Property(x => x.Key).HasMaxLength(60);
        b.Property(x => x.Value).HasPrecision(9, 4);
        b.Property(x => x.Band).HasMaxLength(60);
        b.HasIndex(x => new { x.AdministrationId, x.Key }).IsUnique();
    }
}
