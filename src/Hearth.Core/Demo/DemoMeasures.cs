using System.Globalization;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Measures;
using Hearth.Core.People;
using Hearth.Core.Programmes;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Demo;

/// <summary>
/// Believable measures for the demo episodes: at the baseline and at closure (or the latest review of an open
/// episode) of each programme's schedule, most forms returned, most families improving a little. Seeded, so every
/// demo database holds the same forms; scored by the engine, as a worker's entry would be.
/// </summary>
internal static class DemoMeasures
{
    public static async Task SeedAsync(HearthDbContext db, ActorContext actor, int seed, DateOnly today, CancellationToken ct)
    {
        var random = new Random(seed);
        var episodes = await db.Set<Episode>().AsNoTracking().Include(e => e.Phases).OrderBy(e => e.OpenedOn).ThenBy(e => e.Id).ToListAsync(ct);
        var programmes = await db.Set<ProgrammeVersion>().AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Definition, ct);
        var members = (await (
                from m in db.Set<FamilyMembership>()
                join p in db.Set<Person>() on m.PersonId equals p.Id
                where p.DateOfBirth != null
                orderby p.CouncilChildId, p.Id
                select new { m.FamilyId, p.Id, p.DateOfBirth }).ToListAsync(ct))
            .ToLookup(m => m.FamilyId);
        foreach (var episode in episodes)
        {
            var definition = programmes[episode.ProgrammeVersionId];
            var points = Points(episode, definition, today);
            foreach (var person in members[episode.FamilyId].GroupBy(m => m.Id).Select(g => g.First()))
            {
                db.AddRange(Forms(episode, definition, points, person.Id, person.DateOfBirth, random, actor.Name));
            }
        }
        await db.SaveChangesAsync(actor, ct);
    }

    /// <summary>
    /// The baseline and the closure (or latest review) of the programme's schedule that are due by today: two points
    /// are enough to show change without making the demo slow to build.
    /// </summary>
    internal static IReadOnlyList<(TimePoint Point, int? Number, DateOnly DueOn)> Points(Episode episode, ProgrammeDefinition definition, DateOnly today)
    {
        var points = MeasuresDueQuery.TimePoints(episode, definition, today).Where(p => p.DueOn <= today).ToList();
        return points.Where(p => p.Point == TimePoint.Baseline).Take(1)
            .Concat(points.Where(p => p.Point == TimePoint.Closure).DefaultIfEmpty(points.LastOrDefault(p => p.Point is TimePoint.Review or TimePoint.Interval)).Take(1))
            .Where(p => p != default).Distinct().ToList();
    }

    /// <summary>
    /// One person's forms at those points, scored by the engine as a worker's entry would be: most returned, most
    /// people a little better at the second point. Used by the demo and the synthetic council alike.
    /// </summary>
    internal static List<MeasureAdministration> Forms(Episode episode, ProgrammeDefinition definition, IReadOnlyList<(TimePoint Point, int? Number, DateOnly DueOn)> points,
        Guid personId, DateOnly? dateOfBirth, Random random, string by)
    {
        var forms = new List<MeasureAdministration>();
        // How troubled at the start (0 none .. 2 severe) and how much better each time point (negative: worse).
        var severity = 0.5 + random.NextDouble();
        var gain = random.NextDouble() < 0.75 ? 0.1 + random.NextDouble() * 0.35 : -0.15 * random.NextDouble();
        for (var k = 0; k < points.Count; k++)
        {
            var (point, number, dueOn) = points[k];
            if (random.NextDouble() > (k == 0 ? 0.85 : 0.7))
            {
                continue;
            }
            var completedOn = dueOn.AddDays(-random.Next(0, 8));
            completedOn = completedOn < episode.OpenedOn ? episode.OpenedOn : completedOn;
            var level = Math.Clamp(severity - gain * k, 0, 2);
            var age = MeasureEntry.AgeOn(dateOfBirth, completedOn);
            foreach (var schedule in definition.Measures.Where(s => s.At(point)))
            {
                if (age is not { } years || !schedule.Covers(years) || InstrumentCatalog.FindForm(schedule.Instrument) is not { } instrument)
                {
                    continue;
                }
                var responses = Responses(instrument, level, random);
                var sheet = MeasureEntry.Score(instrument, responses, null, age);
                if (sheet.IsValid)
                {
                    forms.Add(MeasureService.Build(episode, personId, instrument, point, number, schedule.Respondent, completedOn, age, responses, sheet, by));
                }
            }
        }
        return forms;
    }

    /// <summary>Answers around a difficulty level: problem items near it, strengths and reverse-scored items away from it.</summary>
    internal static string?[] Responses(ItemInstrument items, double level, Random random)
    {
        var primary = items.Scale(items.Definition.PrimaryScale);
        var strengths = items.Definition.Scales.Where(s => s.Direction == Direction.HigherIsBetter && s.Key != primary.Key).SelectMany(s => s.Items).ToHashSet();
        return items.Definition.Items.Select(item =>
        {
            if (item.Optional)
            {
                return null;
            }
            var span = item.Max - item.Min;
            // Share of the way up the item's range: high for a problem item when things are hard.
            var share = level / 2;
            var good = primary.Direction == Direction.HigherIsBetter || strengths.Contains(item.Key);
            if (good != item.Reverse)
            {
                share = 1 - share;
            }
            var value = item.Min + (int)Math.Floor(share * span + random.NextDouble());
            return Math.Clamp(value, item.Min, item.Max).ToString(CultureInfo.InvariantCulture);
        }).ToArray();
    }
}
