using System.Globalization;

namespace Hearth.Core.Measures;

/// <summary>
/// The instruments Hearth ships, as data. Items are numbered only: the wording belongs to the instruments' owners
/// (a licensed council loads its own labels, see <see cref="ItemLabels"/>). Provenance of every number is in
/// docs/measures.md.
/// </summary>
public static class BuiltInInstruments
{
    /// <summary>Which WEMWBS items make up SWEMWBS, in SWEMWBS order (Stewart-Brown et al. 2009).</summary>
    public static readonly IReadOnlyList<int> SwemwbsItemsOfWemwbs = [1, 2, 3, 6, 7, 9, 11];

    /// <summary>
    /// SWEMWBS raw total (7-35) to Rasch-based metric score, as published by Warwick Medical School's scoring guidance.
    /// </summary>
    public static readonly ConversionTable SwemwbsConversion = new(
        "Warwick Medical School, SWEMWBS raw score to metric score conversion table (https://warwick.ac.uk/fac/sci/med/research/platform/wemwbs/using/howto)",
        new Dictionary<int, decimal>
        {
            [7] = 7.00m, [8] = 9.51m, [9] = 11.25m, [10] = 12.40m, [11] = 13.33m, [12] = 14.08m, [13] = 14.75m,
            [14] = 15.32m, [15] = 15.84m, [16] = 16.36m, [17] = 16.88m, [18] = 17.43m, [19] = 17.98m, [20] = 18.59m,
            [21] = 19.25m, [22] = 19.98m, [23] = 20.73m, [24] = 21.54m, [25] = 22.35m, [26] = 23.21m, [27] = 24.11m,
            [28] = 25.03m, [29] = 26.02m, [30] = 27.03m, [31] = 28.13m, [32] = 29.31m, [33] = 30.70m, [34] = 32.55m,
            [35] = 35.00m,
        });

    private const string WemwbsSource =
        "Tennant R et al. (2007) The Warwick-Edinburgh Mental Well-being Scale (WEMWBS): development and UK validation. Health and Quality of Life Outcomes 5:63. Scoring: Warwick Medical School WEMWBS guidance.";
    private const string SwemwbsSource =
        "Stewart-Brown S et al. (2009) Internal construct validity of the Warwick-Edinburgh Mental Well-being Scale (WEMWBS): a Rasch analysis. Health and Quality of Life Outcomes 7:15. Conversion: Warwick Medical School.";
    private const string SdqSource =
        "Goodman R (1997) The Strengths and Difficulties Questionnaire: a research note. J Child Psychol Psychiatry 38:581-586. Scoring: youthinmind, 'Scoring the Strengths & Difficulties Questionnaire for age 4-17' (sdqinfo.org).";
    private const string SdqBandSource = "youthinmind, 'Scoring the Strengths & Difficulties Questionnaire for age 4-17', sdqinfo.org";

    public static ItemInstrument Wemwbs() => new(WemwbsDefinition());

    public static ItemInstrument Swemwbs() => new(SwemwbsDefinition());

    public static ItemInstrument SdqParent() => new(SdqDefinition(SdqVersion.Parent));

    public static ItemInstrument SdqTeacher() => new(SdqDefinition(SdqVersion.Teacher));

    public static ItemInstrument SdqSelf() => new(SdqDefinition(SdqVersion.Self));

    public static ItemInstrument FamilyStarPlus() => new(StarInstrument.Define(StarConfiguration.FamilyStarPlus));

    public static InstrumentDefinition WemwbsDefinition() => new("wemwbs", "Warwick-Edinburgh Mental Wellbeing Scale (WEMWBS)", "14-item, 2007", WemwbsSource)
    {
        Items = Numbered(14, 1, 5),
        Scales =
        [
            new ScaleDefinition("total", "WEMWBS total", ScaleRule.Sum, 14, 70)
            {
                Items = Keys(1, 14),
                // Maheswaran et al. (2012) HQLO 10:156: SEM 2.4-3.1 across 12 studies; Warwick treats 3 points as meaningful.
                MeaningfulChange = 3,
                // Tennant et al. (2007): population sample SD 8.79, one-week test-retest 0.83. Marked (check) in the docs.
                Norms = new ChangeNorms(8.79, 0.83, "Tennant et al. (2007) HQLO 5:63: population SD 8.79; test-retest r = 0.83 (not re-checked against a stored copy)"),
            },
            // A full WEMWBS form also yields SWEMWBS, so services using the long form can compare with short-form studies.
            new ScaleDefinition("swemwbs_raw", "SWEMWBS raw (items 1, 2, 3, 6, 7, 9, 11)", ScaleRule.Sum, 7, 35)
            {
                Items = SwemwbsItemsOfWemwbs.Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray(),
            },
            new ScaleDefinition("swemwbs_metric", "SWEMWBS metric score", ScaleRule.Converted, 7, 35)
            {
                Scales = ["swemwbs_raw"],
                Conversion = SwemwbsConversion,
                MeaningfulChange = 3,
            },
        ],
        PrimaryScale = "total",
    };

