using System.CommandLine;
using Hearth.Core.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Cli.Commands;

internal static class TokenCommands
{
    public static Command Build(CliEnvironment env)
    {
        var tokens = new Command("tokens", "Bearer tokens for machine clients of the API.");
        var user = new Option<string>("--user") { Description = "Email of the user the token acts as; it gets that user's permissions.", Required = true };
        var name = new Option<string>("--name") { Description = "What the token is for.", DefaultValueFactory = _ => "api client" };
        var days = new Option<int?>("--expires-in-days") { Description = "Days until the token expires (default: never)." };
        var create = new Command("create", "Issue a token. It is printed once and stored only as a hash.") { user, name, days };
        create.SetAction((parse, ct) => env.RunAsync(async () =>
        {
            await using var services = env.CreateServices();
            using var scope = services.CreateScope();
            if (!await env.EnsureMigratedAsync(scope.ServiceProvider))
            {
                return CliEnvironment.CannotRun;
            }
            var expires = parse.GetValue(days) is { } d ? scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().AddDays(d) : (DateTimeOffset?)null;
            var issued = await scope.ServiceProvider.GetRequiredService<TokenService>().CreateAsync(env.Actor, parse.GetValue(user)!, parse.GetValue(name)!, expires, ct);
            await env.Out.WriteLineAsync(issued.Token);
            await env.Error.WriteLineAsync($"Token {issued.Id} issued for {parse.GetValue(user)}. Keep it secret: it is not shown again.");
            return CliEnvironment.Ok;
        }));
        var id = new Option<Guid>("--id") { Description = "The token's id, as printed when it was issued.", Required = true };
        var revoke = new Command("revoke", "Revoke a token at once.") { id };
        revoke.SetAction((parse, ct) => env.RunAsync(async () =>
        {
            await using var services = env.CreateServices();
            using var scope = services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<TokenService>().RevokeAsync(env.Actor, parse.GetValue(id), ct);
            await env.Out.WriteLineAsync("Revoked.");
            return CliEnvironment.Ok;
        }));
        tokens.Subcommands.Add(create);
        tokens.Subcommands.Add(revoke);
        return tokens;
    }
}
