using Hearth.Core.Data;
using Hearth.Core.Security;
using Hearth.TestCommon;
using Hearth.Web.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Hearth.Core;

namespace Hearth.Web.Tests.Infrastructure;

public sealed class DatabaseStartupTests
{
    [Fact]
    public async Task Sqlite_is_migrated_on_start_and_postgres_with_pending_migrations_refuses_to_start()
    {
        await using var db = await TestDatabase.CreateAsync(migrate: false);
        var builder = WebApplication.CreateBuilder();
        foreach (var (k, v) in db.Settings)
        {
            builder.Configuration[k] = v;
        }
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHearthCore(builder.Configuration);
        await using var app = builder.Build();

        if (db.Provider == DatabaseProvider.Sqlite)
        {
            await DatabaseStartup.PrepareAsync(app);
            using var scope = app.Services.CreateScope();
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<HearthDatabase>().PendingMigrationsAsync());
        }
        else
        {
            var e = await Assert.ThrowsAsync<DatabaseConfigurationException>(() => DatabaseStartup.PrepareAsync(app));
            Assert.Contains("run `./hearth migrate` first", e.Message);
            using var scope = app.Services.CreateScope();
            Assert.NotEmpty(await scope.ServiceProvider.GetRequiredService<HearthDatabase>().PendingMigrationsAsync());
        }
    }

    [Fact]
    public async Task A_new_council_is_told_how_to_create_its_first_administrator_until_an_account_exists()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var services = db.CreateServices();
        using (var scope = services.CreateScope())
        {
            var advice = await DatabaseStartup.FirstUserAdviceAsync(scope.ServiceProvider.GetRequiredService<HearthDbContext>());
            Assert.NotNull(advice);
            Assert.Contains("./hearth users create", advice);
            Assert.Contains("--role Admin", advice);
        }
        using (var scope = services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<UserService>().CreateAsync(ActorContext.System("test"),
                new NewUser("First Admin", "admin@council.example", "Admin", [], "a long enough passphrase"));
        }
        using (var scope = services.CreateScope())
        {
            Assert.Null(await DatabaseStartup.FirstUserAdviceAsync(scope.ServiceProvider.GetRequiredService<HearthDbContext>()));
        }
    }
}
