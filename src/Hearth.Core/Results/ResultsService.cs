using Hearth.Core.Data;
using Hearth.Core.People;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Results;

/// <summary>A family (or a household not yet known to the service) that meets a framework's eligibility on a date.</summary>
public sealed record IdentifiedFamily(Guid? FamilyId, string? FamilyReference, string? HouseholdRef, IReadOnlyList<string> Members, bool Attached, EligibilityOutcome Eligibility)
{
    public bool Known => FamilyId is not null;
    public string Name => FamilyReference ?? (HouseholdRef is not null ? $"Household {HouseholdRef}" : Members.FirstOrDefault() ?? "");
}

/// <summary>An attached family's results as of a date, evaluated under the framework version it was attached under.</summary>
public sealed record FamilyResults(Guid AttachmentId, Guid FamilyId, string FamilyReference, string FrameworkCode, int FrameworkVersion, DateOnly AttachedOn, decimal AttachmentFee,
    IReadOnlyList<string> CriteriaMet, IReadOnlyList<ResultOutcome> Results, IReadOnlySet<string> Claimed)
{
    /// <summary>Results achieved, sustained, not claimed and not excluded by a result already claimed.</summary>
    public IEnumerable<ResultOutcome> Claimable(FrameworkDefinition f) => Results.Where(r => r.Claimable && !Claimed.Contains(r.Key)
        && !f.Result(r.Key)!.Excludes.Any(Claimed.Contains) && !f.Results.Any(o => Claimed.Contains(o.Key) && o.Excludes.Contains(r.Key)));
}

/// <summary>Identification, attachment and results evaluation.</summary>
public sealed class ResultsService(HearthDbContext db, FrameworkService frameworks)
{
    /// <summary>How far back identification reads evidence: a year of criteria plus three terms of attendance.</summary>
    private const int LookbackMonths = 24;

    public async Task<FrameworkDefinition> FrameworkAsync(string code, DateOnly on, CancellationToken ct) =>
        await frameworks.InEffectAsync(code, on, ct)
        ?? throw new ValidationFailedException("framework", $"The framework \"{code}\" has no version in effect on {on:yyyy-MM-dd}; frameworks: {string.Join(", ", ShippedFrameworks.All.Select(f => f.Code))}");

    /// <summary>
    /// The families meeting the framework's eligibility on a date, with the evidence that qualifies each, including people
    /// the service does not yet know (grouped by the sources' household reference).
    /// </summary>
    public async Task<IReadOnlyList<IdentifiedFamily>> IdentifyAsync(ActorContext actor, string frameworkCode, DateOnly on, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewResults);
        // Named evidence (offending, exclusions, benefits of named people) needs a case permission too: a service
        // manager, who sees results as counts, does not see it.
        actor.Demand(Permission.ViewFamilies);
        var framework = await FrameworkAsync(frameworkCode, on, ct);
        var from = on.AddMonths(-LookbackMonths);
        // The database picks the facts in the window and their subjects; only the per-family arithmetic runs here.
        var facts = await db.Set<EvidenceFact>().AsNoTracking()
            .Where(f => f.From <= on && (f.From >= from || f.To == null || f.To >= from))
            .ToListAsync(ct);
        var subjectIds = facts.Select(f => f.SubjectId).Distinct().ToList();
        var subjects = await db.Set<EvidenceSubject>().AsNoTracking().Where(s => subjectIds.Contains(s.Id)).ToListAsync(ct);
        var childIds = subjects.Select(s => s.CouncilChildId).OfType<string>().ToList();
        var upns = subjects.Select(s => s.Upn).OfType<string>().ToList();
        var nhs = subjects.Select(s => s.NhsNumber).OfType<string>().ToList();
        var linkedIds = subjects.Select(s => s.PersonId).OfType<Guid>().ToList();
        var people = await db.Set<Person>().AsNoTracking()
            .Where(p => p.MergedIntoId == null && (linkedIds.Contains(p.Id) || (p.CouncilChildId != null && childIds.Contains(p.CouncilChildId))
                || (p.Upn != null && upns.Contains(p.Upn)) || (p.NhsNumber != null && nhs.Contains(p.NhsNumber))))
            .Select(p => new { p.Id, p.FamilyId, p.GivenName, p.FamilyName, p.DateOfBirth, p.CouncilChildId, p.Upn, p.NhsNumber }).ToListAsync(ct);
        var familyIds = people.Select(p => p.FamilyId).OfType<Guid>().Distinct().ToList();
        var visible = await db.Set<Family>().InScope(actor).Where(f => familyIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.Reference, ct);
        var attached = (await db.Set<Attachment>().Where(a => a.FrameworkCode == frameworkCode && familyIds.Contains(a.FamilyId)).Select(a => a.FamilyId).ToListAsync(ct)).ToHashSet();

