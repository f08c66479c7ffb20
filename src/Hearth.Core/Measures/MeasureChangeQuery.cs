using Hearth.Core.Data;
using Hearth.Core.People;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Measures;

/// <summary>One administration on a person's trajectory, with its change from the baseline (null for the baseline itself).</summary>
public sealed record MeasurePoint(Guid AdministrationId, TimePoint TimePoint, int? TimePointNumber, DateOnly CompletedOn, Respondent Respondent, decimal? Score, bool IsViable, ChangeResult? Change)
{
    public string TimePointLabel => MeasureLabels.TimePoint(TimePoint, TimePointNumber);
}

/// <summary>
/// A person's trajectory on one instrument: the primary score at each administration, change from baseline at each
/// later point and baseline against latest. For GAS the scores are the T-score at each review.
/// </summary>
public sealed record MeasureTrajectory(
    Guid PersonId, string PersonName, string InstrumentId, string InstrumentName, string ScoreName, Direction Direction,
    decimal ScaleMin, decimal ScaleMax, IReadOnlyList<MeasurePoint> Points)
{
    public MeasurePoint? Baseline => Points.FirstOrDefault(p => p.Change is null && p.Score is not null);
    /// <summary>The latest point with a score, when it is not the baseline.</summary>
    public MeasurePoint? Latest => Points.LastOrDefault(p => p.Change is not null);
}

/// <summary>Change for each person and instrument in a family, from the scores stored at recording.</summary>
public sealed class MeasureChangeQuery(HearthDbContext db)
{
    public async Task<IReadOnlyList<MeasureTrajectory>> ForFamilyAsync(ActorContext actor, Guid familyId, Guid? personId = null, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        _ = await db.Set<Family>().AsNoTracking().InScope(actor).Where(f => f.Id == familyId).Select(f => (Guid?)f.Id).SingleOrDefaultAsync(ct)
            ?? throw new AccessDeniedException("That family does not exist or is not in your teams.");
        await db.RecordReadAsync(actor, nameof(Family), familyId, ct);
        var rows = await db.Set<MeasureAdministration>().AsNoTracking().InScope(actor)
            .Where(a => a.FamilyId == familyId && (personId == null || a.PersonId == personId))
            .Select(a => new { a.Id, a.PersonId, a.InstrumentId, a.TimePoint, a.TimePointNumber, a.CompletedOn, a.Respondent, a.PrimaryScore, a.IsViable })
            .ToListAsync(ct);
        var personIds = rows.Select(r => r.PersonId).Distinct().ToList();
        var names = await db.Set<Person>().AsNoTracking().Where(p => personIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => $"{p.GivenName} {p.FamilyName}", ct);
        var result = new List<MeasureTrajectory>();
        foreach (var group in rows.GroupBy(r => (r.PersonId, r.InstrumentId)).OrderBy(g => names[g.Key.PersonId], StringComparer.Ordinal).ThenBy(g => g.Key.InstrumentId, StringComparer.Ordinal))
        {
            var instrument = InstrumentCatalog.Find(group.Key.InstrumentId);
            if (instrument is null)
            {
                continue;
            }
            var (scoreName, direction, min, max, norms, meaningful) = PrimaryOf(instrument);
            // Time-point order first (a baseline keyed late still comes first), then the date.
            var ordered = group.OrderBy(r => r.TimePoint == TimePoint.Baseline ? 0 : 1).ThenBy(r => r.CompletedOn).ThenBy(r => r.Id).ToList();
            // Baseline: the first viable form, preferring one recorded as the baseline.
            var baseline = ordered.FirstOrDefault(r => r.IsViable && r.PrimaryScore is not null);
            var points = ordered.Select(r =>
            {
                ChangeResult? change = null;
                if (baseline is not null && r.Id != baseline.Id && r.IsViable && r.PrimaryScore is { } score
                    && (r.CompletedOn > baseline.CompletedOn || (r.CompletedOn == baseline.CompletedOn && r.TimePoint != TimePoint.Baseline)))
                {
                    change = ReliableChange.Assess(baseline.PrimaryScore!.Value, score, direction, norms, meaningful);
                }
                return new MeasurePoint(r.Id, r.TimePoint, r.TimePointNumber, r.CompletedOn, r.Respondent, r.PrimaryScore, r.IsViable, change);
            }).ToList();
            if (baseline is not null)
            {
                // The baseline leads the list so Baseline finds it even when an unscoreable form came earlier.
                var b = points.Single(p => p.AdministrationId == baseline.Id);
                points.Remove(b);
                points.Insert(0, b);
            }
            result.Add(new MeasureTrajectory(group.Key.PersonId, names[group.Key.PersonId], instrument.Id, instrument.Name, scoreName, direction, min, max, points));
        }
        return result;
    }

    internal static (string Name, Direction Direction, decimal Min, decimal Max, ChangeNorms? Norms, decimal? Meaningful) PrimaryOf(Instrument instrument)
    {
        if (instrument is ItemInstrument items)
        {
            var scale = items.Scale(items.Definition.PrimaryScale);
            return (scale.Name, scale.Direction, scale.Min, scale.Max, scale.Norms, scale.MeaningfulChange);
        }
        // GAS: the T-score; no published norms, so reliable and meaningful change are not available.
        return ("GAS T-score", Direction.HigherIsBetter, 20m, 80m, null, null);
    }
}
