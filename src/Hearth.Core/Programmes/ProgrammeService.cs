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
        actor.Demand(Permission.Administer);
        var v = new Validator()
            .Require("Code", code, "Enter the programme identifier")
            .Require("Name", name, "Enter the programme name")
            .MaxLength("Code", code, 50, "Programme identifier")
            .MaxLength("Name", name, 200, "Programme name");
        foreach (var problem in definition.Problems())
        {
            v.Add("Definition", problem);
        }
        var latest = await db.Set<ProgrammeVersion>().AsNoTracking().Where(p => p.Code == code.Trim())
            .OrderByDescending(p => p.Number).FirstOrDefaultAsync(ct);
        if (latest is not null && effectiveFrom < latest.EffectiveFrom)
        {
            v.Add("EffectiveFrom", $"A new version must take effect on or after {latest.EffectiveFrom:yyyy-MM-dd}, when version {latest.Number} did");
        }
        v.ThrowIfAny();
        var version = new ProgrammeVersion
        {
            Code = code.Trim(),
            Name = name.Trim(),
            Number = (latest?.Number ?? 0) + 1,
            EffectiveFrom = effectiveFrom,
            DefinitionJson = definition.ToJson(),
        };
        db.Add(version);
        await db.SaveChangesAsync(actor, ct);
        return version;
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

    public async Task<bool> ExistsAsync(string code, CancellationToken ct = default) =>
        await db.Set<ProgrammeVersion>().AnyAsync(p => p.Code == code, ct);
}
