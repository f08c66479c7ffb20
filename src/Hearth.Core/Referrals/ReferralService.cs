using System.Text.Json;
using Hearth.Core.Data;
using Hearth.Core.Episodes;
using Hearth.Core.Organisation;
using Hearth.Core.People;
using Hearth.Core.Programmes;
using Hearth.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Referrals;

public sealed record NewReferral(
    Guid TeamId,
    Guid FamilyId,
    IReadOnlyList<Guid> ChildIds,
    DateOnly ReceivedOn,
    TimeOnly? ReceivedAt,
    ReferralChannel Channel,
    string Source,
    string? ReferrerAgency,
    string? ReferrerName,
    string? ReferrerContact,
    IReadOnlyList<string> PresentingNeeds,
    bool ConsentToShare,
    SharingBasis SharingBasis,
    IReadOnlyDictionary<string, bool>? EligibilityAnswers = null,
    string? Reference = null);

/// <summary>The sections of a referral, one question page each, that <see cref="ReferralService.CheckSectionAsync(ActorContext, ReferralSection, NewReferral, CancellationToken)"/> checks on their own.</summary>
public enum ReferralSection
{
    /// <summary>The family and the children the referral concerns.</summary>
    Children,
    /// <summary>When and how it arrived, its source, the referrer and its reference.</summary>
    Details,
    /// <summary>Presenting needs and the programme's eligibility questions.</summary>
    Needs,
    /// <summary>Consent to share and the lawful basis for sharing.</summary>
    Consent,
}

/// <summary>A member of the family, as a choice on the referral's children page.</summary>
public sealed record IntakeMember(Guid PersonId, string GivenName, string FamilyName, DateOnly? DateOfBirth, Relationship Relationship);

/// <summary>What the referral question pages need of the family: its reference, team, members and the programme the referral is checked against.</summary>
public sealed record ReferralIntake(Guid FamilyId, string FamilyReference, Guid TeamId, IReadOnlyList<IntakeMember> Members, ProgrammeDefinition? Programme);

public sealed record EarlierReferral(Guid ReferralId, string? Reference, DateOnly ReceivedOn, ReferralStatus Status);

/// <summary>A child a referral concerns, by name.</summary>
public sealed record ReferredChild(Guid PersonId, string GivenName, string FamilyName, DateOnly? DateOfBirth)
{
    public string Name => $"{GivenName} {FamilyName}";
}

/// <summary>
/// What a manager needs to triage a referral: the referral, the children it concerns, the earlier referrals of those
/// children to the service, the programme version it was received under (its needs and eligibility questions) and
/// the eligibility answers given, by question key.
/// </summary>
public sealed record ReferralFacts(Referral Referral, IReadOnlyList<ReferredChild> Children, IReadOnlyList<EarlierReferral> Earlier, ProgrammeDefinition? Programme,
    IReadOnlyDictionary<string, bool> EligibilityAnswers);

/// <summary>The referral itself: the intake journey's question pages and their checks, the save, and reading a referral and its earlier ones.</summary>
public sealed class ReferralService(HearthDbContext db, ProgrammeService programmes)
{
    /// <summary>
    /// Starts adding a referral for a family: what the question pages need (the family's reference and team, its members
    /// as choices, the programme in effect today, as no date received is known yet), read in a few small queries rather than the whole family record, and
    /// one "read family" audit event for the whole journey. The pages that follow call <see cref="ResumeIntakeAsync"/>.
    /// </summary>
    public async Task<ReferralIntake> StartIntakeAsync(ActorContext actor, Guid familyId, CancellationToken ct = default)
    {
        var intake = await ResumeIntakeAsync(actor, familyId, ct: ct);
        await db.RecordReadAsync(actor, nameof(Family), familyId, ct);
        return intake;
    }

