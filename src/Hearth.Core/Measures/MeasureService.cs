using System.Globalization;
using System.Text.Json;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.People;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Measures;

/// <summary>A form as keyed: one text per item in item order.</summary>
public sealed record NewAdministration(
    Guid EpisodeId, Guid PersonId, string InstrumentId, TimePoint TimePoint, int? TimePointNumber, Respondent Respondent,
    DateOnly CompletedOn, IReadOnlyList<string?> Responses);

/// <summary>Someone in the episode's family a measure can be recorded for.</summary>
public sealed record EpisodeMember(Guid PersonId, string Name, DateOnly? DateOfBirth);

/// <summary>
/// Records measures in episodes. Each form is scored by the engine on save and refused whole if any entry is invalid;
/// the scores and the instrument version are stored beside the responses.
/// </summary>
public sealed class MeasureService(HearthDbContext db)
{
    public async Task<MeasureAdministration> RecordAsync(ActorContext actor, NewAdministration input, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var episode = await EpisodeAsync(actor, input.EpisodeId, ct);
        var administration = new MeasureAdministration { InstrumentId = "", InstrumentVersion = "", ResponsesJson = "[]", RecordedBy = actor.Name };
        await ApplyAsync(episode, administration, input, ct);
        db.Add(administration);
        await db.SaveChangesAsync(actor, ct);
        return administration;
    }

    /// <summary>Corrects a recorded form; <paramref name="version"/> is the one the user read, so a stale edit fails.</summary>
    public async Task<MeasureAdministration> UpdateAsync(ActorContext actor, Guid administrationId, int version, NewAdministration input, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var administration = await db.Set<MeasureAdministration>().InScope(actor).Include(a => a.Scores)
            .SingleOrDefaultAsync(a => a.Id == administrationId, ct) ?? throw NotFound();
        if (input.EpisodeId != administration.EpisodeId)
        {
            throw new ValidationFailedException("EpisodeId", "A recorded measure cannot move to another episode");
        }
        administration.Version = version;
        var episode = await EpisodeAsync(actor, administration.EpisodeId, ct);
        db.RemoveRange(administration.Scores);
        administration.Scores.Clear();
        await ApplyAsync(episode, administration, input, ct);
        // Added explicitly: EF would take new rows with their ids already set, found through the collection, for updates.
        db.AddRange(administration.Scores);
        await db.SaveChangesAsync(actor, ct);
        return administration;
    }

    public async Task<MeasureAdministration> ReadAsync(ActorContext actor, Guid administrationId, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var administration = await db.Set<MeasureAdministration>().AsNoTracking().InScope(actor).Include(a => a.Scores)
            .SingleOrDefaultAsync(a => a.Id == administrationId, ct) ?? throw NotFound();
        // A person's answers and scores are their record: reading them is audited as a read of the person.
        await db.RecordReadAsync(actor, nameof(Person), administration.PersonId, ct);
        return administration;
    }

    /// <summary>An episode's administrations, optionally for one person, oldest first.</summary>
    public async Task<IReadOnlyList<MeasureAdministration>> ForEpisodeAsync(ActorContext actor, Guid episodeId, Guid? personId = null, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        await EpisodeAsync(actor, episodeId, ct);
        await db.RecordReadAsync(actor, nameof(Episodes.Episode), episodeId, ct);
        return await db.Set<MeasureAdministration>().AsNoTracking().InScope(actor).Include(a => a.Scores)
            .Where(a => a.EpisodeId == episodeId && (personId == null || a.PersonId == personId))
            .OrderBy(a => a.CompletedOn).ThenBy(a => a.Id).ToListAsync(ct);
    }

    /// <summary>The people in the episode's family, for choosing whom a measure is for.</summary>
    public async Task<IReadOnlyList<EpisodeMember>> MembersAsync(ActorContext actor, Guid episodeId, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var episode = await EpisodeAsync(actor, episodeId, ct);
        var people = await (
            from m in db.Set<FamilyMembership>()
            where m.FamilyId == episode.FamilyId
            join p in db.Set<Person>() on m.PersonId equals p.Id
            where p.MergedIntoId == null
            select new { p.Id, p.GivenName, p.FamilyName, p.DateOfBirth }).Distinct().ToListAsync(ct);
        return people.OrderBy(p => p.DateOfBirth).ThenBy(p => p.GivenName, StringComparer.Ordinal)
            .Select(p => new EpisodeMember(p.Id, $"{p.GivenName} {p.FamilyName}", p.DateOfBirth)).ToList();
    }

    public async Task<Episode> EpisodeAsync(ActorContext actor, Guid episodeId, CancellationToken ct) =>
        await db.Set<Episode>().AsNoTracking().InScope(actor).SingleOrDefaultAsync(e => e.Id == episodeId, ct) ?? throw NotFound();