    public static InstrumentDefinition SwemwbsDefinition() => new("swemwbs", "Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS)", "7-item, 2009", SwemwbsSource)
    {
        // SWEMWBS form items 1-7 are WEMWBS items 1, 2, 3, 6, 7, 9 and 11.
        Items = Numbered(7, 1, 5),
        Scales =
        [
            new ScaleDefinition("raw", "SWEMWBS raw total", ScaleRule.Sum, 7, 35) { Items = Keys(1, 7) },
            new ScaleDefinition("metric", "SWEMWBS metric score", ScaleRule.Converted, 7, 35)
            {
                Scales = ["raw"],
                Conversion = SwemwbsConversion,
                // Shah et al. (2018), doi:10.1186/s12955-018-1060-2, put the minimal important change at 1 to 3 points; we take the top of that range.
                MeaningfulChange = 3,
            },
        ],
        PrimaryScale = "metric",
    };

    private enum SdqVersion
    {
        Parent,
        Teacher,
        Self,
    }

    private static readonly string[] ThreeBand = ["Normal", "Borderline", "Abnormal"];
    private static readonly string[] FourBand = ["Close to average", "Slightly raised", "High", "Very high"];
    private static readonly string[] FourBandProsocial = ["Close to average", "Slightly lowered", "Low", "Very low"];

    private static InstrumentDefinition SdqDefinition(SdqVersion version)
    {
        var (id, name, ages, impactItems) = version switch
        {
            SdqVersion.Parent => ("sdq-parent", "Strengths and Difficulties Questionnaire, parent report (4-17)",
                new AgeRange(4, 17, "sdqinfo: parent and teacher versions for 4-17 year olds; a separate version covers 2-4"),
                new[] { "28", "29a", "29b", "29c", "29d" }),
            SdqVersion.Teacher => ("sdq-teacher", "Strengths and Difficulties Questionnaire, teacher report (4-17)",
                new AgeRange(4, 17, "sdqinfo: parent and teacher versions for 4-17 year olds; a separate version covers 2-4"),
                new[] { "28", "29a", "29b" }),
            _ => ("sdq-self", "Strengths and Difficulties Questionnaire, self-report (11-17)",
                new AgeRange(11, 17, "sdqinfo: self-report version for 11-17 year olds"),
                new[] { "28", "29a", "29b", "29c", "29d" }),
        };
        int[] reversed = [7, 11, 14, 21, 25];
        var items = new List<ItemDefinition>();
        for (var i = 1; i <= 25; i++)
        {
            items.Add(new ItemDefinition(i.ToString(CultureInfo.InvariantCulture), 0, 2, Reverse: reversed.Contains(i)));
        }
        // Impact supplement: item 26 (any difficulties?) gates the distress and interference items, all coded 0-3.
        items.Add(new ItemDefinition("26", 0, 3, Optional: true));
        items.AddRange(impactItems.Select(k => new ItemDefinition(k, 0, 3, Optional: true)));
        var impactMax = 2 * impactItems.Length;

        ScaleDefinition Subscale(string key, string title, int[] numbers, Direction direction) =>
            new(key, title, ScaleRule.ProratedSum, 0, 10)
            {
                Items = numbers.Select(n => n.ToString(CultureInfo.InvariantCulture)).ToArray(),
                MinAnswered = 3,
                Direction = direction,
            };

        var tables = version switch
        {
            SdqVersion.Parent => new[]
            {
                Table("parent3", "Parent three-band (original)", ThreeBand, ThreeBand,
                    total: "0-13/14-16/17-40", emotional: "0-3/4/5-10", conduct: "0-2/3/4-10", hyperactivity: "0-5/6/7-10", peer: "0-2/3/4-10",
                    prosocial: "6-10/5/0-4", impact: "0/1/2-10", verified: ["total", "emotional", "conduct", "hyperactivity", "peer"]),
                Table("parent4", "Parent four-band", FourBand, FourBandProsocial,
                    total: "0-13/14-16/17-19/20-40", emotional: "0-3/4/5-6/7-10", conduct: "0-2/3/4-5/6-10", hyperactivity: "0-5/6-7/8/9-10", peer: "0-2/3/4/5-10",
                    prosocial: "8-10/7/6/0-5", impact: "0/1/2/3-10", verified: []),
            },
            SdqVersion.Teacher => new[]
            {
                Table("teacher3", "Teacher three-band (original)", ThreeBand, ThreeBand,
                    total: "0-11/12-15/16-40", emotional: "0-4/5/6-10", conduct: "0-2/3/4-10", hyperactivity: "0-5/6/7-10", peer: "0-3/4/5-10",
                    prosocial: "6-10/5/0-4", impact: "0/1/2-6", verified: []),
                Table("teacher4", "Teacher four-band", FourBand, FourBandProsocial,
                    total: "0-11/12-15/16-18/19-40", emotional: "0-3/4/5/6-10", conduct: "0-2/3/4/5-10", hyperactivity: "0-5/6-7/8/9-10", peer: "0-2/3-4/5/6-10",
                    prosocial: "6-10/5/4/0-3", impact: "0/1/2/3-6", verified: ["total", "emotional", "conduct", "hyperactivity", "peer", "prosocial"]),
            },
            _ => new[]
            {
                Table("self3", "Self-report three-band (original)", ThreeBand, ThreeBand,
                    total: "0-15/16-19/20-40", emotional: "0-5/6/7-10", conduct: "0-3/4/5-10", hyperactivity: "0-5/6/7-10", peer: "0-3/4-5/6-10",
                    prosocial: "6-10/5/0-4", impact: "0/1/2-10", verified: []),
                Table("self4", "Self-report four-band", FourBand, FourBandProsocial,
                    total: "0-14/15-17/18-19/20-40", emotional: "0-4/5/6/7-10", conduct: "0-2/3/4/5-10", hyperactivity: "0-5/6/7/8-10", peer: "0-2/3/4/5-10",
                    prosocial: "7-10/6/5/0-4", impact: "0/1/2/3-10", verified: []),
            },
        };

        return new InstrumentDefinition(id, name, "4-17 single-sided with impact supplement", SdqSource)
        {
            Items = items,
            Scales =
            [
                Subscale("emotional", "Emotional problems", [3, 8, 13, 16, 24], Direction.LowerIsBetter),
                Subscale("conduct", "Conduct problems", [5, 7, 12, 18, 22], Direction.LowerIsBetter),
                Subscale("hyperactivity", "Hyperactivity/inattention", [2, 10, 15, 21, 25], Direction.LowerIsBetter),
                Subscale("peer", "Peer relationship problems", [6, 11, 14, 19, 23], Direction.LowerIsBetter),
                Subscale("prosocial", "Prosocial behaviour", [1, 4, 9, 17, 20], Direction.HigherIsBetter),
                new ScaleDefinition("total", "Total difficulties", ScaleRule.SumOfScales, 0, 40)
                {
                    Scales = ["emotional", "conduct", "hyperactivity", "peer"],
                    Direction = Direction.LowerIsBetter,
                },
                new ScaleDefinition("externalising", "Externalising (conduct + hyperactivity)", ScaleRule.SumOfScales, 0, 20)
                {
                    Scales = ["conduct", "hyperactivity"],
                    Direction = Direction.LowerIsBetter,
                },
                new ScaleDefinition("internalising", "Internalising (emotional + peer)", ScaleRule.SumOfScales, 0, 20)
                {
                    Scales = ["emotional", "peer"],
                    Direction = Direction.LowerIsBetter,
                },
                new ScaleDefinition("impact", "Impact", ScaleRule.GatedRecodedSum, 0, impactMax)
                {
                    Items = impactItems,
                    GateItem = "26",
                    // 0 (not at all) and 1 (only a little) -> 0; 2 (quite a lot) -> 1; 3 (a great deal) -> 2.
                    Recode = [0, 0, 1, 2],
                    Direction = Direction.LowerIsBetter,
                },
            ],
            BandTables = tables,
            Ages = ages,
            PrimaryScale = "total",
        };
    }

