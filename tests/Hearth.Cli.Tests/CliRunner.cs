using Hearth.Cli;

namespace Hearth.Cli.Tests;

/// <summary>Runs the real `hearth` command in-process against the given settings and captures what it prints.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string?>? settings, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await HearthCli.RunAsync(args, output, error, settings);
        return new Result(code, output.ToString(), error.ToString());
    }
}
