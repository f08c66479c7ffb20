namespace Hearth.Core.Measures;

/// <summary>
/// Scores any instrument described by an <see cref="InstrumentDefinition"/>: items in, scores, bands and validity out.
/// The definition is checked once here so that scoring itself never meets a malformed definition.
/// </summary>
public sealed class ItemInstrument : Instrument
{
    private readonly ItemDefinition[] _items;
    private readonly CompiledScale[] _scales;
    private readonly int _primary;
    private readonly (int Table, int Scale, ScaleBands Bands)[] _bandColumns;
    // Per band column, the label for each whole score from the scale's Min: band lookup is then one index.
    private readonly (int Min, string?[] ByScore)[] _bandIndex;
    private readonly string[] _scoreKeys;
    private readonly string[] _bandKeys;

    public ItemInstrument(InstrumentDefinition definition)
    {
        Definition = definition;
        var itemIndex = new Dictionary<string, int>();
        for (var i = 0; i < definition.Items.Count; i++)
        {
            var item = definition.Items[i];
            if (item.Min > item.Max)
            {
                throw new ArgumentException($"{definition.Id}: item {item.Key} has Min above Max.");
            }
            if (!itemIndex.TryAdd(item.Key, i))
            {
                throw new ArgumentException($"{definition.Id}: item {item.Key} is defined twice.");
            }
        }
        var scaleIndex = new Dictionary<string, int>();
        _scales = new CompiledScale[definition.Scales.Count];
        for (var s = 0; s < definition.Scales.Count; s++)
        {
            var scale = definition.Scales[s];
            int ItemAt(string key) => itemIndex.TryGetValue(key, out var i) ? i
                : throw new ArgumentException($"{definition.Id}: scale {scale.Key} names unknown item {key}.");
            // Scales may only use scales defined before them, so one pass in order scores everything.
            int ScaleAt(string key) => scaleIndex.TryGetValue(key, out var i) ? i
                : throw new ArgumentException($"{definition.Id}: scale {scale.Key} names scale {key}, which is not defined before it.");
            var items = scale.Items.Select(ItemAt).ToArray();
            var scales = scale.Scales.Select(ScaleAt).ToArray();
            var gate = scale.GateItem is null ? -1 : ItemAt(scale.GateItem);
            Validate(definition, scale, items, scales, gate);
            _scales[s] = new CompiledScale(scale, items, scales, gate, scale.Recode.ToArray());
            if (!scaleIndex.TryAdd(scale.Key, s))
            {
                throw new ArgumentException($"{definition.Id}: scale {scale.Key} is defined twice.");
            }
        }
        if (!scaleIndex.ContainsKey(definition.PrimaryScale))
        {
            throw new ArgumentException($"{definition.Id}: primary scale {definition.PrimaryScale} is not defined.");
        }
        var columns = new List<(int, int, ScaleBands)>();
        for (var t = 0; t < definition.BandTables.Count; t++)
        {
            foreach (var bands in definition.BandTables[t].Scales)
            {
                if (!scaleIndex.TryGetValue(bands.ScaleKey, out var s))
                {
                    throw new ArgumentException($"{definition.Id}: band table {definition.BandTables[t].Key} names unknown scale {bands.ScaleKey}.");
                }
                ValidateBands(definition, definition.BandTables[t], definition.Scales[s], bands);
                columns.Add((t, s, bands));
            }
        }
        _bandColumns = columns.ToArray();
        _bandIndex = _bandColumns.Select(c => IndexBands(definition.Scales[c.Item2], c.Item3)).ToArray();
        _items = definition.Items.ToArray();
        _primary = scaleIndex[definition.PrimaryScale];
        _scoreKeys = definition.Scales.Select(s => s.Key).ToArray();
        _bandKeys = _bandColumns.Select(c => $"{definition.BandTables[c.Item1].Key}_{c.Item3.ScaleKey}").ToArray();
    }

    public InstrumentDefinition Definition { get; }
    public override string Id => Definition.Id;
    public override string Name => Definition.Name;
    public override string Version => Definition.Version;
    public override string Source => Definition.Source;
    public override IReadOnlyList<string> ScoreKeys => _scoreKeys;
    public override IReadOnlyList<string> BandKeys => _bandKeys;

    public ScaleDefinition Scale(string key) => Definition.Scales.FirstOrDefault(s => s.Key == key)
        ?? throw new KeyNotFoundException($"{Id} has no scale '{key}'.");

    /// <summary>Scores whole-number responses given in item order (null = blank).</summary>
    public ScoreSheet Score(IReadOnlyList<int?> responses, int? ageYears = null)
    {
        var converted = new Response[responses.Count];
        for (var i = 0; i < converted.Length; i++)
        {
            converted[i] = new Response(responses[i]);
        }
        return Score(converted, ageYears);
    }

