using System.Text.Json;
using Hearth.Core.Data;

namespace Hearth.Core.Programmes;

/// <summary>
/// A programme version as a JSON document: what `hearth programmes export` writes, the API answers, and both take
/// back to publish a new version. The definition keeps the stored form (camelCase, enum values in snake_case), so a
/// council can export a version, edit the file and publish it.
/// </summary>
public sealed record ProgrammeDocument(string Code, string Name, int Number, DateOnly EffectiveFrom, JsonElement Definition)
{
    public static ProgrammeDocument Of(ProgrammeVersion v) =>
        new(v.Code, v.Name, v.Number, v.EffectiveFrom, JsonDocument.Parse(v.DefinitionJson).RootElement.Clone());

    private static readonly JsonSerializerOptions Indented = new(ProgrammeDefinition.Json) { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, Indented);

    /// <summary>Reads the name and definition of a document; the code, number and date are given when publishing.</summary>
    public static (string Name, ProgrammeDefinition Definition) Read(string json)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(json).RootElement;
        }
        catch (JsonException e)
        {
            throw new ValidationFailedException("File", $"The file is not JSON: {e.Message}");
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ValidationFailedException("File", "The file must be a JSON object with a name and a definition");
        }
        var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "";
        if (!root.TryGetProperty("definition", out var d) || d.ValueKind != JsonValueKind.Object)
        {
            throw new ValidationFailedException("Definition", "Give the programme's definition: its phases, review points, instruments, eligibility and closure reasons");
        }
        return (name, ReadDefinition(d));
    }

    public static ProgrammeDefinition ReadDefinition(JsonElement definition)
    {
        try
        {
            return definition.Deserialize<ProgrammeDefinition>(ProgrammeDefinition.Json)
                ?? throw new ValidationFailedException("Definition", "Give the programme's definition");
        }
        catch (JsonException e)
        {
            // System.Text.Json names the path of the bad value, e.g. $.phases[2].expectedMaxDays or an unknown closure reason.
            throw new ValidationFailedException("Definition", $"The definition has a value that is not valid at {e.Path}: {e.Message}");
        }
    }
}