    private static BandTable Table(string key, string name, string[] labels, string[] prosocialLabels,
        string total, string emotional, string conduct, string hyperactivity, string peer, string prosocial, string impact, string[] verified)
    {
        ScaleBands Scale(string scale, string spec, string[] bandLabels) => new(scale, Bands(spec, bandLabels), verified.Contains(scale));
        return new BandTable(key, name, SdqBandSource,
        [
            Scale("total", total, labels),
            Scale("emotional", emotional, labels),
            Scale("conduct", conduct, labels),
            Scale("hyperactivity", hyperactivity, labels),
            Scale("peer", peer, labels),
            Scale("prosocial", prosocial, prosocialLabels),
            Scale("impact", impact, labels),
        ]);
    }

    /// <summary>Reads a band spec written as published ("0-13/14-16/17-40"), labels in the same order.</summary>
    internal static IReadOnlyList<Band> Bands(string spec, IReadOnlyList<string> labels)
    {
        var parts = spec.Split('/');
        if (parts.Length != labels.Count)
        {
            throw new ArgumentException($"Band spec '{spec}' has {parts.Length} bands for {labels.Count} labels.");
        }
        var bands = new Band[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var ends = parts[i].Split('-');
            var min = decimal.Parse(ends[0], CultureInfo.InvariantCulture);
            var max = ends.Length == 2 ? decimal.Parse(ends[1], CultureInfo.InvariantCulture) : min;
            bands[i] = new Band(labels[i], min, max);
        }
        return bands;
    }

    private static ItemDefinition[] Numbered(int count, int min, int max) =>
        Enumerable.Range(1, count).Select(i => new ItemDefinition(i.ToString(CultureInfo.InvariantCulture), min, max)).ToArray();

    private static string[] Keys(int from, int to) =>
        Enumerable.Range(from, to - from + 1).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
}
