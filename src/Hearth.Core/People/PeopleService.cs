using Hearth.Core.Casework;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Measures;
using Hearth.Core.Referrals;
using Hearth.Core.Results;
using Hearth.Core.Security;
using Hearth.Core.Statutory;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.People;

public sealed record NewFamily(string Reference, Guid TeamId, string? Patch = null);

/// <summary>A person to add to a family; <see cref="PersonDetailsService"/> corrects them afterwards.</summary>
public sealed record NewPerson(Guid FamilyId, string GivenName, string FamilyName, DateOnly? DateOfBirth)
{
    public string? KnownAs { get; init; }
    public DateOnly? ExpectedDateOfBirth { get; init; }
    public Sex Sex { get; init; }
    public string? GenderIdentity { get; init; }
    public string? EthnicityCode { get; init; }
    public IReadOnlyList<string> DisabilityCodes { get; init; } = [];
    public string? FirstLanguage { get; init; }
    public string? CouncilChildId { get; init; }
    public string? Upn { get; init; }
    public string? FormerUpn { get; init; }
    public string? NhsNumber { get; init; }
    public string? Postcode { get; init; }
    public Relationship Relationship { get; init; } = Relationship.Child;
    /// <summary>When the person joined the household; today when not given.</summary>
    public DateOnly? MemberFrom { get; init; }
    /// <summary>The user has seen the possible duplicates and says this is a different person.</summary>
    public bool NotADuplicate { get; init; }

    public PersonDetails Details => new()
    {
        GivenName = GivenName, FamilyName = FamilyName, KnownAs = KnownAs, DateOfBirth = DateOfBirth, ExpectedDateOfBirth = ExpectedDateOfBirth, Sex = Sex,
        GenderIdentity = GenderIdentity, EthnicityCode = EthnicityCode, DisabilityCodes = DisabilityCodes, FirstLanguage = FirstLanguage,
        CouncilChildId = CouncilChildId, Upn = Upn, FormerUpn = FormerUpn, NhsNumber = NhsNumber, Postcode = Postcode,
    };
}

public sealed record DuplicateCandidate(Guid PersonId, string GivenName, string FamilyName, DateOnly? DateOfBirth, Guid? FamilyId, string Reason);

/// <summary>Adding the person might create a duplicate record; the candidates are offered instead.</summary>
public sealed class PossibleDuplicateException(IReadOnlyList<DuplicateCandidate> candidates)
    : Exception($"This person may already be recorded: {string.Join("; ", candidates.Select(c => $"{c.GivenName} {c.FamilyName} ({c.Reason})"))}")
{
    public IReadOnlyList<DuplicateCandidate> Candidates { get; } = candidates;
}

/// <summary>Families and people. Every read of a record writes an access event; every change an audit event.</summary>
public sealed class PeopleService(HearthDbContext db)
{
    public async Task<Family> CreateFamilyAsync(ActorContext actor, NewFamily input, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var v = new Validator().Require("Reference", input.Reference, "Enter the family reference").MaxLength("Reference", input.Reference, 100, "Family reference")
            .MaxLength("Patch", input.Patch, 200, "Patch");
        if (!actor.CanSeeTeam(input.TeamId))
        {
            v.Add("Team", "You can only add families to your own teams");
        }
        if (!string.IsNullOrWhiteSpace(input.Reference) && await db.Set<Family>().AnyAsync(f => f.Reference == input.Reference.Trim(), ct))
        {
            v.Add("Reference", $"A family with reference {input.Reference.Trim()} already exists");
        }
        v.ThrowIfAny();
        var family = new Family { Reference = input.Reference.Trim(), TeamId = input.TeamId, Patch = input.Patch?.Trim() };
        db.Add(family);
        await db.SaveChangesAsync(actor, ct);
        return family;
    }

