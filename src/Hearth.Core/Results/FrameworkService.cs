using Hearth.Core.Data;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Results;

/// <summary>
/// The versions of each framework: version 1 is the shipped definition (embedded JSON); a council's own thresholds and
/// descriptors are published as later versions. There is deliberately no method that edits a published version.
/// </summary>
public sealed class FrameworkService(HearthDbContext db)
{
    public async Task<IReadOnlyList<FrameworkDefinition>> VersionsAsync(string code, CancellationToken ct = default)
    {
        var published = await db.Set<FrameworkVersion>().AsNoTracking().Where(v => v.Code == code).OrderBy(v => v.Number).ToListAsync(ct);
        return ShippedFrameworks.All.Where(f => f.Code == code).Concat(published.Select(p => p.Definition with { Version = p.Number, EffectiveFrom = p.EffectiveFrom })).ToList();
    }

    /// <summary>Every framework's latest version.</summary>
    public async Task<IReadOnlyList<FrameworkDefinition>> LatestAsync(CancellationToken ct = default)
    {
        var list = new List<FrameworkDefinition>();
        foreach (var code in ShippedFrameworks.All.Select(f => f.Code).Distinct())
        {
            list.Add((await VersionsAsync(code, ct))[^1]);
        }
        return list;
    }

    /// <summary>The version in effect on a date: the highest-numbered one effective on or before it.</summary>
    public async Task<FrameworkDefinition?> InEffectAsync(string code, DateOnly on, CancellationToken ct = default) =>
        (await VersionsAsync(code, ct)).Where(v => v.EffectiveFrom <= on).OrderByDescending(v => v.Version).FirstOrDefault();

    public async Task<FrameworkDefinition?> VersionAsync(string code, int number, CancellationToken ct = default) =>
        (await VersionsAsync(code, ct)).FirstOrDefault(v => v.Version == number);

    /// <summary>Publishes a new version (e.g. the council's Family Outcomes Plan thresholds); earlier attachments keep theirs.</summary>
    public async Task<FrameworkDefinition> PublishAsync(ActorContext actor, FrameworkDefinition definition, DateOnly effectiveFrom, CancellationToken ct = default)
    {
        actor.Demand(Permission.ManageClaims);
        var v = new Validator();
        var versions = await VersionsAsync(definition.Code, ct);
        if (versions.Count == 0)
        {
            v.Add("Code", $"There is no framework \"{definition.Code}\"; use one of: {string.Join(", ", ShippedFrameworks.All.Select(f => f.Code))}");
        }
        if (string.IsNullOrWhiteSpace(definition.Changes))
        {
            v.Add("Changes", "Say what this version changes from the one before, for example \"Our Family Outcomes Plan: 20% unauthorised absence\"");
        }
        else if (definition.Changes.Length > 2000)
        {
            v.Add("Changes", "What changed must be 2000 characters or fewer");
        }
        if (string.IsNullOrWhiteSpace(definition.Source))
        {
            v.Add("Source", "Cite the source of this version's rules, for example the council's Family Outcomes Plan and its date");
        }
        foreach (var problem in definition.Problems())
        {
            v.Add("Definition", problem);
        }
        if (versions.Count > 0 && effectiveFrom < versions[^1].EffectiveFrom)
        {
            v.Add("EffectiveFrom", $"A new version must take effect on or after {versions[^1].EffectiveFrom:yyyy-MM-dd}, when version {versions[^1].Version} did");
        }
        v.ThrowIfAny();
        var number = versions[^1].Version + 1;
        var stored = definition with { Version = number, EffectiveFrom = effectiveFrom };
        db.Add(new FrameworkVersion { Code = definition.Code, Name = definition.Name, Number = number, EffectiveFrom = effectiveFrom, DefinitionJson = stored.ToJson() });
        await db.SaveChangesAsync(actor, ct);
        return stored;
    }
}
