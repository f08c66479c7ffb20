using System.Diagnostics;
using BenchmarkDotNet.Running;
using Hearth.Bench;
using Hearth.Core.Returns.Census;

// Run with: dotnet run -c Release --project bench/Hearth.Bench -- --filter '*'
// Results are recorded in bench/results/ (see bench/README.md).
// `-- census-timing [children...]` prints warmed-up stopwatch timings of census reading and validation.
if (args.Length > 0 && args[0] == "census-timing")
{
    var sizes = args.Length > 1 ? args[1..].Select(int.Parse).ToArray() : [1_000, 10_000, 100_000];
    foreach (var size in sizes)
    {
        var file = CensusFileGenerator.Generate(size);
        CensusFile Read() => CensusReader.Read(new MemoryStream(file, writable: false));
        for (var i = 0; i < 3; i++)
        {
            CensusValidator.Validate(Read());
        }
        var read = new List<double>();
        var validate = new List<double>();
        var cpu = new List<double>();
        var issues = 0;
        var process = Process.GetCurrentProcess();
        for (var i = 0; i < 5; i++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            var census = Read();
            read.Add(sw.Elapsed.TotalMilliseconds);
            sw.Restart();
            issues = CensusValidator.Validate(census).Issues.Count;
            validate.Add(sw.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
        }
        static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
        // CPU time (all threads, GC included) is reported too because wall time on a shared machine varies with load.
        Console.WriteLine($"{size,8:N0} children, {file.Length / 1024.0 / 1024.0,7:N1} MiB, {issues,7:N0} issues: read {Median(read),8:N1} ms, validate {Median(validate),8:N1} ms, " +
            $"total {Median(read.Zip(validate, (a, b) => a + b).ToList()),8:N1} ms wall, {Median(cpu),8:N1} ms CPU (median of 5 after 3 warm-ups)");
    }
    return;
}
// `-- search-timing` runs SearchBenchmarks' cases with a stopwatch (median of 5 after 2 warm-ups), for a quick look.
if (args.Length > 0 && args[0] == "search-timing")
{
    foreach (var provider in ReportBenchmarks.Providers())
    {
        foreach (var size in ReportBenchmarks.Sizes())
        {
            var (services, scope) = await ReportBenchmarks.OpenAsync(provider, size, Console.Out);
            scope.Dispose();
            await services.DisposeAsync();
            foreach (var query in SearchBenchmarks.Queries().Append("families-list").Append("families-list-by-name"))
            {
                foreach (var actor in SearchBenchmarks.Actors())
                {
                    var bench = new SearchBenchmarks { Provider = provider, Families = size, Query = query, Actor = actor };
                    await bench.SetupAsync();
                    bench.Search();
                    bench.Search();
                    var times = new List<double>();
                    for (var i = 0; i < 5; i++)
                    {
                        var sw = Stopwatch.StartNew();
                        bench.Search();
                        times.Add(sw.Elapsed.TotalMilliseconds);
                    }
                    Console.WriteLine($"{provider,-9} {size,9:N0} {query,-17} {actor,-8} {times.Order().ElementAt(2),8:N1} ms  (min {times.Min(),7:N1}, max {times.Max(),7:N1})  found {bench.LastTotal,6:N0}  \"{bench.Text}\"");
                    bench.Cleanup();
                }
            }
        }
    }
    return;
}
// `-- reports-timing` runs ReportBenchmarks' cases with a stopwatch (median of 3 after a warm-up), for a quick look.
if (args.Length > 0 && args[0] == "reports-timing")
{
    foreach (var provider in ReportBenchmarks.Providers())
    {
        foreach (var size in ReportBenchmarks.Sizes())
        {
            // Opening once here seeds the database (if needed) with its progress shown.
            var (services, scope) = await ReportBenchmarks.OpenAsync(provider, size, Console.Out);
            scope.Dispose();
            await services.DisposeAsync();
            foreach (var report in ReportBenchmarks.Reports())
            {
                var bench = new ReportBenchmarks { Provider = provider, Families = size, Report = report };
                bench.Setup();
                static double Median(Func<int> run)
                {
                    run();
                    var times = new List<double>();
                    for (var i = 0; i < 3; i++)
                    {
                        var sw = Stopwatch.StartNew();
                        run();
                        times.Add(sw.Elapsed.TotalMilliseconds);
                    }
                    return times.Order().ElementAt(1);
                }
                var ef = Median(bench.Ef);
                var sql = Median(bench.HandWritten);
                Console.WriteLine($"{provider,-9} {size,9:N0} {report,-13} EF {ef,10:N1} ms  SQL {sql,10:N1} ms  ratio {ef / sql,6:N2}");
                bench.Cleanup();
            }
        }
    }
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
