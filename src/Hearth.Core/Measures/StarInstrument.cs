using System.Globalization;

namespace Hearth.Core.Measures;

/// <summary>A journey-of-change stage: readings Min..Max on an area fall in this stage.</summary>
public sealed record StarStage(string Label, int Min, int Max);

/// <summary>
/// An Outcomes-Star-style scale: a number of areas, each read on the same ladder, with the ladder divided into
/// journey-of-change stages. Area names and stage names are the licensor's; they come from configuration or a
/// council's labels file, so the built-in default uses neutral names.
/// </summary>
public sealed record StarConfiguration(string Id, string Name, string Version, string Source, int Areas, int MinReading, int MaxReading, IReadOnlyList<StarStage> Stages)
{
    /// <summary>
    /// Family Star Plus (Triangle Consulting): 10 areas read 1-10, five stages of two points each. Stage and area names
    /// are Triangle's and are not shipped; load them from a labels file.
    /// </summary>
    public static StarConfiguration FamilyStarPlus { get; } = new(
        "family-star-plus", "Family Star Plus (star scale, 10 areas, 1-10)", "generic star configuration",
        "Triangle Consulting Social Enterprise, Family Star Plus (licensed; outcomesstar.org.uk). Areas and stages are configuration.",
        10, 1, 10,
        [new("Stage 1", 1, 2), new("Stage 2", 3, 4), new("Stage 3", 5, 6), new("Stage 4", 7, 8), new("Stage 5", 9, 10)]);
}

/// <summary>Builds an instrument definition from a star configuration.</summary>
public static class StarInstrument
{
    public static InstrumentDefinition Define(StarConfiguration config)
    {
        if (config.Areas < 1 || config.MinReading > config.MaxReading)
        {
            throw new ArgumentException($"{config.Id}: a star needs at least one area and a reading range.");
        }
        var keys = Enumerable.Range(1, config.Areas).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var areas = keys.Select(k => new ScaleDefinition($"area{k}", $"Area {k}", ScaleRule.Sum, config.MinReading, config.MaxReading)
        {
            Items = [k],
        }).ToList();
        // The total is for cohort averages ("the cohort's star"); it needs every area read.
        var total = new ScaleDefinition("total", "Sum of all areas", ScaleRule.SumOfScales, config.Areas * config.MinReading, config.Areas * config.MaxReading)
        {
            Scales = areas.Select(a => a.Key).ToArray(),
        };
        var stages = config.Stages.Select(s => new Band(s.Label, s.Min, s.Max)).ToArray();
        return new InstrumentDefinition(config.Id, config.Name, config.Version, config.Source)
        {
            Items = keys.Select(k => new ItemDefinition(k, config.MinReading, config.MaxReading)).ToArray(),
            Scales = [.. areas, total],
            BandTables =
            [
                new BandTable("stage", "Journey-of-change stage", config.Source,
                    areas.Select(a => new ScaleBands(a.Key, stages)).ToArray()),
            ],
            PrimaryScale = "total",
        };
    }
}
