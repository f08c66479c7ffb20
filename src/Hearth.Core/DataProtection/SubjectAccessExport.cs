using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using Hearth.Core.Auditing;
using Hearth.Core.Data;
using Hearth.Core.Exports;
using Hearth.Core.People;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Hearth.Core.DataProtection;

/// <summary>One table of a subject access export: its name, file and how many rows are released how.</summary>
public sealed record SubjectAccessSection(string Table, string FileName, int AboutThePerson, int FamilyRecords, int ThirdParty)
{
    public int Rows => AboutThePerson + FamilyRecords + ThirdParty;
}

/// <summary>A finished subject access export: the ZIP and what is in it.</summary>
public sealed record SubjectAccessFile(string FileName, byte[] Content, IReadOnlyList<SubjectAccessSection> Sections);

/// <summary>
/// Answers a subject access request (UK GDPR article 15): everything Hearth holds about a person, across every family they
/// belong or belonged to, as a ZIP of a readable HTML document and one CSV per table. The tables come from the EF model
/// (<see cref="PersonalDataMap"/>), so a new table is exported without being named here. Rows about other people, and
/// family-level records that may mention them, are marked for review before release: the council redacts, Hearth marks.
/// The audit trail's events about the person's own rows are included (who read or changed their record, and when).
/// Council-wide, so it needs <see cref="Permission.ManageDataProtection"/>; the export is one audit event.
/// </summary>
public sealed class SubjectAccessExport(HearthDbContext db)
{
    public const string DocumentName = "subject-access.html";
    public const string AuditFileName = "audit_events.csv";

    public async Task<SubjectAccessFile> ExportAsync(ActorContext actor, Guid personId, CancellationToken ct = default)
    {
        actor.Demand(Permission.ManageDataProtection);
        var person = await db.Set<Person>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == personId, ct)
            ?? throw new ValidationFailedException("person", "Enter the id of a person Hearth holds");
        var subjectIds = await PersonalDataMap.SubjectIdsAsync(db, personId, ct);
        var familyIds = await PersonalDataMap.FamilyIdsAsync(db, subjectIds, ct);
        var found = await PersonalDataMap.FindAsync(db, subjectIds, familyIds, ct);

        var ownKeys = found.Values.SelectMany(rows => rows.Where(r => r.Release == Release.AboutThePerson).Select(r => r.Key)).ToHashSet();
        var audit = new List<AuditEvent>();
        foreach (var chunk in ownKeys.Chunk(500))
        {
            audit.AddRange(await db.AuditEvents.AsNoTracking().Where(a => chunk.Contains(a.EntityId)).ToListAsync(ct));
        }
        audit = [.. audit.OrderBy(a => a.Id)];

