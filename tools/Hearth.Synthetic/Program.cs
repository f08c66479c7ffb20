namespace Hearth.Synthetic;

// A named entry point rather than top-level statements: the benchmark references this assembly and has its own
// top-level Program, and the two global Program classes would clash.
internal static class Program
{
    private static Task<int> Main(string[] args) => SyntheticTool.RunAsync(args, Console.Out, Console.Error);
}
