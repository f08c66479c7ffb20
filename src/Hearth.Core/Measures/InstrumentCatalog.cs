namespace Hearth.Core.Measures;

/// <summary>The built-in instruments by id. Instruments are immutable and scoring is pure, so one instance serves all callers.</summary>
public static class InstrumentCatalog
{
    private static readonly Lazy<IReadOnlyList<Instrument>> BuiltIn = new(() =>
    [
        BuiltInInstruments.Wemwbs(),
        BuiltInInstruments.Swemwbs(),
        BuiltInInstruments.SdqParent(),
        BuiltInInstruments.SdqTeacher(),
        BuiltInInstruments.SdqSelf(),
        new GoalAttainmentScaling(),
        BuiltInInstruments.FamilyStarPlus(),
    ]);

    public static IReadOnlyList<Instrument> All => BuiltIn.Value;

    /// <summary>
    /// The instruments recorded as forms. Goal Attainment Scaling is not among them: its administrations are the goal
    /// ratings recorded at reviews, so a separate GAS form would be the same answer entered twice.
    /// </summary>
    public static IReadOnlyList<ItemInstrument> Forms => All.OfType<ItemInstrument>().ToList();

    /// <summary>The form instrument with that id, or null (also for GAS, which is rated at reviews).</summary>
    public static ItemInstrument? FindForm(string id) => Find(id) as ItemInstrument;

    public static Instrument? Find(string id) =>
        All.FirstOrDefault(i => string.Equals(i.Id, id, StringComparison.OrdinalIgnoreCase));
}