    /// <summary>Scores one administration: responses in item order, and the respondent's age in whole years if known.</summary>
    public ScoreSheet Score(ReadOnlySpan<Response> responses, int? ageYears = null)
    {
        var items = _items;
        if (responses.Length != items.Length)
        {
            throw new ArgumentException($"{Id} has {items.Length} items but {responses.Length} responses were given.", nameof(responses));
        }
        // Most forms are clean, so the issue list is only made when there is something to say.
        List<ValidityIssue>? issues = null;
        // state: 0 answered and valid, 1 blank, 2 invalid (out of range or unreadable); scored holds the reverse-scored value.
        Span<byte> state = items.Length <= 256 ? stackalloc byte[items.Length] : new byte[items.Length];
        Span<int> scored = items.Length <= 256 ? stackalloc int[items.Length] : new int[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i];
            var r = responses[i];
            if (r.Unreadable is not null)
            {
                state[i] = 2;
                Add(ref issues, new ValidityIssue(IssueKind.Unreadable, item.Key, $"item {item.Key}: '{r.Unreadable}' is not a whole number"));
            }
            else if (r.Value is not { } v)
            {
                state[i] = 1;
                if (!item.Optional)
                {
                    Add(ref issues, new ValidityIssue(IssueKind.Missing, item.Key, $"item {item.Key}: missing"));
                }
            }
            else if (!item.Accepts(v))
            {
                state[i] = 2;
                Add(ref issues, new ValidityIssue(IssueKind.OutOfRange, item.Key, $"item {item.Key}: {v} is outside {item.Min}-{item.Max}"));
            }
            else
            {
                state[i] = 0;
                scored[i] = item.Scored(v);
            }
        }

        var ageOk = true;
        if (ageYears is { } age && Definition.Ages is { } ages && !ages.Contains(age))
        {
            ageOk = false;
            Add(ref issues, new ValidityIssue(IssueKind.AgeOutOfRange, null,
                $"age {age} is outside {ages.MinYears}-{ages.MaxYears} for {Id}; bands withheld"));
        }

        var scores = new decimal?[_scales.Length];
        for (var s = 0; s < _scales.Length; s++)
        {
            scores[s] = ScoreScale(_scales[s], state, scored, scores, ref issues);
        }

