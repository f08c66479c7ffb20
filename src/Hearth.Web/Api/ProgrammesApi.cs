using System.Globalization;
using System.Text.Json;
using Hearth.Core.Data;
using Hearth.Core.Programmes;
using Hearth.Core.Security;
using Hearth.Web.Infrastructure;

namespace Hearth.Web.Api;

/// <summary>
/// Programmes under /api/v1/programmes (Administer): list them, read their versions as the documents the CLI exports,
/// publish a new dated version (or with ?dryRun=true only check it and answer what it would change), and compare
/// versions or the draft being edited in the browser with the version it follows.
/// </summary>
public static class ProgrammesApi
{
    public sealed record PublishRequest(string? Name, string? EffectiveFrom, JsonElement? Definition);

    public static void MapProgrammesApi(this RouteGroupBuilder v1)
    {
        var programmes = v1.MapGroup("/programmes").RequireAuthorization(Policies.For(Permission.Administer));
        programmes.MapGet("/", async (ProgrammeService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(ct)))
            .WithName("ListProgrammes").WithSummary("Every programme: its latest version, the one in effect today, and whether a draft is being edited.");
        programmes.MapGet("/{code}/versions", async (ProgrammeService s, string code, CancellationToken ct) =>
            (await s.HistoryAsync(code, ct)) is { Count: > 0 } history ? Results.Ok(history.Select(ProgrammeDocument.Of)) : Results.NotFound())
            .WithName("ListProgrammeVersions").WithSummary("Every version of a programme, oldest first, each with its definition.");
        programmes.MapGet("/{code}/versions/{number:int}", async (ProgrammeService s, string code, int number, CancellationToken ct) =>
            await s.VersionAsync(code, number, ct) is { } v ? Results.Ok(ProgrammeDocument.Of(v)) : Results.NotFound())
            .WithName("GetProgrammeVersion");
        programmes.MapPost("/{code}/versions", async (HttpContext http, ProgrammeService s, string code, PublishRequest body, bool? dryRun, CancellationToken ct) =>
        {
            var (name, definition, effectiveFrom) = Read(body);
            if (dryRun == true)
            {
                return Results.Ok(await s.PreviewAsync(http.User.ToActor(), code, name, definition, effectiveFrom, ct));
            }
            var published = await s.PublishAsync(http.User.ToActor(), code, name, definition, effectiveFrom, ct);
            return Results.Created($"/api/v1/programmes/{published.Code}/versions/{published.Number}", ProgrammeDocument.Of(published));
        }).WithName("PublishProgrammeVersion")
            .WithSummary("Publishes a new version: { name, effectiveFrom: \"2027-04-01\", definition }, no earlier than the latest version. ?dryRun=true answers the changes it would make and publishes nothing.");
        programmes.MapGet("/{code}/diff", async (ProgrammeService s, string code, int from, int to, CancellationToken ct) =>
            await s.VersionAsync(code, from, ct) is { } a && await s.VersionAsync(code, to, ct) is { } b
                ? Results.Ok(ProgrammeChanges.Compare(a.Name, a.Definition, b.Name, b.Definition))
                : Results.NotFound())
            .WithName("CompareProgrammeVersions").WithSummary("What changed between two versions: ?from=1&to=2.");
        programmes.MapGet("/{code}/draft/preview", async (HttpContext http, ProgrammeEditor editor, string code, CancellationToken ct) =>
            await editor.PreviewAsync(http.User.ToActor(), code, ct: ct) is { } p
                ? Results.Ok(new { p.Draft.Version, BasedOnNumber = p.BasedOn.Number, p.Changes })
                : Results.NotFound())
            .WithName("PreviewProgrammeDraft").WithSummary("What the draft being edited would change from the version it was started from.");
    }

    private static (string Name, ProgrammeDefinition Definition, DateOnly EffectiveFrom) Read(PublishRequest body)
    {
        var v = new Validator();
        DateOnly effectiveFrom = default;
        if (string.IsNullOrWhiteSpace(body.EffectiveFrom))
        {
            v.Add("EffectiveFrom", "Enter the date the new version takes effect");
        }
        else if (!DateOnly.TryParseExact(body.EffectiveFrom, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out effectiveFrom))
        {
            v.Add("EffectiveFrom", "The date the new version takes effect must be a real date in the form 2027-04-01");
        }
        ProgrammeDefinition? definition = null;
        if (body.Definition is not { ValueKind: JsonValueKind.Object } d)
        {
            v.Add("Definition", "Give the programme's definition: its phases, review points, instruments, eligibility and closure reasons");
        }
        else
        {
            try
            {
                definition = ProgrammeDocument.ReadDefinition(d);
            }
            catch (ValidationFailedException e)
            {
                foreach (var error in e.Errors)
                {
                    v.Add(error.Field, error.Message);
                }
            }
        }
        v.ThrowIfAny();
        return (body.Name ?? "", definition!, effectiveFrom);
    }
}
