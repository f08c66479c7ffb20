namespace Hearth.Cli;

// A named entry point rather than top-level statements: tools/Hearth.Synthetic (and through it the benchmark)
// references this assembly, and top-level programs' global Program classes would clash.
internal static class Program
{
    private static Task<int> Main(string[] args) => HearthCli.RunAsync(args, Console.Out, Console.Error);
}
