using Hearth.Core.Data;
using Hearth.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Core.Tests.Data;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrations_apply_to_an_empty_database_and_leave_no_pending_model_changes()
    {
        await using var db = await TestDatabase.CreateAsync(migrate: false);
        await using var services = db.CreateServices();
        using var scope = services.CreateScope();
        var database = scope.ServiceProvider.GetRequiredService<HearthDatabase>();

        var applied = await database.MigrateAsync();

        Assert.NotEmpty(applied);
        Assert.Empty(await database.PendingMigrationsAsync());
        var context = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
        Assert.False(context.Database.HasPendingModelChanges(), "The model has changes that no migration captures: add one with tools/Hearth.MigrationsTool.");
        Assert.Equal(TestDatabase.ProviderUnderTest == DatabaseProvider.Postgres, context.Database.IsNpgsql());
    }

    [Theory]
    [InlineData("Oracle", null, "Database:Provider \"Oracle\" is not known")]
    [InlineData("Postgres", null, "Database:ConnectionString is required")]
    [InlineData("Postgres", "Host=localhost;Bogus Key=1", "Database:ConnectionString is malformed")]
    [InlineData("Sqlite", "Data Source=x.db;Nonsense=yes", "Database:ConnectionString is malformed")]
    public void Bad_database_settings_are_refused_with_a_message_naming_the_setting(string provider, string? connectionString, string expected)
    {
        var e = Assert.Throws<DatabaseConfigurationException>(() => DatabaseSetup.Resolve(new DatabaseOptions { Provider = provider, ConnectionString = connectionString }));
        Assert.StartsWith(expected, e.Message);
    }

    [Fact]
    public async Task An_unreachable_database_is_reported_in_one_line()
    {
        var options = new DatabaseOptions { Provider = "Postgres", ConnectionString = "Host=127.0.0.1;Port=1;Timeout=2" };
        await using var context = new HearthDbContext(DatabaseSetup.BuildOptions(options), TimeProvider.System);
        var e = await Assert.ThrowsAsync<DatabaseConfigurationException>(() => new HearthDatabase(context).PendingMigrationsAsync());
        Assert.StartsWith("Cannot reach the PostgreSQL database", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }
}
