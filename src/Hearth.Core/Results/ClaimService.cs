using System.Globalization;
using System.Text;
using Hearth.Core.Data;
using Hearth.Core.People;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Results;

public sealed record NewClaimWindow(string FrameworkCode, string Name, DateOnly OpensOn, DateOnly ClosesOn);

public sealed record AuditChecklist(bool EvidenceSeen, bool EligibilityConfirmed, bool ResultConfirmed, string? Note);

/// <summary>A claim line with its family's reference, for pages and exports.</summary>
public sealed record ClaimLineView(ClaimLine Line, string FamilyReference, DateOnly AttachedOn);

public sealed record ClaimBatchView(ClaimBatch Batch, IReadOnlyList<ClaimLineView> Lines)
{
    public decimal Total => Lines.Sum(l => l.Line.Amount);
}

/// <summary>One family's page of an evidence pack: what was claimed, the arithmetic, and every fact behind it.</summary>
public sealed record EvidencePackFamily(string FamilyReference, IReadOnlyList<ClaimLine> Lines, IReadOnlyList<EvidenceView> Evidence);

/// <summary>
/// Claim windows and batches: a batch lists the families with achieved, sustained, unclaimed results and the amounts;
/// it moves draft -> checked -> submitted -> paid (or rejected) with who and when; a share of it is drawn at random, with a
/// recorded seed, for internal audit. A result is claimed at most once: the service refuses it and a unique index on
/// <see cref="ClaimLine.ClaimKey"/> makes the database refuse it too.
/// </summary>
public sealed class ClaimService(HearthDbContext db, ResultsService results, FrameworkService frameworks)
{
    public const int DefaultAuditSharePercent = 10;

    public async Task<ClaimWindow> CreateWindowAsync(ActorContext actor, NewClaimWindow input, CancellationToken ct = default)
    {
        actor.Demand(Permission.ManageClaims);
        var v = new Validator()
            .Require("Name", input.Name, "Enter the window's name, e.g. \"April 2026 claims\"")
            .MaxLength("Name", input.Name, 200, "The window's name");
        if (ShippedFrameworks.All.All(f => f.Code != input.FrameworkCode))
        {
            v.Add("FrameworkCode", $"Choose a framework: {string.Join(", ", ShippedFrameworks.All.Select(f => f.Code))}");
        }
        if (input.ClosesOn < input.OpensOn)
        {
            v.Add("ClosesOn", "The window must close on or after the day it opens");
        }
        v.ThrowIfAny();
        var window = new ClaimWindow { FrameworkCode = input.FrameworkCode, Name = input.Name.Trim(), OpensOn = input.OpensOn, ClosesOn = input.ClosesOn };
        db.Add(window);
        await db.SaveChangesAsync(actor, ct);
        return window;
    }