    /// <summary>
    /// Adds a person to a family with a dated membership. Unless <see cref="NewPerson.NotADuplicate"/> is set, a possible
    /// duplicate (same identifier, or same date of birth and a similar name) is refused with the candidates.
    /// </summary>
    public async Task<Person> AddPersonAsync(ActorContext actor, NewPerson input, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var family = await VisibleFamilies(actor).SingleOrDefaultAsync(f => f.Id == input.FamilyId, ct)
            ?? throw new AccessDeniedException("That family does not exist or is not in your teams.");
        var today = db.Today();
        var v = new Validator();
        var person = new Person { FamilyId = family.Id, GivenName = "", FamilyName = "" };
        PersonRules.Apply(person, input.Details, today, v);
        if (input.MemberFrom is { } from && from > today)
        {
            v.Add("MemberFrom", "The date the person joined the household must be today or in the past");
        }
        v.ThrowIfAny();
        if (!input.NotADuplicate)
        {
            var candidates = await FindDuplicatesAsync(actor, input, null, ct);
            if (candidates.Count > 0)
            {
                throw new PossibleDuplicateException(candidates);
            }
        }
        db.Add(person);
        db.Add(new FamilyMembership { FamilyId = family.Id, PersonId = person.Id, Relationship = input.Relationship, From = input.MemberFrom ?? today });
        await db.SaveChangesAsync(actor, ct);
        return person;
    }

    /// <summary>
    /// Records that may be the same person: one of the identifiers is the same, or the date of birth is the same and the
    /// names match allowing for a spelling difference or given and family names swapped. Searches the actor's scope.
    /// </summary>
    public async Task<IReadOnlyList<DuplicateCandidate>> FindDuplicatesAsync(ActorContext actor, NewPerson input, Guid? except, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var upn = PersonRules.Blank(input.Upn)?.ToUpperInvariant();
        var nhs = Identifiers.NormaliseNhsNumber(PersonRules.Blank(input.NhsNumber));
        var childId = PersonRules.Blank(input.CouncilChildId);
        var dob = input.DateOfBirth ?? input.ExpectedDateOfBirth;
        var visible = VisibleFamilies(actor).Select(f => f.Id);
        var rows = await db.Set<Person>().AsNoTracking()
            .Where(p => p.MergedIntoId == null && p.FamilyId != null && visible.Contains(p.FamilyId.Value) && p.Id != except)
            .Where(p => (upn != null && (p.Upn == upn || p.FormerUpn == upn))
                || (nhs != null && p.NhsNumber == nhs)
                || (childId != null && p.CouncilChildId == childId)
                || (dob != null && (p.DateOfBirth == dob || p.ExpectedDateOfBirth == dob)))
            .ToListAsync(ct);
        var result = new List<DuplicateCandidate>();
        foreach (var p in rows)
        {
            var reason = upn is not null && (p.Upn == upn || p.FormerUpn == upn) ? "same UPN"
                : nhs is not null && p.NhsNumber == nhs ? "same NHS number"
                : childId is not null && p.CouncilChildId == childId ? "same council child ID"
                : NameMatching.SamePerson(input.GivenName, input.FamilyName, p.GivenName, p.FamilyName) ? "same date of birth and a similar name"
                : null;
            if (reason is not null)
            {
                result.Add(new DuplicateCandidate(p.Id, p.GivenName, p.FamilyName, p.DateOfBirth, p.FamilyId, reason));
            }
        }
        return result;
    }