        var groups = new Dictionary<string, (Guid? FamilyId, string? Household, List<SubjectEvidence> Members)>();
        foreach (var s in subjects)
        {
            var person = people.FirstOrDefault(p => p.Id == s.PersonId)
                ?? people.FirstOrDefault(p => (s.CouncilChildId != null && p.CouncilChildId == s.CouncilChildId) || (s.Upn != null && p.Upn == s.Upn) || (s.NhsNumber != null && p.NhsNumber == s.NhsNumber));
            if (person?.FamilyId is { } fid && !visible.ContainsKey(fid))
            {
                continue;
            }
            var key = person?.FamilyId is { } f ? $"family:{f}" : s.HouseholdRef is { } h ? $"household:{h}" : $"subject:{s.Id}";
            if (!groups.TryGetValue(key, out var group))
            {
                group = (person?.FamilyId, person?.FamilyId is null ? s.HouseholdRef : null, []);
                groups[key] = group;
            }
            group.Members.Add(new SubjectEvidence(s.Id, person is null ? s.Label : $"{person.GivenName} {person.FamilyName}", person?.DateOfBirth ?? s.DateOfBirth,
                facts.Where(x => x.SubjectId == s.Id).ToList()));
        }
        var found = new List<IdentifiedFamily>();
        foreach (var (_, g) in groups)
        {
            var eligibility = ResultsEngine.Eligibility(framework, new FamilyEvidence(g.Members), on);
            if (eligibility.Eligible)
            {
                found.Add(new IdentifiedFamily(g.FamilyId, g.FamilyId is { } id ? visible[id] : null, g.Household, g.Members.Select(m => m.Label).ToList(),
                    g.FamilyId is { } a && attached.Contains(a), eligibility));
            }
        }
        // The list names people and their evidence: one access event for it, with the families it named (by id) and how
        // many households not yet known to the service.
        await db.RecordAccessAsync(actor, "ResultsIdentification", frameworkCode,
        [
            new Auditing.FieldChange("on", null, on.ToString("yyyy-MM-dd")),
            new Auditing.FieldChange("families", null, found.Count(f => f.FamilyId is not null).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Auditing.FieldChange("households", null, found.Count(f => f.FamilyId is null).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Auditing.FieldChange("familyIds", null, string.Join(" ", found.Select(f => f.FamilyId).OfType<Guid>())),
        ], ct);
        return found.OrderBy(f => f.Known).ThenBy(f => f.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Attaches a family to a framework on a date; it must be eligible that day. Recorded and audited.</summary>
    public async Task<Attachment> AttachAsync(ActorContext actor, Guid familyId, string frameworkCode, DateOnly attachedOn, CancellationToken ct = default)
    {
        actor.Demand(Permission.ManageClaims);
        await VisibleFamilyAsync(actor, familyId, ct);
        var v = new Validator();
        if (attachedOn > db.Today())
        {
            v.Add("AttachedOn", "The attachment date cannot be in the future");
        }
        var framework = await frameworks.InEffectAsync(frameworkCode, attachedOn, ct);
        if (framework is null)
        {
            v.Add("Framework", $"The framework \"{frameworkCode}\" has no version in effect on {attachedOn:yyyy-MM-dd}");
        }
        if (await db.Set<Attachment>().AnyAsync(a => a.FamilyId == familyId && a.FrameworkCode == frameworkCode, ct))
        {
            v.Add("Framework", "The family is already attached to this framework");
        }
        v.ThrowIfAny();
        var eligibility = ResultsEngine.Eligibility(framework!, await EvidenceService.LoadFamilyAsync(db, familyId, ct), attachedOn);
        if (!eligibility.Eligible)
        {
            var met = eligibility.Criteria.Where(c => c.Met).Select(c => c.Name).ToList();
            throw new ValidationFailedException("Framework",
                $"The family does not meet the eligibility of {framework!.Name} on {attachedOn:yyyy-MM-dd}: criteria met: {(met.Count == 0 ? "none" : string.Join(", ", met))}");
        }
        var attachment = new Attachment
        {
            FamilyId = familyId, FrameworkCode = frameworkCode, FrameworkVersion = framework!.Version, AttachedOn = attachedOn, AttachedBy = actor.Name,
            CriteriaMet = eligibility.Criteria.Where(c => c.Met).Select(c => c.Key).ToList(),
        };
        db.Add(attachment);
        await db.SaveChangesAsync(actor, ct);
        return attachment;
    }

    /// <summary>Every family attached to the framework on or before the date, with its results as of the date.</summary>
    public async Task<IReadOnlyList<FamilyResults>> EvaluateAsync(ActorContext actor, string frameworkCode, DateOnly asOf, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewResults);
        // Each family's results name its members' evidence: a case permission too (see EvidenceService.ForFamilyAsync).
        actor.Demand(Permission.ViewFamilies);
        return await EvaluateForCountsAsync(actor, frameworkCode, asOf, ct);
    }

    /// <summary>The same evaluation for figures that only count it (the finance page), open to anyone who sees results.</summary>
    internal async Task<IReadOnlyList<FamilyResults>> EvaluateForCountsAsync(ActorContext actor, string frameworkCode, DateOnly asOf, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewResults);
        var attachments = await db.Set<Attachment>().AsNoTracking()
            .Where(a => a.FrameworkCode == frameworkCode && a.AttachedOn <= asOf && db.Set<Family>().InScope(actor).Any(f => f.Id == a.FamilyId))
            .OrderBy(a => a.AttachedOn).ToListAsync(ct);
        return await EvaluateAttachmentsAsync(attachments, asOf, ct);
    }

    /// <summary>A family's attachments and results, for its record; the read is audited.</summary>
    public async Task<IReadOnlyList<FamilyResults>> ForFamilyAsync(ActorContext actor, Guid familyId, DateOnly asOf, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewResults);
        // Named evidence (offending, exclusions, benefits of named people) needs a case permission too: a service
        // manager, who sees results as counts, does not see it.
        actor.Demand(Permission.ViewFamilies);
        await VisibleFamilyAsync(actor, familyId, ct);
        await db.RecordReadAsync(actor, "FamilyResults", familyId, ct);
        var attachments = await db.Set<Attachment>().AsNoTracking().Where(a => a.FamilyId == familyId && a.AttachedOn <= asOf).OrderBy(a => a.AttachedOn).ToListAsync(ct);
        return await EvaluateAttachmentsAsync(attachments, asOf, ct);
    }

