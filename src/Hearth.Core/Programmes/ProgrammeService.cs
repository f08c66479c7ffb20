using Hearth.Core.Data;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Programmes;

/// <summary>Publishes and reads programme versions. There is deliberately no method that edits a published version.</summary>
public sealed class ProgrammeService(HearthDbContext db)
{
    /// <summary>Publishes a new version of a programme; earlier versions stay as they were for the episodes that use them.</summary>
    public async Task<ProgrammeVersion> PublishAsync(ActorContext actor, string code, string name, ProgrammeDefinition definition, DateOnly effectiveFrom, CancellationToken ct = default)
    {
        var (version, _) = await PrepareAsync(actor, code, name, definition, effectiveFrom, ct);
        db.Add(version);
        await db.SaveChangesAsync(actor, ct);
        return version;
    }

    /// <summary>What publishing would change, validated as publishing is, without publishing: the CLI's and API's dry run.</summary>
    public async Task<ProgrammePreview> PreviewAsync(ActorContext actor, string code, string name, ProgrammeDefinition definition, DateOnly effectiveFrom, CancellationToken ct = default)
    {
        var (version, latest) = await PrepareAsync(actor, code, name, definition, effectiveFrom, ct);
        return new ProgrammePreview(version.Code, version.Number, effectiveFrom, latest?.Number,
            latest is null ? [] : ProgrammeChanges.Compare(latest.Name, latest.Definition, version.Name, definition));
    }

    /// <summary>
    /// Checks a new version and builds it, unsaved: the number after the latest, taking effect no earlier than it did
    /// (so the version in effect on any past date never changes). Also returns the latest version, or null for a new programme.
    /// </summary>
    internal async Task<(ProgrammeVersion Version, ProgrammeVersion? Latest)> PrepareAsync(ActorContext actor, string code, string name, ProgrammeDefinition definition, DateOnly? effectiveFrom, CancellationToken ct)
    {
        actor.Demand(Permission.Administer);
        code = (code ?? "").Trim();
        var v = new Validator()
            .Require("Code", code, "Enter the programme identifier")
            .Require("Name", name, "Enter the programme name")
            .MaxLength("Code", code, 50, "Programme identifier")
            .MaxLength("Name", name, 200, "Programme name");
        foreach (var problem in definition.Problems())
        {
            v.Add("Definition", problem);
        }
        var latest = await LatestAsync(code, ct);
        if (effectiveFrom is null)
        {
            v.Add("EffectiveFrom", "Enter the date the new version takes effect");
        }
        else if (latest is not null && effectiveFrom < latest.EffectiveFrom)
        {
            v.Add("EffectiveFrom", $"A new version must take effect on or after {latest.EffectiveFrom:d MMMM yyyy}, when version {latest.Number} did");
        }
        v.ThrowIfAny();
        return (new ProgrammeVersion
        {
            Code = code,
            Name = name.Trim(),
            Number = (latest?.Number ?? 0) + 1,
            EffectiveFrom = effectiveFrom!.Value,
            DefinitionJson = definition.ToJson(),
        }, latest);
    }

    /// <summary>The highest-numbered version of a programme, whether or not it has taken effect yet.</summary>
    public async Task<ProgrammeVersion?> LatestAsync(string code, CancellationToken ct = default) =>
        await db.Set<ProgrammeVersion>().AsNoTracking().Where(p => p.Code == code).OrderByDescending(p => p.Number).FirstOrDefaultAsync(ct);

    public async Task<ProgrammeVersion?> VersionAsync(string code, int number, CancellationToken ct = default) =>
        await db.Set<ProgrammeVersion>().AsNoTracking().SingleOrDefaultAsync(p => p.Code == code && p.Number == number, ct);

    /// <summary>Every programme with its latest version, the one in effect today, and whether a draft is being edited.</summary>
    public async Task<IReadOnlyList<ProgrammeSummary>> ListAsync(CancellationToken ct = default)
    {
        var today = db.Today();
        var versions = await db.Set<ProgrammeVersion>().AsNoTracking()
            .Select(p => new { p.Code, p.Name, p.Number, p.EffectiveFrom }).ToListAsync(ct);
        var drafts = await db.Set<ProgrammeDraft>().AsNoTracking().Select(d => d.Code).ToListAsync(ct);
        return versions.GroupBy(v => v.Code).Select(g =>
        {
            var latest = g.MaxBy(v => v.Number)!;
            var inEffect = g.Where(v => v.EffectiveFrom <= today).MaxBy(v => v.Number);
            return new ProgrammeSummary(g.Key, latest.Name, latest.Number, latest.EffectiveFrom, inEffect?.Number, drafts.Contains(g.Key));
        }).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Adds version 1 of every shipped programme that is not yet in the database. Safe to call repeatedly.</summary>
    public async Task EnsureShippedAsync(ActorContext actor, CancellationToken ct = default)
    {
        actor.Demand(Permission.Administer);
        var present = await db.Set<ProgrammeVersion>().Select(p => p.Code).Distinct().ToListAsync(ct);
        var added = false;
        foreach (var (code, name, definition) in ShippedProgrammes.All.Where(p => !present.Contains(p.Code)))
        {
            db.Add(new ProgrammeVersion { Code = code, Name = name, Number = 1, EffectiveFrom = ShippedProgrammes.EffectiveFrom, DefinitionJson = definition.ToJson() });
            added = true;
        }
        if (added)
        {
            await db.SaveChangesAsync(actor, ct);
        }
    }

    /// <summary>The version of a programme in effect on a date: the highest-numbered one effective on or before it.</summary>
    public async Task<ProgrammeVersion?> InEffectAsync(string code, DateOnly on, CancellationToken ct = default) =>
        await db.Set<ProgrammeVersion>().AsNoTracking()
            .Where(p => p.Code == code && p.EffectiveFrom <= on)
            .OrderByDescending(p => p.Number)
            .FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<ProgrammeVersion>> HistoryAsync(string code, CancellationToken ct = default) =>
        await db.Set<ProgrammeVersion>().AsNoTracking().Where(p => p.Code == code).OrderBy(p => p.Number).ToListAsync(ct);
}

public sealed record ProgrammeSummary(string Code, string Name, int LatestNumber, DateOnly LatestEffectiveFrom, int? InEffectNumber, bool HasDraft);

/// <summary>What publishing would do: the number it would get, and its changes from the latest version (none for a new programme).</summary>
public sealed record ProgrammePreview(string Code, int Number, DateOnly EffectiveFrom, int? ComparedWithNumber, IReadOnlyList<ProgrammeChange> Changes);
