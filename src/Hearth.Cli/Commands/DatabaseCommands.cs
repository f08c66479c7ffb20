using System.CommandLine;
using Hearth.Core.Data;
using Hearth.Core.Programmes;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Cli.Commands;

internal static class DatabaseCommands
{
    public static Command Migrate(CliEnvironment env)
    {
        var command = new Command("migrate", "Create the database if needed and apply every pending migration (SQLite or PostgreSQL, from Database:Provider).");
        command.SetAction((_, ct) => env.RunAsync(async () =>
        {
            await using var services = env.CreateServices();
            using var scope = services.CreateScope();
            var applied = await scope.ServiceProvider.GetRequiredService<HearthDatabase>().MigrateAsync(ct);
            // The programmes Hearth ships come with the database, so a new council can name one for its first service.
            await scope.ServiceProvider.GetRequiredService<ProgrammeService>().EnsureShippedAsync(env.Actor, ct);
            await env.Out.WriteLineAsync(applied.Count == 0
                ? "The database is up to date."
                : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}");
            return CliEnvironment.Ok;
        }));
        return command;
    }
}
