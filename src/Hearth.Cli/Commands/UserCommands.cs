using System.CommandLine;
using Hearth.Core.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Cli.Commands;

internal static class UserCommands
{
    public static Command Build(CliEnvironment env)
    {
        var users = new Command("users", "Manage user accounts.");
        var name = new Option<string>("--name") { Description = "The user's full name.", Required = true };
        var email = new Option<string>("--email") { Description = "Email address; also the sign-in name.", Required = true };
        var role = new Option<string>("--role") { Description = $"One of: {string.Join(", ", Enum.GetNames<Role>())}.", Required = true };
        var team = new Option<string[]>("--team") { Description = "Team code or name whose families the user may see (repeat for several).", AllowMultipleArgumentsPerToken = false };
        var password = new Option<string?>("--password") { Description = "Initial password (at least 12 characters). Read from HEARTH_PASSWORD when omitted." };
        var create = new Command("create", "Create a local user account.") { name, email, role, team, password };
        create.SetAction((parse, ct) => env.RunAsync(async () =>
        {
            await using var services = env.CreateServices();
            using var scope = services.CreateScope();
            if (!await env.EnsureMigratedAsync(scope.ServiceProvider))
            {
                return CliEnvironment.CannotRun;
            }
            var pw = parse.GetValue(password) ?? Environment.GetEnvironmentVariable("HEARTH_PASSWORD") ?? "";
            var user = await scope.ServiceProvider.GetRequiredService<UserService>().CreateAsync(env.Actor,
                new NewUser(parse.GetValue(name)!, parse.GetValue(email)!, parse.GetValue(role)!, parse.GetValue(team) ?? [], pw), ct);
            await env.Out.WriteLineAsync($"Created {user.Role} {user.Email}.");
            return CliEnvironment.Ok;
        }));
        users.Subcommands.Add(create);
        return users;
    }
}
