using Hearth.Core;
using System.Globalization;
using System.Text.Json;
using Hearth.Core.Data;
using Hearth.Core.Measures;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;

namespace Hearth.Web.Api;

/// <summary>
/// Outcome measures under /api/v1: score a form without saving (any signed-in user), record and read administrations
/// (RecordCasework / ViewFamilies), a family's change and what is due.
/// </summary>
public static class MeasuresApi
{
    public static void MapMeasuresApi(this RouteGroupBuilder v1)
    {
        var measures = v1.MapGroup("/measures");
        measures.MapPost("/{instrument}/score", (string instrument, ScoreRequest request) =>
        {
            if (InstrumentCatalog.Find(instrument) is not { } found)
            {
                return Results.Problem($"There is no instrument '{instrument}'. GET /api/v1/measures lists them.", statusCode: StatusCodes.Status404NotFound);
            }
            var sheet = MeasureEntry.Score(found, Texts(request.Responses), request.Weights is null ? null : Texts(request.Weights), request.AgeYears);
            return Results.Ok(ScoreResponse.From(found, sheet));
        }).WithName("ScoreMeasure").WithSummary("Scores item responses (numbers or text as keyed; for gas, levels and optional weights) without saving anything.");
        measures.MapGet("/", () => Results.Ok(InstrumentCatalog.All.Select(i => new InstrumentSummary(i.Id, i.Name, i.Version, MeasureEntry.ItemKeys(i)))))
            .WithName("ListInstruments");

        var read = measures.MapGroup("").RequireAuthorization(Policies.For(Permission.ViewFamilies));
        read.MapGet("/episodes/{episodeId:guid}", async (HttpContext http, MeasureService service, Guid episodeId, Guid? person, CancellationToken ct) =>
                Results.Ok((await service.ForEpisodeAsync(http.User.ToActor(), episodeId, person, ct)).Select(AdministrationResponse.From)))
            .WithName("ListEpisodeMeasures").WithSummary("An episode's recorded measures, optionally for one person (?person=).");
        read.MapGet("/administrations/{id:guid}", async (HttpContext http, MeasureService service, Guid id, CancellationToken ct) =>
                Results.Ok(AdministrationResponse.From(await service.ReadAsync(http.User.ToActor(), id, ct))))
            .WithName("GetMeasure");
        read.MapGet("/change", async (HttpContext http, MeasureChangeQuery change, Guid family, Guid? person, CancellationToken ct) =>
                Results.Ok(await change.ForFamilyAsync(http.User.ToActor(), family, person, ct)))
            .WithName("GetMeasureChange").WithSummary("Change from baseline for each person and instrument in a family (?family=&person=).");
        read.MapGet("/due", async (HttpContext http, MeasuresDueQuery due, TimeProvider time, Guid? team, Guid? worker, Guid? episode, CancellationToken ct) =>
        {
            var actor = http.User.ToActor();
            var today = time.TodayInUk();
            return (team, worker, episode) switch
            {
                ({ } t, null, null) => Results.Ok(await due.ForTeamAsync(actor, t, today, ct: ct)),
                (null, { } w, null) => Results.Ok(await due.ForWorkerAsync(actor, w, today, ct: ct)),
                (null, null, { } e) => Results.Ok(await due.ForEpisodeAsync(actor, e, today, ct: ct)),
                _ => Results.ValidationProblem(new Dictionary<string, string[]> { ["team"] = ["Give one of team, worker or episode"] }),
            };
        }).WithName("GetMeasuresDue").WithSummary("Measures overdue or due in the next 14 days for one team, worker or episode.");

        var write = measures.MapGroup("").RequireAuthorization(Policies.For(Permission.RecordCasework));
        write.MapPost("/episodes/{episodeId:guid}", async (HttpContext http, MeasureService service, Guid episodeId, RecordRequest request, CancellationToken ct) =>
        {
            var saved = await service.RecordAsync(http.User.ToActor(), request.ToInput(episodeId), ct);
            return Results.Created($"/api/v1/measures/administrations/{saved.Id}", AdministrationResponse.From(saved));
        }).WithName("RecordMeasure").WithSummary("Records a form for a person in the episode; refused whole (400, per item) if any entry is invalid. GAS is refused: it is rated at reviews.");
        write.MapPut("/administrations/{id:guid}", async (HttpContext http, MeasureService service, Guid id, RecordRequest request, CancellationToken ct) =>
        {
            if (request.Version is not { } version)
            {
                throw new ValidationFailedException("version", "Give the version you read");
            }
            var existing = await service.ReadAsync(http.User.ToActor(), id, ct);
            return Results.Ok(AdministrationResponse.From(await service.UpdateAsync(http.User.ToActor(), id, version, request.ToInput(existing.EpisodeId), ct)));
        }).WithName("CorrectMeasure").WithSummary("Corrects a recorded form; a stale version gives 409.");
    }

