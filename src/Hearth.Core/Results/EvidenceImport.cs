using Hearth.Core.Data;
using Hearth.Core.Imports;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Results;

/// <summary>One row of the evidence CSV (docs/results.md); <see cref="Row"/> is the line in the file (the header is row 1).</summary>
public sealed record EvidenceRow(int Row, EvidenceInput Input);

/// <summary>What an evidence import did (or, for a dry run or a refused file, would have done), row by row.</summary>
public sealed record EvidenceImportResult(int Rows, int FactsCreated, int FactsUnchanged, int SubjectsCreated, int LinkedToKnownPeople, IReadOnlyList<ImportError> Errors, IReadOnlyList<string> RowReport, bool Written)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Imports evidence from schools, police, DWP and others, one fact a row. The whole file is validated first; any error
/// refuses it whole. A fact whose source and evidence_ref Hearth already holds is left as it is, so a re-import changes
/// nothing. People are matched by council child ID, UPN or NHS number; evidence about people not yet known is kept
/// against their identifiers (and household) so that identification can find them.
/// </summary>
public sealed class EvidenceImport(HearthDbContext db)
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "source", "evidence_ref", "kind", "from", "to", "council_child_id", "upn", "nhs_number", "household_ref", "date_of_birth",
        "sessions_possible", "authorised_absences", "unauthorised_absences", "hours_per_week", "code",
    ];

    /// <summary>Reads the CSV. Header problems are returned as errors on row 1 and no rows.</summary>
    public static (IReadOnlyList<EvidenceRow> Rows, IReadOnlyList<ImportError> Errors) Read(TextReader reader)
    {
        var (rows, errors) = CsvImportReader.Read(reader, Columns, "docs/results.md");
        return (rows.Select(r => { var v = r.Values; return new EvidenceRow(r.Row, new EvidenceInput(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14])); }).ToList(), errors);
    }

    public async Task<EvidenceImportResult> ImportAsync(ActorContext actor, string fileName, IReadOnlyList<EvidenceRow> rows, bool dryRun = false, CancellationToken ct = default)
    {
        actor.Demand(Permission.ManageClaims);
        var today = db.Today();
        var errors = new List<ImportError>();
        var parsed = new List<(EvidenceRow Row, ParsedEvidence Fact)>();
        foreach (var row in rows)
        {
            if (EvidenceService.Parse(EvidenceService.Trim(row.Input), today, (c, m) => errors.Add(new ImportError(row.Row, c, m))) is { } p)
            {
                parsed.Add((row, p));
            }
        }
        // Within the file: one fact per source reference, and one birth date per person.
        foreach (var g in rows.Where(r => r.Input.SourceRef.Length > 0).GroupBy(r => (r.Input.Source.Trim().ToLowerInvariant(), r.Input.SourceRef.Trim())).Where(g => g.Count() > 1))
        {
            foreach (var r in g.Skip(1))
            {
                errors.Add(new ImportError(r.Row, "evidence_ref", $"{r.Input.Source.Trim()} reference {r.Input.SourceRef.Trim()} appears more than once (first on row {g.First().Row})"));
            }
        }
        var births = new Dictionary<string, (DateOnly Date, int Row)>(StringComparer.Ordinal);
        foreach (var (row, p) in parsed.Where(p => p.Fact.DateOfBirth is not null))
        {
            var key = p.CouncilChildId ?? p.Upn ?? p.NhsNumber!;
            if (births.TryGetValue(key, out var seen) && seen.Date != p.DateOfBirth!.Value)
            {
                errors.Add(new ImportError(row.Row, "date_of_birth", $"{key} has birth date {p.DateOfBirth:yyyy-MM-dd} here but {seen.Date:yyyy-MM-dd} on row {seen.Row}"));
            }
            else
            {
                births.TryAdd(key, (p.DateOfBirth!.Value, row.Row));
            }
        }
        if (errors.Count > 0)
        {
            var order = Columns.ToList();
            return new EvidenceImportResult(rows.Count, 0, 0, 0, 0, errors.OrderBy(e => e.Row).ThenBy(e => order.IndexOf(e.Column)).ToList(), [], false);
        }

        await using var tx = await UnitOfWork.BeginAsync(db, ct);
        var committed = false;
        try
        {
            var sources = parsed.Select(p => p.Fact.Input.Source).Distinct().ToList();
            var refs = parsed.Select(p => p.Fact.Input.SourceRef).Distinct().ToList();
            var existing = (await db.Set<EvidenceFact>().Where(f => sources.Contains(f.Source) && refs.Contains(f.SourceRef))
                .Select(f => new { f.Source, f.SourceRef }).ToListAsync(ct)).Select(f => (f.Source.ToLowerInvariant(), f.SourceRef)).ToHashSet();
            var run = new EvidenceImportRun { FileName = fileName, ImportedAt = db.Time.GetUtcNow(), ImportedBy = actor.Name, Rows = rows.Count };
            db.Add(run);
            var subjects = new SubjectMatcher(db);
            await subjects.LoadAsync(parsed.Select(p => p.Fact).ToList(), ct);
            var report = new List<string>();
            int created = 0, unchanged = 0;
            var linked = new HashSet<Guid>();
            foreach (var (row, p) in parsed)
            {
                if (existing.Contains((p.Input.Source.ToLowerInvariant(), p.Input.SourceRef)))
                {
                    unchanged++;
                    report.Add($"row {row.Row}: {p.Input.Source} {p.Input.SourceRef} already present, left unchanged");
                    continue;
                }
                var subject = subjects.For(p);
                db.Add(EvidenceService.NewFact(p, subject, run.Id, actor.Name));
                created++;
                if (subject.PersonId is not null)
                {
                    linked.Add(subject.Id);
                }
                report.Add($"row {row.Row}: {p.Input.Source} {p.Input.SourceRef} added ({p.Input.Kind} for {subject.Label}{(subject.PersonId is null ? ", not yet known to the service" : "")})");
            }
            run.FactsCreated = created;
            run.FactsUnchanged = unchanged;
            await db.SaveChangesAsync(actor, ct);
            if (dryRun)
            {
                await tx.RollbackAsync(ct);
            }
            else
            {
                await tx.CommitAsync(ct);
                committed = true;
            }
            return new EvidenceImportResult(rows.Count, created, unchanged, subjects.Created, linked.Count, [], report, !dryRun);
        }
        finally
        {
            if (!committed)
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