    /// <summary>
    /// The same as <see cref="StartIntakeAsync"/> for the later pages of a journey already started (and audited) by it:
    /// the same scope checks, no further audit event. Once the draft has its date received, the programme is the one
    /// in effect on that date, the version the save checks the needs against (see <see cref="ProgrammeOnAsync"/>).
    /// </summary>
    public async Task<ReferralIntake> ResumeIntakeAsync(ActorContext actor, Guid familyId, DateOnly? receivedOn = null, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var family = await db.Set<Family>().AsNoTracking().InScope(actor).Where(f => f.Id == familyId)
            .Select(f => new { f.Id, f.Reference, f.TeamId }).SingleOrDefaultAsync(ct)
            ?? throw new AccessDeniedException("That family does not exist or is not in your teams.");
        var members = await db.Set<FamilyMembership>().AsNoTracking()
            .Where(m => m.FamilyId == familyId && m.Person!.MergedIntoId == null)
            .OrderBy(m => m.Person!.DateOfBirth).ThenBy(m => m.Person!.GivenName)
            .Select(m => new IntakeMember(m.PersonId, m.Person!.GivenName, m.Person.FamilyName, m.Person.DateOfBirth, m.Relationship))
            .ToListAsync(ct);
        var code = await ProgrammeCodeAsync(family.TeamId, ct);
        var programme = await ProgrammeOnAsync(code, receivedOn ?? db.Today(), ct);
        return new ReferralIntake(family.Id, family.Reference, family.TeamId, members, programme?.Definition);
    }

    /// <summary>
    /// The problems with one section of a referral (one question page), without saving it, reading only what that
    /// section's rules need: the rules are those <see cref="RecordAsync"/> applies, so a page and the save agree.
    /// </summary>
    public async Task<IReadOnlyList<FieldError>> CheckSectionAsync(ActorContext actor, ReferralSection section, NewReferral input, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var v = new Validator();
        var programme = section == ReferralSection.Needs ? await ProgrammeOnAsync(await ProgrammeCodeAsync(input.TeamId, ct), input.ReceivedOn, ct) : null;
        await CheckSectionAsync(actor, section, input, programme?.Definition, v, ct);
        return v.Errors;
    }

    /// <summary>Every problem with a referral, without saving it: a form can show them together with its own.</summary>
    public async Task<IReadOnlyList<FieldError>> CheckAsync(ActorContext actor, NewReferral input, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        return (await ValidateAsync(actor, input, ct)).Validator.Errors;
    }

    public async Task<Referral> RecordAsync(ActorContext actor, NewReferral input, CancellationToken ct = default)
    {
        actor.Demand(Permission.RecordCasework);
        var (v, team, children, reference) = await ValidateAsync(actor, input, ct);
        v.ThrowIfAny();

        var referral = new Referral
        {
            Reference = reference,
            ServiceId = team!.ServiceId,
            TeamId = team.Id,
            FamilyId = input.FamilyId,
            ReceivedOn = input.ReceivedOn,
            ReceivedAt = input.ReceivedAt,
            Channel = input.Channel,
            Source = input.Source.Trim().ToUpperInvariant(),
            ReferrerAgency = input.ReferrerAgency?.Trim(),
            ReferrerName = input.ReferrerName?.Trim(),
            ReferrerContact = input.ReferrerContact?.Trim(),
            PresentingNeeds = input.PresentingNeeds.Distinct().ToList(),
            ConsentToShare = input.ConsentToShare,
            SharingBasis = input.SharingBasis,
            EligibilityAnswersJson = input.EligibilityAnswers is null ? null : JsonSerializer.Serialize(input.EligibilityAnswers),
            Status = ReferralStatus.Received,
        };
        db.Add(referral);
        foreach (var child in children)
        {
            db.Add(new ReferralChild { ReferralId = referral.Id, PersonId = child });
        }
        await using var tx = await UnitOfWork.BeginAsync(db, ct);
        await db.SaveChangesAsync(actor, ct);
        await ReReferrals.RecomputeAsync(db, children, ct);
        await db.SaveChangesAsync(actor, ct);
        await tx.CommitAsync(ct);
        return referral;
    }

