using Hearth.Core;
using Hearth.Core.Data;
using Hearth.Core.Demo;
using Hearth.Core.Programmes;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Web.Infrastructure;

/// <summary>
/// What happens to the database when the web app starts: SQLite is created and migrated automatically; PostgreSQL
/// must already be migrated (`./hearth migrate`), because production upgrades are deliberate. Both add the shipped programmes; demo mode seeds an empty database.
/// </summary>
public static class DatabaseStartup
{
    public static async Task PrepareAsync(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var connection = scope.ServiceProvider.GetRequiredService<DatabaseConnection>();
        var database = scope.ServiceProvider.GetRequiredService<HearthDatabase>();
        if (connection.Provider == DatabaseProvider.Sqlite)
        {
            await database.MigrateAsync();
        }
        else
        {
            var pending = await database.PendingMigrationsAsync();
            if (pending.Count > 0)
            {
                throw new DatabaseConfigurationException(
                    $"The PostgreSQL database has {pending.Count} pending migration(s) ({string.Join(", ", pending)}). " +
                    "Hearth does not upgrade a production database on start: run `./hearth migrate` first.");
            }
        }

        // The shipped programmes come with the database (as `hearth migrate` adds them), demo or not.
        await scope.ServiceProvider.GetRequiredService<ProgrammeService>().EnsureShippedAsync(ActorContext.System("first start"));

        if (app.Configuration.GetValue<bool>("Demo:Enabled"))
        {
            await SeedDemoAsync(app, scope.ServiceProvider);
            return;
        }
        var advice = await FirstUserAdviceAsync(scope.ServiceProvider.GetRequiredService<HearthDbContext>());
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            Console.WriteLine();
            Console.WriteLine($"Hearth is running at {string.Join(", ", app.Urls)}");
            if (advice is not null)
            {
                Console.WriteLine(advice);
            }
            Console.WriteLine();
        });
    }

    /// <summary>
    /// What a new council is told on its first start: with no accounts nobody can sign in, and the first administrator
    /// can only be made from the command line (the admin pages need someone signed in). Null once any account exists.
    /// </summary>
    public static async Task<string?> FirstUserAdviceAsync(HearthDbContext db) =>
        await db.Set<HearthUser>().AnyAsync()
            ? null
            : "No one can sign in yet. Create the first administrator, then sign in and set up services, teams and workers under Administration:\n" +
              "  HEARTH_PASSWORD='a long passphrase' ./hearth users create --name \"Your Name\" --email you@council.example --role Admin";

    private static async Task SeedDemoAsync(WebApplication app, IServiceProvider services)
    {
        var options = services.GetRequiredService<DatabaseOptions>();
        // The generated passwords are kept beside the demo database so later runs can print them again.
        var file = Path.Combine(Path.GetFullPath(options.DataFolder), "demo-sign-ins.txt");
        var signIns = await services.GetRequiredService<DemoSeeder>().SeedAsync(app.Configuration["Demo:Password"]);
        if (signIns.Count > 0)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllLinesAsync(file, signIns.Select(s => $"{s.Role,-15} {s.Email,-40} {s.Password}"));
        }
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = string.Join(", ", app.Urls);
            Console.WriteLine();
            Console.WriteLine($"Hearth is running (demo data) at {addresses}");
            if (File.Exists(file))
            {
                Console.WriteLine("Demo sign-ins:");
                foreach (var line in File.ReadAllLines(file))
                {
                    Console.WriteLine("  " + line);
                }
            }
            Console.WriteLine();
        });
    }
}