    /// <summary>
    /// Merges a duplicate into the record being kept: household memberships, referrals and outcome events move to the kept
    /// person, identifiers missing from it are taken from the duplicate, and the duplicate is marked merged. Audited with the reason.
    /// </summary>
    public async Task<Person> MergeAsync(ActorContext actor, Guid keepId, int keepVersion, Guid mergeId, int mergeVersion, string reason, CancellationToken ct = default)
    {
        actor.Demand(Permission.ManageCases);
        var v = new Validator().Require("Reason", reason, "Enter why the records are being merged");
        if (keepId == mergeId)
        {
            v.Add("MergeId", "Choose two different people");
        }
        v.ThrowIfAny();
        var visible = VisibleFamilies(actor).Select(f => f.Id);
        var people = await db.Set<Person>()
            .Where(p => (p.Id == keepId || p.Id == mergeId) && p.MergedIntoId == null && p.FamilyId != null && visible.Contains(p.FamilyId.Value))
            .ToListAsync(ct);
        var keep = people.SingleOrDefault(p => p.Id == keepId) ?? throw new AccessDeniedException("The person to keep does not exist or is not in your teams.");
        var merge = people.SingleOrDefault(p => p.Id == mergeId) ?? throw new AccessDeniedException("The person to merge does not exist or is not in your teams.");
        keep.Version = keepVersion;
        merge.Version = mergeVersion;

        keep.DateOfBirth ??= merge.DateOfBirth;
        keep.ExpectedDateOfBirth = keep.DateOfBirth is null ? keep.ExpectedDateOfBirth ?? merge.ExpectedDateOfBirth : null;
        keep.Upn ??= merge.Upn;
        keep.FormerUpn ??= merge.FormerUpn ?? (merge.Upn != keep.Upn ? merge.Upn : null);
        keep.NhsNumber ??= merge.NhsNumber;
        keep.CouncilChildId ??= merge.CouncilChildId;
        keep.EthnicityCode ??= merge.EthnicityCode;
        keep.FirstLanguage ??= merge.FirstLanguage;
        keep.Postcode ??= merge.Postcode;
        keep.DateOfDeath ??= merge.DateOfDeath;
        if (keep.Sex == Sex.Unknown)
        {
            keep.Sex = merge.Sex;
        }

        var keptFamilies = await db.Set<FamilyMembership>().Where(m => m.PersonId == keepId).Select(m => m.FamilyId).ToListAsync(ct);
        foreach (var m in await db.Set<FamilyMembership>().Where(m => m.PersonId == mergeId).ToListAsync(ct))
        {
            if (keptFamilies.Contains(m.FamilyId))
            {
                db.Remove(m);
            }
            else
            {
                m.PersonId = keepId;
            }
        }
        var keptReferrals = await db.Set<ReferralChild>().Where(c => c.PersonId == keepId).Select(c => c.ReferralId).ToListAsync(ct);
        foreach (var c in await db.Set<ReferralChild>().Where(c => c.PersonId == mergeId).ToListAsync(ct))
        {
            if (keptReferrals.Contains(c.ReferralId))
            {
                db.Remove(c);
            }
            else
            {
                c.PersonId = keepId;
            }
        }
        foreach (var o in await db.Set<OutcomeEvent>().Where(o => o.PersonId == mergeId).ToListAsync(ct))
        {
            o.PersonId = keepId;
        }
        await MoveRecordsAsync(mergeId, keepId, merge.FamilyId!.Value, ct);
        merge.MergedIntoId = keepId;
        merge.FamilyId = null;
        var audited = actor.WithReason($"merge: {reason.Trim()}");
        await using var tx = await UnitOfWork.BeginAsync(db, ct);
        await db.SaveChangesAsync(audited, ct);
        await ReReferrals.RecomputeAsync(db, [keepId], ct);
        await db.SaveChangesAsync(audited, ct);
        await tx.CommitAsync(ct);
        return keep;
    }