    private async Task ApplyAsync(Episode episode, MeasureAdministration a, NewAdministration input, CancellationToken ct)
    {
        var v = new Validator();
        if (InstrumentCatalog.Find(input.InstrumentId ?? "") is GoalAttainmentScaling)
        {
            throw new ValidationFailedException("InstrumentId", "Goal Attainment Scaling is rated at reviews: rate each goal when you record the review");
        }
        var instrument = InstrumentCatalog.FindForm(input.InstrumentId ?? "");
        if (instrument is null)
        {
            throw new ValidationFailedException("InstrumentId", "Choose a measure");
        }
        var member = await (
            from m in db.Set<FamilyMembership>()
            where m.FamilyId == episode.FamilyId && m.PersonId == input.PersonId
            join p in db.Set<Person>() on m.PersonId equals p.Id
            where p.MergedIntoId == null
            select new { p.DateOfBirth }).FirstOrDefaultAsync(ct);
        if (member is null)
        {
            v.Add("PersonId", "Choose someone in the episode's family");
        }
        var today = db.Today();
        if (input.CompletedOn > today)
        {
            v.Add("CompletedOn", "The date the form was completed must be today or in the past");
        }
        else if (input.CompletedOn < episode.OpenedOn)
        {
            v.Add("CompletedOn", $"The date the form was completed cannot be before the episode opened on {episode.OpenedOn:d MMMM yyyy}");
        }
        var numbered = input.TimePoint is TimePoint.Review or TimePoint.Interval or TimePoint.FollowUp;
        if (numbered && input.TimePointNumber is not > 0)
        {
            v.Add("TimePointNumber", input.TimePoint switch
            {
                TimePoint.Review => "Enter which review this is, for example 1",
                TimePoint.Interval => "Enter which interval this is, for example 1 for the first",
                _ => "Enter how many months after closure this is",
            });
        }
        if (!numbered && input.TimePointNumber is not null)
        {
            v.Add("TimePointNumber", "Baseline and closure measures do not take a number");
        }
        var age = MeasureEntry.AgeOn(member?.DateOfBirth, input.CompletedOn);
        var sheet = MeasureEntry.Score(instrument, input.Responses, null, age);
        foreach (var error in MeasureEntry.Refusals(instrument, sheet))
        {
            v.Add(error.Field, error.Message);
        }
        if (input.Responses.All(string.IsNullOrWhiteSpace))
        {
            v.Add(MeasureEntry.Field(instrument, MeasureEntry.ItemKeys(instrument)[0]), "Enter the answers from the form");
        }
        v.ThrowIfAny();

        Fill(a, episode, input.PersonId, instrument, input.TimePoint, numbered ? input.TimePointNumber : null, input.Respondent, input.CompletedOn, age,
            input.Responses, sheet);
    }

    /// <summary>A new administration from a scored form (the demo builds its forms this way too).</summary>
    internal static MeasureAdministration Build(Episode episode, Guid personId, ItemInstrument instrument, TimePoint point, int? number, Respondent respondent,
        DateOnly completedOn, int? age, IReadOnlyList<string?> responses, ScoreSheet sheet, string recordedBy)
    {
        var a = new MeasureAdministration { InstrumentId = instrument.Id, InstrumentVersion = instrument.Version, ResponsesJson = "[]", RecordedBy = recordedBy };
        Fill(a, episode, personId, instrument, point, number, respondent, completedOn, age, responses, sheet);
        return a;
    }

    private static void Fill(MeasureAdministration a, Episode episode, Guid personId, ItemInstrument instrument, TimePoint point, int? number, Respondent respondent,
        DateOnly completedOn, int? age, IReadOnlyList<string?> responses, ScoreSheet sheet)
    {
        a.EpisodeId = episode.Id;
        a.TeamId = episode.TeamId;
        a.FamilyId = episode.FamilyId;
        a.PersonId = personId;
        a.InstrumentId = instrument.Id;
        a.InstrumentVersion = instrument.Version;
        a.TimePoint = point;
        a.TimePointNumber = number;
        a.Respondent = respondent;
        a.CompletedOn = completedOn;
        a.AgeYears = age;
        a.ResponsesJson = JsonSerializer.Serialize(responses.Select(r => Response.Parse(r).Value).ToArray());
        var primary = instrument.Definition.PrimaryScale;
        a.PrimaryScore = Stored(sheet[primary]);
        a.IsComplete = sheet.IsComplete;
        a.IsViable = sheet.IsViable;
        for (var i = 0; i < sheet.ScoreKeys.Count; i++)
        {
            a.Scores.Add(new MeasureScore { AdministrationId = a.Id, Key = sheet.ScoreKeys[i], Value = Stored(sheet.Scores[i]) });
        }
        for (var i = 0; i < sheet.BandKeys.Count; i++)
        {
            a.Scores.Add(new MeasureScore { AdministrationId = a.Id, Key = sheet.BandKeys[i], Band = sheet.Bands[i] });
        }
    }

    /// <summary>Four decimal places, half up, so that both databases hold the same value.</summary>
    private static decimal? Stored(decimal? value) => value is { } x ? Math.Round(x, 4, MidpointRounding.AwayFromZero) : null;

    private static AccessDeniedException NotFound() => new("That record does not exist or is not in your teams.");

    /// <summary>The stored responses as the text a form would show.</summary>
    public static IReadOnlyList<string?> ResponsesOf(MeasureAdministration a) =>
        (JsonSerializer.Deserialize<int?[]>(a.ResponsesJson) ?? []).Select(x => x?.ToString(CultureInfo.InvariantCulture)).ToArray();
}
