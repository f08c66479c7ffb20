using System.CommandLine;
using Hearth.Cli.Commands;

namespace Hearth.Cli;

/// <summary>The `hearth` command. Each area adds its commands in its own file under Commands/.</summary>
public static class HearthCli
{
    public static RootCommand Build(CliEnvironment env)
    {
        var root = new RootCommand("Hearth: case management and impact evidence for family support services.");
        root.Subcommands.Add(DatabaseCommands.Migrate(env));
        root.Subcommands.Add(UserCommands.Build(env));
        foreach (var command in OrganisationCommands.Build(env))
        {
            root.Subcommands.Add(command);
        }
        root.Subcommands.Add(TokenCommands.Build(env));
        root.Subcommands.Add(SeedCommands.Build(env));
        root.Subcommands.Add(ImportCommands.Build(env));
        root.Subcommands.Add(ReportCommands.Build(env));
        foreach (var command in ReportInputCommands.Build(env))
        {
            root.Subcommands.Add(command);
        }
        root.Subcommands.Add(MeasuresCommands.Build(env));
        root.Subcommands.Add(FollowUpCommands.Build(env));
        root.Subcommands.Add(CensusCommands.Build(env));
        root.Subcommands.Add(ResultsCommands.Build(env));
        root.Subcommands.Add(ProgrammeCommands.Build(env));
        root.Subcommands.Add(PeopleCommands.Build(env));
        root.Subcommands.Add(AllocationCommands.Build(env));
        foreach (var command in DataProtectionCommands.Build(env))
        {
            root.Subcommands.Add(command);
        }
        return root;
    }

    /// <summary>Runs the CLI with the given streams; tests call this directly.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var env = new CliEnvironment(output, error, settings);
        var parse = Build(env).Parse(args);
        if (parse.Errors.Count > 0 && CensusCommands.IsValidate(parse.CommandResult.Command))
        {
            // `census validate` keeps exit 1 for "the file has errors", so a mistyped command line must not look like one.
            foreach (var problem in parse.Errors)
            {
                await error.WriteLineAsync($"error: {problem.Message}");
            }
            return CliEnvironment.CannotRun;
        }
        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }
}