        var sections = new List<SubjectAccessSection>();
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var html = new StringBuilder();
            StartDocument(html, person, actor, UkTime.TodayInUk(db.Time), familyIds.Count);
            foreach (var (type, rows) in found)
            {
                var ordered = rows.OrderBy(r => r.Release).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
                var table = type.GetTableName()!;
                var file = table + ".csv";
                var columns = type.GetProperties().Where(p => !p.IsShadowProperty() && !IsDerived(type, p)).ToList();
                await WriteEntryAsync(zip, file, ExportCsv.ToText(csv =>
                {
                    csv.Row(["release", .. columns.Select(c => c.GetColumnName())]);
                    foreach (var row in ordered)
                    {
                        csv.Text(PersonalDataMap.Label(row.Release));
                        foreach (var column in columns)
                        {
                            Cell(csv, row.Value(column));
                        }
                        csv.EndRow();
                    }
                }));
                var section = new SubjectAccessSection(table, file, ordered.Count(r => r.Release == Release.AboutThePerson),
                    ordered.Count(r => r.Release == Release.FamilyRecord), ordered.Count(r => r.Release == Release.ThirdParty));
                sections.Add(section);
                WriteSection(html, Title(type), section, columns.Select(c => c.Name).ToList(), ordered.Select(r => (r.Release, columns.Select(c => Format(r.Value(c))).ToList())).ToList());
            }
            await WriteEntryAsync(zip, AuditFileName, ExportCsv.ToText(csv =>
            {
                csv.Row("occurred_at", "actor", "action", "entity_type", "entity_id", "changes", "reason");
                foreach (var e in audit)
                {
                    csv.Row(e.OccurredAt.ToString("O", CultureInfo.InvariantCulture), e.ActorName, e.Action.ToString(), e.EntityType, e.EntityId, e.Changes, e.Reason);
                }
            }));
            var auditSection = new SubjectAccessSection("audit_events", AuditFileName, audit.Count, 0, 0);
            sections.Add(auditSection);
            WriteSection(html, "Audit trail of the person's records", auditSection, ["OccurredAt", "Actor", "Action", "EntityType", "EntityId", "Changes", "Reason"],
                audit.Select(e => (Release.AboutThePerson, new List<string?> { e.OccurredAt.ToString("O", CultureInfo.InvariantCulture), e.ActorName, e.Action.ToString(), e.EntityType, e.EntityId, e.Changes, e.Reason })).ToList());
            html.Append("</main></body></html>");
            await WriteEntryAsync(zip, DocumentName, html.ToString());
        }

        var total = sections.Sum(s => s.Rows);
        await db.RecordReadAsync(actor.WithReason($"Subject access export: {total} rows from {sections.Count(s => s.Rows > 0)} tables"), "SubjectAccessExport", personId, ct);
        return new SubjectAccessFile($"subject-access-{personId}-{UkTime.TodayInUk(db.Time):yyyy-MM-dd}.zip", buffer.ToArray(), sections);
    }

    // The search columns restate the names; the sort name restates the members' names.
    private static bool IsDerived(IEntityType type, IProperty p) =>
        type.ClrType == typeof(Person) && PersonSearchKeys.Columns.Contains(p.Name) || type.ClrType == typeof(Family) && p.Name == nameof(Family.SortName);

    private static async Task WriteEntryAsync(ZipArchive zip, string name, string text)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        await using var stream = await entry.OpenAsync();
        await stream.WriteAsync(new UTF8Encoding(false).GetBytes(text));
    }

    private static void Cell(ExportCsv csv, object? value)
    {
        switch (value)
        {
            case null:
                csv.Text(null);
                break;
            case string s:
                csv.Text(s);
                break;
            case int or long or short or decimal or double or float:
                csv.Cell(Format(value));
                break;
            default:
                csv.Text(Format(value));
                break;
        }
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        string s => s,
        System.Collections.IEnumerable list => string.Join(", ", list.Cast<object?>()),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>"MeasureAdministration" as "Measure administration".</summary>
    private static string Title(IEntityType type) =>
        string.Concat(type.ClrType.Name.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));

    private static void StartDocument(StringBuilder html, Person person, ActorContext actor, DateOnly today, int families)
    {
        string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        html.Append("<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>Subject access export</title><style>")
            .Append("body{font-family:Arial,sans-serif;margin:2em}table{border-collapse:collapse;font-size:0.85em}td,th{border:1px solid #b1b4b6;padding:4px;vertical-align:top;text-align:left}")
            .Append("tr.third-party{background:#fcd6c3}tr.family-record{background:#fff7bf}</style></head><body><main>")
            .Append("<h1>Subject access export</h1>")
            .Append(CultureInfo.InvariantCulture, $"<p>Everything Hearth holds about <strong>{E(person.GivenName)} {E(person.FamilyName)}</strong> (person {person.Id}), ")
            .Append(CultureInfo.InvariantCulture, $"and the records of the {families} family or families they belong or belonged to. Produced on {today.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))} by {E(actor.Name)}.</p>")
            .Append("<p>Each row is marked: <strong>about the person</strong>; <strong>family record</strong> (may mention other members: review for third-party details before release); ")
            .Append("<strong>third party — review before release</strong> (about someone else: redact unless they consent or it is reasonable to release). ")
            .Append("Each section is also a CSV file in this ZIP.</p>");
    }

    private static void WriteSection(StringBuilder html, string title, SubjectAccessSection section, IReadOnlyList<string> columns, IReadOnlyList<(Release Release, List<string?> Cells)> rows)
    {
        string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        html.Append(CultureInfo.InvariantCulture, $"<section><h2>{E(title)}</h2><p>{section.Rows} row(s): {section.AboutThePerson} about the person, ")
            .Append(CultureInfo.InvariantCulture, $"{section.FamilyRecords} family record(s), {section.ThirdParty} about third parties. File: {E(section.FileName)}.</p>");
        if (rows.Count == 0)
        {
            html.Append("<p>Nothing is held.</p></section>");
            return;
        }
        html.Append("<table><thead><tr><th>Release</th>");
        foreach (var c in columns)
        {
            html.Append("<th>").Append(E(c)).Append("</th>");
        }
        html.Append("</tr></thead><tbody>");
        foreach (var (release, cells) in rows)
        {
            var css = release switch { Release.ThirdParty => "third-party", Release.FamilyRecord => "family-record", _ => "subject" };
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"{css}\"><td>{E(PersonalDataMap.Label(release))}</td>");
            foreach (var cell in cells)
            {
                html.Append("<td>").Append(E(cell)).Append("</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table></section>");
    }
}
