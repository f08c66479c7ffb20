// Usage: dotnet run --project tools/Hearth.MigrationsTool -- add <Name>
// Writes a migration with the given name for SQLite and for PostgreSQL, like `dotnet ef migrations add`.
using Hearth.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;

if (args is not ["add", var name])
{
    Console.Error.WriteLine("Usage: dotnet run --project tools/Hearth.MigrationsTool -- add <MigrationName>");
    return 2;
}

var root = FindRepositoryRoot();
Scaffold("Sqlite", new DatabaseOptions { Provider = "Sqlite", ConnectionString = "Data Source=design.db" },
    new Microsoft.EntityFrameworkCore.Sqlite.Design.Internal.SqliteDesignTimeServices());
Scaffold("Postgres", new DatabaseOptions { Provider = "Postgres", ConnectionString = "Host=localhost;Database=design" },
    new Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal.NpgsqlDesignTimeServices());
return 0;

void Scaffold(string provider, DatabaseOptions options, IDesignTimeServices providerServices)
{
    using var context = new HearthDbContext(DatabaseSetup.BuildOptions(options), TimeProvider.System);
    var services = new ServiceCollection();
    services.AddEntityFrameworkDesignTimeServices();
    services.AddDbContextDesignTimeServices(context);
    providerServices.ConfigureDesignTimeServices(services);
    using var provider_ = services.BuildServiceProvider();
    var scaffolder = provider_.GetRequiredService<IMigrationsScaffolder>();
    var project = $"Hearth.Migrations.{provider}";
    var migration = scaffolder.ScaffoldMigration(name, project, "Migrations", "C#");
    var files = scaffolder.Save(Path.Combine(root, "src", project), migration, Path.Combine(root, "src", project, "Migrations"));
    Console.WriteLine($"{provider}: {files.MigrationFile}");
}

static string FindRepositoryRoot()
{
    var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Hearth.slnx")))
    {
        dir = dir.Parent;
    }
    return dir?.FullName ?? throw new InvalidOperationException("Run from inside the Hearth repository.");
}