    /// <summary>JSON numbers, strings and nulls as the text a form would hold, so "x" is reported as unreadable, not a 400 on the body.</summary>
    private static IReadOnlyList<string?> Texts(IReadOnlyList<JsonElement> values) => values.Select(v => v.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => v.GetString(),
        _ => v.GetRawText(),
    }).ToArray();

    public sealed record ScoreRequest(IReadOnlyList<JsonElement> Responses, IReadOnlyList<JsonElement>? Weights = null, int? AgeYears = null);

    public sealed record IssueResponse(string Kind, string? Item, string Message);

    public sealed record ScoreResponse(string Instrument, string Version, IReadOnlyDictionary<string, decimal?> Scores, IReadOnlyDictionary<string, string?> Bands,
        bool Valid, bool Complete, bool Viable, IReadOnlyList<IssueResponse> Issues)
    {
        public static ScoreResponse From(Instrument instrument, ScoreSheet sheet) => new(instrument.Id, instrument.Version,
            sheet.ScoreKeys.Select((k, i) => (k, sheet.Scores[i])).ToDictionary(x => x.k, x => x.Item2),
            sheet.BandKeys.Select((k, i) => (k, sheet.Bands[i])).ToDictionary(x => x.k, x => x.Item2),
            sheet.IsValid, sheet.IsComplete, sheet.IsViable,
            sheet.Issues.Select(x => new IssueResponse(JsonNamingPolicy.SnakeCaseLower.ConvertName(x.Kind.ToString()), x.Item, x.Message)).ToList());
    }

    public sealed record InstrumentSummary(string Id, string Name, string Version, IReadOnlyList<string> Items);

    public sealed record RecordRequest(Guid PersonId, string Instrument, string TimePoint, int? TimePointNumber, string Respondent, DateOnly CompletedOn,
        IReadOnlyList<JsonElement> Responses, int? Version = null)
    {
        public NewAdministration ToInput(Guid episodeId)
        {
            var v = new Validator();
            if (!Enum.TryParse<TimePoint>(TimePoint?.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var point) || int.TryParse(TimePoint, CultureInfo.InvariantCulture, out _))
            {
                v.Add("timePoint", "Give baseline, review, interval, closure or follow_up");
            }
            if (!Enum.TryParse<Respondent>(Respondent, ignoreCase: true, out var respondent) || int.TryParse(Respondent, CultureInfo.InvariantCulture, out _))
            {
                v.Add("respondent", "Give parent, child, teacher or worker");
            }
            v.ThrowIfAny();
            return new NewAdministration(episodeId, PersonId, Instrument, point, TimePointNumber, respondent, CompletedOn, Texts(Responses));
        }
    }

    public sealed record AdministrationResponse(Guid Id, int Version, Guid EpisodeId, Guid PersonId, string Instrument, string InstrumentVersion, string TimePoint,
        int? TimePointNumber, string Respondent, DateOnly CompletedOn, int? AgeYears, IReadOnlyList<string?> Responses,
        decimal? PrimaryScore, bool Complete, bool Viable, IReadOnlyDictionary<string, decimal?> Scores, IReadOnlyDictionary<string, string?> Bands)
    {
        public static AdministrationResponse From(MeasureAdministration a)
        {
            var bandKeys = InstrumentCatalog.Find(a.InstrumentId)?.BandKeys.ToHashSet() ?? [];
            return new(a.Id, a.Version, a.EpisodeId, a.PersonId, a.InstrumentId, a.InstrumentVersion,
            JsonNamingPolicy.SnakeCaseLower.ConvertName(a.TimePoint.ToString()), a.TimePointNumber, a.Respondent.ToString().ToLowerInvariant(), a.CompletedOn, a.AgeYears,
            MeasureService.ResponsesOf(a), a.PrimaryScore, a.IsComplete, a.IsViable,
                a.Scores.Where(s => !bandKeys.Contains(s.Key)).ToDictionary(s => s.Key, s => s.Value),
                a.Scores.Where(s => bandKeys.Contains(s.Key)).ToDictionary(s => s.Key, s => s.Band));
        }
    }
}
