using System.IO.Compression;
using Hearth.Core.Data;
using Hearth.Core.People;
using Hearth.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Cli.Tests.DataProtection;

public sealed class SarCommandTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"hearth-sar-{Guid.NewGuid():N}.zip");

    public async Task InitializeAsync() => _db = await TestDatabase.CreateDemoAsync();

    public async Task DisposeAsync()
    {
        File.Delete(_file);
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task Sar_writes_the_zip_of_the_document_and_the_tables_and_refuses_an_id_that_is_not_one()
    {
        await using var services = _db.CreateServices();
        Guid person;
        using (var scope = services.CreateScope())
        {
            person = await scope.ServiceProvider.GetRequiredService<HearthDbContext>().Set<Person>().Where(p => p.FamilyId != null).Select(p => p.Id).FirstAsync();
        }

        var run = await CliRunner.RunAsync(_db.Settings, "sar", "--person", person.ToString(), "--out", _file);
        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        Assert.StartsWith($"Wrote {_file}: ", run.Out);
        using (var zip = ZipFile.OpenRead(_file))
        {
            Assert.Contains(zip.Entries, e => e.Name == "subject-access.html");
            Assert.Contains(zip.Entries, e => e.Name == "people.csv");
            Assert.Contains(zip.Entries, e => e.Name == "audit_events.csv");
        }

        var bad = await CliRunner.RunAsync(_db.Settings, "sar", "--person", "nobody", "--out", _file);
        Assert.Equal((1, "error: --person must be a person's id."), (bad.ExitCode, bad.Error.Trim()));
        var unknown = await CliRunner.RunAsync(_db.Settings, "sar", "--person", Guid.NewGuid().ToString(), "--out", _file);
        Assert.Equal((1, "error: person: Enter the id of a person Hearth holds"), (unknown.ExitCode, unknown.Error.Trim()));
    }
}
