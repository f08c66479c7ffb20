using BenchmarkDotNet.Attributes;
using Hearth.Core.Measures;

namespace Hearth.Bench;

/// <summary>
/// Scoring throughput per instrument: each benchmark scores a batch of varied administrations (some with blanks),
/// so the reported time per operation is the time to score one administration on one core.
/// </summary>
[MemoryDiagnoser]
public class MeasuresBenchmarks
{
    private const int Batch = 1024;

    private readonly ItemInstrument _wemwbs = BuiltInInstruments.Wemwbs();
    private readonly ItemInstrument _swemwbs = BuiltInInstruments.Swemwbs();
    private readonly ItemInstrument _sdqParent = BuiltInInstruments.SdqParent();
    private readonly ItemInstrument _sdqTeacher = BuiltInInstruments.SdqTeacher();
    private readonly ItemInstrument _sdqSelf = BuiltInInstruments.SdqSelf();
    private readonly ItemInstrument _star = BuiltInInstruments.FamilyStarPlus();
    private readonly GoalAttainmentScaling _gas = new();

    private Response[][] _wemwbsForms = [];
    private Response[][] _swemwbsForms = [];
    private Response[][] _sdqParentForms = [];
    private Response[][] _sdqTeacherForms = [];
    private Response[][] _sdqSelfForms = [];
    private Response[][] _starForms = [];
    private GoalRating[][] _gasReviews = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _wemwbsForms = Forms(_wemwbs, random);
        _swemwbsForms = Forms(_swemwbs, random);
        _sdqParentForms = Forms(_sdqParent, random);
        _sdqTeacherForms = Forms(_sdqTeacher, random);
        _sdqSelfForms = Forms(_sdqSelf, random);
        _starForms = Forms(_star, random);
        _gasReviews = Enumerable.Range(0, Batch)
            .Select(_ => Enumerable.Range(0, random.Next(1, 7))
                .Select(_ => GoalRating.Of(random.Next(-2, 3), random.Next(4) == 0 ? random.Next(1, 6) : null))
                .ToArray())
            .ToArray();
    }

    private static Response[][] Forms(ItemInstrument instrument, Random random) =>
        Enumerable.Range(0, Batch)
            .Select(_ => instrument.Definition.Items
                // About one blank in twenty, the rest valid responses.
                .Select(i => random.Next(20) == 0 ? Response.Blank : new Response(random.Next(i.Min, i.Max + 1)))
                .ToArray())
            .ToArray();

    private static int Score(ItemInstrument instrument, Response[][] forms, int age)
    {
        var viable = 0;
        foreach (var form in forms)
        {
            viable += instrument.Score(form, age).IsViable ? 1 : 0;
        }
        return viable;
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int Wemwbs() => Score(_wemwbs, _wemwbsForms, 30);

    [Benchmark(OperationsPerInvoke = Batch)]
    public int Swemwbs() => Score(_swemwbs, _swemwbsForms, 30);

    [Benchmark(OperationsPerInvoke = Batch)]
    public int SdqParent() => Score(_sdqParent, _sdqParentForms, 9);

    [Benchmark(OperationsPerInvoke = Batch)]
    public int SdqTeacher() => Score(_sdqTeacher, _sdqTeacherForms, 9);

    [Benchmark(OperationsPerInvoke = Batch)]
    public int SdqSelf() => Score(_sdqSelf, _sdqSelfForms, 14);

    [Benchmark(OperationsPerInvoke = Batch)]
    public int FamilyStarPlus() => Score(_star, _starForms, 30);

    [Benchmark(OperationsPerInvoke = Batch)]
    public int Gas()
    {
        var viable = 0;
        foreach (var review in _gasReviews)
        {
            viable += _gas.Score(review).IsViable ? 1 : 0;
        }
        return viable;
    }
}
