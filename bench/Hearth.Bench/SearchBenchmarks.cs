using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Bench;

/// <summary>
/// Person search (and the families list's first page) on the synthetic council of <see cref="ReportBenchmarks"/>
/// (same databases, seeded on first use), as a team's practitioner and as a council-wide performance officer. The
/// synthetic council has only 16 given names and 12 surnames, so every name query matches thousands of people: the
/// worst case for the candidate limit, not the typical one. Each search writes its audit event, as in use.
/// Sizes and providers as for the reports: HEARTH_BENCH_FAMILIES, HEARTH_BENCH_PROVIDERS.
/// Run: dotnet run -c Release --project bench/Hearth.Bench -- --filter '*SearchBenchmarks*'
/// </summary>
[Config(typeof(SearchConfig))]
public class SearchBenchmarks
{
    private sealed class SearchConfig : ManualConfig
    {
        public SearchConfig() => AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(10)
            .WithToolchain(InProcessEmitToolchain.Instance));
    }

    /// <summary>What is typed, by label; identifiers are taken from the database in <see cref="SetupAsync"/>.</summary>
    public static IEnumerable<string> Queries() =>
        (Environment.GetEnvironmentVariable("HEARTH_BENCH_QUERIES") ?? "surname,typo-and-swap,given-and-family,date-of-birth,name-and-date,council-child-id,family-reference,postcode,nhs-number")
        .Split(',', StringSplitOptions.RemoveEmptyEntries);

    public static IEnumerable<string> Actors() => ["team", "council"];

    [ParamsSource(nameof(ReportBenchmarks.Providers))]
    public string Provider { get; set; } = "sqlite";

    [ParamsSource(nameof(ReportBenchmarks.Sizes))]
    public int Families { get; set; }

    [ParamsSource(nameof(Queries))]
    public string Query { get; set; } = "surname";

    [ParamsSource(nameof(Actors))]
    public string Actor { get; set; } = "team";

    private ServiceProvider? _services;
    private IServiceScope? _scope;
    private ActorContext _actor = null!;
    private string _text = "";

    public int LastTotal { get; private set; }

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    public async Task SetupAsync()
    {
        (_services, _scope) = await ReportBenchmarks.OpenAsync(Provider, Families);
        var db = _scope.ServiceProvider.GetRequiredService<Hearth.Core.Data.HearthDbContext>();
        // The team of a family in the middle of the council, and one of its children to look up.
        var middle = await db.Set<Family>().AsNoTracking().OrderBy(f => f.Reference).Skip(Families / 2).Select(f => f.Id).FirstAsync();
        var child = await db.Set<Person>().AsNoTracking().Where(p => p.FamilyId >= middle && p.CouncilChildId != null && p.NhsNumber != null)
            .OrderBy(p => p.FamilyId).FirstAsync();
        var family = await db.Set<Family>().AsNoTracking().SingleAsync(f => f.Id == child.FamilyId);
        _actor = Actor == "team"
            ? ActorContext.ForUser(Guid.CreateVersion7(), "Bench Practitioner", Role.Practitioner, [family.TeamId])
            : ActorContext.ForUser(Guid.CreateVersion7(), "Bench Performance", Role.Performance, []);
        var dob = child.DateOfBirth!.Value;
        _text = Query switch
        {
            "surname" => "Kowalski",
            "typo-and-swap" => "Kowalsky Jakub",
            "given-and-family" => "Ffion Evans",
            "date-of-birth" => $"{dob.Day} {dob.Month} {dob.Year}",
            "name-and-date" => $"{child.GivenName} {child.FamilyName} {dob:d/M/yyyy}",
            "council-child-id" => child.CouncilChildId!,
            "family-reference" => family.Reference.ToLowerInvariant(),
            // Typed as people type them: lower case without the space, and in the 3-3-4 groups of the NHS card.
            "postcode" => child.Postcode!.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant(),
            "nhs-number" => $"{child.NhsNumber![..3]} {child.NhsNumber[3..6]} {child.NhsNumber[6..]}",
            "families-list" or "families-list-by-name" => "",
            _ => throw new InvalidOperationException($"Unknown query {Query}"),
        };
    }

    [Benchmark(Description = "Search")]
    public int Search()
    {
        using var scope = _services!.CreateScope();
        if (Query.StartsWith("families-list", StringComparison.Ordinal))
        {
            // The list's first page: by reference (the default, an index order) or by family name (computed for every family).
            var sort = Query == "families-list-by-name" ? FamilySort.Name : FamilySort.Reference;
            var page = scope.ServiceProvider.GetRequiredService<FamilyList>().ListAsync(_actor, new FamilyListFilter { Sort = sort }).GetAwaiter().GetResult();
            return LastTotal = page.Total;
        }
        var result = scope.ServiceProvider.GetRequiredService<PersonSearch>().SearchAsync(_actor, _text).GetAwaiter().GetResult();
        return LastTotal = result.Total;
    }

    /// <summary>The text searched for, for the timing harness's output (synthetic data only).</summary>
    public string Text => _text;

    [GlobalCleanup]
    public void Cleanup()
    {
        _scope?.Dispose();
        _services?.Dispose();
    }
}