    private async Task<(Validator Validator, Team? Team, List<Guid> Children, string? Reference)> ValidateAsync(ActorContext actor, NewReferral input, CancellationToken ct)
    {
        var v = new Validator();
        var team = await db.Set<Team>().AsNoTracking().Include(t => t.Service).SingleOrDefaultAsync(t => t.Id == input.TeamId, ct);
        if (team is null || !actor.CanSeeTeam(team.Id))
        {
            v.Add("TeamId", "Choose one of your teams");
        }
        else if (Organisation.OrganisationService.ClosedReason(team, team.Service!) is { } closed)
        {
            v.Add("TeamId", closed);
        }
        // Read once: the needs section checks against it and the save refuses a service with none.
        var programme = await ProgrammeOnAsync(team?.Service?.ProgrammeCode, input.ReceivedOn, ct);
        // Consent before needs, so that the errors read in the order the fields were always listed.
        foreach (var section in (ReferralSection[])[ReferralSection.Children, ReferralSection.Details, ReferralSection.Consent, ReferralSection.Needs])
        {
            await CheckSectionAsync(actor, section, input, programme?.Definition, v, ct);
        }
        var reference = string.IsNullOrWhiteSpace(input.Reference) ? null : input.Reference.Trim();
        if (team?.Service is { } service)
        {
            if (programme is null)
            {
                v.Add("TeamId", $"{service.Name} has no programme in effect on {input.ReceivedOn:d MMMM yyyy}");
            }
            if (reference is not null && await db.Set<Referral>().AnyAsync(r => r.ServiceId == service.Id && r.Reference == reference, ct))
            {
                v.Add("Reference", $"{service.Name} already has a referral with reference {reference}");
            }
        }
        return (v, team, input.ChildIds.Distinct().ToList(), reference);
    }

    /// <summary>
    /// The one rule for which version of a programme a referral is asked and checked against, on the question pages and
    /// at the save: the version in effect on the date received (a referral received before a change keeps the old needs).
    /// </summary>
    private async Task<ProgrammeVersion?> ProgrammeOnAsync(string? programmeCode, DateOnly receivedOn, CancellationToken ct) =>
        programmeCode is null ? null : await programmes.InEffectAsync(programmeCode, receivedOn, ct);

    private Task<string?> ProgrammeCodeAsync(Guid teamId, CancellationToken ct) =>
        db.Set<Team>().AsNoTracking().Where(t => t.Id == teamId).Select(t => t.Service!.ProgrammeCode).SingleOrDefaultAsync(ct);

    /// <summary>
    /// One section's rules, each reading only what it needs (a count, a row or two, never the family record); the
    /// needs section checks against <paramref name="programme"/>, which the caller reads (the save refuses a service
    /// with none, naming the team).
    /// </summary>
    private async Task CheckSectionAsync(ActorContext actor, ReferralSection section, NewReferral input, ProgrammeDefinition? programme, Validator v, CancellationToken ct)
    {
        switch (section)
        {
            case ReferralSection.Children:
                var inScope = await db.Set<Family>().AsNoTracking().InScope(actor).AnyAsync(f => f.Id == input.FamilyId, ct);
                if (!inScope)
                {
                    v.Add("FamilyId", "Choose a family in your teams");
                }
                var children = input.ChildIds.Distinct().ToList();
                if (children.Count == 0)
                {
                    v.Add("ChildIds", "Choose the children the referral concerns");
                }
                else if (inScope)
                {
                    var members = await db.Set<Person>().Where(p => children.Contains(p.Id) && p.MergedIntoId == null
                        && (p.FamilyId == input.FamilyId || db.Set<FamilyMembership>().Any(m => m.PersonId == p.Id && m.FamilyId == input.FamilyId))).CountAsync(ct);
                    if (members != children.Count)
                    {
                        v.Add("ChildIds", "Every child must be a member of the family");
                    }
                }
                break;
            case ReferralSection.Details:
                if (input.ReceivedOn > db.Today())
                {
                    v.Add("ReceivedOn", "The date received must be today or in the past");
                }
                if (!ReferralSources.IsValid(input.Source))
                {
                    v.Add("Source", "Choose the referral source (a DfE code from 1A to 10)");
                }
                v.MaxLength("ReferrerAgency", input.ReferrerAgency, 200, "Referrer's agency")
                    .MaxLength("ReferrerName", input.ReferrerName, 200, "Referrer's name")
                    .MaxLength("ReferrerContact", input.ReferrerContact, 200, "Referrer's contact details")
                    .MaxLength("Reference", input.Reference, 100, "Referral reference");
                break;
            case ReferralSection.Needs:
                if (programme is { } definition)
                {
                    foreach (var need in input.PresentingNeeds.Where(n => definition.PresentingNeeds.All(p => p.Key != n)))
                    {
                        v.Add("PresentingNeeds", $"\"{need}\" is not one of the programme's presenting needs");
                    }
                    var answers = input.EligibilityAnswers ?? new Dictionary<string, bool>();
                    foreach (var q in definition.Eligibility.Where(q => !answers.ContainsKey(q.Key)))
                    {
                        v.Add($"Eligibility.{q.Key}", $"Answer: {q.Question}");
                    }
                }
                break;
            case ReferralSection.Consent:
                if (!input.ConsentToShare && input.SharingBasis == SharingBasis.Consent)
                {
                    v.Add("SharingBasis", "Without consent to share, choose the lawful basis for sharing");
                }
                break;
        }
    }