    /// <summary>Opens a person's record: checks scope and writes the access event before returning it.</summary>
    /// <summary>
    /// Everything else recorded about the duplicate (forms, goals, sessions, statutory records, evidence) follows the
    /// person kept, so nothing about the child is stranded on a record nobody can open. Where both records hold the
    /// one-per-child record of the same assessment or referral, the merge is refused: a worker must choose which is right.
    /// </summary>
    private async Task MoveRecordsAsync(Guid mergeId, Guid keepId, Guid mergeFamilyId, CancellationToken ct)
    {
        var v = new Validator();
        var keptAssessments = await db.Set<AssessmentMember>().Where(m => m.PersonId == keepId).Select(m => m.AssessmentId).ToListAsync(ct);
        foreach (var m in await db.Set<AssessmentMember>().Where(m => m.PersonId == mergeId).ToListAsync(ct))
        {
            if (keptAssessments.Contains(m.AssessmentId))
            {
                v.Add("MergeId", "Both records have answers in the same assessment; correct the assessment before merging");
            }
            m.PersonId = keepId;
        }
        var keptCin = await db.Set<ChildInNeedRecord>().Where(r => r.PersonId == keepId).Select(r => r.ReferralId).ToListAsync(ct);
        foreach (var r in await db.Set<ChildInNeedRecord>().Where(r => r.PersonId == mergeId).ToListAsync(ct))
        {
            if (keptCin.Contains(r.ReferralId))
            {
                v.Add("MergeId", "Both records have statutory records for the same referral; correct them before merging");
            }
            r.PersonId = keepId;
        }
        v.ThrowIfAny();
        foreach (var x in await db.Set<CinPlanPeriod>().Where(x => x.PersonId == mergeId).ToListAsync(ct)) { x.PersonId = keepId; }
        foreach (var x in await db.Set<Section47Enquiry>().Where(x => x.PersonId == mergeId).ToListAsync(ct)) { x.PersonId = keepId; }
        foreach (var x in await db.Set<ProtectionPlan>().Where(x => x.PersonId == mergeId).ToListAsync(ct)) { x.PersonId = keepId; }
        foreach (var x in await db.Set<MeasureAdministration>().Where(x => x.PersonId == mergeId).ToListAsync(ct)) { x.PersonId = keepId; }
        foreach (var x in await db.Set<PlanAgreement>().Where(x => x.PersonId == mergeId).ToListAsync(ct)) { x.PersonId = keepId; }
        foreach (var x in await db.Set<Goal>().Where(x => x.PersonId == mergeId).ToListAsync(ct)) { x.PersonId = keepId; }
        foreach (var x in await db.Set<ServiceReferral>().Where(x => x.PersonId == mergeId).ToListAsync(ct)) { x.PersonId = keepId; }
        foreach (var x in await db.Set<EvidenceSubject>().Where(x => x.PersonId == mergeId).ToListAsync(ct)) { x.PersonId = keepId; }
        // Two address histories cannot be interleaved without a worker: the duplicate's moves over only when the kept record has none.
        if (!await db.Set<PersonAddress>().AnyAsync(a => a.PersonId == keepId, ct))
        {
            foreach (var x in await db.Set<PersonAddress>().Where(x => x.PersonId == mergeId).ToListAsync(ct)) { x.PersonId = keepId; }
        }
        // Session participants are a list per session: only the duplicate's family's episodes can name them.
        var episodes = db.Set<Episode>().Where(e => e.FamilyId == mergeFamilyId).Select(e => e.Id);
        foreach (var session in await db.Set<Session>().Where(x => episodes.Contains(x.EpisodeId)).ToListAsync(ct))
        {
            if (session.PersonIds.Contains(mergeId))
            {
                session.PersonIds = session.PersonIds.Select(id => id == mergeId ? keepId : id).Distinct().ToList();
            }
        }
    }

    public async Task<Person> ReadPersonAsync(ActorContext actor, Guid personId, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var visible = VisibleFamilies(actor).Select(f => f.Id);
        var person = await db.Set<Person>().AsNoTracking()
            .Where(p => p.Id == personId && p.FamilyId != null && visible.Contains(p.FamilyId.Value))
            .SingleOrDefaultAsync(ct) ?? throw new AccessDeniedException("That person does not exist or is not in your teams.");
        await db.RecordReadAsync(actor, nameof(Person), person.Id, ct);
        return person;
    }

    /// <summary>Families the actor may see: their teams' families, or all for council-wide roles.</summary>
    public IQueryable<Family> VisibleFamilies(ActorContext actor) => db.Set<Family>().InScope(actor);
}
