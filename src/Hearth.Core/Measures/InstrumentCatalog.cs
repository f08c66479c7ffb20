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

    public static Instrument? Find(string id) =>
        All.FirstOrDefault(i => string.Equals(i.Id, id, StringComparison.OrdinalIgnoreCase));
}
