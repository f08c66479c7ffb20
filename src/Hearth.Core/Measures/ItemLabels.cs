using System.Text.Json;

namespace Hearth.Core.Measures;

/// <summary>
/// Item wording (and stage names) a licensed council supplies for display. Hearth ships numbers only; the labels file
/// maps instrument id to item number to text:
/// <code>{ "sdq-parent": { "items": { "1": "..." } }, "family-star-plus": { "items": { "1": "..." }, "bands": { "Stage 1": "..." } } }</code>
/// Labels never change scoring.
/// </summary>
public sealed class ItemLabels
{
    private readonly Dictionary<string, Dictionary<string, string>> _items;
    private readonly Dictionary<string, Dictionary<string, string>> _bands;

    private ItemLabels(Dictionary<string, Dictionary<string, string>> items, Dictionary<string, Dictionary<string, string>> bands)
    {
        _items = items;
        _bands = bands;
    }

    public static ItemLabels None { get; } = new([], []);

    /// <summary>The label for an item, or null when none was loaded.</summary>
    public string? Item(string instrumentId, string itemKey) =>
        _items.TryGetValue(instrumentId, out var map) && map.TryGetValue(itemKey, out var label) ? label : null;

    /// <summary>The council's name for a band (e.g. a star stage), or null when none was loaded.</summary>
    public string? Band(string instrumentId, string bandLabel) =>
        _bands.TryGetValue(instrumentId, out var map) && map.TryGetValue(bandLabel, out var label) ? label : null;

    /// <summary>
    /// Reads a labels file's text, refusing instruments, items and bands the catalogue does not have, so a typo in
    /// the file is caught when it is loaded rather than shown as a silently unlabelled item.
    /// </summary>
    /// <exception cref="FormatException">The text is not a labels file for these instruments; the message says where.</exception>
    public static ItemLabels Parse(string json, IReadOnlyList<Instrument> instruments)
    {
        Dictionary<string, LabelSet>? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<Dictionary<string, LabelSet>>(json, new JsonSerializerOptions { PropertyNameCaseInsensitive = true });
        }
        catch (JsonException e)
        {
            throw new FormatException($"labels file is not valid JSON: {e.Message}", e);
        }
        if (parsed is null)
        {
            throw new FormatException("labels file is empty.");
        }
        var items = new Dictionary<string, Dictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        var bands = new Dictionary<string, Dictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, set) in parsed)
        {
            var instrument = instruments.FirstOrDefault(i => string.Equals(i.Id, id, StringComparison.OrdinalIgnoreCase))
                ?? throw new FormatException($"labels file names unknown instrument '{id}'.");
            var itemKeys = instrument is ItemInstrument ii ? ii.Definition.Items.Select(i => i.Key).ToHashSet() : [];
            var bandLabels = instrument is ItemInstrument bi
                ? bi.Definition.BandTables.SelectMany(t => t.Scales).SelectMany(s => s.Bands).Select(b => b.Label).ToHashSet()
                : [];
            foreach (var key in set.Items?.Keys ?? Enumerable.Empty<string>())
            {
                if (!itemKeys.Contains(key))
                {
                    throw new FormatException($"labels file: {instrument.Id} has no item '{key}'.");
                }
            }
            foreach (var key in set.Bands?.Keys ?? Enumerable.Empty<string>())
            {
                if (!bandLabels.Contains(key))
                {
                    throw new FormatException($"labels file: {instrument.Id} has no band '{key}'.");
                }
            }
            items[instrument.Id] = new Dictionary<string, string>(set.Items ?? []);
            bands[instrument.Id] = new Dictionary<string, string>(set.Bands ?? []);
        }
        return new ItemLabels(items, bands);
    }

    private sealed record LabelSet(Dictionary<string, string>? Items, Dictionary<string, string>? Bands);
}
