using System.IO.Compression;
using CsvHelper;
using Hearth.Core.Auditing;
using Hearth.Core.Data;
using Hearth.Core.DataProtection;
using Hearth.Core.People;
using Hearth.Core.Security;
using Hearth.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Core.Tests.DataProtection;

public sealed class SubjectAccessExportTests : IAsyncLifetime
{
    private TestDatabase _db = null!;
    private ServiceProvider _services = null!;
    private static readonly ActorContext Governance = ActorContext.ForUser(Guid.CreateVersion7(), "Ira Governance", Role.Performance, []);

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateDemoAsync();
        _services = _db.CreateServices(TestDatabase.DemoClock());
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _db.DisposeAsync();
    }

    /// <summary>
    /// Found here from the model, independently of the export: every table with a foreign key to a person, or a column
    /// named as a person's id. A table added later is on this list without anyone adding it.
    /// </summary>
    private static List<(IEntityType Type, string Column)> PersonColumns(IModel model) =>
        [.. model.GetEntityTypes().SelectMany(t => t.GetProperties()
            .Where(p => p.GetContainingForeignKeys().Any(fk => fk.PrincipalEntityType.ClrType == typeof(Person))
                || p.Name is "PersonId" or "ChildId" || t.ClrType == typeof(Person) && p.IsPrimaryKey())
            .Select(p => (t, p.GetColumnName())))];

    /// <summary>(row id, person id) of every row of the table that names a person in the column, read with plain SQL.</summary>
    private static async Task<List<(string Id, Guid Person)>> RowsAsync(HearthDbContext db, IEntityType type, string column)
    {
        var key = type.FindPrimaryKey()!.Properties[0].GetColumnName();
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT CAST(\"{key}\" AS text), CAST(\"{column}\" AS text) FROM \"{type.GetTableName()}\" WHERE \"{column}\" IS NOT NULL";
        var rows = new List<(string, Guid)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((Guid.Parse(reader.GetString(0)).ToString(), Guid.Parse(reader.GetString(1))));
        }
        return rows;
    }

    private static Dictionary<string, List<Dictionary<string, string>>> ReadZip(byte[] zip, out string html)
    {
        using var archive = new ZipArchive(new MemoryStream(zip));
        var tables = new Dictionary<string, List<Dictionary<string, string>>>();
        html = "";
        foreach (var entry in archive.Entries)
        {
            using var text = new StreamReader(entry.Open());
            if (entry.Name == SubjectAccessExport.DocumentName)
            {
                html = text.ReadToEnd();
                continue;
            }
            using var csv = CsvReader.Create(text, new CsvReaderOptions { AllowLineBreaksInQuotes = true }, false);
            csv.ReadHeader();
            var header = csv.Headers.ToList();
            var rows = new List<Dictionary<string, string>>();
            while (csv.Read())
            {
                rows.Add(header.Select((h, i) => (h, v: i < csv.FieldCount ? csv.GetString(i) : "")).ToDictionary(x => x.h, x => x.v));
            }
            tables[Path.GetFileNameWithoutExtension(entry.Name)] = rows;
        }
        return tables;
    }

    [Fact]
    public async Task The_export_holds_every_table_that_names_a_person_with_each_of_their_rows_and_marks_other_peoples_for_review()
    {
        using var scope = _services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
        var columns = PersonColumns(db.Model);
        Assert.True(columns.Count >= 12, $"only {columns.Count} person columns found");
        var held = new List<(IEntityType Type, string Column, List<(string Id, Guid Person)> Rows)>();
        foreach (var (type, column) in columns)
        {
            held.Add((type, column, await RowsAsync(db, type, column)));
        }
        // The demo child who appears in the most tables, so the export is checked against as many kinds of record as the demo has.
        var subject = held.Where(h => h.Type.ClrType != typeof(Person)).SelectMany(h => h.Rows.Select(r => (h.Type, r.Person))).Distinct()
            .GroupBy(x => x.Person).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        var person = await db.Set<Person>().AsNoTracking().SingleAsync(p => p.Id == subject);

        var file = await scope.ServiceProvider.GetRequiredService<SubjectAccessExport>().ExportAsync(Governance, subject);
        var zip = ReadZip(file.Content, out var html);

        var missing = new List<string>();
        foreach (var (type, column, rows) in held)
        {
            var table = type.GetTableName()!;
            if (!zip.TryGetValue(table, out var exported))
            {
                missing.Add($"{table}: no CSV");
                continue;
            }
            var key = type.FindPrimaryKey()!.Properties[0].GetColumnName();
            var byId = exported.ToDictionary(r => r[key]);
            foreach (var (id, _) in rows.Where(r => r.Person == subject))
            {
                if (!byId.TryGetValue(id, out var row))
                {
                    missing.Add($"{table}.{column}: row {id} not exported");
                }
                else if (row["release"] != "about the person")
                {
                    missing.Add($"{table}.{column}: row {id} marked {row["release"]}");
                }
            }
        }
        Assert.Empty(missing);
        Assert.True(held.Count(h => h.Type.ClrType != typeof(Person) && h.Rows.Any(r => r.Person == subject)) >= 4, "the subject is in several tables");

        // Other members of the family are there, marked for review; the family's own records are marked as family records.
        var others = await db.Set<FamilyMembership>().AsNoTracking().Where(m => m.FamilyId == person.FamilyId && m.PersonId != subject).Select(m => m.PersonId).ToListAsync();
        Assert.NotEmpty(others);
        Assert.All(others, id => Assert.Equal("third party — review before release", zip["people"].Single(r => r["id"] == id.ToString())["release"]));
        Assert.Equal("family record: review for third-party details before release", zip["families"].Single(r => r["id"] == person.FamilyId.ToString())["release"]);
        Assert.NotEmpty(zip["episodes"]);
        Assert.Contains(zip["audit_events"], a => a["entity_type"] == "Person" && a["entity_id"] == subject.ToString() && a["action"] == "Created");
        Assert.Contains($"{person.GivenName} {person.FamilyName}", html);
        Assert.Contains("<h2>Measure administration</h2>", html);

        var events = await db.AuditEvents.AsNoTracking().Where(a => a.EntityType == "SubjectAccessExport").ToListAsync();
        Assert.Equal((AuditAction.Read, subject.ToString(), "Ira Governance"), (events.Single().Action, events.Single().EntityId, events.Single().ActorName));
    }

    [Fact]
    public async Task Only_information_governance_may_export_and_nothing_is_written_when_refused()
    {
        using var scope = _services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
        var anyone = await db.Set<Person>().AsNoTracking().Select(p => p.Id).FirstAsync();
        var manager = ActorContext.ForUser(Guid.CreateVersion7(), "Morgan Manager", Role.Manager, await db.Set<Hearth.Core.Organisation.Team>().Select(t => t.Id).ToListAsync());
        foreach (var actor in new[] { manager, ActorContext.ForUser(Guid.CreateVersion7(), "Alex Admin", Role.Admin, []) })
        {
            await Assert.ThrowsAsync<AccessDeniedException>(() => scope.ServiceProvider.GetRequiredService<SubjectAccessExport>().ExportAsync(actor, anyone));
        }
        var unknown = await Assert.ThrowsAsync<ValidationFailedException>(() => scope.ServiceProvider.GetRequiredService<SubjectAccessExport>().ExportAsync(Governance, Guid.CreateVersion7()));
        Assert.Equal("person", unknown.Errors.Single().Field);
        Assert.False(await db.AuditEvents.AnyAsync(a => a.EntityType == "SubjectAccessExport"));
    }
}