    internal async Task<IReadOnlyList<FamilyResults>> EvaluateAttachmentsAsync(IReadOnlyList<Attachment> attachments, DateOnly asOf, CancellationToken ct)
    {
        var ids = attachments.Select(a => a.Id).ToList();
        var claimed = (await db.Set<ClaimLine>().Where(l => l.ClaimKey != null && ids.Contains(l.AttachmentId)).Select(l => new { l.AttachmentId, l.ResultKey }).ToListAsync(ct))
            .ToLookup(l => l.AttachmentId, l => l.ResultKey);
        var familyIds = attachments.Select(a => a.FamilyId).Distinct().ToList();
        var references = await db.Set<Family>().Where(f => familyIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.Reference, ct);
        var list = new List<FamilyResults>();
        foreach (var a in attachments)
        {
            // The version the family was attached under: a later change of rules does not alter its results.
            var framework = await frameworks.VersionAsync(a.FrameworkCode, a.FrameworkVersion, ct)
                ?? throw new InvalidOperationException($"Framework {a.FrameworkCode} version {a.FrameworkVersion} is missing.");
            var evidence = await EvidenceService.LoadFamilyAsync(db, a.FamilyId, ct);
            var criteria = a.CriteriaMet.ToHashSet();
            var results = framework.Results.Select(r => ResultsEngine.Result(framework, r, evidence, a.AttachedOn, criteria, asOf)).ToList();
            list.Add(new FamilyResults(a.Id, a.FamilyId, references[a.FamilyId], a.FrameworkCode, a.FrameworkVersion, a.AttachedOn, ResultsEngine.AttachmentFee(framework, a.AttachedOn),
                a.CriteriaMet, results, claimed[a.Id].ToHashSet()));
        }
        return list;
    }

    private async Task VisibleFamilyAsync(ActorContext actor, Guid familyId, CancellationToken ct)
    {
        if (!await db.Set<Family>().InScope(actor).AnyAsync(f => f.Id == familyId, ct))
        {
            throw new AccessDeniedException("That family does not exist or is not in your teams.");
        }
    }
}