    /// <summary>One referral of the actor's teams, with the children it concerns, for the triage and confirmation pages.</summary>
    public async Task<Referral> ReadAsync(ActorContext actor, Guid referralId, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var referral = await db.Set<Referral>().AsNoTracking().InScope(actor).Include(r => r.Children)
            .SingleOrDefaultAsync(r => r.Id == referralId, ct) ?? throw NotFound();
        await db.RecordReadAsync(actor, nameof(Referral), referral.Id, ct);
        return referral;
    }

    /// <summary>The referral with the facts triage needs (see <see cref="ReferralFacts"/>); the read is written to the audit trail.</summary>
    public async Task<ReferralFacts> FactsAsync(ActorContext actor, Guid referralId, CancellationToken ct = default)
    {
        var referral = await ReadAsync(actor, referralId, ct);
        var childIds = referral.Children.Select(c => c.PersonId).ToList();
        var children = await db.Set<Person>().AsNoTracking().Where(p => childIds.Contains(p.Id))
            .OrderBy(p => p.DateOfBirth).ThenBy(p => p.GivenName)
            .Select(p => new ReferredChild(p.Id, p.GivenName, p.FamilyName, p.DateOfBirth)).ToListAsync(ct);
        var earlier = referral.IsReReferral ? await EarlierReferralsAsync(actor, referralId, ct) : [];
        var programme = await ProgrammeOnAsync(await ProgrammeCodeAsync(referral.TeamId, ct), referral.ReceivedOn, ct);
        var answers = referral.EligibilityAnswersJson is null ? new Dictionary<string, bool>() : JsonSerializer.Deserialize<Dictionary<string, bool>>(referral.EligibilityAnswersJson) ?? [];
        await db.RecordReadAsync(actor, nameof(Referral), referral.Id, ct);
        return new ReferralFacts(referral, children, earlier, programme?.Definition, answers);
    }

    /// <summary>Earlier referrals of the same children to the same service within the re-referral window.</summary>
    public async Task<IReadOnlyList<EarlierReferral>> EarlierReferralsAsync(ActorContext actor, Guid referralId, CancellationToken ct = default)
    {
        actor.Demand(Permission.ViewFamilies);
        var referral = await db.Set<Referral>().AsNoTracking().InScope(actor).SingleOrDefaultAsync(r => r.Id == referralId, ct) ?? throw NotFound();
        var from = ReReferralRule.WindowStart(referral.ReceivedOn);
        var children = db.Set<ReferralChild>().Where(c => c.ReferralId == referralId).Select(c => c.PersonId);
        return await db.Set<Referral>().AsNoTracking().InScope(actor)
            .Where(r => r.ServiceId == referral.ServiceId && r.Id != referral.Id && r.ReceivedOn >= from && r.ReceivedOn < referral.ReceivedOn
                && db.Set<ReferralChild>().Any(c => c.ReferralId == r.Id && children.Contains(c.PersonId)))
            .OrderByDescending(r => r.ReceivedOn)
            .Select(r => new EarlierReferral(r.Id, r.Reference, r.ReceivedOn, r.Status))
            .ToListAsync(ct);
    }

    internal static AccessDeniedException NotFound() => new("That referral does not exist or is not in your teams.");
}
