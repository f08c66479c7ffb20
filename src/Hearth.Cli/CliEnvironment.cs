using Hearth.Core;
using Hearth.Core.Data;
using Hearth.Core.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hearth.Cli;

/// <summary>What a command runs with: its output streams, configuration and, when it needs one, the database.</summary>
public sealed class CliEnvironment(TextWriter output, TextWriter error, IReadOnlyDictionary<string, string?>? settings = null)
{
    public const int Ok = 0;
    /// <summary>The input was refused or the work found errors.</summary>
    public const int Failed = 1;
    /// <summary>The command could not run: bad settings, unreachable database, unreadable file.</summary>
    public const int CannotRun = 2;

    public TextWriter Out { get; } = output;
    public TextWriter Error { get; } = error;

    public IConfiguration Configuration { get; } = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
        .Build();

    /// <summary>The CLI acts as the system, attributed to the operator's login name in the audit trail.</summary>
    public ActorContext Actor { get; } = ActorContext.System($"cli ({Environment.UserName})");

    /// <summary>Builds the services against the configured database, or reports why it cannot.</summary>
    public ServiceProvider CreateServices()
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddHearthCore(Configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>Runs a command body, turning the errors a user can fix into one-line messages and exit codes.</summary>
    public async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (DatabaseConfigurationException e)
        {
            await Error.WriteLineAsync($"error: {e.Message}");
            return CannotRun;
        }
        catch (ValidationFailedException e)
        {
            foreach (var fieldError in e.Errors)
            {
                await Error.WriteLineAsync($"error: {fieldError.Field}: {fieldError.Message}");
            }
            return Failed;
        }
        catch (AccessDeniedException e)
        {
            await Error.WriteLineAsync($"error: {e.Message}");
            return Failed;
        }
    }

    /// <summary>Migrations must be applied before any other command touches the database.</summary>
    public async Task<bool> EnsureMigratedAsync(IServiceProvider services)
    {
        var pending = await services.GetRequiredService<HearthDatabase>().PendingMigrationsAsync();
        if (pending.Count == 0)
        {
            return true;
        }
        await Error.WriteLineAsync($"error: the database has {pending.Count} pending migration(s). Run `./hearth migrate` first.");
        return false;
    }
}