    public async Task<IReadOnlyList<ClaimWindow>> WindowsAsync(ActorContext actor, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewResults);
        return await db.Set<ClaimWindow>().AsNoTracking().OrderByDescending(w => w.OpensOn).ToListAsync(ct);
    }

    /// <summary>Builds a draft batch of every achieved, sustained and unclaimed result as of the date, and draws the audit sample.</summary>
    public async Task<ClaimBatch> CreateBatchAsync(ActorContext actor, Guid windowId, DateOnly asOf, int auditSharePercent = DefaultAuditSharePercent, int? seed = null, CancellationToken ct = default)
    {
        actor.Demand(Permission.ManageClaims);
        var window = await db.Set<ClaimWindow>().AsNoTracking().SingleOrDefaultAsync(w => w.Id == windowId, ct)
            ?? throw new ValidationFailedException("WindowId", "Choose a claim window");
        var v = new Validator();
        if (asOf < window.OpensOn || asOf > window.ClosesOn)
        {
            v.Add("AsOf", $"The date must be within the window, {window.OpensOn:yyyy-MM-dd} to {window.ClosesOn:yyyy-MM-dd}");
        }
        if (asOf > db.Today())
        {
            v.Add("AsOf", "Results cannot be evaluated as of a future date");
        }
        if (auditSharePercent is < 0 or > 100)
        {
            v.Add("AuditSharePercent", "The audit share must be between 0 and 100 percent");
        }
        v.ThrowIfAny();

        var batch = new ClaimBatch
        {
            WindowId = window.Id, FrameworkCode = window.FrameworkCode, AsOf = asOf, Status = ClaimStatus.Draft, CreatedBy = actor.Name, CreatedAt = db.Time.GetUtcNow(),
            AuditSharePercent = auditSharePercent, AuditSeed = seed ?? Random.Shared.Next(),
        };
        foreach (var family in await results.EvaluateAsync(actor, window.FrameworkCode, asOf, ct))
        {
            var framework = await frameworks.VersionAsync(family.FrameworkCode, family.FrameworkVersion, ct);
            var taken = family.Claimed.ToHashSet();
            foreach (var r in family.Claimable(framework!))
            {
                // Results that exclude each other (phase 1's employment result replaces the others): the first in the framework's order is claimed.
                var definition = framework!.Result(r.Key)!;
                if (definition.Excludes.Any(taken.Contains) || framework.Results.Any(o => taken.Contains(o.Key) && o.Excludes.Contains(r.Key)))
                {
                    continue;
                }
                taken.Add(r.Key);
                batch.Lines.Add(new ClaimLine
                {
                    BatchId = batch.Id, AttachmentId = family.AttachmentId, FamilyId = family.FamilyId, ResultKey = r.Key, FrameworkVersion = family.FrameworkVersion,
                    Amount = r.Amount, AchievedSince = r.AchievedSince!.Value, ClaimableFrom = r.ClaimableFrom!.Value,
                    Computation = string.Join("\n", r.Rules.Select(x => x.Computation)), ClaimKey = ClaimLine.KeyFor(family.AttachmentId, r.Key),
                });
            }
        }
        if (batch.Lines.Count == 0)
        {
            throw new ValidationFailedException("AsOf", $"No attached family has an achieved, sustained and unclaimed result as of {asOf:yyyy-MM-dd}");
        }
        var ordered = batch.Lines.OrderBy(l => l.FamilyId).ThenBy(l => l.ResultKey, StringComparer.Ordinal).ToList();
        foreach (var i in DrawSample(ordered.Count, auditSharePercent, batch.AuditSeed))
        {
            ordered[i].InAuditSample = true;
        }
        db.Add(batch);
        await db.SaveChangesAsync(actor, ct);
        return batch;
    }

    /// <summary>The positions drawn for audit: ceiling(share of count), by a seeded shuffle, so the same seed draws the same lines.</summary>
    public static IReadOnlySet<int> DrawSample(int count, int sharePercent, int seed)
    {
        var take = (int)Math.Ceiling(count * sharePercent / 100m);
        var positions = Enumerable.Range(0, count).ToArray();
        var random = new Random(seed);
        for (var i = positions.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (positions[i], positions[j]) = (positions[j], positions[i]);
        }
        return positions.Take(take).ToHashSet();
    }

    public async Task<ClaimLine> RecordAuditAsync(ActorContext actor, Guid lineId, int version, AuditChecklist checklist, CancellationToken ct = default)
    {
        actor.Demand(Permission.ManageClaims);
        var line = await db.Set<ClaimLine>().SingleOrDefaultAsync(l => l.Id == lineId, ct) ?? throw new ValidationFailedException("LineId", "There is no such claim line");
        var batch = await db.Set<ClaimBatch>().AsNoTracking().SingleAsync(b => b.Id == line.BatchId, ct);
        var v = new Validator().MaxLength("Note", checklist.Note, 2000, "The audit note");
        if (!line.InAuditSample)
        {
            v.Add("LineId", "This line was not drawn for audit");
        }
        if (batch.Status != ClaimStatus.Draft)
        {
            v.Add("LineId", $"The batch is {batch.Status.ToString().ToLowerInvariant()}: audits are recorded while it is a draft");
        }
        v.ThrowIfAny();
        line.Version = version;
        line.EvidenceSeen = checklist.EvidenceSeen;
        line.EligibilityConfirmed = checklist.EligibilityConfirmed;
        line.ResultConfirmed = checklist.ResultConfirmed;
        line.AuditNote = string.IsNullOrWhiteSpace(checklist.Note) ? null : checklist.Note.Trim();
        line.AuditedBy = actor.Name;
        line.AuditedAt = db.Time.GetUtcNow();
        await db.SaveChangesAsync(actor, ct);
        return line;
    }

    /// <summary>Moves a batch on: draft -> checked (every sampled line audited and passed) -> submitted -> paid; or rejected, which frees its results to be claimed again.</summary>
    public async Task<ClaimBatch> MoveAsync(ActorContext actor, Guid batchId, int version, ClaimStatus to, string? reason = null, CancellationToken ct = default)
    {
        actor.Demand(Permission.ManageClaims);
        var batch = await db.Set<ClaimBatch>().Include(b => b.Lines).SingleOrDefaultAsync(b => b.Id == batchId, ct)
            ?? throw new ValidationFailedException("BatchId", "There is no such claim batch");
        // The version the caller read, set as the house does (HearthDbContext keeps it as the original to check): setting
        // the original value here was overwritten by the save, so a stale move went through.
        batch.Version = version;
        var v = new Validator();
        var allowed = (batch.Status, to) switch
        {
            (ClaimStatus.Draft, ClaimStatus.Checked) => true,
            (ClaimStatus.Checked, ClaimStatus.Submitted) => true,
            (ClaimStatus.Submitted, ClaimStatus.Paid) => true,
            (ClaimStatus.Draft or ClaimStatus.Checked or ClaimStatus.Submitted, ClaimStatus.Rejected) => true,
            _ => false,
        };
        if (!allowed)
        {
            v.Add("Status", $"A {batch.Status.ToString().ToLowerInvariant()} batch cannot be marked {to.ToString().ToLowerInvariant()}");
        }
        if (allowed && to == ClaimStatus.Checked)
        {
            var unaudited = batch.Lines.Count(l => l.InAuditSample && l.AuditedAt is null);
            var failed = batch.Lines.Count(l => l.InAuditSample && l.AuditedAt is not null && !l.AuditPassed);
            if (unaudited > 0)
            {
                v.Add("Status", $"{unaudited} line(s) drawn for audit have not been audited");
            }
            if (failed > 0)
            {
                v.Add("Status", $"{failed} audited line(s) did not pass the checklist: reject the batch or rebuild it");
            }
        }
        if (to == ClaimStatus.Rejected && string.IsNullOrWhiteSpace(reason))
        {
            v.Add("Reason", "Give the reason the batch was rejected");
        }
        v.ThrowIfAny();
        var now = db.Time.GetUtcNow();
        switch (to)
        {
            case ClaimStatus.Checked:
                (batch.CheckedBy, batch.CheckedAt) = (actor.Name, now);
                break;
            case ClaimStatus.Submitted:
                (batch.SubmittedBy, batch.SubmittedAt) = (actor.Name, now);
                break;
            case ClaimStatus.Paid:
                (batch.PaidBy, batch.PaidAt) = (actor.Name, now);
                break;
            case ClaimStatus.Rejected:
                (batch.RejectedBy, batch.RejectedAt, batch.RejectionReason) = (actor.Name, now, reason!.Trim());
                foreach (var line in batch.Lines)
                {
                    line.ClaimKey = null;
                }
                break;
        }
        batch.Status = to;
        await db.SaveChangesAsync(actor.WithReason(reason), ct);
        return batch;
    }

    public async Task<IReadOnlyList<ClaimBatch>> BatchesAsync(ActorContext actor, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewResults);
        return await db.Set<ClaimBatch>().AsNoTracking().Include(b => b.Window).Include(b => b.Lines).OrderByDescending(b => b.CreatedAt).ToListAsync(ct);
    }

    public async Task<ClaimBatchView> BatchAsync(ActorContext actor, Guid batchId, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewResults);
        var batch = await db.Set<ClaimBatch>().AsNoTracking().Include(b => b.Window).Include(b => b.Lines).SingleOrDefaultAsync(b => b.Id == batchId, ct)
            ?? throw new AccessDeniedException("That claim batch does not exist.");
        var familyIds = batch.Lines.Select(l => l.FamilyId).Distinct().ToList();
        var references = await db.Set<Family>().Where(f => familyIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.Reference, ct);
        var attachmentIds = batch.Lines.Select(l => l.AttachmentId).ToList();
        var attachedOn = await db.Set<Attachment>().Where(a => attachmentIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.AttachedOn, ct);
        return new ClaimBatchView(batch, batch.Lines.OrderBy(l => references[l.FamilyId], StringComparer.Ordinal).ThenBy(l => l.ResultKey, StringComparer.Ordinal)
            .Select(l => new ClaimLineView(l, references[l.FamilyId], attachedOn[l.AttachmentId])).ToList());
    }

    public static readonly IReadOnlyList<string> ExportColumns =
        ["family_ref", "framework", "framework_version", "result", "attached_on", "achieved_since", "claimable_from", "amount", "audit_sample"];

    /// <summary>The batch as the return's CSV: one row per family and result.</summary>
    public static string ExportCsv(ClaimBatchView view) => Exports.ExportCsv.ToText(csv =>
    {
        csv.Row(ExportColumns);
        foreach (var l in view.Lines)
        {
            csv.Text(l.FamilyReference).Text(view.Batch.FrameworkCode).Number(l.Line.FrameworkVersion).Text(l.Line.ResultKey)
                .Date(l.AttachedOn).Date(l.Line.AchievedSince).Date(l.Line.ClaimableFrom).Number(l.Line.Amount, "0.00").Text(l.Line.InAuditSample ? "yes" : "no")
                .EndRow();
        }
    });

    /// <summary>Family by family, the claim and the evidence behind it, for auditors. Each family's evidence read is audited.</summary>
    public async Task<IReadOnlyList<EvidencePackFamily>> EvidencePackAsync(ActorContext actor, Guid batchId, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies); // named evidence: see ResultsService
        var view = await BatchAsync(actor, batchId, ct);
        var pack = new List<EvidencePackFamily>();
        foreach (var family in view.Lines.GroupBy(l => (l.Line.FamilyId, l.FamilyReference)))
        {
            await db.RecordReadAsync(actor, "FamilyEvidence", family.Key.FamilyId, ct);
            var evidence = await EvidenceService.LoadFamilyAsync(db, family.Key.FamilyId, ct);
            pack.Add(new EvidencePackFamily(family.Key.FamilyReference, family.Select(l => l.Line).ToList(),
                evidence.All.OrderBy(x => x.Fact.From).Select(x => EvidenceService.View(x.Member.Label, x.Fact)).ToList()));
        }
        return pack;
    }
}
