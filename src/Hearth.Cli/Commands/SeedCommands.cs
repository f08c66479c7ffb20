using System.CommandLine;
using Hearth.Core.Demo;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Cli.Commands;

internal static class SeedCommands
{
    public static Command Build(CliEnvironment env)
    {
        var seed = new Command("seed", "Fill the database with the demo council. Never use on a production database.");
        var password = new Option<string?>("--password") { Description = "Use this password for every demo user instead of generating one each." };
        var demo = new Command("demo", "Create the demo council (services, teams, workers and a user for every role) and print its sign-ins.") { password };
        demo.SetAction((parse, ct) => env.RunAsync(async () =>
        {
            await using var services = env.CreateServices();
            using var scope = services.CreateScope();
            if (!await env.EnsureMigratedAsync(scope.ServiceProvider))
            {
                return CliEnvironment.CannotRun;
            }
            var signIns = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(parse.GetValue(password), ct);
            if (signIns.Count == 0)
            {
                await env.Out.WriteLineAsync("The demo data is already there; nothing was changed.");
                return CliEnvironment.Ok;
            }
            await env.Out.WriteLineAsync("Demo council created. Sign in with:");
            foreach (var s in signIns)
            {
                await env.Out.WriteLineAsync($"  {s.Role,-15} {s.Email,-40} {s.Password}");
            }
            return CliEnvironment.Ok;
        }));
        seed.Subcommands.Add(demo);
        return seed;
    }
}
