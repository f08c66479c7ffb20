using Hearth.Core.Measures;

namespace Hearth.Core.Tests.Measures;

/// <summary>Builds response arrays by item number, so tests read like the paper form.</summary>
internal static class Forms
{
    /// <summary>Responses in the instrument's item order, from a map of item key to value (absent = blank).</summary>
    public static int?[] By(ItemInstrument instrument, IReadOnlyDictionary<string, int?> values) =>
        instrument.Definition.Items.Select(i => values.TryGetValue(i.Key, out var v) ? v : null).ToArray();

    /// <summary>The 25 SDQ items all set to one value; impact supplement blank.</summary>
    public static int?[] SdqAll(ItemInstrument sdq, int value) =>
        By(sdq, Enumerable.Range(1, 25).ToDictionary(i => i.ToString(), _ => (int?)value));

    /// <summary>The 25 SDQ items from a function of the item number; impact supplement from extra.</summary>
    public static int?[] Sdq(ItemInstrument sdq, Func<int, int?> item, IReadOnlyDictionary<string, int?>? extra = null)
    {
        var values = Enumerable.Range(1, 25).ToDictionary(i => i.ToString(), item);
        foreach (var (k, v) in extra ?? new Dictionary<string, int?>())
        {
            values[k] = v;
        }
        return By(sdq, values);
    }

    /// <summary>Every item set to the same value.</summary>
    public static int?[] All(ItemInstrument instrument, int value) =>
        instrument.Definition.Items.Select(_ => (int?)value).ToArray();
}