        var bands = new string?[_bandColumns.Length];
        if (ageOk)
        {
            for (var b = 0; b < _bandColumns.Length; b++)
            {
                if (scores[_bandColumns[b].Scale] is { } value)
                {
                    var (min, byScore) = _bandIndex[b];
                    bands[b] = value >= min && value < min + byScore.Length && decimal.Truncate(value) == value
                        ? byScore[(int)value - min]
                        : Lookup(_bandColumns[b].Bands, value);
                }
            }
        }
        return new ScoreSheet(_scoreKeys, scores, _bandKeys, bands, issues ?? (IReadOnlyList<ValidityIssue>)[], _primary);
    }

    private static (int Min, string?[] ByScore) IndexBands(ScaleDefinition scale, ScaleBands bands)
    {
        // Only whole-number ranges are indexed; anything else falls back to searching the bands.
        if (scale.Min != decimal.Truncate(scale.Min) || scale.Max != decimal.Truncate(scale.Max) || scale.Max - scale.Min > 1000)
        {
            return (0, []);
        }
        var min = (int)scale.Min;
        var byScore = new string?[(int)scale.Max - min + 1];
        for (var i = 0; i < byScore.Length; i++)
        {
            byScore[i] = Lookup(bands, min + i);
        }
        return (min, byScore);
    }

    private static string? Lookup(ScaleBands bands, decimal value)
    {
        foreach (var band in bands.Bands)
        {
            if (band.Contains(value))
            {
                return band.Label;
            }
        }
        return null;
    }

    private decimal? ScoreScale(CompiledScale c, ReadOnlySpan<byte> state, ReadOnlySpan<int> scored, decimal?[] scores, ref List<ValidityIssue>? issues)
    {
        var scale = c.Definition;
        switch (scale.Rule)
        {
            case ScaleRule.Sum:
            case ScaleRule.ProratedSum:
            {
                int answered = 0, invalid = 0, sum = 0;
                foreach (var i in c.Items)
                {
                    if (state[i] == 0)
                    {
                        answered++;
                        sum += scored[i];
                    }
                    else if (state[i] == 2)
                    {
                        invalid++;
                    }
                }
                if (invalid > 0)
                {
                    Add(ref issues, NotComputed(scale, $"{invalid} of its items {(invalid == 1 ? "holds an invalid entry" : "hold invalid entries")}"));
                    return null;
                }
                if (scale.Rule == ScaleRule.Sum || answered == c.Items.Length)
                {
                    if (answered < c.Items.Length)
                    {
                        Add(ref issues, NotComputed(scale, $"only {answered} of {c.Items.Length} items answered (needs all)"));
                        return null;
                    }
                    return sum;
                }
                if (answered < scale.MinAnswered)
                {
                    Add(ref issues, NotComputed(scale, $"only {answered} of {c.Items.Length} items answered (needs {scale.MinAnswered})"));
                    return null;
                }
                // Prorate: the mean of the answered items scaled to the full item count, rounded half up as published.
                return Math.Round((decimal)sum * c.Items.Length / answered, MidpointRounding.AwayFromZero);
            }
            case ScaleRule.SumOfScales:
            {
                decimal total = 0;
                foreach (var s in c.Scales)
                {
                    if (scores[s] is not { } v)
                    {
                        Add(ref issues, NotComputed(scale, $"{_scales[s].Definition.Name} is missing"));
                        return null;
                    }
                    total += v;
                }
                return total;
            }
            case ScaleRule.Converted:
            {
                var from = c.Scales[0];
                if (scores[from] is not { } raw)
                {
                    Add(ref issues, NotComputed(scale, $"{_scales[from].Definition.Name} is missing"));
                    return null;
                }
                if (raw != decimal.Truncate(raw) || !scale.Conversion!.Values.TryGetValue((int)raw, out var converted))
                {
                    Add(ref issues, NotComputed(scale, $"{raw} is not in the conversion table"));
                    return null;
                }
                return converted;
            }
            case ScaleRule.GatedRecodedSum:
            {
                var gate = c.Gate;
                if (state[gate] == 2)
                {
                    Add(ref issues, NotComputed(scale, $"item {_items[gate].Key} holds an invalid entry"));
                    return null;
                }
                if (state[gate] == 1)
                {
                    Add(ref issues, NotComputed(scale, $"item {_items[gate].Key} is not answered"));
                    return null;
                }
                if (scored[gate] == 0)
                {
                    // No difficulties reported: the follow-on questions are not asked, and the score is 0 by definition.
                    return 0;
                }
                var sum = 0;
                foreach (var i in c.Items)
                {
                    if (state[i] != 0)
                    {
                        Add(ref issues, NotComputed(scale, $"item {_items[i].Key} is {(state[i] == 1 ? "not answered" : "invalid")}"));
                        return null;
                    }
                    sum += c.Recode[scored[i]];
                }
                return sum;
            }
            default:
                throw new InvalidOperationException($"Unknown scale rule {scale.Rule}.");
        }
    }

    private static void Add(ref List<ValidityIssue>? issues, ValidityIssue issue) => (issues ??= []).Add(issue);

    private static ValidityIssue NotComputed(ScaleDefinition scale, string why) =>
        new(IssueKind.ScoreNotComputed, null, $"{scale.Key} not computed: {why}");

    private static void Validate(InstrumentDefinition d, ScaleDefinition scale, int[] items, int[] scales, int gate)
    {
        string Where() => $"{d.Id}: scale {scale.Key}";
        switch (scale.Rule)
        {
            case ScaleRule.Sum when items.Length == 0:
            case ScaleRule.ProratedSum when items.Length == 0:
                throw new ArgumentException($"{Where()} has no items.");
            case ScaleRule.ProratedSum when scale.MinAnswered < 1 || scale.MinAnswered > items.Length:
                throw new ArgumentException($"{Where()} needs MinAnswered between 1 and its item count.");
            case ScaleRule.SumOfScales when scales.Length == 0:
                throw new ArgumentException($"{Where()} sums no scales.");
            case ScaleRule.Converted when scales.Length != 1 || scale.Conversion is null:
                throw new ArgumentException($"{Where()} converts exactly one scale with a conversion table.");
            case ScaleRule.GatedRecodedSum when gate < 0 || items.Length == 0:
                throw new ArgumentException($"{Where()} needs a gate item and items.");
            case ScaleRule.GatedRecodedSum when items.Any(i => d.Items[i].Min < 0 || d.Items[i].Max >= scale.Recode.Count):
                throw new ArgumentException($"{Where()} has items whose responses the recode does not cover.");
        }
    }

    private static void ValidateBands(InstrumentDefinition d, BandTable table, ScaleDefinition scale, ScaleBands bands)
    {
        // Bands must tile the scale's range exactly: a gap would leave a score unbanded, an overlap would make it ambiguous.
        var ordered = bands.Bands.OrderBy(b => b.Min).ToArray();
        var expected = scale.Min;
        foreach (var band in ordered)
        {
            if (band.Min != expected || band.Max < band.Min)
            {
                throw new ArgumentException($"{d.Id}: band table {table.Key} for {scale.Key} does not tile {scale.Min}-{scale.Max} at {band.Label}.");
            }
            expected = band.Max + 1;
        }
        if (expected != scale.Max + 1)
        {
            throw new ArgumentException($"{d.Id}: band table {table.Key} for {scale.Key} stops before {scale.Max}.");
        }
    }

    private sealed record CompiledScale(ScaleDefinition Definition, int[] Items, int[] Scales, int Gate, int[] Recode);
}
